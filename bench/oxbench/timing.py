"""Interleaved timing: what is compared is timed in turn, round after round (A B, B A, A B, ...).

Why interleave. A benchmark that times A for ten seconds and then B for ten seconds measures
the machine twice: if another job starts in between, the ratio B/A moves with it (on a busy
2-core machine, by 2-3x between two runs). Timed in short alternating slices, A and B see the
same machine, so the ratio of each round is a fair one; the spread of those ratios (min,
median, max over the rounds) says how far to trust it.

What does the timing:
- `timeit.Timer` runs each slice: it compiles the statement into its own loop (no extra Python
  call per execution) and switches the garbage collector off while it times.
- pyperf (https://pyperf.readthedocs.io) keeps the results: every round becomes a `pyperf.Run`
  of a `pyperf.Benchmark`, with the machine's metadata, so the JSON this writes is read by
  `python -m pyperf stats|hist|compare_to`. pyperf's own `Runner` times one benchmark after
  another, each in fresh worker processes: the right design for absolute timings on a quiet
  machine, and the one this benchmark cannot use, because it never interleaves two benchmarks.
"""

from __future__ import annotations

import statistics
import sys
import time
import timeit
from dataclasses import dataclass, field

import pyperf


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Variant:
    """One way of doing the work: a statement run in a namespace, or any object with a
    `timeit(loops) -> seconds` method (a child process, for a second build of the same module)."""

    label: str
    stmt: str = ""
    namespace: dict = field(default_factory=dict)
    timer: object = None
    per: int = 1  # items per execution: "per item" values divide by it

    def make_timer(self, clock: str):
        return self.timer or timeit.Timer(self.stmt, timer=CLOCKS[clock], globals=self.namespace)


# "cpu": the CPU time of this thread. Work that stays on the benchmark's own thread is timed by
# it, so that the time the thread spent waiting for a core (on a busy machine, most of the
# difference between two runs) is left out. "wall": the wall clock, for work done in another
# process or thread (a program, the gRPC server, a thread pool), which this thread's CPU time
# would not see.
CLOCKS = {"cpu": time.thread_time, "wall": time.perf_counter}
SUBSLICES = 5  # on the wall clock: short slices per round, the fastest kept


@dataclass
class Comparison:
    """Variants timed against each other; `variants[0]` is the baseline of the ratios."""

    key: str  # unique and stable: names the pyperf benchmarks, keys the report's rows
    what: str  # the work, for a table
    variants: list[Variant]
    ratio: str = "cost"  # "cost": variant / baseline; "speedup": baseline / variant
    clock: str = "cpu"  # "cpu" or "wall": see CLOCKS


@dataclass
class Spread:
    min: float
    median: float
    max: float

    @classmethod
    def of(cls, values: list[float]) -> "Spread":
        return cls(min(values), statistics.median(values), max(values))


@dataclass
class Result:
    comparison: Comparison
    loops: list[int]  # executions per timed slice, per variant
    values: list[list[float]]  # seconds per execution: values[variant][round]

    @property
    def rounds(self) -> int:
        return len(self.values[0])

    def time(self, i: int) -> Spread:
        """Seconds per execution of variant i over the rounds."""
        return Spread.of(self.values[i])

    def per_item(self, i: int) -> float:
        return statistics.median(self.values[i]) / self.comparison.variants[i].per

    def ratio(self, i: int, base: int = 0) -> Spread:
        """Variant i against `base`, round by round, as the comparison's `ratio` says."""
        a, b = self.values[i], self.values[base]
        per_i, per_b = self.comparison.variants[i].per, self.comparison.variants[base].per
        if self.comparison.ratio == "speedup":
            return Spread.of([(y / per_b) / (x / per_i) for x, y in zip(a, b)])
        return Spread.of([(x / per_i) / (y / per_b) for x, y in zip(a, b)])


