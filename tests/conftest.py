"""Shared test configuration: hypothesis profiles.

`HYPOTHESIS_PROFILE=ci` (set by `.ci/run`) uses fixed, derandomized examples so CI is reproducible;
`dev` (default) is the same size but random.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
