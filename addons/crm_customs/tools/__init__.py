from . import hs_code
from . import mrn