class Interleaver:
    """Times comparisons in interleaved rounds and keeps every result."""

    def __init__(self, rounds: int, slice_seconds: float, budget_seconds: float):
        self.rounds = rounds  # rounds per comparison (fewer for slow work, never fewer than 3)
        self.slice_seconds = slice_seconds  # how long one timed slice of one variant should take
        self.budget_seconds = budget_seconds  # a cap on one comparison's rounds, for slow work
        self.results: list[Result] = []
        self.by_key: dict[str, Result] = {}

    @staticmethod
    def _calibrate(timer, seconds: float) -> tuple[int, float]:
        """Executions per slice, so that a slice takes about `seconds`; and that time."""
        loops, elapsed = 1, timer.timeit(1)
        while elapsed < seconds / 5:
            loops *= 10 if elapsed < seconds / 50 else 2
            elapsed = timer.timeit(loops)
        per_execution = elapsed / loops
        loops = max(1, round(seconds / per_execution))
        return loops, per_execution * loops

    def run(self, comparison: Comparison) -> Result:
        timers = [v.make_timer(comparison.clock) for v in comparison.variants]
        for timer in timers:  # warm-up: a first call may pay for what later ones do not
            timer.timeit(1)
        # On the wall clock, a round's slice is cut into SUBSLICES short ones and the fastest
        # kept: being preempted (on a busy machine, every few ms) only ever adds time, so the
        # fastest short slice is the closest to what the work costs when it has a core. Work
        # too slow to cut (an execution longer than a short slice) is timed once per round.
        cuts = SUBSLICES if comparison.clock == "wall" else 1
        calibrated = [self._calibrate(t, self.slice_seconds / cuts) for t in timers]
        loops = [n for n, _ in calibrated]
        parts = [cuts if seconds <= 1.5 * self.slice_seconds / cuts else 1 for _, seconds in calibrated]
        round_seconds = sum(s * k for (_, s), k in zip(calibrated, parts))
        rounds = max(3, min(self.rounds, int(self.budget_seconds / round_seconds)))
        values: list[list[float]] = [[] for _ in timers]
        order = list(range(len(timers)))
        for r in range(rounds):
            # A B, then B A: whatever the machine does to the first slice of a round (or the
            # second) falls on each variant equally often.
            for i in order if r % 2 == 0 else reversed(order):
                values[i].append(min(timers[i].timeit(loops[i]) for _ in range(parts[i])) / loops[i])
        result = Result(comparison, loops, values)
        if comparison.key in self.by_key:
            raise ValueError(f"two comparisons are called {comparison.key!r}")
        self.results.append(result)
        self.by_key[comparison.key] = result
        summary = ", ".join(
            f"{v.label} {fmt(statistics.median(result.values[i]))}" for i, v in enumerate(comparison.variants)
        )
        progress(f"  {comparison.key}: {summary} ({rounds} rounds)")
        return result

    def suite(self, metadata: dict) -> pyperf.BenchmarkSuite:
        """Every result as pyperf benchmarks: one per variant, one run per round (in order, so
        the runs of two variants of a comparison pair up round by round)."""
        common = {k: v for k, v in metadata.items() if isinstance(v, (str, int, float))}
        benchmarks = []
        for result in self.results:
            for i, variant in enumerate(result.comparison.variants):
                meta = dict(common, name=f"{result.comparison.key} | {variant.label}",
                            loops=result.loops[i], description=result.comparison.what,
                            oxidize_per=variant.per, oxidize_ratio=result.comparison.ratio,
                            oxidize_clock=result.comparison.clock)
                runs = [pyperf.Run([value], metadata=meta, collect_metadata=False)
                        for value in result.values[i]]
                benchmarks.append(pyperf.Benchmark(runs))
        return pyperf.BenchmarkSuite(benchmarks)


def load(path) -> Interleaver:
    """The results of a run back from its pyperf JSON (to draw its figures again)."""
    bench = Interleaver(rounds=0, slice_seconds=0, budget_seconds=0)
    grouped: dict[str, list] = {}
    for benchmark in pyperf.BenchmarkSuite.load(str(path)).get_benchmarks():
        key, label = benchmark.get_name().split(" | ", 1)
        grouped.setdefault(key, []).append((label, benchmark))
    for key, variants in grouped.items():
        meta = variants[0][1].get_metadata()
        comparison = Comparison(key, meta.get("description", key), [
            Variant(label, per=int(b.get_metadata().get("oxidize_per", 1))) for label, b in variants
        ], meta.get("oxidize_ratio", "cost"), meta.get("oxidize_clock", "wall"))
        result = Result(comparison, [int(b.get_metadata().get("loops", 1)) for _, b in variants],
                        [[run.values[0] for run in b.get_runs()] for _, b in variants])
        bench.results.append(result)
        bench.by_key[key] = result
        bench.rounds = max(bench.rounds, result.rounds)
    return bench


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


def fmt_ratio(r: float) -> str:
    """"3.2×", "18×", "1,200×"."""
    if r >= 100:
        return f"{r:,.0f}×"
    if r >= 10:
        return f"{r:.0f}×"
    if r >= 0.095:
        return f"{r:.1f}×"
    return f"{r:.2g}×"


class RemoteTimer:
    """Times a statement in a child process of its own, on request, so that it interleaves with
    the statements timed here. For a second build of a module already imported here (a module
    name can be imported once per process: the debug and the release word_tools are both
    `word_tools`)."""

    CHILD = (
        "import sys, time, timeit\n"
        "ns = {}\n"
        "exec(sys.argv[1], ns)\n"
        "clock = {'cpu': time.thread_time, 'wall': time.perf_counter}[sys.argv[3]]\n"
        "timer = timeit.Timer(sys.argv[2], timer=clock, globals=ns)\n"
        "print('ready', flush=True)\n"
        "for line in sys.stdin:\n"
        "    print(repr(timer.timeit(int(line))), flush=True)\n"
    )

    def __init__(self, setup: str, stmt: str, clock: str = "cpu"):
        import subprocess

        self.process = subprocess.Popen([sys.executable, "-c", self.CHILD, setup, stmt, clock],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the timing child process did not start; its errors are above")

    def timeit(self, loops: int) -> float:
        self.process.stdin.write(f"{loops}\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
