//! `check` on the fixture's exercise of each in-process and networked kind, untouched and
//! solved: ffi (ctypes), pyo3 (maturin) and grpc (a tonic server).

use crate::assert_run_snapshot;
use crate::support::{self, TestCourse};

/// Checks exercise `id` (in `exercises/<folder>`), untouched or solved, into snapshot `name`.
fn check(name: &str, folder: &str, id: &str, solved: bool) -> TestCourse {
    let course = TestCourse::fixture();
    if solved {
        course.solve(folder);
    }
    assert_run_snapshot!(name, course.checker().args(["check", id]));
    course
}

#[test]
fn an_untouched_ffi_exercise_crashes_with_the_panic_that_reached_c() {
    check("ffi_untouched", "02-ffi-add", "ffi-add", false);
}

#[test]
fn a_solved_ffi_exercise_passes() {
    check("ffi_solved", "02-ffi-add", "ffi-add", true);
}

#[test]
fn an_untouched_pyo3_exercise_fails_with_the_todo_message() {
    check("pyo3_untouched", "03-py-add", "py-add", false);
}

#[test]
fn a_solved_pyo3_exercise_passes() {
    check("pyo3_solved", "03-py-add", "py-add", true);
}

#[test]
fn an_untouched_grpc_exercise_fails_and_leaves_no_server_running() {
    let course = check("grpc_untouched", "04-grpc-echo", "grpc-echo", false);
    support::assert_no_process_runs_from(course.root());
}

#[test]
fn a_solved_grpc_exercise_passes_and_leaves_no_server_running() {
    let course = check("grpc_solved", "04-grpc-echo", "grpc-echo", true);
    support::assert_no_process_runs_from(course.root());
}

#[test]
fn a_pymodule_named_differently_is_explained_with_the_three_names_and_scores_no_python_points() {
    let course = TestCourse::fixture();
    course.solve_except("03-py-add", "mod py_add {", "mod adder {");
    let output = course.checker().args(["check", "py-add"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "The three names now: #[pymodule] `adder` in src/lib.rs, [lib] name `py_add` in Cargo.toml, \
             module-name `py_add` in pyproject.toml."
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Read more: book/ch3-pyo3/three-names.md"),
        "{stdout}"
    );
    // Every Python test counts as failed, not one "collection" item: a module that does not
    // import must not score better than one that imports.
    let failed_python = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("✗ test_"))
        .count();
    assert_eq!(failed_python, 1, "{stdout}");
}

#[test]
fn a_re_check_after_an_edit_tests_the_edited_pyo3_module_and_the_one_after_it_too() {
    let course = TestCourse::fixture();
    course.solve("03-py-add");
    let check = || {
        let output = course.checker().args(["check", "py-add"]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(check().contains("All 2 tests pass."));
    // Only the Python function changes: the Rust tests still pass, the Python test must not.
    let lib = course.read("exercises/03-py-add/src/lib.rs");
    let edited = lib.replace("super::sum(a, b)", "super::sum(a, b) + 1");
    course.write("exercises/03-py-add/src/lib.rs", &edited);
    let after_edit = check();
    assert!(
        after_edit.contains("✗ test_python_calls_the_rust_function"),
        "{after_edit}"
    );
    course.write("exercises/03-py-add/src/lib.rs", &lib);
    assert!(check().contains("All 2 tests pass."));
}

/// The tests graded are the ones Python's parser finds, as pytest collects them: not a
/// `def test_` written inside a string, nor a function nested in a test; a test method of a
/// `Test*` class is one.
#[test]
fn the_python_tests_graded_are_those_pytest_collects_read_by_pythons_parser() {
    let course = TestCourse::fixture();
    course.solve("03-py-add");
    let tests = "exercises/03-py-add/python/tests/test_py_add.py";
    course.write(
        tests,
        &(course.read(tests)
            + r#"

NOTES = """
def test_written_in_a_string():
    pass
"""


def test_with_a_helper_inside():
    def test_nested_helper():
        raise AssertionError("never collected")
    assert py_add.add(1, 1) == 2


class TestGrouped:
    def test_in_a_class(self):
        assert py_add.add(0, 0) == 0
"#),
    );
    course.edit_manifest(|manifest| manifest); // relocks, the test file included
    let json = course.grade_json(&["--only", "py-add"]);
    let exercise = &json["exercises"][0];
    let names: Vec<&str> = exercise["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["suite"] == "python")
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "test_python_calls_the_rust_function",
            "test_with_a_helper_inside",
            "test_in_a_class"
        ]
    );
    assert_eq!(exercise["status"], "passed", "{exercise}");
}
