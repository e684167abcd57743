# Type stub for the `py_callbacks` extension module: what editors and type checkers read, since
# they cannot look inside the compiled `.so`. Keep it in sync with src/lib.rs by hand.

from typing import Any, Callable

def sum_with_progress(values: list[float], progress: Callable[[int, int], object]) -> float:
    """The sum of `values`; calls `progress(done, total)` after each value."""
    ...

class Memoize:
    """Calls `func(n)` once per distinct `n` and remembers the result."""

    def __init__(self, func: Callable[[int], Any]) -> None: ...
    def __call__(self, n: int) -> Any: ...
    @property
    def __wrapped__(self) -> Callable[[int], Any]: ...
    def __len__(self) -> int: ...
