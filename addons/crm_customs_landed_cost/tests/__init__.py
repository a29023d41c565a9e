from . import test_landed_cost
from . import test_tour
