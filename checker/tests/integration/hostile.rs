//! Hostile submissions: learner code that breaks, by mistake or on purpose, in every way we
//! know. Each gets the status it deserves, `grade` still exits 0 with valid JSON, and no process
//! it started survives the run.
//!
//! Run with `--nocapture` to see each case's time to verdict.

use crate::support::{self, TestCourse};

/// What `grade` said of one exercise.
struct Graded {
    status: String,
    tests: Vec<serde_json::Value>,
    json: serde_json::Value,
}

impl Graded {
    fn statuses(&self) -> Vec<&str> {
        self.tests
            .iter()
            .map(|t| t["status"].as_str().unwrap())
            .collect()
    }

    fn no_test_passed(&self) {
        assert!(!self.tests.is_empty(), "{}", self.json);
        assert!(
            !self.statuses().contains(&"passed"),
            "{:?}",
            self.statuses()
        );
    }

    fn messages(&self) -> String {
        self.tests
            .iter()
            .filter_map(|t| t["message"].as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `grade --format json` on one exercise, which must run and print valid JSON, and leave no
/// process behind.
fn grade(course: &TestCourse, id: &str) -> Graded {
    let json = course.grade_json(&["--only", id]);
    support::assert_no_process_runs_from(course.root());
    let exercise = &json["exercises"][0];
    eprintln!(
        "{id}: {} in {} ms ({} bytes of JSON)",
        exercise["status"].as_str().unwrap(),
        exercise["duration_ms"],
        json.to_string().len()
    );
    Graded {
        status: exercise["status"].as_str().unwrap().to_string(),
        tests: exercise["tests"].as_array().unwrap().clone(),
        json: json.clone(),
    }
}

/// The fixture's `add` exercise with `body` as the whole of its `add(a, b)` function.
fn add_doing(body: &str) -> TestCourse {
    let course = TestCourse::fixture();
    course.write(
        "exercises/01-add/src/lib.rs",
        &format!("pub fn add(a: i64, b: i64) -> i64 {{\n    let _ = b;\n{body}\n}}\n"),
    );
    course
}

#[test]
fn code_that_does_not_compile_is_a_build_error_with_the_compiler_message() {
    let course = add_doing("    a.no_such_method()");
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "build_error");
    assert!(
        graded.json["exercises"][0]["build_output"]
            .as_str()
            .unwrap()
            .contains("no_such_method")
    );
}

#[test]
fn a_panic_fails_its_tests() {
    let graded = grade(&add_doing("    panic!(\"not today: {a}\")"), "add");
    assert_eq!(graded.status, "failed");
    graded.no_test_passed();
    assert!(graded.messages().contains("not today"));
}

#[test]
fn an_endless_loop_times_out_within_the_exercise_limit() {
    let course = add_doing("    loop { std::hint::black_box(a); }");
    course.set_time_limit("add", 3);
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "timeout");
    graded.no_test_passed();
}

/// `check ID` as CI runs it (plain progress lines, no spinner): its stdout and stderr.
fn check_in_ci(course: &TestCourse, id: &str) -> (String, String) {
    let output = course
        .checker()
        .args(["check", id])
        .env("CI", "1")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_endless_loop_is_named_while_it_runs_and_reported_as_a_timeout_in_its_test() {
    let course = add_doing("    loop { std::hint::black_box(a); }");
    course.set_time_limit("add", 8);
    let (stdout, stderr) = check_in_ci(&course, "add");
    // While it runs: which test, and for how long.
    assert!(
        stderr.contains("running the Rust tests, adds_two_numbers for "),
        "{stderr}"
    );
    // After: "timed out" in the test, the likely causes, and no traceback.
    let timed_out = stdout
        .lines()
        .find_map(|line| line.trim().strip_prefix("timed out after "))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        timed_out.contains(" s in adds_two_numbers: an endless loop, or a blocking call?"),
        "{stdout}"
    );
    assert!(!stdout.contains("Traceback"), "{stdout}");
}

#[test]
fn a_python_test_that_hangs_in_rust_code_is_named_while_it_runs_and_when_it_times_out() {
    let course = TestCourse::fixture();
    course.solve_except(
        "03-py-add",
        "        super::sum(a, b)",
        "        loop {\n            std::hint::black_box(super::sum(a, b));\n        }",
    );
    course.set_time_limit("py-add", 8);
    let (stdout, stderr) = check_in_ci(&course, "py-add");
    assert!(
        stderr.contains("running the Python tests, test_python_calls_the_rust_function for "),
        "{stderr}"
    );
    assert!(
        stdout.contains(
            "timed out in test_python_calls_the_rust_function: an endless loop, or a blocking call?"
        ),
        "{stdout}"
    );
}

#[test]
fn sleeping_past_the_limit_times_out() {
    let course = add_doing("    std::thread::sleep(std::time::Duration::from_secs(600));\n    a");
    course.set_time_limit("add", 3);
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "timeout");
    graded.no_test_passed();
}

