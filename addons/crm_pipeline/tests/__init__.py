from . import test_conversion
from . import test_stage_workflow
from . import test_followup
from . import test_assignment
from . import test_relationship_stage
from . import test_pipeline_tab
from . import test_access
from . import test_tour
