//! Code shown in the book, compiled here so that it cannot rot: each page takes its snippet with
//! `{{#include ../snippets/src/FILE.rs:ANCHOR}}` (the lines between `ANCHOR: name` and
//! `ANCHOR_END: name`), and `tests/` calls it from Python to check what the page says it prints.
//! mdBook's own `mdbook test` cannot link PyO3, so these blocks stay `ignore` there.
#![allow(dead_code)]

/// book/ch5-performance/anatomy.md
pub mod anatomy;
/// book/ch3-pyo3/conversions.md
pub mod conversions;
/// book/ch3-pyo3/pyfunction.md
pub mod pyfunction;
