from . import test_client_cards
