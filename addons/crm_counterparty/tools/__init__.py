from . import text_checks
from . import trusted_context
