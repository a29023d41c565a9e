from . import crm_customs_declaration
from . import stock_picking
