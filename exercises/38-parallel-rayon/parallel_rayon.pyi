# Type stub for the `parallel_rayon` extension module: what editors and type checkers read, since
# they cannot look inside the compiled `.so`. maturin installs it with the module.
# Keep it in sync with the `#[pyfunction]` and `#[pymethods]` signatures in src/lib.rs by hand.

class Checkpoint:
    """A meeting point for tests: the first `tasks` pieces of work wait there for each other
    (and, with `wait_for_python`, for a Python thread's `join()`), at most `timeout` seconds."""

    def __init__(self, tasks: int = 2, wait_for_python: bool = False, timeout: float = 10.0) -> None: ...
    @property
    def rust_arrived(self) -> int:
        """How many pieces have reached the checkpoint."""
        ...
    @property
    def met(self) -> bool:
        """Whether everyone met before the timeout."""
        ...
    def join(self) -> bool:
        """Arrives from a Python thread and waits, with the GIL released; true if all met."""
        ...

def count_primes(limit: int, checkpoint: Checkpoint | None = None) -> int:
    """How many primes are below `limit`: in parallel on two threads, with the GIL released."""
    ...

def count_primes_sequential(limit: int) -> int:
    """The same count on one thread, with the GIL held."""
    ...
