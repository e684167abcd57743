"""Fixtures shared by every exercise's Python tests.

The checker builds each exercise and tells these tests where the result is through environment
variables (OXIDIZE_BIN, OXIDIZE_LIB, OXIDIZE_SERVER, OXIDIZE_EXERCISE_DIR). Run the tests through
the checker (`cargo checker check ID`), which sets them.
"""

import ctypes
import os
import subprocess

import pytest


def _required_env(name: str, what: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set: it should name {what}. Run these tests through the checker "
            "(`cargo checker check <exercise>`), which builds the exercise and sets it.",
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def exercise_dir() -> str:
    """The directory of the exercise under test."""
    return _required_env("OXIDIZE_EXERCISE_DIR", "the exercise's directory")


@pytest.fixture(scope="session")
def run_cli():
    """Runs the exercise's binary (kind `rust`): bridge zero, a process.

    `run_cli(*args, input=...)` returns a `subprocess.CompletedProcess` with text output. A program
    that exits non-zero fails the test with its stderr, unless `check=False`.
    """
    exe = _required_env("OXIDIZE_BIN", "the exercise's compiled binary")

    def run(*args: str, input: str | None = None, check: bool = True, timeout: float = 10):
        result = subprocess.run(
            [exe, *args], input=input, capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"the Rust program exited with code {result.returncode}; its stderr was:\n"
                + result.stderr[-2000:],
                pytrace=False,
            )
        return result

    return run


@pytest.fixture(scope="session")
def ffi_lib() -> ctypes.CDLL:
    """The exercise's shared library (kind `ffi`), loaded with ctypes.

    Declare each function's `argtypes` and `restype` before calling it: without them ctypes
    assumes C `int` and silently truncates 64-bit values and pointers.
    """
    return ctypes.CDLL(_required_env("OXIDIZE_LIB", "the exercise's shared library (.so/.dylib/.dll)"))