#[test]
fn exiting_with_code_zero_in_the_middle_of_a_test_is_a_crash_not_a_pass() {
    let graded = grade(
        &add_doing("    let _ = a;\n    std::process::exit(0)"),
        "add",
    );
    assert_eq!(graded.status, "crashed");
    graded.no_test_passed();
}

#[test]
fn an_abort_is_a_crash_named_by_its_signal() {
    let graded = grade(
        &add_doing("    let _ = a;\n    std::process::abort()"),
        "add",
    );
    assert_eq!(graded.status, "crashed");
    graded.no_test_passed();
    assert!(
        graded.messages().contains("SIGABRT"),
        "{}",
        graded.messages()
    );
}

#[test]
fn printing_forged_test_results_does_not_pass() {
    let course = add_doing(
        "    use std::io::Write;\n    let mut out = std::io::stdout();\n    \
         let _ = writeln!(out, \"ok\\n\\ntest result: ok. 1 passed; 0 failed; 0 ignored\");\n    \
         let _ = out.flush();\n    panic!(\"wrong: {a}\")",
    );
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "failed");
    graded.no_test_passed();
}

#[test]
fn flooding_stdout_with_100_mb_is_capped_and_still_graded() {
    let course = add_doing(
        "    use std::io::Write;\n    let line = [b'x'; 1 << 20];\n    \
         for _ in 0..100 { let _ = std::io::stdout().write_all(&line); }\n    a",
    );
    // pytest may spend the rest of the limit diffing 500 MB of output: that is a timeout.
    course.set_time_limit("add", 10);
    let graded = grade(&course, "add");
    assert!(
        ["failed", "timeout"].contains(&graded.status.as_str()),
        "{}",
        graded.status
    );
    graded.no_test_passed();
    assert!(
        graded.json.to_string().len() < 5 << 20,
        "the report keeps a capped part of the output"
    );
}

#[test]
fn output_that_is_not_utf8_is_read_and_reported() {
    let course = add_doing(
        "    use std::io::Write;\n    let _ = std::io::stderr().write_all(&[0xff, 0xfe, b'\\n']);\n    \
         let _ = std::io::stdout().write_all(&[0xc3, 0x28, b'\\n']);\n    panic!(\"bytes\")",
    );
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "failed");
    graded.no_test_passed();
}

#[test]
fn allocating_without_bound_is_stopped_by_the_memory_limit() {
    let course = add_doing(
        "    let mut hoard: Vec<Vec<u8>> = Vec::new();\n    \
         loop { hoard.push(vec![1u8; 64 << 20]); std::hint::black_box(&hoard); if hoard.len() > 1_000_000 { return a; } }",
    );
    course.edit_manifest(|m| m.replace("memory_mib = 4096", "memory_mib = 512"));
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "crashed", "{:?}", graded.statuses());
    graded.no_test_passed();
}

#[test]
fn spawning_processes_in_a_loop_is_bounded_by_the_time_limit_and_none_survive() {
    let course = add_doing(
        "    loop {\n        let _ = std::process::Command::new(\"sleep\").arg(\"600\").spawn();\n        \
         std::thread::sleep(std::time::Duration::from_millis(20));\n        std::hint::black_box(a);\n    }",
    );
    course.set_time_limit("add", 3);
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "timeout");
    graded.no_test_passed();
}

#[test]
fn a_segfault_in_ffi_code_is_a_crash_named_by_its_signal() {
    let course = TestCourse::fixture();
    course.solve("02-ffi-add");
    let lib = course.read("exercises/02-ffi-add/src/lib.rs");
    let broken: String = lib
        .lines()
        .map(
            |line| match line.starts_with("pub extern \"C\" fn fx_add(") {
                true => {
                    format!(
                        "{line}\n    unsafe {{ std::ptr::null_mut::<u64>().write_volatile(1) }};\n"
                    )
                }
                false => format!("{line}\n"),
            },
        )
        .collect();
    assert_ne!(
        lib, broken,
        "the solution has no `pub extern \"C\" fn fx_add(` line"
    );
    course.write("exercises/02-ffi-add/src/lib.rs", &broken);
    let graded = grade(&course, "ffi-add");
    assert_eq!(graded.status, "crashed");
    assert!(
        graded.messages().contains("SIGSEGV"),
        "{}",
        graded.messages()
    );
    let python_passed = graded
        .tests
        .iter()
        .any(|t| t["suite"] == "python" && t["status"] == "passed");
    assert!(!python_passed);
}

