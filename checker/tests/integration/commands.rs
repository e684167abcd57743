//! The checker's commands on the fixture course, as a learner and an author see them.

use assert_cmd::prelude::*;

use crate::assert_run_snapshot;
use crate::support::TestCourse;

#[test]
fn list_shows_every_exercise_not_started() {
    let course = TestCourse::fixture();
    assert_run_snapshot!(course.checker().arg("list"));
}

#[test]
fn list_json_gives_each_exercise_its_status_in_course_order() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    course.checker().args(["check", "add"]).assert().success();
    course.write("exercises/02-ffi-add/src/lib.rs", "this is not Rust\n");
    course
        .checker()
        .args(["check", "ffi-add"])
        .assert()
        .failure();
    let output = course.checker().args(["list", "--json"]).output().unwrap();
    assert!(output.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|row| row["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["add", "ffi-add", "py-add", "grpc-echo"]);
    assert_eq!(rows[0]["status"], "passing");
    assert_eq!(rows[0]["points"], rows[0]["max_points"].as_f64().unwrap());
    assert_eq!(rows[1]["status"], "failing");
    assert_eq!(rows[1]["path"], "exercises/02-ffi-add");
    assert_eq!(rows[2]["status"], "not_started");
    assert_eq!(rows[2]["kind"], "pyo3");
    // An edit after the check marks the row, as the table's `*` does.
    course.write("exercises/01-add/src/lib.rs", "// changed\n");
    let output = course.checker().args(["list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["changed_since_check"], true);
    assert_eq!(rows[1]["changed_since_check"], false);
}

#[test]
fn completions_complete_the_installed_checkers_commands() {
    let course = TestCourse::fixture();
    let output = course
        .checker()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let script = String::from_utf8(output.stdout).unwrap();
    assert!(script.contains("complete -F _checker"), "{script}");
    for command in ["check", "watch", "grade-class", "completions"] {
        assert!(script.contains(command), "{command} missing from {script}");
    }
}

#[test]
fn check_on_an_untouched_exercise_shows_each_failing_test_and_the_todo_message() {
    let course = TestCourse::fixture();
    assert_run_snapshot!(course.checker().args(["check", "add"]));
}

#[test]
fn check_on_a_solved_exercise_passes_and_points_to_the_next_one() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    assert_run_snapshot!(course.checker().args(["check", "add"]));
}

#[test]
fn check_without_an_id_takes_the_first_exercise_not_yet_passing() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    course.checker().args(["check", "add"]).assert().success();
    let output = course.checker().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("ffi-add "), "{stdout}");
    let listed = course.checker().arg("list").output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("add") && listed.contains("passing"),
        "{listed}"
    );
}

#[test]
fn check_on_code_that_does_not_compile_shows_the_compiler_error() {
    let course = TestCourse::fixture();
    course.write(
        "exercises/01-add/src/lib.rs",
        "pub fn add(a: i64, b: i64) -> i64 {\n    let n: u32 = a;\n    todo!()\n}\n",
    );
    assert_run_snapshot!(course.checker().args(["check", "add"]));
}

#[test]
fn hint_prints_the_manifest_hint_and_offers_the_second_level() {
    let course = TestCourse::fixture();
    assert_run_snapshot!(course.checker().args(["hint", "add"]));
}

#[test]
fn hint_more_adds_the_answer_nearly_as_code() {
    let course = TestCourse::fixture();
    assert_run_snapshot!(course.checker().args(["hint", "add", "--more"]));
}

