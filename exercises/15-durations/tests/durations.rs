//! The module in an interpreter embedded in the test: which exception each error becomes.

use durations::DurationError;
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyType;

/// The module `durations`, built as Python would import it, and its `UnknownUnitError` class.
fn module_and_class(py: Python<'_>) -> (Bound<'_, PyModule>, Bound<'_, PyType>) {
    let module = pyo3::wrap_pymodule!(durations::durations)(py).into_bound(py);
    let class = module
        .getattr("UnknownUnitError")
        .expect("the module has no UnknownUnitError")
        .cast_into::<PyType>()
        .expect("UnknownUnitError is not a class");
    (module, class)
}

#[test]
fn the_module_exports_an_unknown_unit_error_class_derived_from_value_error() {
    Python::initialize();
    Python::attach(|py| {
        let (_, class) = module_and_class(py);
        assert_eq!(class.name().unwrap(), "UnknownUnitError");
        assert!(class.is_subclass_of::<PyValueError>().unwrap());
        assert!(!class.is(py.get_type::<PyValueError>()));
    });
}

#[test]
fn maps_each_error_to_its_python_exception_with_its_message() {
    Python::initialize();
    Python::attach(|py| {
        let unknown = PyErr::from(DurationError::UnknownUnit('x'));
        let (_, class) = module_and_class(py);
        assert!(unknown.get_type(py).is(&class));
        assert_eq!(
            unknown.value(py).to_string(),
            DurationError::UnknownUnit('x').to_string()
        );
        let overflow = PyErr::from(DurationError::Overflow);
        assert!(overflow.get_type(py).is(py.get_type::<PyOverflowError>()));
        for plain in [
            DurationError::Empty,
            DurationError::MissingNumber('m'),
            DurationError::MissingUnit("30".into()),
        ] {
            let message = plain.to_string();
            let error = PyErr::from(plain);
            assert!(error.get_type(py).is(py.get_type::<PyValueError>()));
            assert_eq!(error.value(py).to_string(), message);
        }
    });
}

#[test]
fn the_python_function_raises_the_exception_of_the_parsers_error() {
    Python::initialize();
    Python::attach(|py| {
        let (module, class) = module_and_class(py);
        let parse = module.getattr("parse_duration").unwrap();
        assert_eq!(
            parse.call1(("1h30m",)).unwrap().extract::<u64>().unwrap(),
            5_400
        );
        let error = parse.call1(("5x",)).unwrap_err();
        assert!(error.get_type(py).is(&class), "{error}");
    });
}
