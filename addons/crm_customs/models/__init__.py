from . import product_template
from . import crm_customs_declaration
from . import crm_customs_declaration_line
from . import account_move
from . import crm_customs_order_mixin
from . import purchase_order
from . import sale_order
from . import crm_customs_declaration_dossier
