//! Runs an exercise's Rust integration tests, each in its own process, and grades each one
//! from the result line that libtest wrote for it.
//!
//! Learner code runs inside the test process: it may write straight to stdout (around libtest's
//! capture) or call `std::process::exit(0)` mid-test, after which the binary exits 0 with no
//! summary. So a test passes only when its process exited 0 and its output is exactly libtest's
//! report of that one test passing; a test with no such report has crashed.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::Context;

use crate::activity::Activity;
use crate::diagnose;
use crate::expected::RustTestFile;
use crate::result::{Suite, TestResult, TestStatus};
use crate::run::{self, Deadline, Limits, Sandbox, Termination};

/// Runs each expected test (fixed before the build: see `expected`) in the binary cargo built
/// from its file, within the time left until `deadline`. What a binary itself lists is never
/// asked: code that runs before `main` could list anything.
pub fn run_suite(
    expected: &[RustTestFile],
    binaries: &[std::path::PathBuf],
    deadline: Deadline,
    output_cap: usize,
    sandbox: &Sandbox,
    venv_bin: &Path,
) -> anyhow::Result<Vec<TestResult>> {
    let mut results = Vec::new();
    // A test that embeds Python (PyO3's) finds its standard library from the `python3` on
    // PATH: the venv's, as if it were activated, and not a system Python that the sandbox
    // leaves in view where the grader's own is hidden.
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::iter::once(venv_bin.to_path_buf()).chain(std::env::split_paths(&path)),
    )
    .unwrap_or(path);
    let mut activity = Activity::start("running the Rust tests");
    for file in expected {
        let binary = binary_of(&file.stem, binaries);
        for name in &file.names {
            let result = match binary {
                None => TestResult::new(name, Suite::Rust, TestStatus::Failed).with_message(
                    format!("tests/{}.rs was not built into a test binary", file.stem),
                ),
                Some(_) if deadline.has_passed() => {
                    TestResult::new(name, Suite::Rust, TestStatus::Timeout)
                        .with_message("not run: the exercise's time limit ran out before this test")
                }
                Some(binary) => run_one(
                    binary,
                    name,
                    deadline.limits(output_cap, Duration::ZERO),
                    sandbox,
                    &path,
                    &mut activity,
                )?,
            };
            results.push(result);
        }
    }
    Ok(results)
}

/// The binary cargo built from `tests/<stem>.rs`: `<stem>-<hash>` (a `-` in the stem is `_`).
fn binary_of<'b>(stem: &str, binaries: &'b [std::path::PathBuf]) -> Option<&'b Path> {
    let crate_name = stem.replace('-', "_");
    binaries
        .iter()
        .find(|binary| {
            let name = binary.file_stem().unwrap_or_default().to_string_lossy();
            name.rsplit_once('-').is_some_and(|(head, hash)| {
                head == crate_name && hash.chars().all(|c| c.is_ascii_hexdigit())
            })
        })
        .map(|binary| binary.as_path())
}

fn run_one(
    binary: &Path,
    name: &str,
    limits: Limits,
    sandbox: &Sandbox,
    path: &std::ffi::OsStr,
    activity: &mut Activity,
) -> anyhow::Result<TestResult> {
    let mut cmd = Command::new(binary);
    cmd.args([
        "--exact",
        name,
        "--test-threads=1",
        "--include-ignored",
        "--color=never",
    ])
    .env("RUST_BACKTRACE", "0")
    .env("PATH", path);
    let start = std::time::Instant::now();
    activity.running(name);
    activity.stops_after(limits.wall);
    let finished = run::run_sandboxed_showing(cmd, limits, sandbox, activity)
        .with_context(|| format!("failed to run {}", binary.display()))?;
    let duration_ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    let stdout = finished.stdout.text();
    let stderr = finished.stderr.text();
    let result = |status| {
        TestResult::new(name, Suite::Rust, status).with_output(output_of(&stdout, &stderr))
    };

    let mut graded = match finished.termination {
        Termination::Exited(0) if reports_a_pass(&stdout, name) => result(TestStatus::Passed),
        // libtest's summary is there, but other text is mixed into its report: not trusted.
        Termination::Exited(0) if stdout.contains("test result: ok. 1 passed;") => result(TestStatus::Failed).with_message(
            "the code wrote straight to stdout, into libtest's report, so the result cannot be trusted: \
             print with println! or eprintln! (the test harness captures those), or not at all",
        ),
        Termination::Exited(0) => result(TestStatus::Crashed).with_message(
            "the test process exited with code 0 before libtest reported a result \
             (did the code call std::process::exit?)",
        ),
        // 101: libtest's code for failed tests (and a panic's): never a pass.
        Termination::Exited(101) => {
            result(TestStatus::Failed).with_message(failure_message(&stdout, name))
        }
        Termination::Exited(code) => result(TestStatus::Crashed).with_message(format!(
            "the test process exited with code {code} before libtest reported a result"
        )),
        Termination::Signalled(signal) => result(TestStatus::Crashed).with_message(
            format!(
                "the test process was killed by {} ({})",
                run::signal_name(signal),
                diagnose::signal_meaning(&run::signal_name(signal))
            ) // libtest prints the test's own panic on stdout, the abort's on stderr.
            + &with_newline(&diagnose::panic_excerpt(&format!("{stdout}\n{stderr}"))),
        ),
        Termination::TimedOut => result(TestStatus::Timeout).with_message(format!(
            "timed out after {} s in {name}: an endless loop, or a blocking call? \
             (the exercise's time limit ran out while it ran)",
            start.elapsed().as_secs()
        )),
    };
    if let Some((file, line)) = diagnose::panic_location(&graded.message) {
        graded.file = Some(file);
        graded.line = Some(line);
    }
    graded.duration_ms = Some(duration_ms);
    Ok(graded)
}

