from . import test_client_cards
from . import test_migration
