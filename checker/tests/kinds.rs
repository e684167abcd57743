//! `check` on one exercise of each in-process and networked kind, untouched and solved:
//! ffi (ctypes), pyo3 (maturin) and grpc (a tonic server).

mod support;

use insta_cmd::assert_cmd_snapshot;
use support::TestCourse;

/// Checks exercise `id` (in `exercises/<folder>`), untouched or solved, into snapshot `name`.
fn check(name: &str, folder: &str, id: &str, solved: bool) -> TestCourse {
    let course = TestCourse::copy();
    if solved {
        course.solve(folder);
    }
    with_filters!({ assert_cmd_snapshot!(name, course.checker().args(["check", id])) });
    course
}

#[test]
fn an_untouched_ffi_exercise_crashes_with_the_panic_that_reached_c() {
    check("ffi_untouched", "05-ffi-strings", "ffi-strings", false);
}

#[test]
fn a_solved_ffi_exercise_passes() {
    check("ffi_solved", "05-ffi-strings", "ffi-strings", true);
}

#[test]
fn an_untouched_pyo3_exercise_fails_with_the_todo_message() {
    check("pyo3_untouched", "09-durations", "durations", false);
}

#[test]
fn a_solved_pyo3_exercise_passes() {
    check("pyo3_solved", "09-durations", "durations", true);
}

#[test]
fn an_untouched_grpc_exercise_fails_and_leaves_no_server_running() {
    let course = check("grpc_untouched", "12-grpc-status", "grpc-status", false);
    support::assert_no_process_runs_from(course.root());
}

#[test]
fn a_solved_grpc_exercise_passes_and_leaves_no_server_running() {
    let course = check("grpc_solved", "12-grpc-status", "grpc-status", true);
    support::assert_no_process_runs_from(course.root());
}
