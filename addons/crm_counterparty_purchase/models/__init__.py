from . import crm_supply_discount
from . import purchase_order
from . import purchase_order_line
from . import res_partner
