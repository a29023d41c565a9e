from . import crm_counterparty_log_call
from . import crm_client_card_issue
