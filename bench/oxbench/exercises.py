"""The speed-up of each chapter's exercise over its pure-Python reference: a registry.

One entry per exercise. To add one (say a new chapter-5 exercise), append a `Speedup` to
SPEEDUPS: its id in course.toml, the PyO3 module it builds, what one call does, the pure-Python
reference, the Rust call (picked from the built module) and the input. The benchmark builds
the exercise's reference solution in release mode, checks that both give the same answer, and
times them in interleaved rounds. An entry whose exercise is not in course.toml is skipped.

Where an exercise's Python tests hold its pure-Python reference (chapter 5's do, in
`exercises/NN-id/python/tests/<module>_reference.py`), the entry names it with `InTests` rather
than copying it: the benchmark imports that file from the copy it builds (target/bench-src), so
the tests and the figure time the same Python. Inputs are the sizes the exercise's performance
test uses, made the same way.

A claim that work runs faster on several cores goes in PARALLEL instead: the same call on one
thread and in parallel. Every parallel claim is timed beside CONTROLS, pure-Rust work that is
known to scale, so that a reader can tell the machine's limit (the control stays at 1× too:
no core was free) from the code's (the control reaches 2×, the claim does not).
"""

from __future__ import annotations

import importlib.util
import random
from dataclasses import dataclass
from typing import Any, Callable, Union

from . import build
from . import reference as ref
from .timing import Comparison, Variant


@dataclass(frozen=True)
class InTests:
    """A pure-Python reference kept beside an exercise's Python tests, which import it too:
    `function` in `exercises/NN-id/python/tests/{file}.py`."""

    file: str  # the module's name, e.g. "hot_loop_reference"
    function: str

    def load(self, exercise: str) -> Callable:
        folder = build.exercise_folders()[exercise]
        path = build.SOURCES / "exercises" / folder / "python" / "tests" / f"{self.file}.py"
        spec = importlib.util.spec_from_file_location(self.file, path)
        if spec is None or not path.is_file():
            raise SystemExit(f"{exercise}: its Python reference {path} is missing")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return getattr(module, self.function)


@dataclass(frozen=True)
class Speedup:
    exercise: str  # the id in course.toml
    module: str  # the import name of the PyO3 module the exercise builds
    work: str  # what one call does, for the table and the figure ({mb}: the text's size)
    python: Union[Callable, InTests]  # the pure-Python reference
    rust: Callable[[Any], Callable]  # module -> the Rust call, taking the same arguments
    input: Callable[[Any], tuple]  # Inputs -> the arguments, made once
    same: Callable[[Any, Any], bool] = lambda a, b: a == b  # do the two answers agree?
    clock: str = "cpu"  # "wall" when the Rust side works on other threads (see timing.CLOCKS)


def _stats_mean(cls, values):
    stats = cls()
    stats.extend(values)
    return stats.mean()


def _rust_stats_mean(module):
    return lambda values: _stats_mean(module.RunningStats, values)


# The inputs of chapter 5's performance tests (exercises/NN-id/python/tests/test_*.py): the
# same sizes, the same seeds.
def _two_dna_strings(inputs):  # test_hot_loop: test_is_at_least_15_times_faster_...
    rng = random.Random(11)
    return tuple("".join(rng.choices("acgt", k=100)) for _ in range(2))


def _card_numbers(inputs):  # test_batching: card_numbers(2_000, seed=3)
    rng = random.Random(3)
    return ([rng.randrange(10**15, 10**16) for _ in range(2_000)],)


def _random_bytes(inputs):  # test_zero_copy: test_is_at_least_2_5_times_faster_than_python
    return (random.Random(2).randbytes(20_000),)


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
    Speedup("hot-loop", "hot_loop", "`edit_distance(a, b)` of two 100-character DNA strings",
            python=InTests("hot_loop_reference", "python_edit_distance"),
            rust=lambda m: m.edit_distance, input=_two_dna_strings),
    Speedup("batching", "batching", "`luhn_valid_all(list)`: 2,000 card numbers in one call",
            python=InTests("batching_reference", "python_luhn_valid_all"),
            rust=lambda m: m.luhn_valid_all, input=_card_numbers),
    Speedup("zero-copy", "zero_copy", "`adler32(data)` of 20,000 random bytes, read in place",
            python=InTests("zero_copy_reference", "python_adler32"),
            rust=lambda m: m.adler32, input=_random_bytes),
    Speedup("parallel-rayon", "parallel_rayon",
            "`count_primes(10,000)` by trial division; Rust on two rayon threads",
            python=InTests("parallel_rayon_reference", "python_count_primes"),
            rust=lambda m: m.count_primes, input=lambda inputs: (10_000,), clock="wall"),
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

RAYON_PRIMES = 200_000  # test_parallel_rayon's two threads against one, printed for information

PARALLEL: list[Parallel] = [
    Parallel("release-the-gil", "release_the_gil",
             f"`count_primes({PRIMES:,})` twice: one thread, or two Python threads (`py.detach`)",
             one_thread=lambda b, m: lambda: b.one_after_another(m.count_primes, PRIMES),
             parallel=lambda b, m: lambda: b.in_threads(m.count_primes, PRIMES)),
    Parallel("parallel-rayon", "parallel_rayon",
             f"`count_primes({RAYON_PRIMES:,})`: `count_primes_sequential` on one thread, or "
             "`count_primes` on two rayon threads",
             one_thread=lambda b, m: lambda: m.count_primes_sequential(RAYON_PRIMES),
             parallel=lambda b, m: lambda: m.count_primes(RAYON_PRIMES)),
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
        python = entry.python.load(entry.exercise) if isinstance(entry.python, InTests) else entry.python
        if not entry.same(rust(*args), python(*args)):
            raise SystemExit(f"{entry.exercise}: the Rust call and the Python reference disagree")
        names = [f"a{i}" for i in range(len(args))]
        call = "({})".format(", ".join(names))
        ns_py = dict(zip(names, args), f=python)
        ns_rs = dict(zip(names, args), f=rust)
        comparisons.append(Comparison(f"exercise/{entry.exercise}", entry.work.format(mb=inputs.mb), [
            Variant("pure Python reference", "f" + call, ns_py),
            Variant(f"Rust: the `{entry.exercise}` solution, release build", "f" + call, ns_rs),
        ], "speedup", entry.clock))
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
