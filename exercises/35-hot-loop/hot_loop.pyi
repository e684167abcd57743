# Type stub for the `hot_loop` extension module: what editors and type checkers read, since they
# cannot look inside the compiled `.so`. maturin installs it with the module.
# Keep it in sync with the `#[pyfunction]` signatures in src/lib.rs by hand.

def edit_distance(a: str, b: str) -> int:
    """The Levenshtein distance between `a` and `b`, counted in characters."""
    ...
