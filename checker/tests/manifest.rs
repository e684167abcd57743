//! A broken course.toml is rejected with the file, line and what to write instead.

mod support;

use insta_cmd::assert_cmd_snapshot;
use support::TestCourse;

/// The course with the first exercise's table edited by `edit`.
fn course_with(edit: impl Fn(String) -> String) -> TestCourse {
    let course = TestCourse::copy();
    let manifest = course.read("course.toml");
    course.write("course.toml", &edit(manifest));
    course
}

#[test]
fn an_unknown_key_is_named_with_the_keys_that_exist() {
    let course = course_with(|m| m.replacen("time_limit_secs = 60", "time_limit = 60", 1));
    with_filters!({ assert_cmd_snapshot!(course.checker().arg("list")) });
}

#[test]
fn a_missing_field_is_named() {
    let course = course_with(|m| m.replacen("kind = \"rust\"\n", "", 1));
    with_filters!({ assert_cmd_snapshot!(course.checker().arg("list")) });
}

#[test]
fn an_unknown_kind_lists_the_kinds_that_exist() {
    let course = course_with(|m| m.replacen("kind = \"rust\"", "kind = \"cpython\"", 1));
    with_filters!({ assert_cmd_snapshot!(course.checker().arg("list")) });
}

#[test]
fn a_duplicate_id_names_both_lines() {
    let course = course_with(|m| m.replacen("id = \"word-tally\"", "id = \"first-word\"", 1));
    with_filters!({ assert_cmd_snapshot!(course.checker().arg("list")) });
}

#[test]
fn a_path_that_does_not_exist_is_named() {
    let course =
        course_with(|m| m.replacen("exercises/01-first-word", "exercises/01-frist-word", 1));
    with_filters!({ assert_cmd_snapshot!(course.checker().arg("list")) });
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let course = course_with(|m| m.replacen("points = 5", "points = ", 1));
    with_filters!({ assert_cmd_snapshot!(course.checker().arg("list")) });
}
