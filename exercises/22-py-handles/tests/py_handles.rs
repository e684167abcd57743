use py_handles::{Recorder, append_squares, count_into};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(String::from).collect()
}

#[test]
fn count_into_changes_the_dict_it_was_given() {
    Python::initialize();
    Python::attach(|py| {
        let counts = PyDict::new(py);
        counts.set_item("the", 10).unwrap();
        count_into(&counts, words("the cat the")).unwrap();
        let counts: std::collections::HashMap<String, i64> = counts.extract().unwrap();
        assert_eq!(counts.len(), 2);
        assert_eq!(counts["the"], 12, "an existing key goes up by one per word");
        assert_eq!(counts["cat"], 1, "a new key starts at 1");
    });
}

#[test]
fn append_squares_extends_the_list_it_was_given() {
    Python::initialize();
    Python::attach(|py| {
        let list = PyList::new(py, [-1]).unwrap();
        append_squares(py, &list, 5).unwrap();
        assert_eq!(list.extract::<Vec<i64>>().unwrap(), [-1, 0, 1, 4, 9, 16]);
    });
}

#[test]
fn a_recorder_appends_to_the_list_it_keeps() {
    Python::initialize();
    Python::attach(|py| {
        let list = PyList::empty(py);
        let recorder = Recorder::new(&list);
        recorder
            .record(py, &"first".into_pyobject(py).unwrap())
            .unwrap();
        assert_eq!(
            list.extract::<Vec<String>>().unwrap(),
            ["first"],
            "record must append to the list given to Recorder::new, not to a copy of it"
        );
        assert!(
            recorder.target(py).bind(py).is(&list),
            "target must be the same list"
        );
    });
}
