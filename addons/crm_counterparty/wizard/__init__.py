from . import crm_counterparty_log_call