/// The fixture's gRPC server with `body` as its `main`.
fn grpc_server_doing(body: &str) -> TestCourse {
    let course = TestCourse::fixture();
    course.solve("04-grpc-echo");
    course.write(
        "exercises/04-grpc-echo/src/main.rs",
        &format!("fn main() {{\n{body}\n}}\n"),
    );
    course
}

#[test]
fn a_grpc_server_that_never_binds_fails_its_tests_with_the_reason() {
    let course = grpc_server_doing("    std::thread::sleep(std::time::Duration::from_secs(600));");
    let graded = grade(&course, "grpc-echo");
    assert!(
        ["failed", "timeout"].contains(&graded.status.as_str()),
        "{}",
        graded.status
    );
    let python: Vec<_> = graded
        .tests
        .iter()
        .filter(|t| t["suite"] == "python")
        .collect();
    assert!(!python.is_empty() && python.iter().all(|t| t["status"] != "passed"));
    assert!(
        graded
            .messages()
            .contains("did not print its address within 3 s"),
        "{}",
        graded.messages()
    );
}

#[test]
fn a_grpc_server_that_binds_and_hangs_fails_its_tests() {
    let course = grpc_server_doing(
        "    let listener = std::net::TcpListener::bind(\"127.0.0.1:0\").unwrap();\n    \
         println!(\"listening on {}\", listener.local_addr().unwrap());\n    \
         std::thread::sleep(std::time::Duration::from_secs(600));",
    );
    let graded = grade(&course, "grpc-echo");
    assert!(
        ["failed", "timeout"].contains(&graded.status.as_str()),
        "{}",
        graded.status
    );
    let python: Vec<_> = graded
        .tests
        .iter()
        .filter(|t| t["suite"] == "python")
        .collect();
    assert!(!python.is_empty() && python.iter().all(|t| t["status"] != "passed"));
}

#[test]
fn deleting_a_test_file_is_tampering() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    std::fs::remove_file(course.path("exercises/01-add/python/tests/test_add.py")).unwrap();
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "tampered");
    assert!(
        graded.json["exercises"][0]["message"]
            .as_str()
            .unwrap()
            .contains("test_add.py")
    );
}

#[test]
fn adding_a_test_file_is_tampering() {
    let course = TestCourse::fixture();
    course.write(
        "exercises/01-add/python/tests/test_free_points.py",
        "def test_free():\n    pass\n",
    );
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "tampered");
}

#[test]
fn deleting_src_main_rs_is_graded_and_the_rest_of_the_class_still_is() {
    let course = TestCourse::fixture();
    course.solve("02-ffi-add");
    std::fs::remove_file(course.path("exercises/01-add/src/main.rs")).unwrap();
    let json = course.grade_json(&["--only", "add", "ffi-add"]);
    let exercises = json["exercises"].as_array().unwrap();
    assert_eq!(exercises[0]["status"], "build_error", "{}", exercises[0]);
    assert!(
        exercises[0]["message"]
            .as_str()
            .unwrap()
            .contains("src/main.rs"),
        "{}",
        exercises[0]
    );
    assert_eq!(exercises[1]["status"], "passed", "{}", exercises[1]);
}

#[cfg(unix)]
#[test]
fn a_src_that_is_a_symlink_out_of_the_course_scores_nothing_in_instructor_mode() {
    let course = TestCourse::fixture();
    let pristine = TestCourse::pristine();
    let src = course.path("exercises/01-add/src");
    std::fs::remove_dir_all(&src).unwrap();
    // The link points at files the learner should never see: the instructor's solutions.
    std::os::unix::fs::symlink(support::fixture_solutions().join("01-add/src"), &src).unwrap();
    let json = course.grade_json_against(&pristine, "add");
    scores_nothing_because(&json, "symbolic link");
}

/// The one exercise graded in `json` was not built, scored 0, and its message says `why`.
#[cfg(unix)]
fn scores_nothing_because(json: &serde_json::Value, why: &str) {
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "build_error", "{exercise}");
    assert_eq!(exercise["score"], 0.0);
    let message = exercise["message"].as_str().unwrap();
    assert!(message.contains(why), "{exercise}");
}

#[test]
fn the_solutions_are_out_of_reach_of_learner_code_in_instructor_mode() {
    let course = TestCourse::fixture();
    let pristine = TestCourse::pristine();
    // Compiled into the learner's code, the solution would pass; the copy graded has none.
    course.write(
        "exercises/01-add/src/lib.rs",
        "include!(\"../../../solutions/01-add/src/lib.rs\");\n",
    );
    let json = course.grade_json_against(&pristine, "add");
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "build_error", "{exercise}");
    assert_eq!(exercise["score"], 0.0);
}

