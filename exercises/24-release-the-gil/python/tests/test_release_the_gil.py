"""Rust code that releases the GIL: right answers from many threads, and other threads run.

No test here measures time: whether Python threads ran *while* Rust waited is checked with a
flag that only another Python thread can set.
"""

import ast
import concurrent.futures
import pathlib
import threading
import time

import release_the_gil
from release_the_gil import Flag, count_primes

# A waiting thread gives up after this long. When the GIL is released the flag is set in a few
# milliseconds; this bound only matters when it is not, and then the test fails instead of hanging.
WAIT_LIMIT_SECONDS = 20.0


def reference_count_primes(limit: int) -> int:
    return sum(1 for n in range(2, limit) if all(n % d for d in range(2, int(n**0.5) + 1)))


def test_counts_primes_like_a_python_reference():
    limits = [0, 1, 2, 3, 10, 100, 1000, 5000]
    assert [count_primes(n) for n in limits] == [reference_count_primes(n) for n in limits]


def test_gives_the_same_answers_from_several_threads_at_once():
    limits = [200_000 + 1000 * i for i in range(8)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        in_threads = list(pool.map(count_primes, limits))
    assert in_threads == [count_primes(n) for n in limits]


def test_wait_returns_false_when_nobody_sets_the_flag():
    assert Flag().wait(0.01) is False


def test_wait_returns_true_at_once_when_the_flag_is_already_set():
    flag = Flag()
    flag.set()
    assert flag.wait(WAIT_LIMIT_SECONDS) is True


def test_another_python_thread_can_set_the_flag_while_rust_waits():
    flag = Flag()
    outcome = []

    def wait_in_rust():
        try:
            outcome.append(flag.wait(WAIT_LIMIT_SECONDS))
        except BaseException as error:  # a Rust panic arrives as pyo3_runtime.PanicException
            outcome.append(error)

    waiter = threading.Thread(target=wait_in_rust)
    waiter.start()
    # This loop is Python code: it only runs if the waiting thread let go of the GIL.
    while flag.waiters == 0 and waiter.is_alive():
        time.sleep(0.001)
    flag.set()
    waiter.join(WAIT_LIMIT_SECONDS * 3)
    assert outcome == [True], (
        "wait() returned False: the flag was set only after it gave up, so no other Python "
        "thread could run while it waited. Is the GIL released around wait_blocking?"
    )


def test_the_type_stub_names_what_the_module_has_and_the_types_it_returns(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "release_the_gil.pyi").read_text())
    returns = {}  # "count_primes" or "Flag.wait" -> the return type the stub declares
    for node in stub.body:
        if isinstance(node, ast.FunctionDef):
            returns[node.name] = ast.unparse(node.returns)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    returns[f"{node.name}.{item.name}"] = ast.unparse(item.returns)

    def lookup(name):
        value = release_the_gil
        for part in name.split("."):
            value = getattr(value, part, None)
        return value

    assert [name for name in returns if lookup(name) is None] == []
    # What each call really returns, against what the stub promises.
    calls = {
        "count_primes": lambda: count_primes(10),
        "Flag.is_set": lambda: Flag().is_set(),
        "Flag.waiters": lambda: Flag().waiters,
        "Flag.wait": lambda: Flag().wait(0.0),
    }
    for name, call in calls.items():
        assert name in returns, f"the stub does not declare {name}"
        assert type(call()).__name__ == returns[name], f"{name} returns another type than the stub says"
