from . import test_warehouse_operations
