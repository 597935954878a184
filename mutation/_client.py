"""cosmic-ray's test command when the fork server runs: ask it for the pytest runs of one mutant,
exit with their status (see mutation/_server.py). Run with ``python -S``: only the standard
library is needed.

    python -S mutation/_client.py SOCKET -- ARGS ... [--then ARGS ...]

Each ``--then`` starts another stage: a pytest run made only when the ones before it passed (the
quick tests first; the slow ones need not even be collected for a mutant they kill)."""

import json
import socket
import sys


def main(argv: list[str]) -> int:
    path, rest = argv[0], argv[argv.index("--") + 1 :]
    stages: list[list[str]] = [[]]
    for arg in rest:
        if arg == "--then":
            stages.append([])
        else:
            stages[-1].append(arg)
    request = {"argv": stages[0], "stages": stages}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(path)
        conn.sendall((json.dumps(request) + "\n").encode("utf-8"))
        reply = json.loads(conn.makefile("rb").readline())
    sys.stdout.write(reply["output"])
    code = int(reply["code"])
    return code if 0 <= code < 256 else 124


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
