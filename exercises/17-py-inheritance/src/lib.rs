//! Exercise 3.6: inheritance across the bridge.
//!
//! `Tokenizer` is a Rust class that Python code may subclass; `StrippingTokenizer` is a Rust
//! subclass of it. `Tokenizer.tokens` calls `normalize` *through the object*, the way Python's
//! `self.normalize(word)` does, so whichever class the object belongs to decides what
//! `normalize` means: the base class, the Rust subclass, or a Python subclass written later.

use pyo3::prelude::*;

/// The characters `StrippingTokenizer` strips from both ends of a word unless told otherwise.
pub const DEFAULT_STRIP: &str = ".,;:!?\"'()";

/// Splits text into words and normalizes each word; subclasses change what normalizing means.
// TODO: let this class be subclassed, by Python classes and by `StrippingTokenizer` below.
#[pyclass(module = "py_inheritance")]
pub struct Tokenizer {
    min_len: usize,
}

#[pymethods]
impl Tokenizer {
    /// `Tokenizer(min_len=1)` in Python: keeps words of at least `min_len` characters.
    #[new]
    #[pyo3(signature = (min_len = 1))]
    pub fn new(min_len: usize) -> Self {
        Tokenizer { min_len }
    }

    /// The shortest word (in characters, after normalizing) that `tokens` keeps.
    #[getter]
    pub fn min_len(&self) -> usize {
        self.min_len
    }

    /// One word as a token: here, in lower case. Subclasses override this.
    pub fn normalize(&self, word: &str) -> String {
        word.to_lowercase()
    }

    /// The normalized words of `text`, split on whitespace, without those shorter than
    /// `min_len`. Each word goes through `self.normalize`, looked up on the object, so a
    /// subclass's override is the one called.
    pub fn tokens(slf: &Bound<'_, Self>, text: &str) -> PyResult<Vec<String>> {
        let _ = (slf, text);
        todo!(
            "split `text` on whitespace and normalize each word by calling the method `normalize` \
             on the object `slf` (as Python's `self.normalize(word)` would), not the Rust \
             function `Tokenizer::normalize`, so that a subclass's override is used; keep the \
             tokens of at least `min_len` characters"
        )
    }
}

/// A `Tokenizer` that also strips punctuation from both ends of each word.
// TODO: make this class a subclass of `Tokenizer` (in Rust and in Python), which Python classes
// may subclass in turn.
#[pyclass(module = "py_inheritance")]
pub struct StrippingTokenizer {
    strip: String,
}

#[pymethods]
impl StrippingTokenizer {
    /// `StrippingTokenizer(min_len=1, strip=DEFAULT_STRIP)` in Python. The object has two
    /// parts, a `Tokenizer` and a `StrippingTokenizer`, and the initializer builds both.
    #[new]
    #[pyo3(signature = (min_len = 1, strip = DEFAULT_STRIP.to_string()))]
    pub fn new(min_len: usize, strip: String) -> PyClassInitializer<Self> {
        let _ = (min_len, strip);
        todo!(
            "return an initializer for both parts of the object: the base `Tokenizer` with \
             `min_len`, then this `StrippingTokenizer` with `strip`"
        )
    }

    /// The characters stripped from both ends of each word.
    #[getter]
    pub fn strip(&self) -> String {
        self.strip.clone()
    }

    /// The base class's `normalize`, then the `strip` characters removed from both ends.
    pub fn normalize(slf: PyRef<'_, Self>, word: &str) -> String {
        let _ = (slf, word);
        todo!(
            "normalize `word` with the base class's `normalize` (the base part of `slf`, as \
             Python's `super().normalize(word)` would), then strip the `strip` characters from \
             both ends"
        )
    }
}

/// The Python module `py_inheritance`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod py_inheritance {
    #[pymodule_export]
    use super::{StrippingTokenizer, Tokenizer};
}
