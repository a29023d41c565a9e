from . import crm_customs_declaration
from . import crm_customs_declaration_line
from . import stock_landed_cost
from . import stock_landed_cost_lines
