"""A fork server for the mutants' test runs: pytest and the libraries imported once, a fork a run.

Starting ``python -m pytest`` costs seconds here (pytest, its plugins and Hypothesis are imported
before the first test), several times what a module's own tests take. The server imports them
once — every module the baseline run imported from outside the working copy, never the package
under test nor the tests — and forks a fresh child per stage of a request; the child runs
``pytest.main`` on the stage's arguments, imports ``nmgpolicy`` and the tests from disk (so it
sees the mutant cosmic-ray has just written) and exits with pytest's status. The stages run in
order until one fails (the module's quick tests first). A child that outlives the timeout (for
the whole request) or whose client went away (cosmic-ray's own timeout kills the client) is
killed.

    python mutation/_server.py SOCKET TIMEOUT MODULES_FILE    # started by mutation/__main__.py
    python -S mutation/_client.py SOCKET -- PYTEST_ARGS ...   # cosmic-ray's test command

One request at a time (cosmic-ray's local distributor is sequential). The reply is one JSON line:
the exit status and the tail of the run's output.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import socket
import sys
import time
from pathlib import Path

TAIL = 20_000  # characters of a run's output sent back (cosmic-ray stores it per mutant)
NO_TESTS = 5  # pytest's status when it collected no test


def _preimport(names_file: Path) -> None:
    for name in names_file.read_text(encoding="utf-8").split():
        try:
            importlib.import_module(name)
        except Exception:  # one that cannot be imported alone is imported by the run
            continue
    leaked = [n for n in sys.modules if n == "nmgpolicy" or n.startswith(("nmgpolicy.", "tests"))]
    if leaked:
        raise SystemExit(f"the server must not import the code under test: {leaked[:5]}")


def _child(argv: list[str], output: Path) -> None:
    """In the forked child: run pytest with its output in ``output``; never return."""
    code = 3
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        sys.dont_write_bytecode = True  # as cosmic-ray's own runs: a mutant never leaves a .pyc
        import pytest

        code = int(pytest.main(argv))
    except BaseException as error:  # the status is all the parent reads
        print(f"mutation server child: {error!r}", file=sys.stderr)
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _wait(pid: int, conn: socket.socket, timeout: float) -> int:
    """The child's exit status; killed (and -9 returned) on timeout or when the client is gone."""
    pidfd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([pidfd, conn.fileno()], [], [], timeout)
        if pidfd not in ready:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(pidfd)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    return -9


def _run_stage(
    argv: list[str], listener: socket.socket, conn: socket.socket, deadline: float, output: Path
) -> tuple[int, str]:
    """One pytest run in a fresh fork: its status and output."""
    pid = os.fork()
    if pid == 0:
        listener.close()
        conn.close()
        _child(argv, output)
    code = _wait(pid, conn, max(0.0, deadline - time.monotonic()))
    text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
    return code, text


def _serve_one(listener: socket.socket, timeout: float, output: Path) -> None:
    conn, _ = listener.accept()
    with conn:
        request = json.loads(conn.makefile("rb").readline())
        deadline = time.monotonic() + timeout
        code, texts = 0, []
        stages = request.get("stages") or [request["argv"]]
        for number, argv in enumerate(stages, start=1):
            code, text = _run_stage(argv, listener, conn, deadline, output)
            texts.append(text)
            if code == NO_TESTS and number < len(stages):
                code = 0  # a stage with no tests yet (a placeholder file) passes to the next
            if code != 0:
                break  # the mutant is killed: the later stages need not run
        reply = json.dumps({"code": code, "output": "".join(texts)[-TAIL:]}) + "\n"
        with contextlib.suppress(OSError):  # the client was killed: nobody to tell
            conn.sendall(reply.encode("utf-8"))


def main(argv: list[str]) -> int:
    path, timeout, names = argv[0], float(argv[1]), Path(argv[2])
    work = Path.cwd()
    sys.path[0] = str(work)  # as ``python -m pytest`` run in the working copy
    _preimport(names)
    output = work / ".mutation-run.out"
    Path(path).unlink(missing_ok=True)  # left by an earlier run in a kept working copy
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(4)
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        _serve_one(listener, timeout, output)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
