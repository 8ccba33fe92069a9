"""Run a command; print its wall time and the CPU time of it and of every process it started.

    python scripts/cputime.py make test

``/usr/bin/time`` misses Chromium: Playwright's driver does not wait for the browser's processes, so they
are reparented and their CPU time is never added to the command's. This script makes itself the "child
subreaper" (Linux prctl), so those orphans are reparented to it and reaped here, and their time counts.
Prints one line to stderr and exits with the command's exit code. Measures; never passes or fails on time.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main(command: list[str]) -> int:
    if not command:
        print("Pemakaian: python scripts/cputime.py PERINTAH [ARGUMEN...]", file=sys.stderr)
        return 2
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    started = time.monotonic()
    code = subprocess.call(command)
    while True:  # the orphans (Chromium's processes) that ended or still end after the command
        try:
            os.wait()
        except ChildProcessError:
            break
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"waktu: {time.monotonic() - started:.1f} s dinding, CPU {usage.ru_utime + usage.ru_stime:.1f} s "
        f"(user {usage.ru_utime:.1f} s, sys {usage.ru_stime:.1f} s), kode keluar {code}",
        file=sys.stderr,
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
