//! Exercise 3.7: a lazy iterator.
//!
//! `Words(text)` hands out the words of `text` one at a time, each time Python asks for the next
//! one, as a generator would: it never builds the list of all the words. It keeps the text and an
//! offset into it, and each `__next__` looks for one more word from there. `__iter__` and
//! `__next__` make it a Python iterator, so `for`, `list()`, `zip()` and `itertools` can use it.

use pyo3::prelude::*;

/// The words of a text, one at a time (like `iter(text.split())`, without the list).
#[pyclass(module = "py_iterators")]
pub struct Words {
    /// The text, copied once from the Python `str` (the stable ABI of Python 3.9 has no way to
    /// borrow a `str`'s bytes).
    text: String,
    /// Where, in bytes, the search for the next word starts: just past the last word handed out.
    offset: usize,
    /// How many words have been handed out so far.
    produced: usize,
}

impl Words {
    /// The whole text this iterator walks through.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How far into `text` (in bytes) the iterator has read.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The next word, as a slice of `text` (no copy), or `None` once there are no more words,
    /// and `None` again on every later call. Words are separated by whitespace, as
    /// `str.split()` separates them.
    pub fn next_word(&mut self) -> Option<&str> {
        let rest = &self.text[self.offset..];
        let Some(start) = rest.find(|c: char| !c.is_whitespace()) else {
            self.offset = self.text.len();
            return None;
        };
        let start = self.offset + start;
        let len = self.text[start..]
            .find(char::is_whitespace)
            .unwrap_or(self.text.len() - start);
        self.offset = start + len;
        self.produced += 1;
        Some(&self.text[start..start + len])
    }
}

#[pymethods]
impl Words {
    /// `Words(text)` in Python: nothing read yet.
    #[new]
    pub fn new(text: String) -> Self {
        Words {
            text,
            offset: 0,
            produced: 0,
        }
    }

    /// How many words this iterator has handed out so far.
    #[getter]
    pub fn produced(&self) -> usize {
        self.produced
    }

    /// `iter(words)`: an iterator is its own iterator.
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// `next(words)`: the next word, or `StopIteration` (PyO3 raises it for `None`). PyO3 makes
    /// the Python `str` from the borrowed slice while `self` is still borrowed.
    fn __next__(&mut self) -> Option<&str> {
        self.next_word()
    }
}

/// The Python module `py_iterators`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod py_iterators {
    #[pymodule_export]
    use super::Words;
}
