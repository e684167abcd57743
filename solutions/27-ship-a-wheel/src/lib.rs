//! Exercise 3.16: ship it, as a wheel that anyone can `pip install`.
//!
//! The Rust part is small on purpose: `slugify` and the module that exports it. The lesson is
//! what goes around it, all of it under `src/`: the Python package `src/ship_a_wheel/` (its
//! `__init__.py`, the stub `_native.pyi` and the `py.typed` marker), and the version, which
//! Cargo.toml holds and this module hands to Python as `__version__`.

use pyo3::prelude::*;

/// `"Hello, World!"` -> `"hello-world"`: lower-case ASCII letters and digits, every other run of
/// characters replaced by one `separator`, none at either end.
pub fn slugify(title: &str, separator: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    let mut pending = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if pending && !slug.is_empty() {
                slug.push_str(separator);
            }
            pending = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending = true;
        }
    }
    slug
}

/// `ship_a_wheel.slugify(title, separator="-")` in Python.
#[pyfunction(name = "slugify")]
#[pyo3(signature = (title, separator = "-"))]
fn py_slugify(title: &str, separator: &str) -> String {
    slugify(title, separator)
}

/// The compiled part of the package `ship_a_wheel`, imported as `ship_a_wheel._native`.
#[pymodule]
pub mod _native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::py_slugify;

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        // Cargo sets CARGO_PKG_VERSION from Cargo.toml while it compiles this crate: the
        // version has one source, and the wheel's METADATA comes from the same one.
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
