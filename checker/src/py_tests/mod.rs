//! Runs an exercise's Python tests with pytest and grades each test from pytest's JUnit XML
//! report, never from its console output.
//!
//! When pytest itself dies (a segfault in learner code, `os._exit`), its report is never
//! written; then each test runs again in its own pytest, so the test that crashed is named and
//! the others still get their verdict. A test without a recorded result has not passed.
//!
//! `command` builds pytest's command lines, `junit` reads its report.

mod command;
mod junit;

use std::path::Path;

use anyhow::Context;

pub use command::PytestRun;
use command::collect_ids;
use junit::{grade_cases, read_report};

use crate::activity::Activity;
use crate::result::{Suite, TestResult, TestStatus};
use crate::run::{self, Finished, Termination};

/// The name given to a collection error: `collecting <module>`.
const COLLECTING: &str = "collecting ";

/// Runs the suite and grades every test in it.
pub fn run_suite(run: &PytestRun) -> anyhow::Result<Vec<TestResult>> {
    let scratch = tempfile::tempdir().context("cannot create a temporary directory")?;
    let junit = scratch.path().join("junit.xml");
    let tests_dir = run.tests_dir.to_string_lossy().into_owned();
    let mut activity = Activity::start("running the Python tests");
    let finished = run::run_sandboxed_showing(
        run.command(&junit, &[tests_dir], false),
        run.limits(),
        run.sandbox,
        &mut activity,
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
        Termination::Signalled(signal) => {
            let name = run::signal_name(signal);
            let meaning = crate::diagnose::signal_meaning(&name);
            format!("the Python process was killed by {name} while this test ran: {meaning}")
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
