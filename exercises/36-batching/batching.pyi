# Type stub for the `batching` extension module: what editors and type checkers read, since they
# cannot look inside the compiled `.so`. maturin installs it with the module.
# Keep it in sync with the `#[pyfunction]` signatures in src/lib.rs by hand.

def calls() -> int:
    """How many times Python has called this module's functions (not counting `calls()`)."""
    ...

def luhn_valid(number: int) -> bool:
    """Whether `number` passes the Luhn check: one number, one call."""
    ...

def luhn_valid_all(numbers: list[int]) -> list[bool]:
    """The Luhn check of every number, in order: the whole list in one call."""
    ...
