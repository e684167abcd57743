# Type stub for the `error_chains` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with src/lib.rs by hand.

class ConfigError(ValueError):
    """A configuration text could not be loaded; __cause__ says why, when something underneath failed."""

def load_config(text: str) -> dict[str, int]:
    """The settings of a text of `name = number` lines (blank lines and `#` comments skipped).

    Raises ConfigError for a line with no `=` or a value that is no number; for the latter its
    __cause__ is the ValueError that says why. Logs under the logger "error_chains": each setting
    (DEBUG), a name set again (WARNING), how many settings it loaded (INFO)."""
    ...