#[test]
fn an_unknown_exercise_id_suggests_the_closest_or_lists_the_ids_that_exist() {
    let course = TestCourse::fixture();
    let error = |id: &str| {
        let output = course.checker().args(["hint", id]).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let near = error("py_add");
    assert!(
        near.starts_with("error: there is no exercise \"py_add\": did you mean py-add?"),
        "{near}"
    );
    let far = error("quantum");
    assert!(
        far.starts_with(
            "error: there is no exercise \"quantum\"; the exercises are: add, ffi-add, py-add, grpc-echo"
        ),
        "{far}"
    );
}

#[test]
fn verify_reports_each_exercise_failing_untouched_and_passing_solved() {
    let course = TestCourse::fixture();
    assert_run_snapshot!(course.checker().arg("verify"));
}

#[test]
fn verify_names_a_test_that_passes_before_the_learner_wrote_anything() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    assert_run_snapshot!(course.checker().args(["verify", "add"]));
}

#[test]
fn verify_names_a_test_that_the_solution_fails() {
    let course = TestCourse::fixture();
    let solution = course.read("solutions/01-add/src/lib.rs");
    course.write(
        "solutions/01-add/src/lib.rs",
        &solution.replace("a + b", "a - b"),
    );
    let output = course.checker().args(["verify", "add"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("add: test adds_two_numbers fails with the solution"),
        "{stdout}"
    );
}

#[test]
fn grade_json_is_the_result_model_with_points_per_test() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    course.write("exercises/03-py-add/src/lib.rs", "this is not Rust\n");
    let json = course.grade_json(&["--only", "add", "ffi-add", "py-add"]);
    assert_eq!(json["schema"], 1);
    let statuses: Vec<&str> = json["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["passed", "crashed", "build_error"]);
    assert_eq!(json["score"], 3.0);
    assert_eq!(json["max_score"], 7.0);
    assert!(
        json["exercises"][2]["build_output"]
            .as_str()
            .unwrap()
            .contains("error")
    );
}

/// `watch ARGS...` started on `course`, and its stdout line by line.
fn watch(
    course: &TestCourse,
    args: &[&str],
) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    use std::io::BufRead;
    let mut child = course
        .checker()
        .arg("watch")
        .args(args)
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
    (child, seen)
}

/// Waits (boundedly: a hang fails the test rather than blocking it) for a line containing `text`.
fn wait_for(seen: &std::sync::mpsc::Receiver<String>, text: &str) {
    loop {
        let line = seen
            .recv_timeout(std::time::Duration::from_secs(300))
            .expect("watch kept talking");
        if line.contains(text) {
            break;
        }
    }
}

#[test]
fn watch_checks_again_when_a_file_is_saved_and_goes_on_when_it_passes() {
    let course = TestCourse::fixture();
    let (mut child, seen) = watch(&course, &[]);
    let wait_for = |text: &str| wait_for(&seen, text);
    // watch re-checks on a save: it does not send the learner to `check`.
    wait_for("to make the failing tests pass, and save: watch checks it again.");
    wait_for("Watching exercises/01-add/src/");
    // Without a save, nothing is checked again (the compiler reading the files is no save).
    while let Ok(line) = seen.recv_timeout(std::time::Duration::from_secs(3)) {
        assert!(
            !line.contains("Watching"),
            "checked again without a save: {line}"
        );
    }
    course.solve("01-add");
    wait_for("add is done!");
    wait_for("Next: watch goes on to ffi-add");
    wait_for("Watching exercises/02-ffi-add/src/");
    // As a learner ends it: then it removes its temporary directories (a kill would leave them).
    crate::support::ctrl_c(&mut child);
}

#[test]
fn watch_with_an_id_stays_on_it_after_a_pass_and_says_so() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    let (mut child, seen) = watch(&course, &["add"]);
    wait_for(&seen, "add is done!");
    wait_for(
        &seen,
        "Next: watch stays on add, as you named it: Ctrl-C, then `cargo checker watch` goes on to ffi-add",
    );
    wait_for(&seen, "Watching exercises/01-add/src/");
    crate::support::ctrl_c(&mut child);
}

