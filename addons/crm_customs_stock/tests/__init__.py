from . import test_transfers
