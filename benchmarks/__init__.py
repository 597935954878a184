"""Benchmarks of nmgpolicy against its peers (GoRules ZEN, OpenFisca-Core) and a plain-Python
floor. Run ``python -m benchmarks`` (see ``docs/benchmarks.md``)."""
