from . import test_tree
from . import test_refusals
from . import test_consolidated
from . import test_credit_limit
from . import test_security
from . import test_tour
from . import test_document_holding
from . import test_hostile_input
