# Type stub for the `release_the_gil` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with src/lib.rs by hand.

def count_primes(limit: int) -> int:
    """How many prime numbers are below `limit`. Releases the GIL while it counts."""
    ...

class Flag:
    """A flag that Python threads can wait on, like `threading.Event`."""

    def __init__(self) -> None: ...
    def set(self) -> None:
        """Sets the flag and wakes every thread waiting on it."""
        ...
    def is_set(self) -> bool: ...
    @property
    def waiters(self) -> int:
        """How many threads are inside `wait` right now."""
        ...
    def wait(self, timeout: float) -> bool:
        """Waits at most `timeout` seconds for the flag, with the GIL released; True if set."""
        ...
