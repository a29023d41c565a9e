from . import test_on_time_rate
