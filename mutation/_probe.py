"""The baseline run: the module's tests on the unmutated copy, in one ordinary process.

    python mutation/_probe.py NAMES_FILE -- PYTEST_ARGS ...

Exits with pytest's status (a mutation run is meaningless unless the baseline passes) and writes
to NAMES_FILE the modules it imported from outside the working copy (pytest, its plugins,
Hypothesis, the package's dependencies): what the fork server imports once (mutation/_server.py).
Being an ordinary run, it also leaves the working copy's bytecode cache warm for the mutants'
runs (which write none: a mutant's module is recompiled, the others are read from the cache).
"""

import sys
from pathlib import Path


def _outside(work: Path) -> list[str]:
    names = []
    for name, module in list(sys.modules.items()):
        if name == "__main__" or name.startswith(("nmgpolicy", "tests", "conftest", "test_")):
            continue
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve().is_relative_to(work):
            continue
        names.append(name)
    return sorted(names)


def main(argv: list[str]) -> int:
    names_file, pytest_args = Path(argv[0]), argv[argv.index("--") + 1 :]
    work = Path.cwd().resolve()
    sys.path[0] = str(work)  # as ``python -m pytest`` run in the working copy
    import pytest

    code = int(pytest.main(pytest_args))
    names_file.write_text("\n".join(_outside(work)) + "\n", encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
