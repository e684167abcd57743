# Type stub for the `zero_copy` extension module: what editors and type checkers read, since they
# cannot look inside the compiled `.so`. maturin installs it with the module.
# Keep it in sync with the `#[pyfunction]` signatures in src/lib.rs by hand.

def adler32(data: bytes) -> int:
    """The Adler-32 checksum of `data`, as `zlib.adler32(data)` computes it, read in place."""
    ...

def reset_allocation_peak() -> None:
    """Starts a new measurement for `allocation_peak()`."""
    ...

def allocation_peak() -> int:
    """The most bytes this module's Rust code held at once since the last reset."""
    ...
