"""Hypothesis explores new examples on every local run; in CI (CI=true) it is derandomized,
so a run that passed once passes again and a red CI always means a change broke something."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
