# Type stub for the `word_tools` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pyfunction]` signatures in src/lib.rs by hand.

def word_counts(text: str) -> dict[str, int]:
    """Counts how often each word occurs in `text`, in lower case."""
    ...

def first_longer_than(words: list[str], min_len: int) -> str | None:
    """The first word with more than `min_len` characters, or None."""
    ...

def top_words(text: str, n: int = 3) -> list[tuple[str, int]]:
    """The `n` most frequent words with their counts, most frequent first."""
    ...
