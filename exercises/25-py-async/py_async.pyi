# Type stub for the `py_async` extension module: what editors and type checkers (mypy, pyright)
# read, since they cannot look inside the compiled `.so`. maturin finds this file next to
# pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pyclass]` and its `#[pymethods]` in src/lib.rs by hand.

from collections.abc import Awaitable

class Meeting:
    """A rendezvous of `size` asyncio tasks, waited for in Rust (a tokio Barrier)."""

    def __init__(self, size: int) -> None: ...
    @property
    def size(self) -> int:
        """How many callers the meeting waits for."""
        ...
    @property
    def waiting(self) -> int:
        """How many callers are waiting right now."""
        ...
    def arrive(self, timeout: float) -> Awaitable[bool]:
        """Await it: True for the meeting's one leader, False for the others.

        Raises TimeoutError at the `await` if the others do not come within `timeout` seconds.
        """
        ...