/// While it waits for a save, `watch` has the next check's pytest started; Ctrl-C must end that
/// pytest too, not leave it waiting forever.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_in_watch_ends_the_pytest_it_has_waiting() {
    use std::io::BufRead;
    let course = TestCourse::fixture();
    let mut child = course
        .checker()
        .args(["watch", "add"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    for line in stdout.lines() {
        if line.unwrap().starts_with("Watching ") {
            break;
        }
    }
    let course_root = course.root().display().to_string();
    let waiting = || {
        std::fs::read_dir("/proc").unwrap().flatten().any(|entry| {
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            cmdline.contains("import pytest") && cmdline.contains(&course_root)
        })
    };
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !waiting() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(waiting(), "watch had no pytest waiting for the next save");
    assert_eq!(crate::support::ctrl_c(&mut child).code(), Some(130));
    let until = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while waiting() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!waiting(), "a pytest of watch outlived Ctrl-C");
}

#[test]
fn check_inside_an_exercise_folder_checks_that_exercise() {
    let course = TestCourse::fixture();
    let output = course
        .checker()
        .arg("check")
        .current_dir(course.path("exercises/02-ffi-add/src"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("ffi-add "), "{stdout}");
}

#[test]
fn list_marks_a_result_whose_src_changed_since_it_was_checked() {
    let course = TestCourse::fixture();
    course.solve("01-add");
    course.checker().args(["check", "add"]).assert().success();
    let list = |course: &TestCourse| {
        let output = course.checker().arg("list").output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let before = list(&course);
    assert!(
        before.contains("passing ") && !before.contains("passing*"),
        "{before}"
    );
    let lib = course.read("exercises/01-add/src/lib.rs");
    course.write(
        "exercises/01-add/src/lib.rs",
        &format!("{lib}\n// an edit\n"),
    );
    let after = list(&course);
    assert!(
        after.contains("passing*") && after.contains("src/ changed since the last check"),
        "{after}"
    );
}

#[test]
fn doctor_names_each_check_and_fails_exactly_when_one_has_a_fix() {
    let course = TestCourse::fixture();
    let output = course.checker().arg("doctor").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for what in [
        "Rust (cargo)",
        "a linker for Rust",
        "Python 3.10 or newer",
        "the course's Python environment",
        "free disk",
        "mdBook",
    ] {
        assert!(stdout.contains(what), "{what} is not checked:\n{stdout}");
    }
    assert!(
        stdout.contains("What the checker enforces on learner code here:"),
        "{stdout}"
    );
    let problems = stdout.lines().filter(|l| l.starts_with("✗")).count();
    let fixes = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("fix: "))
        .count();
    assert_eq!(
        problems, fixes,
        "every problem says how to fix it:\n{stdout}"
    );
    assert_eq!(output.status.success(), problems == 0, "{stdout}");
}

/// Linux and other Unix: the linker is `cc` on PATH. (macOS asks `xcode-select`, in /usr/bin
/// whatever PATH says; Windows asks the Visual Studio installer's records.)
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn doctor_says_how_to_install_a_linker_when_there_is_none() {
    let course = TestCourse::fixture();
    let empty = tempfile::tempdir().unwrap();
    let output = course
        .checker()
        .arg("doctor")
        .env("PATH", empty.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let linker = stdout
        .lines()
        .skip_while(|line| !line.contains("a linker for Rust"))
        .take(2)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        linker.starts_with("✗ a linker for Rust: not found"),
        "{stdout}"
    );
    assert!(
        linker.contains("sudo apt install build-essential"),
        "{stdout}"
    );
    assert!(!output.status.success());
}

#[test]
fn reset_puts_src_back_as_committed_and_asks_first_unless_told_yes() {
    let course = TestCourse::fixture();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(course.root())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "the course"]);
    let pristine = course.read("exercises/01-add/src/lib.rs");
    course.solve("01-add");
    course.write("exercises/01-add/src/extra.rs", "// added by the learner\n");
    // Without a terminal to ask on, nothing changes.
    let asked = course.checker().args(["reset", "add"]).output().unwrap();
    assert_eq!(asked.status.code(), Some(2));
    assert_ne!(course.read("exercises/01-add/src/lib.rs"), pristine);
    let solved = course.read("exercises/01-add/src/lib.rs");
    let reset = course
        .checker()
        .args(["reset", "add", "--yes"])
        .output()
        .unwrap();
    assert!(reset.status.success(), "{reset:?}");
    assert_eq!(course.read("exercises/01-add/src/lib.rs"), pristine);
    assert!(!course.path("exercises/01-add/src/extra.rs").exists());
    // What was thrown away is kept, and the learner is told where.
    let stdout = String::from_utf8_lossy(&reset.stdout);
    let kept = stdout
        .lines()
        .find_map(|line| line.strip_prefix("Your version is kept in "))
        .and_then(|rest| rest.split(": copy").next())
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(course.read(&format!("{kept}/lib.rs")), solved);
    assert_eq!(
        course.read(&format!("{kept}/extra.rs")),
        "// added by the learner\n"
    );
}

