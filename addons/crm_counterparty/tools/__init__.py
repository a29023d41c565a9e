from . import text_checks
