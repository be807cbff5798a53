"""Project-level pytest configuration for the plugin's own test suite."""

import os

# Hypothesis: deterministic, bounded examples in CI (the suite must stay well under 10 minutes).
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
