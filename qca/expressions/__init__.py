from .values import *  # noqa: F401,F403
from .values import _all_configs, _minimal_sop, _truth, _universe  # noqa: F401
