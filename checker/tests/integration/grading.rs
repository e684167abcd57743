//! Classroom grading: every report format rendered from one graded course state (an exercise
//! passing, one failing, one not compiling, one timing out), tamper evidence, instructor mode.

use std::path::Path;
use std::sync::OnceLock;

use crate::assert_run_snapshot;

use crate::support::{self, TestCourse};

const GRADED: [&str; 4] = ["add", "ffi-add", "py-add", "grpc-echo"];

/// The JSON of `grade` on the fixture course where add passes, ffi-add loops until its time
/// limit, py-add does not compile and grpc-echo is untouched. Graded once.
fn results_json() -> &'static str {
    static RESULTS: OnceLock<String> = OnceLock::new();
    RESULTS.get_or_init(|| {
        let course = TestCourse::fixture();
        course.solve("01-add");
        course.write(
            "exercises/02-ffi-add/src/lib.rs",
            "#[unsafe(no_mangle)]\npub extern \"C\" fn fx_add(a: i64, b: i64) -> i64 {\n    loop { std::hint::black_box((a, b)); }\n}\n",
        );
        course.write("exercises/03-py-add/src/lib.rs", "this is not Rust\n");
        course.set_time_limit("ffi-add", 3);
        let output = course.checker().args(["grade", "--format", "json", "--only"]).args(GRADED).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    })
}

