#!/usr/bin/env python3
"""Oxidize Python, chapter 5: what each bridge costs per call, and the speed-up over pure Python.

Run it from the repository root with the course's virtual environment (it has grpcio and
maturin, which the checker installed):

    .venv/bin/python bench/run.py            # Windows: .venv\\Scripts\\python bench\\run.py
    .venv/bin/python bench/run.py --quick    # fewer repetitions, a smaller text: a first look

What it does:

1. Copies the repository to a temporary directory (without target/, .venv/ and .git/) and lays
   the reference solutions (solutions/NN-*/) over the exercises there. Your own work in
   exercises/ is neither used nor touched.
2. Builds in release mode: `cargo build --release` for the command-line, C-ABI and gRPC crates
   (CARGO_TARGET_DIR=target/bench) and `maturin build --release` for the PyO3 crates
   (CARGO_TARGET_DIR=target/bench-maturin). It unpacks those wheels into the temporary directory
   and imports them from there: nothing is installed into .venv. One debug build of word-tools
   shows what timing a debug build would have told you.
3. Times each bridge with `timeit` (a warm-up, then many repetitions; the median and the fastest
   repetition per call) and prints Markdown tables, and the machine they were taken on.

It is a script, not a test: it checks that every bridge gives the same answer as pure Python
before timing it, and never asserts anything about how fast anything is. The gRPC server it
starts binds 127.0.0.1 only, on a port the system picks, and is always stopped.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime
import json
import math
import os
import platform
import queue
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import timeit
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CARGO_TARGET = REPO / "target" / "bench"
MATURIN_TARGET = REPO / "target" / "bench-maturin"

# The crates built with `cargo build --release` and the PyO3 crates built with maturin.
CARGO_PACKAGES = ["first-word", "word-tally", "ffi-numbers", "ffi-strings", "ffi-stats", "grpc-unary"]
PYO3_CRATES = {"word_tools": "12-word-tools", "running_stats": "13-running-stats", "durations": "15-durations"}
SKIP_WHEN_COPYING = {"target", ".venv", ".git", "__pycache__", ".pytest_cache", ".oxidize"}

EXE = ".exe" if os.name == "nt" else ""


def shared_library(name: str) -> str:
    """The file name cargo gives a cdylib called `name` on this platform."""
    if sys.platform == "win32":
        return f"{name}.dll"
    if sys.platform == "darwin":
        return f"lib{name}.dylib"
    return f"lib{name}.so"


def progress(message: str) -> None:
    """Progress goes to stderr, so that stdout holds only the Markdown report."""
    print(message, file=sys.stderr, flush=True)


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Timing:
    """Seconds per call: the median and the fastest of `repeat` runs of `number` calls each."""

    median: float
    best: float
    number: int
    repeat: int


class Bench:
    """Times statements with timeit and keeps every result for the appendix."""

    def __init__(self, repeat: int, run_seconds: float, budget_seconds: float):
        self.repeat = repeat  # runs per measurement; the median of these is reported
        self.run_seconds = run_seconds  # how long one run (of `number` calls) should take
        self.budget_seconds = budget_seconds  # a cap on one measurement, for slow calls
        self.results: list[tuple[str, Timing]] = []

    def time(self, label: str, stmt: str, namespace: dict) -> Timing:
        """Times `stmt` (a string, run in `namespace`) and returns seconds per execution.

        A statement string, not a lambda: timeit compiles it into its own loop, so the only
        overhead added is that loop's (a few ns), not an extra function call per execution.
        timeit also switches the garbage collector off while it times.
        """
        timer = timeit.Timer(stmt, globals=namespace)
        # Warm-up: the first call may pay for things later calls do not (resolving a symbol,
        # filling caches, opening a connection, growing a buffer). It is not counted.
        timer.timeit(1)
        # Calibration: grow `number` until one run of `number` calls takes a measurable time.
        number = 1
        elapsed = timer.timeit(number)
        while elapsed < self.run_seconds / 5:
            number *= 10 if elapsed < self.run_seconds / 50 else 2
            elapsed = timer.timeit(number)
        per_call = elapsed / number
        number = max(1, round(self.run_seconds / per_call))
        # A slow call (a second each, say) gets fewer runs, never fewer than 3.
        runs = max(3, min(self.repeat, int(self.budget_seconds / (per_call * number))))
        times = [t / number for t in timer.repeat(runs, number)]
        timing = Timing(statistics.median(times), min(times), number, runs)
        self.results.append((label, timing))
        progress(f"  {label}: {fmt(timing.median)} (median of {runs} x {number})")
        return timing


def fmt(seconds: float) -> str:
    """A duration with a sensible unit and about three significant digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            value = seconds / scale
            break
    else:
        unit, value = "ns", seconds / 1e-9
    if value >= 100:
        return f"{value:,.0f} {unit}"
    if value >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def ratio(slow: float, fast: float) -> str:
    """How many times `slow` is `fast`: "3.2×", "1,200×"."""
    r = slow / fast
    if r >= 100:
        return f"{r:,.0f}×"
    if r >= 10:
        return f"{r:.0f}×"
    return f"{r:.1f}×"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --- building -----------------------------------------------------------------------------------


