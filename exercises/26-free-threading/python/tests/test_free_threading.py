"""Many Python threads share one object: no update is lost, and every snapshot adds up.

The threads start together at a `threading.Barrier`, so they really do overlap. On a GIL-enabled
Python, `Counter.add` calls still take turns (the GIL serializes them), while `observe_many`
releases the GIL and so runs in parallel even here; on a free-threaded Python (3.13t, 3.14t)
everything runs in parallel. The tests check invariants, never times.
"""

import ast
import bisect
import pathlib
import re
import subprocess
import sys
import sysconfig
import threading

import free_threading
from free_threading import Counter, Histogram

THREADS = 8
# A thread that does not reach the barrier within this long means something hangs: fail, not wait.
BARRIER_TIMEOUT = 30.0


def run_together(work, threads=THREADS):
    """Runs `work(index)` in `threads` threads that start at the same moment; re-raises the first
    error any of them hit (a Rust panic arrives as pyo3_runtime.PanicException)."""
    barrier = threading.Barrier(threads)
    errors = []

    def worker(index):
        try:
            barrier.wait(BARRIER_TIMEOUT)
            work(index)
        except BaseException as error:
            errors.append(error)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    if errors:
        raise errors[0]


def value(thread: int, i: int) -> int:
    return (thread * 7919 + i * 104_729) % 2000


def expected(bounds, values):
    counts = [0] * (len(bounds) + 1)
    for v in values:
        counts[bisect.bisect_left(bounds, v)] += 1
    return counts, len(values), sum(values)


def test_a_counter_loses_no_addition_from_many_threads():
    adds = 5_000
    counter = Counter()

    def add_many(_):
        for _ in range(adds):
            counter.add()

    run_together(add_many)
    assert counter.value == THREADS * adds


def test_a_histogram_counts_every_value_from_many_threads_with_the_gil_released():
    bounds = [10, 100, 500, 1000]
    each = 4_000
    histogram = Histogram(bounds)

    def observe(t):
        values = [value(t, i) for i in range(each)]
        for start in range(0, each, 200):
            histogram.observe_many(values[start : start + 200])
        histogram.observe(1_000_000)

    run_together(observe)
    everything = [value(t, i) for t in range(THREADS) for i in range(each)]
    everything += [1_000_000] * THREADS
    assert histogram.snapshot() == expected(bounds, everything)


def test_a_snapshot_taken_while_threads_write_always_adds_up():
    histogram = Histogram([100, 1000])
    snapshots = []

    def work(t):
        if t == 0:
            for _ in range(500):
                snapshots.append(histogram.snapshot())
        else:
            values = [value(t, i) for i in range(20_000)]
            for start in range(0, len(values), 100):
                histogram.observe_many(values[start : start + 100])

    run_together(work)
    assert snapshots
    bad = [(counts, count) for counts, count, _ in snapshots if sum(counts) != count]
    assert bad == [], "these snapshots' buckets do not add up to their count"
    counts = [count for _, count, _ in snapshots]
    assert counts == sorted(counts), "a later snapshot counted fewer values than an earlier one"


def _pymodule_attributes(source: str) -> list[str]:
    code = re.sub(r"//[^\n]*", "", source)
    return [re.sub(r"\s+", "", args) for args in re.findall(r"#\[(?:pyo3::)?pymodule(?:\(([^)]*)\))?\]", code)]


def test_the_module_declares_that_it_does_not_need_the_gil(exercise_dir):
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        # Free-threaded Python: a module that needs the GIL turns it back on at import, with a
        # RuntimeWarning. A fresh interpreter imports nothing else that could have done so.
        probe = subprocess.run(
            [sys.executable, "-W", "error::RuntimeWarning", "-c",
             "import sys, free_threading; print(sys._is_gil_enabled())"],
            capture_output=True, text=True, timeout=60,
        )
        assert probe.returncode == 0, probe.stderr
        assert probe.stdout.strip() == "False", "importing free_threading turned the GIL back on"
    else:
        # A GIL-enabled Python never reads the declaration (and an abi3 build for 3.9 does not
        # even carry it), so here the test reads it where you wrote it.
        source = pathlib.Path(exercise_dir, "src", "lib.rs").read_text(encoding="utf-8")
        attributes = _pymodule_attributes(source)
        assert attributes, "src/lib.rs has no #[pymodule]"
        assert all("gil_used=true" not in args for args in attributes), (
            "the #[pymodule] still says gil_used = true: a free-threaded Python would turn the "
            "GIL back on when it imports this module"
        )


def test_every_name_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "free_threading.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert classes, "the stub declares no class"
    missing = []
    for cls in classes:
        actual = getattr(free_threading, cls.name, None)
        if actual is None:
            missing.append(cls.name)
            continue
        for item in cls.body:
            if isinstance(item, ast.FunctionDef) and not hasattr(actual, item.name):
                missing.append(f"{cls.name}.{item.name}")
    assert missing == []
