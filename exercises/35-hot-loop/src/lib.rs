//! Exercise 5.1: a hot loop, compiled.
//!
//! The edit distance of two strings (how many single-character insertions, deletions and
//! substitutions turn one into the other) fills a table of `len(a) * len(b)` cells, each a few
//! comparisons and additions. In Python every cell costs a dozen bytecodes and a few new `int`
//! objects; in Rust it is a handful of machine instructions on `usize`s in registers. Nothing in
//! the loop touches a Python object, so the whole table runs at the speed of the CPU.

use pyo3::prelude::*;

/// The Levenshtein distance between `a` and `b`, counted in characters (not bytes): the least
/// number of single-character insertions, deletions and substitutions that turn `a` into `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let _ = (a, b);
    todo!(
        "return the edit distance of `a` and `b` in characters: fill the table row by row, \
         keeping only the previous row and the current one (two Vec<usize>), with no Python \
         object inside the loop"
    )
}

/// `hot_loop.edit_distance(a, b)` in Python: the strings arrive as `&str`, borrowed, and the
/// answer leaves as an `int`. The work in between is plain Rust.
#[pyfunction(name = "edit_distance")]
fn py_edit_distance(a: &str, b: &str) -> usize {
    edit_distance(a, b)
}

/// The Python module `hot_loop`.
#[pymodule]
mod hot_loop {
    // TODO: export `py_edit_distance` (`#[pymodule_export] use super::py_edit_distance;`), once
    // `edit_distance` works: until then Python sees no function at all.
}
