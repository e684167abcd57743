# Type stub for the `py_container` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pymethods]` in src/lib.rs by hand.

from typing import overload

class Row:
    """One row of a table: a value for each column, in column order."""

    def __init__(self, columns: list[str], values: list[int]) -> None:
        """Raises ValueError unless there are as many values as columns."""
        ...
    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        ...
    def __len__(self) -> int:
        """How many values."""
        ...
    @overload
    def __getitem__(self, key: int | str) -> int:
        """The value at a position (negative counts from the end) or in a column; IndexError or
        KeyError if there is none."""
        ...
    @overload
    def __getitem__(self, key: slice) -> list[int]:
        """The values a slice picks, as a new list."""
        ...
    def __setitem__(self, key: int | str, value: int) -> None:
        """Changes the value at a position or in a column; a slice raises TypeError."""
        ...
    def __contains__(self, value: int) -> bool:
        """Whether `value` is one of the values."""
        ...