/// `checker report` on the saved results, in `format`.
fn report(format: &str) -> std::process::Command {
    let dir = tempfile::tempdir().unwrap().keep();
    let path = dir.join("results.json");
    std::fs::write(&path, results_json()).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_checker"));
    cmd.current_dir(&dir)
        .args(["report", "results.json", "--format", format])
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn the_graded_state_has_each_status_it_was_built_for() {
    let json: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    let statuses: Vec<&str> = json["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["passed", "timeout", "build_error", "failed"]);
}

#[test]
fn the_json_matches_its_documented_schema() {
    let schema_path = support::repo_root().join("book/instructors/result.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let json: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_format_renders_the_same_result() {
    for format in ["human", "json", "junit", "gradescope", "github", "exercism"] {
        assert_run_snapshot!(format!("report_{format}"), &mut report(format));
    }
}

#[test]
fn the_classroom_format_is_base64_json_for_the_autograding_reporter() {
    use base64::Engine;
    let output = report("classroom").output().unwrap();
    let encoded = String::from_utf8(output.stdout).unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&decoded).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["status"], "fail");
    support::with_filters(|| {
        insta::assert_snapshot!(
            "report_classroom_decoded",
            serde_json::to_string_pretty(&json).unwrap()
        )
    });
}

#[test]
fn the_junit_report_parses_back_with_one_testcase_per_test() {
    let output = report("junit").output().unwrap();
    let xml = String::from_utf8(output.stdout).unwrap();
    let json: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    let exercises = json["exercises"].as_array().unwrap();
    // One testcase per test, and one `build` case for an exercise that has none.
    let expected: usize = exercises
        .iter()
        .map(|e| e["tests"].as_array().unwrap().len().max(1))
        .sum();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut suites, mut cases) = (0, 0);
    loop {
        match reader
            .read_event()
            .expect("the JUnit report is well-formed XML")
        {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    "testsuite" => suites += 1,
                    "testcase" => cases += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(suites, exercises.len());
    assert_eq!(cases, expected);
}

/// The fixture course with add's Rust tests replaced by one that always passes.
fn with_an_edited_test() -> TestCourse {
    let course = TestCourse::fixture();
    course.write("exercises/01-add/tests/add.rs", "#[test]\nfn passes() {}\n");
    course
}

/// `grade` of the add exercise, with `extra` arguments.
fn grade_json(course: &TestCourse, extra: &[&str]) -> serde_json::Value {
    course.grade_json(&[&["--only", "add"], extra].concat())
}

#[test]
fn editing_a_test_file_makes_grade_mark_the_exercise_tampered() {
    let course = with_an_edited_test();
    let json = grade_json(&course, &[]);
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "tampered");
    assert_eq!(exercise["score"], 0.0);
    assert!(
        exercise["message"]
            .as_str()
            .unwrap()
            .contains("exercises/01-add/tests/add.rs"),
        "{exercise}"
    );
}

#[test]
fn check_and_list_agree_with_grade_that_an_edited_test_scores_nothing() {
    // The edited test passes, and the solution makes every other test pass too.
    let course = with_an_edited_test();
    course.solve("01-add");
    let output = course.checker().args(["check", "add"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "a tampered exercise is not done"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("is done"), "{stdout}");
    // The warning is the last thing said, where the learner sees it.
    let last = stdout.trim_end().rsplit("\n\n").next().unwrap();
    assert!(
        last.starts_with("warning: these files are the grader's")
            && last.contains("exercises/01-add/tests/add.rs"),
        "{stdout}"
    );
    let list = course.checker().arg("list").output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    let row = list.lines().find(|l| l.contains(" add ")).unwrap();
    assert!(row.contains("tampered") && row.contains("0/3"), "{list}");
    assert_eq!(
        grade_json(&course, &[])["exercises"][0]["status"],
        "tampered"
    );
}

#[test]
fn tests_from_a_pristine_copy_ignore_the_edit_and_grade_the_learners_src() {
    let course = with_an_edited_test();
    let pristine = TestCourse::fixture();
    let json = grade_json(
        &course,
        &["--tests-from", pristine.root().to_str().unwrap()],
    );
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "failed", "{exercise}");
    let names: Vec<&str> = exercise["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.contains(&"passes") && names.contains(&"adds_two_numbers"),
        "{names:?}"
    );

    course.solve("01-add");
    let json = grade_json(
        &course,
        &["--tests-from", pristine.root().to_str().unwrap()],
    );
    assert_eq!(
        json["exercises"][0]["status"], "passed",
        "the learner's solved src/ is what gets graded"
    );
}

#[test]
fn min_score_turns_a_low_score_into_a_failing_exit_code() {
    let course = TestCourse::fixture();
    let below = course
        .checker()
        .args(["grade", "--only", "add", "--min-score", "1"])
        .output()
        .unwrap();
    assert_eq!(below.status.code(), Some(1));
    let at = course
        .checker()
        .args(["grade", "--only", "add", "--min-score", "0"])
        .output()
        .unwrap();
    assert_eq!(at.status.code(), Some(0));
}

#[test]
fn verify_fails_while_course_lock_is_stale() {
    let course = TestCourse::fixture();
    let manifest = course.read("course.toml");
    course.write(
        "course.toml",
        &manifest.replacen("points = 3", "points = 4", 1),
    );
    let output = course.checker().args(["verify", "add"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("course.lock is stale: run `cargo checker lock`"),
        "{stdout}"
    );
    assert!(Path::new(&course.path("course.lock")).is_file());
}

#[test]
fn tests_from_reads_nothing_of_the_learners_but_src_not_even_a_broken_manifest() {
    let course = TestCourse::fixture();
    course.write("course.toml", "points = 'all of them'\n");
    course.write("exercises/conftest.py", "import sys\nsys.exit(0)\n");
    let pristine = TestCourse::fixture();
    course.solve("01-add");
    let json = grade_json(
        &course,
        &["--tests-from", pristine.root().to_str().unwrap()],
    );
    assert_eq!(
        json["exercises"][0]["status"], "passed",
        "{}",
        json["exercises"][0]
    );
}

#[test]
fn instructor_mode_ignores_a_learners_venv_target_cargo_config_and_toolchain() {
    let pristine = TestCourse::fixture();
    // The pristine course's own venv: the repository's, which the tests share.
    #[cfg(unix)]
    std::os::unix::fs::symlink(support::repo_root().join(".venv"), pristine.path(".venv")).unwrap();
    let graded = |course: &TestCourse| {
        let output = course
            .checker()
            .args(["grade", "--format", "json", "--only", "add", "--tests-from"])
            .arg(pristine.root())
            .env_remove("OXIDIZE_VENV")
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let exercise = &json["exercises"][0];
        (exercise["status"].clone(), exercise["score"].clone())
    };
    let honest = TestCourse::fixture();
    let baseline = graded(&honest);
    assert_eq!(baseline.0, "failed", "the untouched exercise fails");

    let hostile = TestCourse::fixture();
    // A venv whose python says every test passed, a target with someone else's build,
    // cargo settings and a toolchain of the learner's choosing.
    std::fs::create_dir_all(hostile.path(".venv/bin")).unwrap();
    hostile.write(
        ".venv/bin/python",
        "#!/bin/sh\necho 'all tests passed'\nexit 0\n",
    );
    std::fs::create_dir_all(hostile.path("target/debug")).unwrap();
    hostile.write("target/debug/add", "not a program");
    std::fs::create_dir_all(hostile.path(".cargo")).unwrap();
    hostile.write(
        ".cargo/config.toml",
        "[build]\nrustflags = [\"--cfg\", \"cheat\"]\n",
    );
    hostile.write(
        "rust-toolchain.toml",
        "[toolchain]\nchannel = \"no-such-toolchain\"\n",
    );
    assert_eq!(graded(&hostile), baseline);
}
