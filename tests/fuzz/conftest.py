"""Shared set-up of the bad-input tests; what they check and how each
example starts from a known state is told in tests/fuzz/helpers.py."""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from tests.measures.conftest import approved_plan  # noqa: F401  (a fixture)

# Hypothesis keeps caches (constants it read from the code) in its home
# directory, by default .hypothesis/ in the working directory: not in the repo.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "ita-portal-hypothesis")

settings.register_profile(
    "fuzz",
    database=None,
    deadline=None,
    # The same examples on every run, so that CI passes or fails on the code
    # and not on luck; FUZZ_RANDOM=1 explores new ones (do so after changing a
    # form, and keep what it finds as an @example).
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    print_blob=True,
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
