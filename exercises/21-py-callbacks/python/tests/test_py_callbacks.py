"""Rust calling back into Python: a callable passed in, a callable kept, exceptions passed on."""

import ast
import gc
import pathlib
import weakref

import pytest

import py_callbacks
from py_callbacks import sum_with_progress


class Cancelled(Exception):
    """A test's own exception class: nothing in Rust knows it, so nothing can fake it."""


@pytest.fixture
def memoize():
    """The class `py_callbacks.Memoize`, or a failure that says why it is missing."""
    cls = getattr(py_callbacks, "Memoize", None)
    if cls is None:
        pytest.fail(
            "py_callbacks has no Memoize yet: give the struct its field, write its methods, "
            "then add Memoize to the #[pymodule_export] list in src/lib.rs",
            pytrace=False,
        )
    return cls


def test_sum_with_progress_reports_done_and_total_after_each_value():
    steps = []
    total = sum_with_progress([0.5, 1.5, 3.0], lambda done, total: steps.append((done, total)))
    assert total == 5.0
    assert steps == [(1, 3), (2, 3), (3, 3)]


def test_any_callable_can_be_the_progress_callback():
    class Bar:
        def __init__(self):
            self.last = None

        def __call__(self, done, total):
            self.last = f"{done}/{total}"

    bar = Bar()
    sum_with_progress([1.0, 2.0], bar)
    assert bar.last == "2/2"


def test_an_exception_in_the_callback_reaches_the_caller_unchanged_and_stops_the_loop():
    error = Cancelled("stop after the third value")
    steps = []

    def progress(done, total):
        steps.append(done)
        if done == 3:
            raise error

    try:
        sum_with_progress([1.0] * 10, progress)
    except Cancelled as raised:
        caught = raised
    else:
        pytest.fail(
            f"the callback raised Cancelled at step 3, yet sum_with_progress returned normally "
            f"after {len(steps)} calls: the exception was dropped in Rust instead of passed on",
            pytrace=False,
        )
    assert caught is error, "the caller must get the very exception object that was raised"
    assert steps == [1, 2, 3], "Rust must stop at the first exception, not carry on"


def test_a_progress_that_is_not_callable_raises_type_error():
    with pytest.raises(TypeError):
        sum_with_progress([1.0], 42)


def test_memoize_calls_the_function_once_per_argument(memoize):
    calls = []

    @memoize
    def square(n):
        calls.append(n)
        return n * n

    assert [square(3), square(4), square(3), square(3)] == [9, 16, 9, 9]
    assert calls == [3, 4]
    assert len(square) == 2


def test_memoize_returns_the_very_object_the_function_returned(memoize):
    memo = memoize(lambda n: [n] * n)
    first = memo(3)
    assert first == [3, 3, 3]
    assert memo(3) is first


def test_memoize_keeps_the_function_itself(memoize):
    def double(n):
        return 2 * n

    assert memoize(double).__wrapped__ is double


def test_an_exception_in_the_function_reaches_the_caller_and_nothing_is_remembered(memoize):
    error = Cancelled("no negatives")
    calls = []

    def checked(n):
        calls.append(n)
        if n < 0:
            raise error
        return n

    memo = memoize(checked)
    for _ in range(2):
        with pytest.raises(Cancelled) as caught:
            memo(-1)
        assert caught.value is error
    assert calls == [-1, -1], "a call that raised must not be remembered"
    assert len(memo) == 0


def test_the_kept_function_lives_as_long_as_the_memoize_object(memoize):
    def make():
        def triple(n):
            return 3 * n

        return triple

    func = make()
    alive = weakref.ref(func)
    memo = memoize(func)
    del func
    gc.collect()
    assert alive() is not None, "Memoize must hold its own reference to the function"
    assert memo(2) == 6
    del memo
    gc.collect()
    assert alive() is None, "the function must be freed with the Memoize object"


def test_every_name_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "py_callbacks.pyi").read_text())
    names = [
        node.name for node in stub.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    ]
    assert names, "the stub declares nothing"
    missing = [name for name in names if not callable(getattr(py_callbacks, name, None))]
    assert missing == []
