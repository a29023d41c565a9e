from . import test_dossier
from . import test_duplicates
from . import test_identifiers
from . import test_kinds
from . import test_lease
from . import test_personal_documents
from . import test_security
from . import test_tour
