//! Pickle, in an interpreter embedded in the test, gives back the same Rust value.

use py_pickle::Playlist;
use pyo3::prelude::*;

/// Makes `import py_pickle` (which pickle does to find the class) find the module built here.
fn register_module(py: Python<'_>) {
    let module = pyo3::wrap_pymodule!(py_pickle::py_pickle)(py);
    py.import("sys")
        .and_then(|sys| sys.getattr("modules"))
        .and_then(|modules| modules.set_item("py_pickle", module))
        .expect("could not add py_pickle to sys.modules");
}

fn road_trip() -> Playlist {
    Playlist::new(
        "road trip".to_string(),
        vec![("Intro".to_string(), 90), ("Highway".to_string(), 241)],
    )
}

#[test]
fn a_playlist_pickled_and_unpickled_is_the_same_rust_value() {
    Python::initialize();
    Python::attach(|py| {
        register_module(py);
        let pickle = py.import("pickle").unwrap();
        let original = Bound::new(py, road_trip()).unwrap();
        let saved = pickle
            .call_method1("dumps", (&original,))
            .unwrap_or_else(|error| {
                panic!(
                    "pickle.dumps failed: {error}. Pickle needs the class's real module \
                     (#[pyclass(module = ...)]) and a __reduce__ that says how to make it again"
                )
            });
        let loaded = pickle.call_method1("loads", (saved,)).unwrap();
        let loaded = loaded
            .cast::<Playlist>()
            .expect("pickle.loads should give back a Playlist");
        assert!(!loaded.is(&original), "unpickling makes a new object");
        assert_eq!(*loaded.borrow(), road_trip());
    });
}

#[test]
fn reduce_names_the_class_and_the_arguments_that_make_the_playlist_again() {
    Python::initialize();
    Python::attach(|py| {
        register_module(py);
        let original = Bound::new(py, road_trip()).unwrap();
        let reduced = original
            .call_method0("__reduce__")
            .unwrap_or_else(|error| panic!("__reduce__ failed: {error}"));
        let (callable, args): (Bound<'_, PyAny>, Bound<'_, PyAny>) = reduced
            .extract()
            .expect("__reduce__ should return a pair: what to call, and its arguments");
        assert!(
            callable.is(py.get_type::<Playlist>()),
            "call the class itself"
        );
        let again = callable
            .call1(args.cast::<pyo3::types::PyTuple>().unwrap())
            .unwrap();
        assert_eq!(*again.cast::<Playlist>().unwrap().borrow(), road_trip());
    });
}
