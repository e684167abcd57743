# Type stub for the `py_iterators` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pymethods]` in src/lib.rs by hand.

class Words:
    """The words of a text, one at a time (like `iter(text.split())`, without the list)."""

    def __init__(self, text: str) -> None: ...
    @property
    def produced(self) -> int:
        """How many words this iterator has handed out so far."""
        ...
    def __iter__(self) -> Words:
        """The iterator itself."""
        ...
    def __next__(self) -> str:
        """The next word; raises StopIteration when there is none, and again on every call after."""
        ...
