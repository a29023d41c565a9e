from . import mrn
