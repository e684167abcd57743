use py_callbacks::{Memoize, sum_with_progress};
use pyo3::prelude::*;

#[test]
fn adds_up_the_values_and_reports_each_step() {
    let mut steps = Vec::new();
    let sum = sum_with_progress(&[1.5, 2.0, 4.0], |done, total| {
        steps.push((done, total));
        Ok::<(), String>(())
    });
    assert_eq!(sum, Ok(7.5));
    assert_eq!(steps, [(1, 3), (2, 3), (3, 3)]);
}

#[test]
fn an_empty_slice_sums_to_zero_without_a_call() {
    let mut calls = 0;
    let sum = sum_with_progress(&[], |_, _| {
        calls += 1;
        Ok::<(), String>(())
    });
    assert_eq!(sum, Ok(0.0));
    assert_eq!(calls, 0);
}

#[test]
fn the_first_error_stops_the_loop_and_comes_back_unchanged() {
    let mut steps = Vec::new();
    let sum = sum_with_progress(&[1.0; 5], |done, _| {
        steps.push(done);
        if done == 2 {
            Err(format!("stopped at {done}"))
        } else {
            Ok(())
        }
    });
    assert_eq!(sum, Err("stopped at 2".to_string()));
    assert_eq!(steps, [1, 2], "no call may follow the one that failed");
}

#[test]
fn memoize_calls_a_python_function_once_per_argument() {
    Python::initialize();
    Python::attach(|py| {
        let log = py.eval(c"[]", None, None).unwrap();
        let globals = pyo3::types::PyDict::new(py);
        globals.set_item("log", &log).unwrap();
        let func = py
            .eval(c"lambda n: log.append(n) or n * n", Some(&globals), None)
            .unwrap();
        let mut memo = Memoize::new(func.unbind());
        let first: i64 = memo.__call__(py, 7).unwrap().extract(py).unwrap();
        let again: i64 = memo.__call__(py, 7).unwrap().extract(py).unwrap();
        assert_eq!((first, again), (49, 49));
        assert_eq!(
            log.extract::<Vec<i64>>().unwrap(),
            [7],
            "the second call must use the cache"
        );
        assert_eq!(memo.__len__(), 1);
    });
}
