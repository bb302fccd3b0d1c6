#!/usr/bin/env python3
"""Start to first frame: start the real binary in an 80x24 pty and time the end of its first
synchronized-output frame (the first ESC[?2026l), then quit it. Prints the median of N runs.

    bench/first_frame.py [--runs 20] [--binary target/release/dossier] [--until TEXT] [PATHS...]

`--until TEXT` times the first frame that contains TEXT instead (e.g. the first title, to see
when the list starts to fill).

No PATHS: the built-in seeds. Saved state goes to a throwaway XDG_STATE_HOME, so every run
starts the same way. The goal (#6): <= 100 ms on /tmp/dossier-corpus/10000 warm, seeds <= 30 ms.
"""

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

FRAME_END = b"\x1b[?2026l"


def one_run(argv, env, until=None, timeout=30.0):
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    elapsed = None
    deadline = started + timeout
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        end = seen.rfind(FRAME_END)
        if end >= 0 and (until is None or until in seen[:end]):
            elapsed = time.perf_counter() - started
            break
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    # Drain until the child exits (a bounded wait), then reap it.
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--binary", default="target/release/dossier")
    parser.add_argument("--until", help="time the first frame showing this text")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update(
            TERM="xterm-256color",
            XDG_STATE_HOME=os.path.join(home, "state"),
            XDG_CONFIG_HOME=os.path.join(home, "config"),
        )
        env.pop("NO_COLOR", None)
        argv = [binary] + args.paths
        until = args.until.encode() if args.until else None
        one_run(argv, env, until)  # warm the page cache and the binary
        times = []
        for _ in range(args.runs):
            t = one_run(argv, env, until)
            if t is None:
                print("no frame within the timeout", file=sys.stderr)
                return 1
            times.append(t * 1000)
    times.sort()
    label = " ".join(args.paths) or "seeds"
    if until:
        label += f" (until {args.until!r})"
    print(
        f"{label}: first frame median {statistics.median(times):.1f} ms"
        f"  min {times[0]:.1f}  max {times[-1]:.1f}  runs {len(times)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
