//! Runs an exercise's Python tests with pytest and grades each test from pytest's JUnit XML
//! report, never from its console output.
//!
//! When pytest itself dies (a segfault in learner code, `os._exit`), its report is never
//! written; then each test runs again in its own pytest, so the test that crashed is named and
//! the others still get their verdict. A test without a recorded result has not passed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Deserialize;

use crate::result::{Suite, TestResult, TestStatus};
use crate::run::{self, Finished, Limits, Sandbox, Termination};
use crate::workspace::Workspace;

/// One pytest run's setting: where the tests are and what the environment tells them.
pub struct PytestRun<'a> {
    pub workspace: &'a Workspace,
    /// The exercise's `python/tests` directory.
    pub tests_dir: PathBuf,
    /// Variables that tell the tests where the built code is (`OXIDIZE_BIN`, ...).
    pub env: Vec<(String, String)>,
    pub deadline: Instant,
    pub output_cap: usize,
    /// Limits on the learner code that the tests run.
    pub sandbox: Sandbox,
}

impl PytestRun<'_> {
    /// pytest's root: the `exercises` folder, whose `conftest.py` holds the shared fixtures.
    fn rootdir(&self) -> PathBuf {
        self.workspace.root.join("exercises")
    }

    /// `capture_sys`: let output written straight to file descriptors through, so that when the
    /// process dies, Rust's panic message is in its stderr (pytest drops what it captured).
    fn command(&self, junit: &Path, targets: &[String], capture_sys: bool) -> Command {
        let rootdir = self.rootdir();
        let mut cmd = Command::new(self.workspace.python());
        cmd.current_dir(&rootdir)
            .args([
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-o",
                "junit_family=xunit1",
            ])
            .args([
                "-o",
                "junit_logging=all",
                "-o",
                "verbosity_assertions=2",
                "-c",
            ])
            .arg(rootdir.join("pytest.ini"))
            .arg("--rootdir")
            .arg(&rootdir)
            .arg("--junitxml")
            .arg(junit)
            .args(if capture_sys {
                &["--capture=sys"][..]
            } else {
                &[]
            })
            .args(targets)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("RUST_BACKTRACE", "0")
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    fn limits(&self) -> Limits {
        let left = self.deadline.saturating_duration_since(Instant::now());
        Limits {
            wall: left.max(Duration::from_secs(1)),
            output_cap: self.output_cap,
        }
    }
}

/// Runs the suite and grades every test in it.
pub fn run_suite(run: &PytestRun) -> anyhow::Result<Vec<TestResult>> {
    let scratch = tempfile::tempdir().context("cannot create a temporary directory")?;
    let junit = scratch.path().join("junit.xml");
    let tests_dir = run.tests_dir.to_string_lossy().into_owned();
    let finished = run::run_sandboxed(
        run.command(&junit, &[tests_dir], false),
        None,
        run.limits(),
        run.sandbox,
    )
    .context("failed to run pytest")?;

    let report = read_report(&junit);
    match (finished.termination, report) {
        (Termination::Exited(0..=2 | 5), Some(cases)) => Ok(grade_cases(cases)),
        (Termination::TimedOut, _) => Ok(vec![timed_out_suite(&finished)]),
        _ => run_each_alone(run, &finished, scratch.path()),
    }
}

/// pytest died before writing its report: run each collected test in its own pytest.
fn run_each_alone(
    run: &PytestRun,
    whole: &Finished,
    scratch: &Path,
) -> anyhow::Result<Vec<TestResult>> {
    let ids = collect_ids(run)?;
    if ids.is_empty() {
        let mut crashed = TestResult::new("python tests", Suite::Python, TestStatus::Crashed).with_message(format!(
            "pytest ended ({}) without writing its report, and its tests could not be collected",
            whole.termination.describe()
        ));
        crashed.output = tail(&whole.stderr.text(), 3000);
        return Ok(vec![crashed]);
    }
    let mut results = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let junit = scratch.join(format!("junit-{i}.xml"));
        let finished = run::run_sandboxed(
            run.command(&junit, std::slice::from_ref(id), true),
            None,
            run.limits(),
            run.sandbox,
        )
        .context("failed to run pytest")?;
        let name = id.rsplit("::").next().unwrap_or(id).to_string();
        match (finished.termination, read_report(&junit)) {
            (Termination::Exited(_), Some(cases)) if !cases.is_empty() => {
                results.extend(grade_cases(cases))
            }
            (Termination::TimedOut, _) => results.push(
                TestResult::new(name, Suite::Python, TestStatus::Timeout)
                    .with_message(
                        "still running when the exercise's time limit ran out (an endless loop?)",
                    )
                    .with_output(tail(&finished.stderr.text(), 3000)),
            ),
            (termination, _) => results.push(
                TestResult::new(name, Suite::Python, TestStatus::Crashed)
                    .with_message(crash_message(termination, &finished.stderr.text()))
                    .with_output(tail(&finished.stderr.text(), 3000)),
            ),
        }
    }
    Ok(results)
}

fn crash_message(termination: Termination, stderr: &str) -> String {
    let panic = crate::diagnose::panic_excerpt(stderr);
    let panic = if panic.is_empty() {
        panic
    } else {
        format!("\n{panic}")
    };
    let cause = match termination {
        Termination::Signalled(signal) => format!(
            "the Python process was killed by {} while this test ran (in FFI code: an invalid pointer, or a panic unwinding into C)",
            run::signal_name(signal)
        ),
        other => format!(
            "the Python process ended ({}) before pytest recorded a result for this test (did the code call os._exit or std::process::exit?)",
            other.describe()
        ),
    };
    cause + &panic
}

