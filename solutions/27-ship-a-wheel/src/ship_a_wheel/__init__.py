"""Turns titles into URL slugs. The work is done in Rust, in the compiled module `_native`."""

from ._native import __version__, slugify

__all__ = ["slugify", "__version__"]
