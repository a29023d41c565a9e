from . import test_lease
from . import test_hostile_input
from . import test_migration
from . import test_dossier
from . import test_lease_rights