/// Exactly libtest's report of one passing test, with nothing else on stdout.
fn reports_a_pass(stdout: &str, name: &str) -> bool {
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.is_empty()).collect();
    let expected_result = format!("test {name} ... ok");
    matches!(
        lines.as_slice(),
        [running, result, summary]
            if *running == "running 1 test"
                && *result == expected_result
                && summary.starts_with("test result: ok. 1 passed; 0 failed;")
    )
}

/// The panic message libtest printed for a failed test (its captured stdout section).
fn failure_message(stdout: &str, name: &str) -> String {
    let header = format!("---- {name} stdout ----");
    let Some(start) = stdout.find(&header) else {
        return "the test failed".to_string();
    };
    let section = &stdout[start + header.len()..];
    let end = section.find("\nfailures:").unwrap_or(section.len());
    let message: Vec<&str> = section[..end]
        .lines()
        .filter(|l| !l.starts_with("note: run with `RUST_BACKTRACE=1`"))
        .collect();
    message.join("\n").trim().to_string()
}

/// What the learner's test wrote, when it wrote something other than libtest's own report.
fn output_of(stdout: &str, stderr: &str) -> String {
    let mut output = String::new();
    if !stderr.trim().is_empty() {
        output.push_str(stderr.trim_end());
    }
    if !stdout.contains("running 1 test") && !stdout.trim().is_empty() {
        if !output.is_empty() {
            output.push('\n');
        }
        output.push_str(stdout.trim_end());
    }
    output
}

fn with_newline(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("\n{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_file_is_found_as_the_binary_cargo_named_after_it() {
        let binaries = [
            "/t/deps/gcd-0a1b",
            "/t/deps/checked_add-ff00",
            "/t/deps/gcd_more-12",
        ]
        .map(std::path::PathBuf::from);
        assert_eq!(
            binary_of("gcd", &binaries),
            Some(Path::new("/t/deps/gcd-0a1b"))
        );
        assert_eq!(
            binary_of("checked-add", &binaries),
            Some(Path::new("/t/deps/checked_add-ff00"))
        );
        assert_eq!(binary_of("missing", &binaries), None);
    }

    const PASS: &str = "\nrunning 1 test\ntest adds ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 2 filtered out; finished in 0.00s\n\n";

    #[test]
    fn a_clean_libtest_report_of_one_pass_is_a_pass() {
        assert!(reports_a_pass(PASS, "adds"));
    }

    #[test]
    fn a_report_for_another_test_is_not_a_pass() {
        assert!(!reports_a_pass(PASS, "subtracts"));
    }

    #[test]
    fn extra_lines_written_around_the_report_are_not_trusted() {
        let forged = format!("test result: ok. 9 passed;\n{PASS}");
        assert!(!reports_a_pass(&forged, "adds"));
        assert!(!reports_a_pass("\nrunning 1 test\ntest adds ... ", "adds"));
    }

    #[test]
    fn the_failure_message_is_the_panic_text() {
        let stdout = "\nrunning 1 test\ntest adds ... FAILED\n\nfailures:\n\n---- adds stdout ----\n\nthread 'adds' panicked at tests/a.rs:3:5:\nassertion `left == right` failed\n  left: 1\n right: 2\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    adds\n\ntest result: FAILED. 0 passed; 1 failed;\n";
        assert_eq!(
            failure_message(stdout, "adds"),
            "thread 'adds' panicked at tests/a.rs:3:5:\nassertion `left == right` failed\n  left: 1\n right: 2"
        );
    }
}
