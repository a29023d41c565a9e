from . import crm_client_card_issue
