#!/usr/bin/env python3
"""Is the checker ever silent? Runs a command, stamps each write of its output (stdout and
stderr together) and prints the time to the first write and the longest silence between two.
`--pty` runs it in a pseudo-terminal (what a learner's terminal sees: spinners), `--ci` through
a pipe with CI=true (plain lines). On a fresh clone:

    python3 bench/silences.py --pty cargo checker check
    python3 bench/silences.py --ci cargo checker check
"""
import os, pty, subprocess, sys, time, select
use_pty = sys.argv[1] == "--pty"
cmd = sys.argv[2:]
start = time.monotonic(); stamps = []
if use_pty:
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    buf = b""
    while True:
        try:
            r, _, _ = select.select([fd], [], [], 1)
            if r:
                data = os.read(fd, 4096)
                if not data: break
                stamps.append((time.monotonic() - start, data[:60]))
        except OSError:
            break
    os.waitpid(pid, 0)
else:
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=dict(os.environ, CI="true"))
    for line in p.stdout:
        stamps.append((time.monotonic() - start, line[:60]))
    p.wait()
first = stamps[0][0] if stamps else None
gaps = [b[0] - a[0] for a, b in zip(stamps, stamps[1:])]
i = max(range(len(gaps)), key=lambda k: gaps[k]) if gaps else None
print(f"first output after {first:.2f} s; {len(stamps)} writes; longest silence {gaps[i]:.2f} s before {stamps[i+1][1]!r}; total {stamps[-1][0]:.1f} s")
