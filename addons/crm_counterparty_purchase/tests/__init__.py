from . import test_documents
from . import test_migration
from . import test_ranks
from . import test_supplier_deletion
from . import test_supply_discount
from . import test_tour_shape
