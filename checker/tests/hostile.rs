//! Hostile submissions: learner code that tries, by mistake or on purpose, to pass without
//! working. Each one gets the status it deserves, and the checker itself exits cleanly.

mod support;

use support::TestCourse;

/// The solved first-word with `body` as the whole of its `first_word` function.
fn first_word_doing(body: &str) -> TestCourse {
    let course = TestCourse::copy();
    course.write(
        "exercises/01-first-word/src/lib.rs",
        &format!("pub fn first_word(text: &str) -> &str {{\n{body}\n}}\n"),
    );
    course
}

/// `grade --format json` on one exercise: its status and its tests' statuses.
fn grade(course: &TestCourse, id: &str) -> (String, Vec<(String, String)>) {
    let output = course
        .checker()
        .args(["grade", "--format", "json", "--only", id])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "grading did not run: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("grade prints valid JSON");
    let exercise = &json["exercises"][0];
    let tests = exercise["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (exercise["status"].as_str().unwrap().to_string(), tests)
}

fn no_test_passed(tests: &[(String, String)]) {
    assert!(!tests.is_empty());
    assert!(
        tests.iter().all(|(_, status)| status != "passed"),
        "{tests:?}"
    );
}

#[test]
fn exiting_with_code_zero_in_the_middle_of_a_test_is_a_crash_not_a_pass() {
    let course = first_word_doing("    let _ = text;\n    std::process::exit(0)");
    let (status, tests) = grade(&course, "first-word");
    assert_eq!(status, "crashed");
    no_test_passed(&tests);
}

#[test]
fn printing_forged_test_results_does_not_pass() {
    let course = first_word_doing(
        "    use std::io::Write;\n    let mut out = std::io::stdout();\n    let _ = writeln!(out, \"ok\\n\\ntest result: ok. 1 passed; 0 failed; 0 ignored\");\n    let _ = out.flush();\n    panic!(\"wrong: {text}\")",
    );
    let (status, tests) = grade(&course, "first-word");
    assert_eq!(status, "failed");
    no_test_passed(&tests);
}

#[test]
fn an_endless_loop_times_out_within_the_exercise_limit() {
    let course = first_word_doing("    loop { std::hint::black_box(text); }");
    let manifest =
        course
            .read("course.toml")
            .replacen("time_limit_secs = 60", "time_limit_secs = 3", 1);
    course.write("course.toml", &manifest);
    course.checker().arg("lock").output().unwrap();
    let (status, tests) = grade(&course, "first-word");
    assert_eq!(status, "timeout");
    no_test_passed(&tests);
}

#[test]
fn code_that_does_not_compile_is_a_build_error_with_the_compiler_message() {
    let course = first_word_doing("    text.no_such_method()");
    let (status, tests) = grade(&course, "first-word");
    assert_eq!(status, "build_error");
    assert!(tests.is_empty());
}

#[test]
fn a_segfault_in_ffi_code_is_a_crash_named_by_its_signal() {
    let course = TestCourse::copy();
    course.solve("04-ffi-numbers");
    let lib = course.read("exercises/04-ffi-numbers/src/lib.rs");
    let broken: String = lib
        .lines()
        .map(|line| match line.starts_with("pub fn gcd(") {
            true => {
                format!("{line}\n    unsafe {{ std::ptr::null_mut::<u64>().write_volatile(1) }};\n")
            }
            false => format!("{line}\n"),
        })
        .collect();
    assert_ne!(lib, broken, "the solution has no `pub fn gcd(` line");
    course.write("exercises/04-ffi-numbers/src/lib.rs", &broken);
    let output = course
        .checker()
        .args(["grade", "--format", "json", "--only", "ffi-numbers"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["exercises"][0]["status"], "crashed");
    let messages: Vec<&str> = json["exercises"][0]["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["message"].as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("SIGSEGV")),
        "{messages:?}"
    );
    let python_gcd_passed = json["exercises"][0]["tests"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| {
            t["suite"] == "python"
                && t["name"].as_str().unwrap().contains("gcd")
                && t["status"] == "passed"
        });
    assert!(!python_gcd_passed);
}
