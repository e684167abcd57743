# Type stub for the compiled module `ship_a_wheel._native`: editors and type checkers read this,
# since they cannot look inside the `.so`. `__init__.py` re-exports these names, so
# `ship_a_wheel.slugify` is typed too. Kept in sync with src/lib.rs by hand.

__version__: str

def slugify(title: str, separator: str = "-") -> str:
    """`"Hello, World!"` -> `"hello-world"`: lower-case ASCII letters and digits, every other
    run of characters replaced by one `separator`."""
    ...