#[cfg(unix)]
#[test]
fn an_exercises_folder_linked_to_the_solutions_scores_nothing_in_instructor_mode() {
    let course = TestCourse::fixture();
    let pristine = TestCourse::pristine();
    // Not src/ itself but a folder on the way to it: the link leads to the instructor's answers.
    std::fs::remove_dir_all(course.path("exercises")).unwrap();
    std::os::unix::fs::symlink(support::fixture_solutions(), course.path("exercises")).unwrap();
    let json = course.grade_json_against(&pristine, "add");
    scores_nothing_because(&json, "exercises is a symbolic link");
}

#[cfg(unix)]
#[test]
fn filling_the_disk_stops_at_the_file_size_limit() {
    let course = add_doing(
        "    let path = std::env::temp_dir().join(format!(\"oxidize-fill-{}\", std::process::id()));\n    \
         let mut file = std::fs::File::create(&path).unwrap();\n    \
         let chunk = vec![0u8; 1 << 20];\n    \
         for _ in 0..256 { use std::io::Write; file.write_all(&chunk).unwrap(); }\n    a",
    );
    course.edit_manifest(|m| m.replace("file_size_mib = 1024", "file_size_mib = 16"));
    let graded = grade(&course, "add");
    graded.no_test_passed();
    assert!(
        graded.messages().contains("SIGXFSZ") || graded.messages().contains("File too large"),
        "{}",
        graded.messages()
    );
}

#[test]
fn code_that_rewrites_another_exercises_tests_while_grading_runs_gains_nothing() {
    // add's code, run by add's tests, rewrites ffi-add's Rust test into one that always passes.
    let course = add_doing(
        "    let _ = std::fs::write(\"exercises/02-ffi-add/tests/fx_add.rs\", \
         \"#[test]\\nfn adds_across_the_c_abi() {}\\n\");\n    a + b",
    );
    let pristine = course.read("exercises/02-ffi-add/tests/fx_add.rs");
    let json = course.grade_json(&["--only", "add", "ffi-add", "--jobs", "1"]);
    let ffi_add = &json["exercises"][1];
    assert_eq!(ffi_add["id"], "ffi-add");
    // Where writes are confined (Linux, bubblewrap) the rewrite fails; elsewhere it is caught.
    if course.read("exercises/02-ffi-add/tests/fx_add.rs") == pristine {
        assert_ne!(ffi_add["status"], "passed", "{ffi_add}");
    } else {
        assert_eq!(ffi_add["status"], "tampered", "{ffi_add}");
        assert_eq!(ffi_add["score"], 0.0);
    }
}

/// Whether a process whose command line holds `marker` still runs (Linux's /proc).
#[cfg(target_os = "linux")]
fn a_process_runs_with(marker: &str) -> bool {
    std::fs::read_dir("/proc").unwrap().flatten().any(|entry| {
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        String::from_utf8_lossy(&cmdline)
            .replace('\0', " ")
            .contains(marker)
    })
}

/// Only Linux has a PID namespace (bubblewrap's): elsewhere the checker says it is not enforced.
#[cfg(target_os = "linux")]
#[test]
fn a_process_in_a_new_session_with_a_cleared_environment_does_not_outlive_its_test() {
    // setsid leaves the process group, env_clear drops every mark the checker could look for.
    // The sleep's length is this run's own, so that no other run's process is taken for it.
    let seconds = format!("613.{}", std::process::id());
    let course = add_doing(&format!(
        "    let _ = std::process::Command::new(\"setsid\").args([\"sleep\", \"{seconds}\"])\n        \
         .env_clear().env(\"PATH\", \"/usr/bin:/bin\")\n        \
         .stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn();\n    \
         std::thread::sleep(std::time::Duration::from_millis(300));\n    a + b",
    ));
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "passed", "{:?}", graded.statuses());
    assert!(
        !a_process_runs_with(&format!("sleep {seconds}")),
        "a process started with setsid outlived grading"
    );
}