def run_checked(command: list[str], *, show: str = "", **kwargs) -> subprocess.CompletedProcess:
    progress(show or "$ " + " ".join(str(part) for part in command))
    result = subprocess.run(command, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed (exit code {result.returncode}): {' '.join(map(str, command))}")
    return result


def find_maturin() -> str:
    here = Path(sys.executable).parent / f"maturin{EXE}"
    found = str(here) if here.exists() else shutil.which("maturin")
    if not found:
        sys.exit(
            "maturin not found: run this script with the course's venv (.venv/bin/python), "
            "which `cargo checker doctor` (or the first `cargo checker check`) creates"
        )
    return found


def prepare_sources(work: Path) -> Path:
    """The repository in `work/src`, with every reference solution laid over its exercise."""
    src = work / "src"
    shutil.copytree(REPO, src, ignore=lambda _dir, names: [n for n in names if n in SKIP_WHEN_COPYING])
    for solution in sorted((src / "solutions").iterdir()):
        if solution.is_dir():
            shutil.copytree(solution, src / "exercises" / solution.name, dirs_exist_ok=True)
    return src


def build(work: Path, src: Path) -> dict:
    """Builds everything the benchmark calls; returns where each piece is."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(CARGO_TARGET))
    started = time.perf_counter()
    command = ["cargo", "build", "--release", "--quiet"]
    for package in CARGO_PACKAGES:
        command += ["-p", package]
    run_checked(command, cwd=src, env=env)
    release = CARGO_TARGET / "release"

    maturin = find_maturin()
    env = dict(os.environ, CARGO_TARGET_DIR=str(MATURIN_TARGET))
    env.pop("VIRTUAL_ENV", None)  # maturin build installs nothing; keep it from looking around
    sites = {}
    for profile, crates in (("release", PYO3_CRATES), ("debug", {"word_tools": "12-word-tools"})):
        wheels, site = work / "wheels" / profile, work / f"site-{profile}"
        for crate in crates.values():
            command = [maturin, "build", "--quiet", "-m", str(src / "exercises" / crate / "Cargo.toml")]
            command += ["--interpreter", sys.executable, "--out", str(wheels)]
            command += ["--release"] if profile == "release" else []
            run_checked(command, cwd=src, env=env, stdout=subprocess.DEVNULL)
        for wheel in wheels.glob("*.whl"):
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(site)
        sites[profile] = site

    stubs = work / "stubs"
    stubs.mkdir()
    proto = src / "exercises" / "26-grpc-unary" / "proto"
    run_checked(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{proto}", f"--python_out={stubs}",
         f"--grpc_python_out={stubs}", str(proto / "wordstats.proto")]
    )
    progress(f"built in {time.perf_counter() - started:.0f} s")
    return {
        "first_word": release / f"first-word{EXE}",
        "word_tally": release / f"word-tally{EXE}",
        "ffi_numbers": release / shared_library("ffi_numbers"),
        "ffi_strings": release / shared_library("ffi_strings"),
        "ffi_stats": release / shared_library("ffi_stats"),
        "grpc_server": release / f"grpc-unary{EXE}",
        "site_release": sites["release"],
        "site_debug": sites["debug"],
        "stubs": stubs,
    }


# --- the pure-Python side of every comparison ---------------------------------------------------


def noop():
    pass


def py_gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def py_first_word(line: str) -> str:
    return line.partition(" ")[0]


def py_word_counts(text: str) -> dict[str, int]:
    """The loop a Python programmer writes first."""
    counts: dict[str, int] = {}
    for word in text.split():
        word = word.lower()
        counts[word] = counts.get(word, 0) + 1
    return counts


def py_word_counts_counter(text: str) -> Counter:
    """The idiomatic version: `str.split` and `Counter` do the loop in C."""
    return Counter(text.lower().split())


def py_tally_lines(text: str) -> str:
    """What the word-tally CLI prints: `word count`, most frequent first, then by word."""
    ranked = sorted(Counter(text.split()).items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{word} {count}\n" for word, count in ranked)


_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def py_parse_duration(text: str) -> int:
    """Seconds in a duration such as "1h30m": the same rules as durations.parse_duration."""
    text = text.strip()
    if not text:
        raise ValueError("empty duration")
    total, number = 0, None
    for c in text:
        if "0" <= c <= "9":
            number = (number or 0) * 10 + ord(c) - 48
        else:
            if number is None:
                raise ValueError(f"unit {c!r} has no number before it")
            if c not in _UNIT_SECONDS:
                raise ValueError(f"unknown unit {c!r}")
            total += number * _UNIT_SECONDS[c]
            number = None
    if number is not None:
        raise ValueError(f"number {number} has no unit after it")
    return total


class PyRunningStats:
    """running_stats.RunningStats in pure Python."""

    __slots__ = ("count", "total", "largest")

    def __init__(self):
        self.count, self.total, self.largest = 0, 0.0, None

    def push(self, value: float) -> None:
        self.count += 1
        self.total += value
        if self.largest is None or value > self.largest:
            self.largest = value


def py_wc(text: str) -> tuple[int, int, int]:
    """What the WordStats service's Count answers: lines, words, characters."""
    return len(text.splitlines()), len(text.split()), len(text)


def py_first_longer_than(words: list[str], min_len: int):
    return next((word for word in words if len(word) > min_len), None)


def make_text(size: int, seed: int = 5) -> str:
    """About `size` characters of English-like ASCII text, the same every run: words drawn
    from a 5,000-word vocabulary with a skewed (Zipf-like) frequency, some capitalised, about
    twelve words a line."""
    rng = random.Random(seed)
    letters = "etaoinshrdlucmfwypvbgkjqxz"
    vocabulary = []
    for _ in range(5000):
        length = rng.randint(1, 10)
        vocabulary.append("".join(rng.choice(letters[: rng.randint(8, 26)]) for _ in range(length)))
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    lines, total = [], 0
    while total < size:
        words = rng.choices(vocabulary, weights, k=12)
        words = [w.capitalize() if rng.random() < 0.1 else w for w in words]
        line = " ".join(words)
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def fibonacci_pair(n: int) -> tuple[int, int]:
    """F(n), F(n+1): the worst case of Euclid's algorithm, about n steps."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a, b


# --- the bridges ----------------------------------------------------------------------------------


class GrpcServer:
    """The release build of grpc-unary, on 127.0.0.1 and a port the system picks."""

    def __init__(self, exe: Path):
        self.process = subprocess.Popen(
            [str(exe), "127.0.0.1:0"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.process.stdout.readline()), daemon=True).start()
        try:
            first = lines.get(timeout=20)
        except queue.Empty:
            self.stop()
            sys.exit("the gRPC server printed no address within 20 s")
        match = re.search(r"(127\.0\.0\.1:\d+)\s*$", first or "")
        if not match:
            self.stop()
            sys.exit(f"the gRPC server's first line was {first!r}, not `listening on 127.0.0.1:PORT`")
        self.address = match.group(1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def load_ctypes(paths: dict):
    from ctypes import POINTER, Structure, c_char_p, c_double, c_size_t, c_uint64, c_void_p

    numbers = ctypes.CDLL(str(paths["ffi_numbers"]))
    numbers.oxi_gcd.argtypes = [c_uint64, c_uint64]
    numbers.oxi_gcd.restype = c_uint64

    strings = ctypes.CDLL(str(paths["ffi_strings"]))
    strings.oxi_shout.argtypes = [c_char_p]
    strings.oxi_shout.restype = c_void_p  # not c_char_p: we need the pointer back, to free it
    strings.oxi_string_free.argtypes = [c_void_p]
    strings.oxi_string_free.restype = None

    class Stats(Structure):
        _fields_ = [("count", c_uint64), ("mean", c_double), ("min", c_double), ("max", c_double)]

    # The same library loaded a second time as a PyDLL: ctypes then keeps the GIL during calls
    # (a CDLL releases it before every call and takes it back after).
    numbers_gil = ctypes.PyDLL(str(paths["ffi_numbers"]))
    numbers_gil.oxi_gcd.argtypes = [c_uint64, c_uint64]
    numbers_gil.oxi_gcd.restype = c_uint64

    stats = ctypes.CDLL(str(paths["ffi_stats"]))
    stats.oxi_stats.argtypes = [POINTER(c_double), c_size_t]
    stats.oxi_stats.restype = Stats

    def shout(text: str) -> str:
        pointer = strings.oxi_shout(text.encode())
        try:
            return ctypes.string_at(pointer).decode()
        finally:
            strings.oxi_string_free(pointer)

    return numbers, numbers_gil, shout, stats


def cli(exe: Path, text: str) -> str:
    """Bridge zero: one process, `text` on its stdin, its stdout back."""
    return subprocess.run([str(exe)], input=text, capture_output=True, text=True, check=True).stdout


# --- the report -----------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True).stdout.strip()
    maturin = subprocess.run([find_maturin(), "--version"], capture_output=True, text=True).stdout.strip()
    import grpc

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        f"- CPU: {cpu}, {cores} logical cores ({usable} usable by this process)",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"grpcio {grpc.__version__}, {maturin}",
        f"- {rustc}, release builds (debug only where the table says so)",
        f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- load average at the start (1, 5, 15 min): {load}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, a 1 MB text")
    parser.add_argument("--json", metavar="FILE", help="also write every timing to FILE as JSON")
    args = parser.parse_args()

    bench = Bench(repeat=5, run_seconds=0.01, budget_seconds=1.0) if args.quick else Bench(
        repeat=15, run_seconds=0.02, budget_seconds=2.5
    )
    text_size = 1_000_000 if args.quick else 3_000_000
    started = time.perf_counter()
    about = machine()

    with tempfile.TemporaryDirectory(prefix="oxidize-bench-") as tmp:
        work = Path(tmp)
        progress(f"copying the sources and the solutions to {work}")
        src = prepare_sources(work)
        paths = build(work, src)
        build_seconds = time.perf_counter() - started

        sys.path.insert(0, str(paths["site_release"]))
        sys.path.insert(0, str(paths["stubs"]))
        import durations
        import running_stats
        import word_tools
        import wordstats_pb2
        import wordstats_pb2_grpc

        for module in (word_tools, running_stats, durations):
            if not Path(module.__file__).is_relative_to(paths["site_release"]):
                sys.exit(f"imported {module.__name__} from {module.__file__}, not the release build")

        numbers, numbers_gil, shout, stats_lib = load_ctypes(paths)
        text = make_text(text_size)
        server = GrpcServer(paths["grpc_server"])
        import grpc

        channel = grpc.insecure_channel(server.address, options=[("grpc.enable_http_proxy", 0)])
        try:
            grpc.channel_ready_future(channel).result(timeout=20)
            stub = wordstats_pb2_grpc.WordStatsStub(channel)

            def count(t: str) -> tuple[int, int, int]:
                reply = stub.Count(wordstats_pb2.CountRequest(text=t), timeout=30)
                return reply.lines, reply.words, reply.chars

            sections = measure_all(bench, paths, text, numbers, numbers_gil, shout, stats_lib, count,
                                   word_tools, running_stats, durations, wordstats_pb2)
        finally:
            channel.close()
            server.stop()

        sections.append(debug_versus_release(bench, paths, work, text))

    measured_seconds = time.perf_counter() - started - build_seconds
    out = ["# Oxidize Python: the cost of each bridge", "", *about, ""]
    out.append(
        f"Build {build_seconds:.0f} s, measurements {measured_seconds:.0f} s. Each time is per "
        f"call: the median of up to {bench.repeat} timed runs of many calls each, after a warm-up "
        "(slow calls get fewer runs, never fewer than 3). The appendix has the fastest run too."
    )
    for title, intro, body in sections:
        out += ["", f"## {title}", ""]
        if intro:
            out += [intro, ""]
        out.append(body)
    out += ["", "## Appendix: every timing", ""]
    out.append(table(
        ["what", "median per call", "fastest run, per call", "calls per run × runs"],
        [[label, fmt(t.median), fmt(t.best), f"{t.number:,} × {t.repeat}"] for label, t in bench.results],
    ))
    print("\n".join(out))
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"machine": about, "timings": [
                {"what": label, "median_s": t.median, "best_s": t.best, "number": t.number, "repeat": t.repeat}
                for label, t in bench.results]}, indent=1, ensure_ascii=False), encoding="utf-8")
    progress(f"done in {time.perf_counter() - started:.0f} s")


def measure_all(bench, paths, text, numbers, numbers_gil, shout, stats_lib, count, word_tools, running_stats,
                durations, wordstats_pb2) -> list[tuple[str, str, str]]:
    """Every measurement but the debug build's; returns (title, intro, Markdown table) each."""
    sections = []
    t = bench.time
    words = text.split()

    # 1. One small call through each bridge, next to the same work in pure Python.
    progress("one small call through each bridge")
    short = "the quick brown fox"
    lines = [" ".join(words[i : i + 3]) for i in range(0, 30_000, 3)]  # 10,000 short lines
    batch_input = "\n".join(lines) + "\n"
    ns = dict(globals(), numbers=numbers, shout=shout, word_tools=word_tools, durations=durations,
              count=count, short=short, batch_input=batch_input, exe=paths["first_word"],
              rs=running_stats.RunningStats(), ps=PyRunningStats(), lines=lines)

    checks = [
        (numbers.oxi_gcd(12, 18), py_gcd(12, 18)),
        (shout("hello"), "HELLO!"),
        (durations.parse_duration("1h30m"), py_parse_duration("1h30m")),
        (word_tools.word_counts("the Cat the"), py_word_counts("the Cat the")),
        (count(short), py_wc(short)),
        (cli(paths["first_word"], "hello world\n"), "hello\n"),
        (cli(paths["first_word"], batch_input).splitlines(), [py_first_word(l) for l in lines]),
    ]
    for got, expected in checks:
        if got != expected:
            sys.exit(f"a bridge disagrees with pure Python: {got!r} != {expected!r}")

    baseline = t("pure Python: noop(), an empty function", "noop()", ns)
    rows = [["a Python function call (the yardstick)", "`noop()`", fmt(baseline.median), "", ""]]

    def row(bridge, work, py_label, py_stmt, rust_label, rust_stmt, per=1):
        python = t(py_label, py_stmt, ns)
        rust = t(rust_label, rust_stmt, ns)
        rows.append([bridge, work, fmt(python.median / per), fmt(rust.median / per),
                     ratio(rust.median, python.median)])

    row("process per call (ch. 1)", "first word of one line",
        "pure Python: py_first_word('hello world')", "py_first_word('hello world')",
        "subprocess: first-word, one process per line", "cli(exe, 'hello world\\n')")
    row("one process, 10,000 lines (ch. 1)", "first word, per line",
        "pure Python: 10,000 x py_first_word", "[py_first_word(l) for l in lines]",
        "subprocess: first-word, 10,000 lines in one process", "cli(exe, batch_input)", per=10_000)
    row("C ABI, ctypes (ch. 2)", "`gcd(12, 18)`",
        "pure Python: py_gcd(12, 18)", "py_gcd(12, 18)",
        "ctypes: oxi_gcd(12, 18)", "numbers.oxi_gcd(12, 18)")
    row("C ABI, ctypes (ch. 2)", "`shout('hello')`, a string each way",
        "pure Python: 'hello'.upper() + '!'", "'hello'.upper() + '!'",
        "ctypes: oxi_shout + string_at + oxi_string_free", "shout('hello')")
    row("PyO3 (ch. 3)", "`parse_duration('1h30m')`",
        "pure Python: py_parse_duration('1h30m')", "py_parse_duration('1h30m')",
        "PyO3: durations.parse_duration('1h30m')", "durations.parse_duration('1h30m')")
    row("PyO3 (ch. 3)", "`word_counts('the cat the')`, a dict back",
        "pure Python: py_word_counts('the cat the')", "py_word_counts('the cat the')",
        "PyO3: word_tools.word_counts('the cat the')", "word_tools.word_counts('the cat the')")
    row("PyO3 method (ch. 3)", "`stats.push(1.5)`",
        "pure Python: PyRunningStats().push(1.5)", "ps.push(1.5)",
        "PyO3: RunningStats().push(1.5)", "rs.push(1.5)")
    row("gRPC unary, loopback (ch. 4)", "`Count('the quick brown fox')`",
        "pure Python: py_wc(short)", "py_wc(short)",
        "gRPC: stub.Count(short)", "count(short)")
    sections.append((
        "1. One small call through each bridge",
        "The work is tiny on purpose, so what the bridge column shows is mostly the bridge. "
        "The last column: how many times longer the call through the bridge takes than the same "
        "work in pure Python (below 1×: the bridge wins).",
        table(["bridge", "the work", "pure Python", "through the bridge", "bridge ÷ Python"], rows),
    ))

    # 2. What the cost is made of.
    progress("what the cost is made of")
    request = wordstats_pb2.CountRequest(text=short)
    reply_bytes = wordstats_pb2.CountReply(lines=1, words=4, chars=19).SerializeToString()
    few = ["ab", "abc", "abcd"]
    ns.update(request=request, reply_bytes=reply_bytes, CountReply=wordstats_pb2.CountReply,
              python=sys.executable, subprocess=subprocess, numbers_gil=numbers_gil)
    parts = [
        ("ctypes: `oxi_gcd(0, 0)`, a call with no work (CDLL: lets go of the GIL and takes it back)",
         "numbers.oxi_gcd(0, 0)"),
        ("ctypes: `oxi_gcd(0, 0)` through a PyDLL (keeps the GIL)", "numbers_gil.oxi_gcd(0, 0)"),
        ("PyO3: `word_counts('')`, a call with no work (an empty dict back)", "word_tools.word_counts('')"),
        ("pure Python: `py_word_counts('')`", "py_word_counts('')"),
        ("gRPC: `Count('')`, a call with no work", "count('')"),
        ("start and wait for a Rust program (empty stdin)", "cli(exe, '')"),
        ("start and wait for a Python interpreter (`python -c pass`)",
         "subprocess.run([python, '-c', 'pass'], check=True)"),
        ("protobuf: encode the request, in Python", "request.SerializeToString()"),
        ("protobuf: decode the reply, in Python", "CountReply.FromString(reply_bytes)"),
    ]
    rows = [[what, fmt(t(what, stmt, ns).median)] for what, stmt in parts]
    for n in (10, 1_000, 100_000):
        ns[f"words_{n}"] = (few * n)[:n]
        label = f"PyO3: first_longer_than(list of {n:,} str, 2): the list is copied to a `Vec<String>`"
        rust = t(label, f"word_tools.first_longer_than(words_{n}, 2)", ns)
        python = t(f"pure Python: py_first_longer_than(list of {n:,} str, 2)",
                   f"py_first_longer_than(words_{n}, 2)", ns)
        rows.append([f"`first_longer_than(words, 2)`, a list of {n:,} str, the answer its 2nd: "
                     f"PyO3 / pure Python", f"{fmt(rust.median)} / {fmt(python.median)}"])
    values = [float((i * 7919) % 10007) for i in range(1000)]
    from ctypes import c_double

    ns.update(values=values, c_double=c_double, stats_lib=stats_lib)
    ns["array"] = (c_double * 1000)(*values)
    convert = t("ctypes: build a double[1000] from a list", "(c_double * 1000)(*values)", ns)
    call = t("ctypes: oxi_stats(array, 1000) on a ready array", "stats_lib.oxi_stats(array, 1000)", ns)
    python = t("pure Python: count, mean, min, max of 1,000 floats",
               "(len(values), sum(values) / len(values), min(values), max(values))", ns)
    rows += [
        ["ctypes: copy a list of 1,000 floats into a `double[1000]`", fmt(convert.median)],
        ["ctypes: `oxi_stats` on that array (count, mean, min, max)", fmt(call.median)],
        ["pure Python: `len`, `sum`, `min`, `max` of the list", fmt(python.median)],
    ]
    sections.append(("2. What the cost is made of", "", table(["what", "median"], rows)))

    # 3. Real work.
    progress(f"real work on {len(text) / 1e6:.1f} MB of text")
    ns.update(text=text, tally=paths["word_tally"])
    for got, expected in [
        (word_tools.word_counts(text), py_word_counts(text)),
        (dict(py_word_counts_counter(text)), py_word_counts(text)),
        (cli(paths["word_tally"], text), py_tally_lines(text)),
        (count(text), py_wc(text)),
    ]:
        if got != expected:
            sys.exit("a bridge disagrees with pure Python on the large text")
    mb = f"{len(text) / 1e6:.1f} MB"
    loop = t(f"pure Python loop: word counts of {mb}", "py_word_counts(text)", ns)
    idiom = t(f"pure Python Counter: word counts of {mb}", "py_word_counts_counter(text)", ns)
    pyo3 = t(f"PyO3: word_tools.word_counts of {mb}", "word_tools.word_counts(text)", ns)
    py_tally = t(f"pure Python: tally + sort of {mb}", "py_tally_lines(text)", ns)
    cli_tally = t(f"subprocess: word-tally of {mb}", "cli(tally, text)", ns)
    py_count = t(f"pure Python: lines, words, chars of {mb}", "py_wc(text)", ns)
    grpc_count = t(f"gRPC: Count of {mb}", "count(text)", ns)
    best = min(loop.median, idiom.median)
    rows = [
        ["word counts, lower-cased (→ dict)", "loop with `dict.get`", fmt(loop.median), ""],
        ["", "`Counter(text.lower().split())`", fmt(idiom.median), ""],
        ["", "PyO3 `word_counts` (ch. 3)", fmt(pyo3.median), ratio(best, pyo3.median)],
        ["word tally, sorted (→ text)", "`Counter` + `sorted`", fmt(py_tally.median), ""],
        ["", "word-tally in a subprocess (ch. 1)", fmt(cli_tally.median), ratio(py_tally.median, cli_tally.median)],
        ["lines, words, chars (→ 3 ints)", "`splitlines`, `split`, `len`", fmt(py_count.median), ""],
        ["", "gRPC `Count` (ch. 4)", fmt(grpc_count.median), ratio(py_count.median, grpc_count.median)],
    ]
    sections.append((
        f"3. Real work: {mb} of text ({len(words):,} words) in one call",
        "Speed-up: the fastest pure-Python version's time divided by the Rust one's.",
        table(["task", "how", "median", "speed-up"], rows),
    ))

    # 4. Where Rust starts to win.
    progress("where Rust starts to win")
    rows = []
    for n in (1, 10, 100, 1_000, 10_000, 100_000):
        ns[f"text_{n}"] = " ".join(words[:n])
        loop = t(f"pure Python loop: word counts of {n:,} words", f"py_word_counts(text_{n})", ns)
        idiom = t(f"pure Python Counter: word counts of {n:,} words", f"py_word_counts_counter(text_{n})", ns)
        pyo3 = t(f"PyO3: word_counts of {n:,} words", f"word_tools.word_counts(text_{n})", ns)
        rows.append([f"{n:,}", fmt(loop.median), fmt(idiom.median), fmt(pyo3.median),
                     ratio(min(loop.median, idiom.median), pyo3.median)])
    crossover_words = table(["words", "Python loop", "Python `Counter`", "PyO3", "speed-up"], rows)
    rows = []
    ns["gcd"] = math.gcd
    for n in (1, 10, 30, 60, 90):
        a, b = fibonacci_pair(n)
        if numbers.oxi_gcd(a, b) != py_gcd(a, b):
            sys.exit("oxi_gcd disagrees with pure Python")
        ns["a"], ns["b"] = a, b
        python = t(f"pure Python: py_gcd(F({n}), F({n + 1}))", "py_gcd(a, b)", ns)
        rust = t(f"ctypes: oxi_gcd(F({n}), F({n + 1}))", "numbers.oxi_gcd(a, b)", ns)
        builtin = t(f"C builtin: math.gcd(F({n}), F({n + 1}))", "gcd(a, b)", ns)
        rows.append([f"{n}", fmt(python.median), fmt(rust.median), ratio(python.median, rust.median),
                     fmt(builtin.median)])
    crossover_gcd = table(["Euclid steps", "pure Python", "ctypes `oxi_gcd`", "speed-up", "`math.gcd`"], rows)
    sections.append((
        "4. Where Rust starts to win",
        "Word counts of the first n words of the text (PyO3 against the faster of the two Python "
        "versions), then the greatest common divisor of two consecutive Fibonacci numbers F(n), "
        "F(n+1), which takes Euclid's algorithm n steps (ctypes against pure Python, and "
        "Python's own `math.gcd`, written in C).\n\n" + crossover_words,
        crossover_gcd,
    ))

    # 5. Batching.
    progress("batching")
    items = [float(i % 97) for i in range(1000)]
    batch_lines = lines[:1000]
    ns.update(items=items, batch_lines=batch_lines, joined="\n".join(batch_lines),
              RunningStats=running_stats.RunningStats)
    joined = ns["joined"]
    if count(joined)[1] != sum(count(l)[1] for l in batch_lines):
        sys.exit("one Count of the joined lines disagrees with a Count per line")

    def push_all(stats_class):
        return "s = " + stats_class + "()\nfor v in items: s.push(v)"

    rows = []
    for label, stmt, what in [
        ("PyO3: 1,000 x RunningStats.push", push_all("RunningStats"), "PyO3: `push` 1,000 times"),
        ("PyO3: RunningStats.extend(1,000 floats)", "s = RunningStats()\ns.extend(items)",
         "PyO3: `extend` once, with a list of 1,000"),
        ("pure Python: 1,000 x PyRunningStats.push", push_all("PyRunningStats"),
         "pure Python: a class, `push` 1,000 times"),
        ("pure Python: len, sum, max of 1,000 floats", "(len(items), sum(items), max(items))",
         "pure Python: `len`, `sum`, `max` of the list"),
        ("gRPC: 1,000 x Count(line)", "for l in batch_lines: count(l)", "gRPC: `Count` 1,000 times, a line each"),
        ("gRPC: Count(1,000 lines joined)", "count(joined)", "gRPC: `Count` once, the 1,000 lines joined"),
        ("subprocess: 1,000 x first-word, one line each", "for l in batch_lines: cli(exe, l)",
         "process: first-word 1,000 times, a line each"),
        ("subprocess: first-word, 1,000 lines in one process", "cli(exe, joined)",
         "process: first-word once, with 1,000 lines"),
    ]:
        timing = t(label, stmt, ns)
        rows.append([what, fmt(timing.median), fmt(timing.median / 1000)])
    sections.append((
        "5. Batching: 1,000 items, one call each or one call for all",
        "",
        table(["how", "1,000 items", "per item"], rows),
    ))
    return sections


def debug_versus_release(bench: Bench, paths: dict, work: Path, text: str) -> tuple[str, str, str]:
    """The same word count, timed in a child process that imports the debug build (a module
    name can be imported once per process, and both builds are called word_tools)."""
    progress("debug build against release build")
    text_file = work / "text.txt"
    text_file.write_text(text, encoding="utf-8")
    child = f"""
import json, sys
sys.path.insert(0, {str(paths['site_debug'])!r})
sys.path.insert(0, {str(Path(__file__).parent)!r})
import word_tools
from run import Bench
bench = Bench(repeat=5, run_seconds=0.02, budget_seconds=10)
text = open({str(text_file)!r}, encoding="utf-8").read()
assert word_tools.__file__.startswith({str(paths['site_debug'])!r})
timing = bench.time("PyO3 debug build: word_counts", "word_tools.word_counts(text)", dict(word_tools=word_tools, text=text))
print(json.dumps([timing.median, timing.best, timing.number, timing.repeat]))
"""
    result = run_checked([sys.executable, "-c", child], show="  (in a child process)",
                         capture_output=True, text=True)
    median, best, number, repeat = json.loads(result.stdout.strip().splitlines()[-1])
    mb = f"{len(text) / 1e6:.1f} MB"
    debug = Timing(median, best, number, repeat)
    bench.results.append((f"PyO3 debug build: word_counts of {mb}", debug))
    release = next(timing for label, timing in bench.results if label == f"PyO3: word_tools.word_counts of {mb}")
    loop = next(timing for label, timing in bench.results if label == f"pure Python loop: word counts of {mb}")
    rows = [
        ["pure Python loop", fmt(loop.median), ""],
        ["PyO3, debug build (`maturin develop`, what the checker runs)", fmt(debug.median),
         ratio(loop.median, debug.median)],
        ["PyO3, release build (`maturin develop --release`)", fmt(release.median),
         ratio(loop.median, release.median)],
    ]
    return (
        f"6. Debug or release: word counts of {mb}",
        "",
        table(["build", "median", "speed-up over the Python loop"], rows),
    )


if __name__ == "__main__":
    main()
