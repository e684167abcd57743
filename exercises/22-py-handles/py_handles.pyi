# Type stub for the `py_handles` extension module: what editors and type checkers read, since
# they cannot look inside the compiled `.so`. Keep it in sync with src/lib.rs by hand.

from typing import Any

def count_into(counts: dict[str, int], words: list[str]) -> None:
    """Adds one to `counts[word]` for each word, in the dict given."""
    ...

def append_squares(target: list[Any], n: int) -> None:
    """Appends 0, 1, 4, ..., (n - 1) ** 2 to the list given."""
    ...

class Recorder:
    """Keeps a list and appends to it, call after call."""

    def __init__(self, target: list[Any]) -> None: ...
    def record(self, item: object) -> None: ...
    @property
    def target(self) -> list[Any]: ...
