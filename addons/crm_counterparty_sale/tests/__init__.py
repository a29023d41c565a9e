from . import test_documents
from . import test_migration
from . import test_ranks
from . import test_tour_shape
