"""cosmic-ray's test command when the fork server runs: ask it for one pytest run, exit with its
status (see mutation/_server.py). Run with ``python -S``: only the standard library is needed."""

import json
import socket
import sys


def main(argv: list[str]) -> int:
    path, pytest_args = argv[0], argv[argv.index("--") + 1 :]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(path)
        conn.sendall((json.dumps({"argv": pytest_args}) + "\n").encode("utf-8"))
        reply = json.loads(conn.makefile("rb").readline())
    sys.stdout.write(reply["output"])
    code = int(reply["code"])
    return code if 0 <= code < 256 else 124


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