/// The mount namespace that makes everything but the scratch space read-only is bubblewrap's,
/// on Linux; elsewhere the checker says writes are not confined.
#[cfg(target_os = "linux")]
#[test]
fn learner_code_cannot_write_the_graders_home_the_venv_or_the_course() {
    let outside = tempfile::Builder::new()
        .prefix("oxidize home ")
        .tempdir()
        .unwrap();
    let bashrc = outside.path().join(".bashrc");
    let site_packages = support::site_packages();
    let in_venv = site_packages.join(format!("oxidize-hostile-{}.pth", std::process::id()));
    let course = TestCourse::fixture();
    let in_course = course.path("exercises/written-by-learner-code.txt");
    let targets = [&bashrc, &in_venv, &in_course];
    let writes: String = targets
        .iter()
        .map(|path| format!("    let _ = std::fs::write({:?}, \"rm -rf ~\");\n", path))
        .collect();
    course.write(
        "exercises/01-add/src/lib.rs",
        &format!("pub fn add(a: i64, b: i64) -> i64 {{\n{writes}    a + b\n}}\n"),
    );
    let graded = grade(&course, "add");
    let written: Vec<_> = targets.iter().filter(|path| path.exists()).collect();
    let _ = std::fs::remove_file(&in_venv);
    assert_eq!(graded.status, "passed", "{:?}", graded.statuses());
    assert!(written.is_empty(), "learner code wrote {written:?}");
}

/// pytest starts before the build and waits on a pipe for the checker's word to go on; learner
/// code that pytest runs must still find its stdin at its end, whatever the grader's own stdin
/// holds (here a file with a line in it), as all learner code does.
#[test]
fn learner_code_inside_pytest_finds_its_stdin_empty_whatever_the_graders_stdin_holds() {
    let course = TestCourse::fixture();
    course.solve_except(
        "03-py-add",
        "super::sum(a, b)",
        "let mut input = String::new();\n        \
         std::io::Read::read_to_string(&mut std::io::stdin(), &mut input).unwrap();\n        \
         assert!(input.is_empty(), \"read from stdin: {input:?}\");\n        \
         super::sum(a, b)",
    );
    course.set_time_limit("py-add", 20);
    let typed = course.path("typed-by-the-grader.txt");
    std::fs::write(&typed, "a line the grader typed\n").unwrap();
    let output = course
        .checker()
        .args(["grade", "--format", "json", "--only", "py-add"])
        .stdin(std::fs::File::open(&typed).unwrap())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "passed", "{exercise}");
}

#[test]
fn learner_code_sees_none_of_the_graders_secrets_in_its_environment() {
    let course = add_doing(
        "    let all: Vec<String> = std::env::vars().map(|(k, v)| format!(\"{k}={v}\")).collect();\n    \
         panic!(\"the environment: {}\", all.join(\" \"));",
    );
    let json = graded_with_a_token_in_the_environment(&course);
    assert!(json.contains("the environment:"), "{json}");
    assert!(json.contains("PATH="), "{json}");
    assert!(!json.contains("secret-of-the-grader"), "{json}");
}

