# Type stub for the `py_inheritance` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pyclass]` and `#[pymethods]` in src/lib.rs by hand: the base class
# of `StrippingTokenizer` here is its `extends = ...` there.

class Tokenizer:
    """Splits text into words and normalizes each word; subclasses change what normalizing means."""

    def __init__(self, min_len: int = 1) -> None: ...
    @property
    def min_len(self) -> int:
        """The shortest word (in characters, after normalizing) that `tokens` keeps."""
        ...
    def normalize(self, word: str) -> str:
        """One word as a token: here, in lower case. Override it in a subclass."""
        ...
    def tokens(self, text: str) -> list[str]:
        """The words of `text`, each passed through `self.normalize`, without those shorter
        than `min_len`."""
        ...

class StrippingTokenizer(Tokenizer):
    """A `Tokenizer` that also strips punctuation from both ends of each word."""

    def __init__(self, min_len: int = 1, strip: str = ".,;:!?\"'()") -> None: ...
    @property
    def strip(self) -> str:
        """The characters stripped from both ends of each word."""
        ...
    def normalize(self, word: str) -> str:
        """`Tokenizer.normalize`, then the `strip` characters removed from both ends."""
        ...
