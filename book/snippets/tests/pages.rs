//! What the pages say Python prints, checked against the code they include.

use std::ffi::CStr;

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A module of the snippets crate, made for the interpreter the test embeds.
type MakeModule = fn(Python<'_>) -> Py<PyModule>;

/// Runs `code` with the given modules as globals; a failed `assert` fails the test with
/// Python's traceback.
fn run(modules: &[(&str, MakeModule)], code: &CStr) {
    Python::initialize();
    Python::attach(|py| {
        let globals = PyDict::new(py);
        for (name, make) in modules {
            globals.set_item(*name, make(py)).unwrap();
        }
        if let Err(e) = py.run(code, Some(&globals), None) {
            e.display(py);
            panic!("the page's Python example does not hold: {e}");
        }
    });
}

#[test]
fn pyfunction_page_add_converts_and_names_the_argument_that_failed() {
    run(
        &[("calc", book_snippets::pyfunction::calc_module)],
        cr#"
import sys
assert calc.add(2, 3) == 5
assert calc.add.__doc__ == "Adds two numbers.", calc.add.__doc__
try:
    calc.add("2", 3)
    raise AssertionError("no TypeError")
except TypeError as e:
    assert str(e) == "'str' object cannot be interpreted as an integer", str(e)
    if sys.version_info >= (3, 11):
        assert e.__notes__ == ["while processing 'a'"], e.__notes__
"#,
    );
}

#[test]
fn pyfunction_page_split_has_the_signature_it_shows() {
    run(
        &[("calc", book_snippets::pyfunction::calc_with_split_module)],
        cr#"
assert calc.split("a,b,c", ",", limit=1) == ["a", "b,c"]
assert calc.split.__text_signature__ == '(text, sep=" ", limit=None)', calc.split.__text_signature__
"#,
    );
}

#[test]
fn conversions_page_errors_are_the_ones_it_prints() {
    run(
        &[("m", book_snippets::conversions::module)],
        cr#"
import sys
assert m.inverse({"a": 1}) == {1: "a"}
assert m.checksum(b"\x01\x02") == 3
def raises(kind, message, note, f, *args):
    try:
        f(*args)
    except kind as e:
        assert str(e) == message, str(e)
        if sys.version_info >= (3, 11):
            assert e.__notes__ == [note], e.__notes__
    else:
        raise AssertionError(f"no {kind.__name__}")
raises(TypeError, "'str' object is not an instance of 'bytes'", "while processing 'data'", m.checksum, "text")
raises(OverflowError, "Python int too large to convert to C long", "while processing 'a'", m.add, 2**70, 1)
assert m.total([1, 2.5]) == 3.5
try:
    m.total([1, "x"])
    raise AssertionError("no TypeError")
except TypeError:
    pass
"#,
    );
}

#[test]
fn anatomy_page_first_longer_than_counts_characters_and_stops_at_the_answer() {
    run(
        &[("a", book_snippets::anatomy::module)],
        cr#"
assert a.first_longer_than(["a", "héllo", "worlds"], 4) == "héllo"
assert a.first_longer_than(["ab", "cd"], 2) is None
# Stops at the answer: a later element that is no str is never looked at.
assert a.first_longer_than(["a", "long enough", 42], 3) == "long enough"
"#,
    );
}
