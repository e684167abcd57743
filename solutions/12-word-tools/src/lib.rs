//! Exercise 3.1: Rust functions that Python can call.
//!
//! Each function below is plain Rust (the tests in `tests/` call it directly) and also a
//! `#[pyfunction]`: PyO3 generates the glue that turns Python arguments into Rust values and the
//! Rust result back into a Python object. The `#[pymodule]` at the bottom lists what
//! `import word_tools` exposes.

use std::collections::HashMap;

use pyo3::prelude::*;

/// Counts how often each word occurs in `text`.
///
/// Words are separated by whitespace and compared in lower case, so "The the" counts "the" twice.
/// Python sees a `dict[str, int]`.
#[pyfunction]
pub fn word_counts(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Returns the first word of `words` that has more than `min_len` characters, or `None`.
///
/// Python passes a `list[str]` (PyO3 copies it into a `Vec<String>`) and gets a `str` or `None`.
/// Count characters, not bytes: "héllo" has 5.
#[pyfunction]
pub fn first_longer_than(words: Vec<String>, min_len: usize) -> Option<String> {
    words
        .into_iter()
        .find(|word| word.chars().count() > min_len)
}

/// Returns the `n` most frequent words of `text` with their counts, most frequent first; words
/// with the same count come in alphabetical order.
///
/// Python sees a `list[tuple[str, int]]`. From Python, `n` is optional and defaults to 3.
#[pyfunction]
#[pyo3(signature = (text, n = 3))]
pub fn top_words(text: &str, n: usize) -> Vec<(String, usize)> {
    let mut ranked: Vec<(String, usize)> = word_counts(text).into_iter().collect();
    ranked.sort_by(|(word_a, count_a), (word_b, count_b)| {
        count_b.cmp(count_a).then_with(|| word_a.cmp(word_b))
    });
    ranked.truncate(n);
    ranked
}

/// The Python module. Its name, `word_tools`, must equal `[lib] name` in Cargo.toml and
/// `module-name` in pyproject.toml: Python looks for a symbol called `PyInit_word_tools`.
#[pymodule]
mod word_tools {
    #[pymodule_export]
    use super::{first_longer_than, top_words, word_counts};
}
