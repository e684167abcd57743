# Type stub for the `free_threading` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pymethods]` in src/lib.rs by hand.

class Counter:
    """A count that many threads add to at once."""

    def __init__(self) -> None: ...
    def add(self, n: int = 1) -> int:
        """Adds `n` and returns the count just after this addition."""
        ...
    @property
    def value(self) -> int:
        """The count now."""
        ...

class Histogram:
    """Counts values by bucket, with their number and sum; safe to share between threads."""

    def __init__(self, bounds: list[int]) -> None:
        """`bounds`: the buckets' upper bounds, strictly increasing; one more bucket holds the
        values above the last bound. Raises ValueError if they are not increasing."""
        ...
    @property
    def bounds(self) -> list[int]: ...
    def observe(self, value: int) -> None:
        """Counts one value."""
        ...
    def observe_many(self, values: list[int]) -> None:
        """Counts every value of `values`, with the GIL released meanwhile."""
        ...
    def snapshot(self) -> tuple[list[int], int, int]:
        """`(counts, count, sum)`, all three as of one moment."""
        ...
