//! Runs an exercise's Python tests with pytest and grades each test from pytest's JUnit XML
//! report, never from its console output.
//!
//! When pytest itself dies (a segfault in learner code, `os._exit`), its report is never
//! written; then each test runs again in its own pytest, so the test that crashed is named and
//! the others still get their verdict. A test without a recorded result has not passed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::Context;
use serde::Deserialize;

use crate::result::{Suite, TestResult, TestStatus};
use crate::run::{self, Deadline, Finished, Limits, Sandbox, Termination};
use crate::workspace::Workspace;

/// The name given to a collection error: `collecting <module>`.
const COLLECTING: &str = "collecting ";

/// One pytest run's setting: where the tests are and what the environment tells them.
pub struct PytestRun<'a> {
    pub workspace: &'a Workspace,
    /// The exercise's `python/tests` directory.
    pub tests_dir: PathBuf,
    /// Variables that tell the tests where the built code is (`OXIDIZE_BIN`, ...).
    pub env: Vec<(String, String)>,
    pub deadline: Deadline,
    pub output_cap: usize,
    /// Limits on the learner code that the tests run.
    pub sandbox: Sandbox,
}

impl PytestRun<'_> {
    /// pytest's root: the course root, so that the paths it reports are the ones a learner
    /// sees there. Its settings and shared fixtures are in `exercises/`.
    fn rootdir(&self) -> PathBuf {
        self.workspace.root.clone()
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
                // The failing line and pytest's `E` lines, without the fixtures' values.
                "--tb=short",
                "-c",
            ])
            .arg(rootdir.join("exercises").join("pytest.ini"))
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
        self.deadline
            .limits(self.output_cap, Duration::from_secs(1))
    }
}

/// Runs the suite and grades every test in it.
pub fn run_suite(run: &PytestRun) -> anyhow::Result<Vec<TestResult>> {
    let scratch = tempfile::tempdir().context("cannot create a temporary directory")?;
    let junit = scratch.path().join("junit.xml");
    let tests_dir = run.tests_dir.to_string_lossy().into_owned();
    let finished = run::run_sandboxed(
        run.command(&junit, &[tests_dir], false),
        run.limits(),
        run.sandbox,
    )
    .context("failed to run pytest")?;

    let report = read_report(&junit);
    match (finished.termination, report) {
        (Termination::Exited(0..=2 | 5), Some(cases)) => {
            Ok(failing_uncollected(grade_cases(cases), &run.tests_dir))
        }
        (Termination::TimedOut, _) => Ok(vec![timed_out_suite(&finished)]),
        _ => run_each_alone(run, &finished, scratch.path()),
    }
}

/// A test module that cannot even be imported (a module that does not load, a syntax error)
/// leaves only a "collecting" error: its tests then each count as failed, so a module that does
/// not import never scores better than one that imports with some tests failing.
fn failing_uncollected(results: Vec<TestResult>, tests_dir: &Path) -> Vec<TestResult> {
    let Some(error) = results
        .iter()
        .find(|r| r.name.starts_with(COLLECTING))
        .cloned()
    else {
        return results;
    };
    let reported: Vec<String> = results.iter().map(|r| r.name.clone()).collect();
    let mut all: Vec<TestResult> = results
        .into_iter()
        .filter(|r| !r.name.starts_with(COLLECTING))
        .collect();
    for name in declared_tests(tests_dir) {
        if !reported.contains(&name) {
            let mut failed = error.clone();
            failed.name = name;
            failed.message = format!(
                "not run: its test module could not be collected\n{}",
                error.message
            );
            all.push(failed);
        }
    }
    if all.is_empty() {
        all.push(error);
    }
    all
}

/// The names of the test functions written in the `test_*.py` files under `dir`.
fn declared_tests(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let files = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten();
    for file in files.filter(|e| {
        let name = e.file_name().to_string_lossy();
        name.starts_with("test_") && name.ends_with(".py")
    }) {
        let text = std::fs::read_to_string(file.path()).unwrap_or_default();
        for line in text.lines() {
            let line = line.trim_start();
            let line = line.strip_prefix("async ").unwrap_or(line);
            if let Some(rest) = line.strip_prefix("def test_") {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                names.push(format!("test_{}", &rest[..end]));
            }
        }
    }
    names
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
        .arg(rootdir.join("exercises").join("pytest.ini"))
        .arg("--rootdir")
        .arg(&rootdir)
        .arg(&run.tests_dir)
        .envs(run.env.iter().map(|(k, v)| (k, v)));
    let finished = run::run_sandboxed(cmd, run.limits(), run.sandbox)
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
        format!("{COLLECTING}{}", case.name)
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
    // pytest guesses at a bad file name when a test module fails to import; here it never is.
    result.message = failure_text(&message, &details).replace(
        "Hint: make sure your test modules/packages have valid Python names.\n",
        "",
    );
    result.output = [
        case.system_out.unwrap_or_default(),
        case.system_err.unwrap_or_default(),
    ]
    .join("\n")
    .trim()
    .to_string();
    result.file = case.file;
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

    const REPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="1" skipped="0" tests="2"><testcase classname="01-x.python.tests.test_x" name="test_adds" file="exercises/01-x/python/tests/test_x.py" line="3" time="0.001" /><testcase classname="01-x.python.tests.test_x" name="test_subtracts" file="exercises/01-x/python/tests/test_x.py" line="7" time="0.001"><failure message="assert 1 == 2">def test_subtracts():
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
    fn a_module_that_cannot_be_collected_fails_each_of_its_tests() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("test_x.py"),
            "import missing\n\ndef test_one():\n    pass\n\nclass TestGroup:\n    async def test_two(self):\n        pass\n",
        )
        .unwrap();
        let error = TestResult::new("collecting x", Suite::Python, TestStatus::Failed)
            .with_message("ImportError");
        let results = failing_uncollected(vec![error], dir.path());
        let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["test_one", "test_two"]);
        assert!(
            results
                .iter()
                .all(|r| r.status == TestStatus::Failed && r.message.contains("ImportError"))
        );
    }

    #[test]
    fn a_missing_or_broken_report_is_no_report() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), "<testsuites><testsuite>").unwrap();
        assert!(read_report(file.path()).is_none());
        assert!(read_report(Path::new("/nonexistent/junit.xml")).is_none());
    }
}
