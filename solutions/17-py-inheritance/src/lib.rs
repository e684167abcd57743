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
#[pyclass(subclass, module = "py_inheritance")]
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
        let min_len = slf.borrow().min_len;
        let mut tokens = Vec::new();
        for word in text.split_whitespace() {
            let token: String = slf.call_method1("normalize", (word,))?.extract()?;
            if token.chars().count() >= min_len {
                tokens.push(token);
            }
        }
        Ok(tokens)
    }
}

/// A `Tokenizer` that also strips punctuation from both ends of each word.
#[pyclass(extends = Tokenizer, subclass, module = "py_inheritance")]
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
        PyClassInitializer::from(Tokenizer::new(min_len)).add_subclass(StrippingTokenizer { strip })
    }

    /// The characters stripped from both ends of each word.
    #[getter]
    pub fn strip(&self) -> String {
        self.strip.clone()
    }

    /// The base class's `normalize`, then the `strip` characters removed from both ends.
    pub fn normalize(slf: PyRef<'_, Self>, word: &str) -> String {
        let lowered = slf.as_super().normalize(word);
        lowered
            .trim_matches(|c: char| slf.strip.contains(c))
            .to_string()
    }
}

/// The Python module `py_inheritance`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod py_inheritance {
    #[pymodule_export]
    use super::{StrippingTokenizer, Tokenizer};
}
