"""A pytest plugin for the mutants' runs (``-p mutation._pytest_profile``): the Hypothesis
profile ``mutation`` — derandomised, no example database, no deadline — so that a mutant is
judged the same way on every run and whatever ran before it, and property tests stay quick
(see docs/mutation.md). Loaded with ``--hypothesis-profile=mutation``, which applies after the
tests' own conftest has chosen its profile."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=25,
    suppress_health_check=list(HealthCheck),
)
