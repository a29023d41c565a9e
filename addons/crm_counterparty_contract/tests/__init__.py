from . import test_contract
from . import test_migration
from . import test_dossier
from . import test_trust
