"""The speed-up of each chapter's exercise over its pure-Python reference: a registry.

One entry per exercise. To add one (say a new chapter-5 exercise), append a `Speedup` to
SPEEDUPS: its id in course.toml, the PyO3 module it builds, what one call does, the pure-Python
reference, the Rust call (picked from the built module) and the input. The benchmark builds
the exercise's reference solution in release mode, checks that both give the same answer, and
times them in interleaved rounds. An entry whose exercise is not in course.toml is skipped.

A claim that work runs faster on several cores goes in PARALLEL instead: the same call on one
thread and in parallel. Every parallel claim is timed beside CONTROLS, pure-Rust work that is
known to scale, so that a reader can tell the machine's limit (the control stays at 1× too:
no core was free) from the code's (the control reaches 2×, the claim does not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import reference as ref
from .timing import Comparison, Variant


@dataclass(frozen=True)
class Speedup:
    exercise: str  # the id in course.toml
    module: str  # the import name of the PyO3 module the exercise builds
    work: str  # what one call does, for the table and the figure ({mb}: the text's size)
    python: Callable  # the pure-Python reference
    rust: Callable[[Any], Callable]  # module -> the Rust call, taking the same arguments
    input: Callable[[Any], tuple]  # Inputs -> the arguments, made once
    same: Callable[[Any, Any], bool] = lambda a, b: a == b  # do the two answers agree?


def _stats_mean(cls, values):
    stats = cls()
    stats.extend(values)
    return stats.mean()


def _rust_stats_mean(module):
    return lambda values: _stats_mean(module.RunningStats, values)


SPEEDUPS: list[Speedup] = [
    Speedup("word-tools", "word_tools", "`word_counts` of {mb} of text",
            python=ref.py_word_counts_counter, rust=lambda m: m.word_counts,
            input=lambda inputs: (inputs.text,)),
    Speedup("running-stats", "running_stats", "`RunningStats().extend(list)`, `.mean()`: 100,000 floats",
            python=lambda values: _stats_mean(ref.PyRunningStats, values), rust=_rust_stats_mean,
            input=lambda inputs: ([float(i % 1000) / 7 for i in range(100_000)],)),
    Speedup("durations", "durations", "`parse_duration('1h30m')`",
            python=ref.py_parse_duration, rust=lambda m: m.parse_duration,
            input=lambda inputs: ("1h30m",)),
    Speedup("release-the-gil", "release_the_gil", "`count_primes(1,000,000)`, one thread",
            python=ref.py_count_primes, rust=lambda m: m.count_primes,
            input=lambda inputs: (1_000_000,)),
]


@dataclass(frozen=True)
class Parallel:
    exercise: str
    module: str
    work: str
    # (bridges, module) -> a function of no arguments: the work on one thread, and in parallel
    one_thread: Callable[[Any, Any], Callable[[], Any]]
    parallel: Callable[[Any, Any], Callable[[], Any]]
    threads: int = 2


PRIMES = 2_000_000

PARALLEL: list[Parallel] = [
    Parallel("release-the-gil", "release_the_gil",
             f"`count_primes({PRIMES:,})` twice: one thread, or two Python threads (`py.detach`)",
             one_thread=lambda b, m: lambda: b.one_after_another(m.count_primes, PRIMES),
             parallel=lambda b, m: lambda: b.in_threads(m.count_primes, PRIMES)),
]

SPIN = 3_000_000  # xorshift steps: about as long as one count_primes(2,000,000) here

# The controls: (key, what, one thread, in parallel), each a function (bridges) -> callable.
CONTROLS = [
    ("control/python-threads",
     f"control: `oxi_spin({SPIN:,})` twice through ctypes (no GIL): one thread, or two Python threads",
     lambda b: lambda: b.one_after_another(b.control.oxi_spin, SPIN),
     lambda b: lambda: b.in_threads(b.control.oxi_spin, SPIN)),
    ("control/rust-threads",
     f"control: `oxi_spin({2 * SPIN:,})` on one thread, or shared by two Rust threads",
     lambda b: lambda: b.control.oxi_spin(2 * SPIN),
     lambda b: lambda: b.control.oxi_spin_threads(2 * SPIN, 2)),
]


def modules_needed() -> dict[str, str]:
    """Import name -> exercise id of every PyO3 module the registry calls."""
    return {entry.module: entry.exercise for entry in [*SPEEDUPS, *PARALLEL]}


def speedup_comparisons(bridges, inputs) -> list[Comparison]:
    comparisons = []
    for entry in SPEEDUPS:
        module = bridges.modules.get(entry.module)
        if module is None:
            continue
        args = entry.input(inputs)
        rust = entry.rust(module)
        if not entry.same(rust(*args), entry.python(*args)):
            raise SystemExit(f"{entry.exercise}: the Rust call and the Python reference disagree")
        names = [f"a{i}" for i in range(len(args))]
        call = "({})".format(", ".join(names))
        ns_py = dict(zip(names, args), f=entry.python)
        ns_rs = dict(zip(names, args), f=rust)
        comparisons.append(Comparison(f"exercise/{entry.exercise}", entry.work.format(mb=inputs.mb), [
            Variant("pure Python reference", "f" + call, ns_py),
            Variant(f"Rust: the `{entry.exercise}` solution, release build", "f" + call, ns_rs),
        ], "speedup"))
    return comparisons


def parallel_comparisons(bridges) -> list[Comparison]:
    comparisons = []
    for entry in PARALLEL:
        module = bridges.modules.get(entry.module)
        if module is None:
            continue
        comparisons.append(Comparison(f"parallel/{entry.exercise}", entry.work, [
            Variant("one thread", "f()", {"f": entry.one_thread(bridges, module)}),
            Variant(f"{entry.threads} threads", "f()", {"f": entry.parallel(bridges, module)}),
        ], "speedup", "wall"))
    if comparisons:
        for key, what, one, many in CONTROLS:
            comparisons.append(Comparison(key, what, [
                Variant("one thread", "f()", {"f": one(bridges)}),
                Variant("2 threads", "f()", {"f": many(bridges)}),
            ], "speedup", "wall"))
    return comparisons
