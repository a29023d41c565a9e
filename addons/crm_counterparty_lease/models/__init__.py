from . import crm_lease
from . import crm_lease_schedule
from . import crm_lease_invoice
from . import crm_lease_billing_job
from . import account_move
from . import mail_activity
