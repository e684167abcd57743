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
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Row i holds the distances from the first i characters of `a` to every prefix of `b`.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, char_a) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, char_b) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(char_a != char_b);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
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
    #[pymodule_export]
    use super::py_edit_distance;
}
