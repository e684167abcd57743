# Type stub for the `durations` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with src/lib.rs by hand.

class UnknownUnitError(ValueError):
    """A duration used a unit other than s, m, h or d."""

def parse_duration(text: str) -> int:
    """Seconds in a duration such as "90s", "2m" or "1h30m".

    Raises UnknownUnitError for a unit other than s, m, h or d, OverflowError for more seconds
    than 64 bits hold, and ValueError for any other malformed duration."""
    ...
