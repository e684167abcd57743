//! The checker's commands on a copy of the real course, as a learner and an author see them.

mod support;

use assert_cmd::prelude::*;
use insta_cmd::assert_cmd_snapshot;
use support::TestCourse;

#[test]
fn list_shows_every_exercise_not_started() {
    let course = TestCourse::copy();
    with_filters!({ assert_cmd_snapshot!(course.checker().arg("list")) });
}

#[test]
fn check_on_an_untouched_exercise_shows_each_failing_test_and_the_todo_message() {
    let course = TestCourse::copy();
    with_filters!({ assert_cmd_snapshot!(course.checker().args(["check", "first-word"])) });
}

#[test]
fn check_on_a_solved_exercise_passes_and_points_to_the_next_one() {
    let course = TestCourse::copy();
    course.solve("01-first-word");
    with_filters!({ assert_cmd_snapshot!(course.checker().args(["check", "first-word"])) });
}

#[test]
fn check_without_an_id_takes_the_first_exercise_not_yet_passing() {
    let course = TestCourse::copy();
    course.solve("01-first-word");
    course
        .checker()
        .args(["check", "first-word"])
        .assert()
        .success();
    let output = course.checker().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("word-tally "), "{stdout}");
    let listed = course.checker().arg("list").output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("first-word") && listed.contains("passing"),
        "{listed}"
    );
}

#[test]
fn check_on_code_that_does_not_compile_shows_the_compiler_error() {
    let course = TestCourse::copy();
    course.write(
        "exercises/01-first-word/src/lib.rs",
        "pub fn first_word(text: &str) -> &str {\n    let n: u32 = text;\n    todo!()\n}\n",
    );
    with_filters!({ assert_cmd_snapshot!(course.checker().args(["check", "first-word"])) });
}

#[test]
fn hint_prints_the_manifest_hint() {
    let course = TestCourse::copy();
    with_filters!({ assert_cmd_snapshot!(course.checker().args(["hint", "word-tally"])) });
}

#[test]
fn an_unknown_exercise_id_lists_the_ids_that_exist() {
    let course = TestCourse::copy();
    let output = course
        .checker()
        .args(["hint", "first-wrod"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(
            "error: there is no exercise \"first-wrod\"; the exercises are: first-word, "
        ),
        "{stderr}"
    );
}

#[test]
fn verify_reports_each_exercise_failing_untouched_and_passing_solved() {
    let course = TestCourse::copy();
    with_filters!({
        assert_cmd_snapshot!(
            course
                .checker()
                .args(["verify", "first-word", "parse-person"])
        )
    });
}

#[test]
fn verify_names_a_test_that_passes_before_the_learner_wrote_anything() {
    let course = TestCourse::copy();
    course.solve("01-first-word");
    with_filters!({ assert_cmd_snapshot!(course.checker().args(["verify", "first-word"])) });
}

#[test]
fn verify_names_a_test_that_the_solution_fails() {
    let course = TestCourse::copy();
    let solution = course.read("solutions/01-first-word/src/lib.rs");
    course.write(
        "solutions/01-first-word/src/lib.rs",
        &solution.replace("&text[..i]", "&text[..i.saturating_sub(1)]"),
    );
    let output = course
        .checker()
        .args(["verify", "first-word"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "first-word: test returns_the_text_before_the_first_space fails with the solution"
        ),
        "{stdout}"
    );
}

#[test]
fn the_real_course_verifies() {
    let course = TestCourse::copy();
    let output = course.checker().arg("verify").output().unwrap();
    assert!(
        output.status.success(),
        "verify failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn grade_json_is_the_result_model_with_points_per_test() {
    let course = TestCourse::copy();
    course.solve("01-first-word");
    course.write("exercises/03-parse-person/src/lib.rs", "this is not Rust\n");
    let output = course
        .checker()
        .args([
            "grade",
            "--format",
            "json",
            "--only",
            "first-word",
            "word-tally",
            "parse-person",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["schema"], 1);
    let statuses: Vec<&str> = json["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["passed", "failed", "build_error"]);
    assert_eq!(json["score"], 5.0);
    assert_eq!(json["max_score"], 18.0);
    assert!(
        json["exercises"][2]["build_output"]
            .as_str()
            .unwrap()
            .contains("error")
    );
}

#[test]
fn watch_checks_again_when_a_file_is_saved_and_goes_on_when_it_passes() {
    use std::io::BufRead;
    let course = TestCourse::copy();
    let mut child = course
        .checker()
        .arg("watch")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (lines, seen) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // Waits (boundedly: a hang fails the test rather than blocking it) for a line containing `text`.
    let wait_for = |text: &str| loop {
        let line = seen
            .recv_timeout(std::time::Duration::from_secs(300))
            .expect("watch kept talking");
        if line.contains(text) {
            break;
        }
    };
    wait_for("Watching exercises/01-first-word/src/");
    // Without a save, nothing is checked again (the compiler reading the files is no save).
    while let Ok(line) = seen.recv_timeout(std::time::Duration::from_secs(3)) {
        assert!(
            !line.contains("Watching"),
            "checked again without a save: {line}"
        );
    }
    course.solve("01-first-word");
    wait_for("first-word is done!");
    wait_for("Watching exercises/02-word-tally/src/");
    child.kill().unwrap();
    child.wait().unwrap();
}