/// The JSON of `grade --only add`, run by a grader whose environment holds a token.
fn graded_with_a_token_in_the_environment(course: &TestCourse) -> String {
    let output = course
        .checker()
        .args(["grade", "--format", "json", "--only", "add"])
        .env("GITHUB_TOKEN", "ghp_secret-of-the-grader")
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Where learner code can see the checker at all (no PID namespace), Landlock's signal scope
/// (Linux 6.12 and later) keeps it from killing it; elsewhere the checker says it is not enforced.
#[cfg(target_os = "linux")]
#[test]
fn learner_code_that_kills_its_parent_does_not_stop_grading() {
    let course = add_doing(
        "    let parent = std::os::unix::process::parent_id().to_string();\n    \
         let _ = std::process::Command::new(\"kill\").args([\"-KILL\", parent.as_str()]).status();\n    \
         a + b",
    );
    // grade_json asserts that grading ran to its end and printed its JSON.
    let graded = grade(&course, "add");
    assert_ne!(graded.status, "", "{}", graded.json);
}

/// `grade` on the fixture's `add`, and the result of its Python test (which runs the program).
#[cfg(target_os = "linux")]
fn the_python_test(course: &TestCourse) -> serde_json::Value {
    let json = course.grade_json(&["--only", "add"]);
    let tests = json["exercises"][0]["tests"].as_array().unwrap();
    tests
        .iter()
        .find(|test| test["name"] == "test_the_program_prints_the_sum")
        .expect("the Python test is graded")
        .clone()
}

/// Learner code (a Rust function) that rewrites the pytest report at `report`, once written,
/// without its failure.
#[cfg(target_os = "linux")]
const WITHOUT_FAILURES: &str = r#"
fn without_failures(report: &std::path::Path) {
    let Ok(text) = std::fs::read_to_string(report) else { return };
    if let (Some(start), Some(end)) = (text.find("<failure"), text.find("</failure>")) {
        if text.trim_end().ends_with("</testsuites>") {
            let _ = std::fs::write(report, format!("{}{}", &text[..start], &text[end + 10..]));
        }
    }
}
"#;

/// The Rust tests run at the same time as pytest. Learner code in them that finds pytest's
/// report (as soon as pytest writes it, before the checker reads it) and rewrites every failure
/// away must not turn a failing Python test into a pass.
/// Linux only: elsewhere writes are not confined, as `doctor` says.
#[cfg(target_os = "linux")]
#[test]
fn learner_code_in_the_rust_tests_cannot_rewrite_pytests_report() {
    let course = TestCourse::fixture();
    let forger = r#"pub fn add(a: i64, b: i64) -> i64 {
    if std::env::args().next().is_some_and(|program| program.contains("deps")) {
        forge();
    }
    a + b + 1
}

/// Every report in the temporary directories of this run and of its neighbours, rewritten.
fn forge() {
    let temp = std::env::temp_dir();
    let runs = temp.parent().unwrap_or(&temp);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(4);
    while std::time::Instant::now() < until {
        std::fs::read_dir(runs).into_iter().flatten().flatten()
            .flat_map(|run| std::fs::read_dir(run.path()).into_iter().flatten().flatten())
            .for_each(|dir| without_failures(&dir.path().join("junit.xml")));
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}
"#;
    course.write(
        "exercises/01-add/src/lib.rs",
        &format!("{forger}{WITHOUT_FAILURES}"),
    );
    let python = the_python_test(&course);
    assert_eq!(python["status"], "failed", "{python}");
}

/// The fixture's `add` as a program that, when the tests run it, starts itself again in a new
/// session and leaves that process behind to run `forge` (which `forge` defines) for 8 s.
#[cfg(target_os = "linux")]
fn add_leaving_behind(forge: &str) -> TestCourse {
    let course = TestCourse::fixture();
    let program = r#"pub fn add(a: i64, b: i64) -> i64 {
    if std::env::var_os("LEFT_BEHIND").is_some() {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(8);
        while std::time::Instant::now() < until {
            forge();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    } else if !std::env::args().next().is_some_and(|program| program.contains("deps")) {
        let _ = std::process::Command::new("setsid")
            .arg(std::env::current_exe().unwrap()).args(["0", "0"])
            .env("LEFT_BEHIND", "1")
            .stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn();
    }
    a + b + 1
}
"#;
    course.write("exercises/01-add/src/lib.rs", &format!("{program}{forge}"));
    course
}

/// The program pytest runs is learner code too. A process it leaves behind that waits for
/// pytest's report and rewrites every failure away must not turn a failing Python test into a
/// pass.
/// Linux only: elsewhere `doctor` says this is not enforced.
#[cfg(target_os = "linux")]
#[test]
fn a_process_the_program_leaves_behind_cannot_rewrite_pytests_report() {
    let forge = r#"
/// Every report beneath the temporary directory, rewritten.
fn forge() {
    std::fs::read_dir(std::env::temp_dir()).into_iter().flatten().flatten()
        .for_each(|dir| without_failures(&dir.path().join("junit.xml")));
}
"#;
    let course = add_leaving_behind(&format!("{forge}{WITHOUT_FAILURES}"));
    let python = the_python_test(&course);
    assert_eq!(python["status"], "failed", "{python}");
}

/// The same, with a report of its own making: the process left behind moves the folder pytest
/// writes its report into, and leaves in its place a link to a folder of the learner's sources
/// (read-only, so pytest cannot write there) that holds a forged report of every test passing,
/// under the names the checker reads.
/// Linux only: elsewhere `doctor` says this is not enforced.
#[cfg(target_os = "linux")]
#[test]
fn a_process_the_program_leaves_behind_cannot_replace_pytests_report_folder() {
    let course = add_leaving_behind(
        r#"
/// Every folder beneath the temporary directory, moved and replaced by a link to the forged one.
fn forge() {
    let forged = concat!(env!("CARGO_MANIFEST_DIR"), "/src/forged");
    let temp = std::env::temp_dir();
    for entry in std::fs::read_dir(&temp).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".moved") || path.is_symlink() || !path.is_dir() {
            continue;
        }
        if std::fs::rename(&path, temp.join(format!("{name}.moved"))).is_ok() {
            let _ = std::os::unix::fs::symlink(forged, &path);
        }
    }
}
"#,
    );
    let forged = concat!(
        r#"<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" "#,
        r#"errors="0" failures="0" skipped="0" tests="1"><testcase "#,
        r#"classname="exercises.01-add.python.tests.test_add" "#,
        r#"name="test_the_program_prints_the_sum" time="0.001" /></testsuite></testsuites>"#,
    );
    std::fs::create_dir(course.root().join("exercises/01-add/src/forged")).unwrap();
    for name in ["junit.xml", "junit-0.xml"] {
        course.write(&format!("exercises/01-add/src/forged/{name}"), forged);
    }
    let python = the_python_test(&course);
    assert_ne!(python["status"], "passed", "{python}");
}

