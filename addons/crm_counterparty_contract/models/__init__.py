from . import crm_contract
from . import crm_contract_state
from . import crm_contract_renewal
from . import crm_contract_orders
from . import crm_contract_order_mixin
from . import sale_order
from . import purchase_order