fn timed_out_suite(finished: &Finished) -> TestResult {
    TestResult::new("python tests", Suite::Python, TestStatus::Timeout)
        .with_message(
            "pytest was still running when the exercise's time limit ran out \
             (an endless loop, or a call that never returns?)",
        )
        .with_output(tail(&finished.stdout.text(), 3000))
}

/// The node ids of the suite's tests, as `pytest --collect-only -q` prints them.
fn collect_ids(run: &PytestRun) -> anyhow::Result<Vec<String>> {
    let rootdir = run.rootdir();
    let mut cmd = Command::new(run.workspace.python());
    cmd.current_dir(&rootdir)
        .args([
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
        ])
        .arg(rootdir.join("pytest.ini"))
        .arg("--rootdir")
        .arg(&rootdir)
        .arg(&run.tests_dir)
        .envs(run.env.iter().map(|(k, v)| (k, v)));
    let finished = run::run_sandboxed(cmd, None, run.limits(), run.sandbox)
        .context("failed to run pytest --collect-only")?;
    Ok(finished
        .stdout
        .text()
        .lines()
        .filter(|line| line.contains("::") && !line.starts_with(' '))
        .map(str::to_string)
        .collect())
}

/// The `<testcase>`s of a pytest JUnit report, or None when there is no readable report.
fn read_report(path: &Path) -> Option<Vec<Testcase>> {
    let xml = std::fs::read_to_string(path).ok()?;
    let suites: Testsuites = quick_xml::de::from_str(&xml).ok()?;
    Some(
        suites
            .testsuite
            .into_iter()
            .flat_map(|s| s.testcase)
            .collect(),
    )
}

fn grade_cases(cases: Vec<Testcase>) -> Vec<TestResult> {
    cases.into_iter().map(grade_case).collect()
}

fn grade_case(case: Testcase) -> TestResult {
    let collection_error = case.classname.is_empty();
    let name = if collection_error {
        format!("collecting {}", case.name)
    } else {
        case.name
    };
    let (status, message, details) = if let Some(failure) = case.failure {
        (TestStatus::Failed, failure.message, failure.text)
    } else if let Some(error) = case.error {
        (TestStatus::Failed, error.message, error.text)
    } else if let Some(skipped) = case.skipped {
        (
            TestStatus::Failed,
            format!("skipped, so not passed: {}", skipped.message),
            String::new(),
        )
    } else {
        (TestStatus::Passed, String::new(), String::new())
    };
    let mut result = TestResult::new(name, Suite::Python, status);
    result.message = failure_text(&message, &details);
    result.output = [
        case.system_out.unwrap_or_default(),
        case.system_err.unwrap_or_default(),
    ]
    .join("\n")
    .trim()
    .to_string();
    result.file = case.file.map(|f| format!("exercises/{f}"));
    result.line = case.line.map(|l| l + 1);
    result
}

/// pytest's one-line message, followed by the end of its traceback (where the assertion is).
fn failure_text(message: &str, details: &str) -> String {
    let details = tail(details.trim(), 1500);
    if details.is_empty() {
        message.trim().to_string()
    } else {
        details
    }
}

/// The last `max` bytes of `text`, cut at a line start.
pub fn tail(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let cut = text[start..].find('\n').map_or(start, |i| start + i + 1);
    format!("[...]\n{}", &text[cut..])
}

#[derive(Debug, Deserialize)]
struct Testsuites {
    #[serde(default)]
    testsuite: Vec<Testsuite>,
}

#[derive(Debug, Deserialize)]
struct Testsuite {
    #[serde(default)]
    testcase: Vec<Testcase>,
}

#[derive(Debug, Deserialize)]
struct Testcase {
    #[serde(rename = "@classname", default)]
    classname: String,
    #[serde(rename = "@name")]
    name: String,
    #[serde(rename = "@file", default)]
    file: Option<String>,
    /// 0-based in pytest's report.
    #[serde(rename = "@line", default)]
    line: Option<u32>,
    failure: Option<Fault>,
    error: Option<Fault>,
    skipped: Option<Fault>,
    #[serde(rename = "system-out", default)]
    system_out: Option<String>,
    #[serde(rename = "system-err", default)]
    system_err: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Fault {
    #[serde(rename = "@message", default)]
    message: String,
    #[serde(rename = "$text", default)]
    text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="1" skipped="0" tests="2"><testcase classname="01-x.python.tests.test_x" name="test_adds" file="01-x/python/tests/test_x.py" line="3" time="0.001" /><testcase classname="01-x.python.tests.test_x" name="test_subtracts" file="01-x/python/tests/test_x.py" line="7" time="0.001"><failure message="assert 1 == 2">def test_subtracts():
&gt;       assert 1 == 2
E       assert 1 == 2</failure></testcase></testsuite></testsuites>"#;

    #[test]
    fn junit_testcases_become_graded_tests_with_their_location() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), REPORT).unwrap();
        let results = grade_cases(read_report(file.path()).unwrap());
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].status, TestStatus::Passed);
        assert_eq!(results[1].status, TestStatus::Failed);
        assert!(
            results[1].message.contains("E       assert 1 == 2"),
            "{}",
            results[1].message
        );
        assert_eq!(
            results[1].file.as_deref(),
            Some("exercises/01-x/python/tests/test_x.py")
        );
        assert_eq!(results[1].line, Some(8));
    }

    #[test]
    fn a_missing_or_broken_report_is_no_report() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), "<testsuites><testsuite>").unwrap();
        assert!(read_report(file.path()).is_none());
        assert!(read_report(Path::new("/nonexistent/junit.xml")).is_none());
    }
}