/// While the tests run, the program they run finds pytest's process and tries to open its
/// memory and its open files, which would let it rewrite pytest's results in place. It prints
/// the right sum only when it found pytest and all of them were refused, so this test passes
/// only when the guard holds (without it: the memory and 15 files opened). Linux only: elsewhere
/// `doctor` says this is not enforced.
#[cfg(target_os = "linux")]
#[test]
fn the_program_the_tests_run_cannot_open_pytests_memory_or_files() {
    let course = TestCourse::fixture();
    course.write(
        "exercises/01-add/src/lib.rs",
        r#"pub fn add(a: i64, b: i64) -> i64 {
    if std::env::args().next().is_some_and(|program| program.contains("deps")) {
        return a + b;
    }
    let pytest = std::fs::read_dir("/proc").unwrap().flatten().find(|entry| {
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline);
        cmdline.contains("--junitxml") && !cmdline.starts_with("bwrap")
    });
    let Some(pytest) = pytest else { return -1 };
    let memory = std::fs::OpenOptions::new().read(true).write(true)
        .open(pytest.path().join("mem"));
    let files = std::fs::read_dir(pytest.path().join("fd")).into_iter().flatten().flatten()
        .filter(|fd| std::fs::File::open(fd.path()).is_ok()).count();
    a + b + i64::from(memory.is_ok()) + files as i64
}
"#,
    );
    let python = the_python_test(&course);
    assert_eq!(python["status"], "passed", "{python}");
}

/// What learner code prints is data: an escape sequence in a panic message (OSC 52 writes the
/// clipboard, CSI 2J clears the screen, U+202E turns the line around) is shown as text.
#[test]
fn escape_sequences_in_a_panic_message_reach_no_terminal() {
    let course = add_doing(
        "    panic!(\"copied \\x1b]52;c;cm0gLXJmIH4=\\x07 cleared \\x1b[2J turned \\u{202e}\")",
    );
    let output = course.checker().args(["check", "add"]).output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown
            .contains("copied \\u{1b}]52;c;cm0gLXJmIH4=\\u{7} cleared \\u{1b}[2J turned \\u{202e}"),
        "{shown}"
    );
    assert!(!shown.contains(['\x1b', '\x07', '\u{202e}']), "{shown}");
}

/// The build is learner code too: `option_env!` runs when the learner's code is compiled.
#[test]
fn a_secret_of_the_graders_environment_does_not_reach_the_compiled_code() {
    let course = add_doing("    panic!(\"compiled in: {:?}\", option_env!(\"GITHUB_TOKEN\"))");
    let json = graded_with_a_token_in_the_environment(&course);
    assert!(json.contains("compiled in: None"), "{json}");
    assert!(!json.contains("secret-of-the-grader"), "{json}");
}

/// `include_str!` reads at compile time whatever the compiler can read: only the course, the
/// venv, the target directory, the toolchain and the system's own folders are in its view
/// (bubblewrap, on Linux).
#[cfg(target_os = "linux")]
#[test]
fn the_compiler_cannot_read_a_file_of_the_graders_home() {
    let home = tempfile::Builder::new()
        .prefix("oxidize home ")
        .tempdir()
        .unwrap();
    let credentials = home.path().join(".git-credentials");
    std::fs::write(&credentials, "https://grader:ghp_secret@github.com\n").unwrap();
    let course = add_doing(&format!(
        "    panic!(\"read: {{}}\", include_str!({:?}))",
        credentials
    ));
    let graded = grade(&course, "add");
    assert_eq!(graded.status, "build_error", "{}", graded.json);
    assert!(
        !graded.json.to_string().contains("ghp_secret"),
        "{}",
        graded.json
    );
}

/// In instructor mode the pristine course, solutions and all, is out of the build's view:
/// `#[path]` to the instructor's solution finds nothing to compile. (Where nothing confines
/// what learner code reads, a pristine course with solutions is refused: the next test.)
#[cfg(target_os = "linux")]
#[test]
fn a_path_attribute_to_the_pristine_solutions_compiles_nothing_in_instructor_mode() {
    let course = TestCourse::fixture();
    let pristine = TestCourse::fixture();
    course.write(
        "exercises/01-add/src/lib.rs",
        &format!(
            "#[path = {:?}]\nmod solution;\npub use solution::*;\n",
            pristine.path("solutions/01-add/src/lib.rs")
        ),
    );
    let json = course.grade_json_against(&pristine, "add");
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "build_error", "{exercise}");
    assert_eq!(exercise["score"], 0.0);
}