#[test]
fn after_a_pass_next_is_the_following_exercise_not_the_first_unfinished_one() {
    let course = TestCourse::fixture();
    course.solve("02-ffi-add");
    let output = course
        .checker()
        .args(["check", "ffi-add"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    // add, before it, is not done either; py-add comes next in the course.
    assert!(
        stdout.contains("Next: run `cargo checker check py-add`"),
        "{stdout}"
    );
}

/// The checker binary copied out of cargo's target directory, as `cargo install` puts it.
fn installed_checker(dir: &std::path::Path) -> std::path::PathBuf {
    let exe = dir.join(format!("checker{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_checker"), &exe).unwrap();
    exe
}

/// The fixture course with a copy of the checker's own sources: the ones the checker binary of
/// these tests was built from.
fn course_with_the_checkers_sources() -> TestCourse {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let course = TestCourse::fixture();
    let checker = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    copy(&checker.join("src"), &course.path("checker/src"));
    std::fs::copy(
        checker.join("Cargo.toml"),
        course.path("checker/Cargo.toml"),
    )
    .unwrap();
    course
}

#[test]
fn an_installed_checker_built_from_other_sources_refuses_and_says_how_to_update() {
    let course = course_with_the_checkers_sources();
    let main = course.read("checker/src/main.rs");
    course.write("checker/src/main.rs", &format!("{main}\n// pulled\n"));
    let bin = tempfile::tempdir().unwrap();
    let exe = installed_checker(bin.path());

    let output = course.checker_from(&exe).arg("list").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("checker/src/main.rs changed")
            && stderr.contains("cargo install --path checker --locked"),
        "{stderr}"
    );
    // The same binary where cargo built it is cargo's to keep fresh: it runs.
    course.checker().arg("list").assert().success();
}

/// Contents count, not times: a checkout that rewrites a file unchanged (a newer time) is no
/// change.
#[test]
fn an_installed_checker_built_from_the_course_checker_runs_whatever_the_files_times() {
    let course = course_with_the_checkers_sources();
    let in_an_hour = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(course.path("checker/src/main.rs"))
        .unwrap()
        .set_modified(in_an_hour)
        .unwrap();
    let bin = tempfile::tempdir().unwrap();
    let exe = installed_checker(bin.path());
    course.checker_from(&exe).arg("list").assert().success();
}

#[test]
fn polish_gives_clippys_advice_about_the_learners_code_for_no_points() {
    let course = TestCourse::fixture();
    course.write(
        "exercises/01-add/src/lib.rs",
        "/// The sum of `a` and `b`.\npub fn add(a: i64, b: i64) -> i64 {\n    return a + b;\n}\n",
    );
    let output = course.checker().args(["polish", "add"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        stdout.contains("Clippy's advice about exercises/01-add/src/ (1 note)")
            && stdout.contains("unneeded `return` statement")
            && stdout.contains("--> exercises/01-add/src/lib.rs:3:5"),
        "{stdout}"
    );
    course.solve("01-add");
    let output = course.checker().args(["polish", "add"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Clippy has nothing to say"), "{stdout}");
}
