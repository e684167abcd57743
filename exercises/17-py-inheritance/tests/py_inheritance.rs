use py_inheritance::{StrippingTokenizer, Tokenizer};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Runs `test` with the GIL held and fails the test with Python's error if it returns one.
fn with_python(test: impl for<'py> FnOnce(Python<'py>) -> PyResult<()>) {
    Python::initialize();
    Python::attach(|py| {
        if let Err(error) = test(py) {
            panic!("Python raised {error}");
        }
    });
}

#[test]
fn tokens_keeps_the_normalized_words_of_at_least_min_len() {
    with_python(|py| {
        let tokenizer = Bound::new(py, Tokenizer::new(3))?;
        let tokens = Tokenizer::tokens(&tokenizer, "a Cat is ON its\tmat")?;
        assert_eq!(tokens, ["cat", "its", "mat"]);
        Ok(())
    });
}

#[test]
fn tokens_calls_a_python_override_of_normalize() {
    with_python(|py| {
        let globals = PyDict::new(py);
        globals.set_item("Tokenizer", py.get_type::<Tokenizer>())?;
        py.run(
            c"class Shout(Tokenizer):\n    def normalize(self, word):\n        return word.upper() + '!'\n",
            Some(&globals),
            None,
        )?;
        let shout = globals.get_item("Shout")?.expect("class Shout").call0()?;
        let tokens = Tokenizer::tokens(shout.cast::<Tokenizer>()?, "hey you")?;
        assert_eq!(
            tokens,
            ["HEY!", "YOU!"],
            "tokens should call the Python subclass's normalize, found on the object"
        );
        Ok(())
    });
}

#[test]
fn the_rust_subclass_builds_its_base_part_too() {
    with_python(|py| {
        let stripping = Bound::new(py, StrippingTokenizer::new(4, "*".to_string()))?;
        assert_eq!(stripping.borrow().strip(), "*");
        let base = stripping.as_any().cast::<Tokenizer>()?;
        assert_eq!(base.borrow().min_len(), 4);
        Ok(())
    });
}

#[test]
fn the_rust_subclass_normalizes_with_the_base_then_strips() {
    with_python(|py| {
        let stripping = Bound::new(py, StrippingTokenizer::new(1, "*_".to_string()))?;
        let token = StrippingTokenizer::normalize(stripping.borrow(), "**Bold_");
        assert_eq!(token, "bold");
        Ok(())
    });
}

#[test]
fn the_base_tokens_calls_the_rust_subclass_normalize() {
    with_python(|py| {
        let stripping = Bound::new(py, StrippingTokenizer::new(2, ",!".to_string()))?;
        let base = stripping.as_any().cast::<Tokenizer>()?;
        let tokens = Tokenizer::tokens(base, "Hi, I am HERE!")?;
        assert_eq!(
            tokens,
            ["hi", "am", "here"],
            "tokens should call StrippingTokenizer's normalize (which strips ',' and '!'), \
             found on the object"
        );
        Ok(())
    });
}
