# Type stub for the `running_stats` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pymethods]` in src/lib.rs by hand.

class RunningStats:
    """Running statistics over a stream of numbers, without storing the numbers."""

    def __init__(self, name: str = "stats") -> None:
        """No numbers yet. ValueError if `name` is empty or contains whitespace."""
        ...

    @staticmethod
    def from_values(values: list[float]) -> RunningStats:
        """A new object holding every number of `values`, named "stats"."""
        ...

    def push(self, value: float) -> None:
        """Adds one number."""
        ...

    def extend(self, values: list[float]) -> None:
        """Adds every number of `values`."""
        ...

    @property
    def count(self) -> int:
        """How many numbers were pushed (read-only)."""
        ...

    def mean(self) -> float | None:
        """The mean of the numbers pushed, or None before the first one."""
        ...

    def max(self) -> float | None:
        """The largest number pushed, or None before the first one."""
        ...

    @property
    def name(self) -> str:
        """The name: not empty, no whitespace."""
        ...

    @name.setter
    def name(self, value: str) -> None:
        """ValueError for an empty name or one with whitespace; the old name is kept."""
        ...
