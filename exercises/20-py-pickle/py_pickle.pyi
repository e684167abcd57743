# Type stub for the `py_pickle` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pymethods]` in src/lib.rs by hand.

from typing import Any

class Playlist:
    """A named list of tracks, each a title and a length in seconds."""

    def __init__(self, name: str, tracks: list[tuple[str, int]] = ...) -> None: ...
    @property
    def name(self) -> str:
        """The playlist's name; it can be changed."""
        ...
    @name.setter
    def name(self, name: str) -> None: ...
    @property
    def tracks(self) -> list[tuple[str, int]]:
        """The tracks, as a new list of (title, seconds) tuples."""
        ...
    def add(self, title: str, seconds: int) -> None:
        """Adds a track at the end."""
        ...
    def total_seconds(self) -> int:
        """The length of the whole playlist, in seconds."""
        ...
    def __reduce__(self) -> tuple[type[Playlist], tuple[str, list[tuple[str, int]]]]:
        """How pickle makes the playlist again: the class, called with its name and tracks."""
        ...
    def __copy__(self) -> Playlist:
        """copy.copy: a new, equal playlist."""
        ...
    def __deepcopy__(self, memo: dict[int, Any]) -> Playlist:
        """copy.deepcopy: a new, equal playlist that shares nothing with this one."""
        ...
