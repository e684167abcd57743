"""Turns titles into URL slugs. The work is done in Rust, in the compiled module `_native`."""

# TODO: make `slugify` and `__version__` of the native module (`._native`) this package's own,
# so that `from ship_a_wheel import slugify` works, and list them in `__all__`. In a mixed
# project maturin does not write this file for you. Beside it, write the stub `_native.pyi` for
# the native module and the empty marker `py.typed`: both go into the wheel with this file.