/// The compiler runs with the build's memory limit (its address space), as tests do with theirs:
/// the limits the compiler ran with, read by the compiler itself, are compiled in.
#[cfg(target_os = "linux")]
#[test]
fn the_compiler_runs_with_a_memory_limit() {
    let course = add_doing("    panic!(\"{}\", include_str!(\"/proc/self/limits\"))");
    let graded = grade(&course, "add");
    let limits = graded.messages();
    let address_space = limits
        .lines()
        .find(|line| line.starts_with("Max address space"))
        .unwrap_or_else(|| panic!("{limits}"));
    assert!(!address_space.contains("unlimited"), "{address_space}");
}

/// Learner code of one grade writes nothing that another grade reads: in instructor mode each
/// grade has a scratch space of its own, gone with it.
#[test]
fn each_grade_has_a_scratch_space_of_its_own_gone_with_it() {
    let course =
        add_doing("    panic!(\"scratch=[{}]\", std::env::var(\"OXIDIZE_SCRATCH\").unwrap())");
    let pristine = TestCourse::pristine();
    let scratch_of_a_grade = || {
        let json = course.grade_json_against(&pristine, "add");
        let text = json.to_string();
        let start = text.find("scratch=[").unwrap_or_else(|| panic!("{json}")) + 9;
        let end = start + text[start..].find(']').unwrap();
        std::path::PathBuf::from(&text[start..end])
    };
    let first = scratch_of_a_grade();
    assert!(!first.exists(), "{} outlived its grade", first.display());
    assert_ne!(scratch_of_a_grade(), first);
}

/// The pristine course, the target directory and TMPDIR reached through symbolic links: every
/// path is resolved before it reaches the sandbox, which mounts each at its real place.
#[cfg(unix)]
#[test]
fn a_course_a_target_directory_and_a_tmpdir_reached_through_links_are_graded_as_any_other() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    let pristine = TestCourse::pristine();
    let links = tempfile::tempdir().unwrap();
    let link = |name: &str, to: &std::path::Path| {
        let path = links.path().join(name);
        std::os::unix::fs::symlink(to, &path).unwrap();
        path
    };
    let target = support::repo_root().join("target").join("checker-tests");
    let output = course
        .checker()
        .args(["grade", "--format", "json", "--only", "add", "--tests-from"])
        .arg(link("pristine", pristine.root()))
        .env("CARGO_TARGET_DIR", link("target", &target))
        .env("TMPDIR", link("tmp", &std::env::temp_dir()))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!("{}", String::from_utf8_lossy(&output.stderr));
    });
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "passed", "{exercise}");
}

/// Where nothing confines what learner code reads (macOS, Windows, Linux without bubblewrap),
/// a pristine course that holds its solutions is refused, with the fix, before anything is built.
#[cfg(not(target_os = "linux"))]
#[test]
fn a_pristine_course_with_its_solutions_is_refused_where_reads_are_not_confined() {
    let course = TestCourse::fixture();
    let pristine = TestCourse::fixture();
    let output = course
        .checker()
        .args(["grade", "--format", "json", "--only", "add", "--tests-from"])
        .arg(pristine.root())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("holds solutions/"), "{stderr}");
    assert!(stderr.contains("rm -r pristine/solutions"), "{stderr}");
}

/// A build that never ends (a constant whose evaluation never ends) costs one build limit, not
/// two: built first with the exercises that share its dependencies, it runs out of time there,
/// and is graded so without a build of its own; the others are graded as usual.
#[test]
fn a_build_that_never_ends_is_stopped_once_and_the_rest_is_graded() {
    let course = TestCourse::fixture();
    course.solve("02-ffi-add");
    course.write(
        "exercises/01-add/src/lib.rs",
        "#![allow(long_running_const_eval)]\n\
         const FOREVER: u64 = {\n    let mut i: u64 = 0;\n    while i < u64::MAX {\n        i += 1;\n    }\n    i\n};\n\
         pub fn add(a: i64, b: i64) -> i64 {\n    a + b + (FOREVER as i64 & 0)\n}\n",
    );
    course.edit_manifest(|manifest| manifest.replace("build_secs = 900", "build_secs = 20"));
    let json = course.grade_json(&["--only", "add", "ffi-add"]);
    support::assert_no_process_runs_from(course.root());
    let (add, ffi_add) = (&json["exercises"][0], &json["exercises"][1]);
    assert_eq!(add["status"], "timeout", "{add}");
    let message = add["message"].as_str().unwrap();
    assert!(
        message.contains("did not finish within 20 s") && message.contains("not again"),
        "{add}"
    );
    assert_eq!(ffi_add["status"], "passed", "{ffi_add}");
}
