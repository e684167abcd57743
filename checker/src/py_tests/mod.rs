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

use anyhow::Context;

use command::collect_ids;
pub use command::{PrimedPytest, PytestRun};
use junit::{grade_cases, read_report};

use crate::activity::Activity;
use crate::result::{Suite, TestResult, TestStatus};
use crate::run::{self, Finished, Termination};

/// The name given to a collection error: `collecting <module>`.
const COLLECTING: &str = "collecting ";

/// What a suite's run comes to: a result for each expected test, and the names of tests that
/// reported but were not expected (ignored, and said so).
pub struct Graded {
    pub tests: Vec<TestResult>,
    pub ignored: Vec<String>,
}

/// Runs the suite and grades each test in `expected` (fixed before the run: see `expected`).
/// With `primed`, that pytest runs the suite (it was started during the build).
pub fn run_suite(
    run: &PytestRun,
    expected: &[String],
    primed: Option<PrimedPytest>,
) -> anyhow::Result<Graded> {
    Ok(fit_to_expected(
        run_and_read(run, expected, primed)?,
        expected,
    ))
}

/// A result for each expected test, in their order: its own (a parametrized test passes when
/// every case does); else the whole suite's (pytest timed out or died before any test
/// reported); else failed, for reporting nothing.
fn fit_to_expected(results: Vec<TestResult>, expected: &[String]) -> Graded {
    let suite_wide = results.iter().find(|r| r.name == SUITE).cloned();
    let of = |name: &str, reported: &str| {
        reported == name
            || reported
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('['))
    };
    let tests = expected
        .iter()
        .map(|name| {
            let cases: Vec<&TestResult> = results.iter().filter(|r| of(name, &r.name)).collect();
            let verdict = cases
                .iter()
                .find(|r| r.status != TestStatus::Passed)
                .or(cases.first());
            (
                name,
                verdict.map(|r| TestResult {
                    name: name.clone(),
                    ..(*r).clone()
                }),
            )
        })
        .map(|(name, own)| match own {
            Some(result) => result,
            None => match &suite_wide {
                Some(suite) => TestResult {
                    name: name.clone(),
                    ..suite.clone()
                },
                None => TestResult::new(name, Suite::Python, TestStatus::Failed)
                    .with_message("pytest reported no result for this test"),
            },
        })
        .collect();
    let ignored = results
        .into_iter()
        .map(|r| r.name)
        .filter(|name| {
            name != SUITE
                && !name.starts_with(COLLECTING)
                && !expected.iter().any(|wanted| of(wanted, name))
        })
        .collect();
    Graded { tests, ignored }
}

/// The name of a result that stands for the whole suite.
const SUITE: &str = "python tests";

/// Runs the suite and grades every test it reports.
fn run_and_read(
    run: &PytestRun,
    expected: &[String],
    primed: Option<PrimedPytest>,
) -> anyhow::Result<Vec<TestResult>> {
    let mut activity = Activity::start("running the Python tests");
    let now_running = run.now_running_file();
    let _ = std::fs::remove_file(&now_running);
    activity.follow(&now_running);
    activity.stops_after(run.limits().wall);
    // The report's folder, removed when grading is done.
    let (finished, _report_folder, junit) = match primed {
        Some(primed) => primed.go(&run.env_with_news(), run.limits(), &mut activity)?,
        None => {
            // pytest writes its report from inside the sandbox: into the run's private
            // temporary directory.
            let scratch = tempfile::tempdir_in(&run.sandbox.temp)
                .context("cannot create a temporary directory")?;
            let junit = scratch.path().join("junit.xml");
            let tests_dir = run.tests_dir.to_string_lossy().into_owned();
            let finished = run::run_sandboxed_showing(
                run.command(&junit, &[tests_dir], false),
                run.limits(),
                &run.sandbox,
                &mut activity,
            )
            .context("failed to run pytest")?;
            (finished, scratch, junit)
        }
    };

    let report = read_report(&junit);
    match (finished.termination, report) {
        (termination, Some(cases)) if session_ended(termination) => {
            Ok(failing_uncollected(grade_cases(cases), expected))
        }
        (Termination::TimedOut, _) => {
            let last = std::fs::read_to_string(&now_running).ok();
            Ok(vec![timed_out_suite(&finished, last.as_deref())])
        }
        _ => run_each_alone(run, &finished),
    }
}

/// Whether pytest ended its session as pytest does (0: all passed, 1: some failed,
/// 2: interrupted, 5: no tests), so that its report is the session's, written after the guard
/// (see `command::LAUNCHER`). Any other end (pytest's internal error, the guard's refusal, a
/// learner's `os._exit`) leaves a report that is not trusted, whatever stands in its place.
fn session_ended(termination: Termination) -> bool {
    matches!(termination, Termination::Exited(0..=2 | 5))
}

/// A test module that cannot even be imported (a module that does not load, a syntax error)
/// leaves only a "collecting" error: its tests then each count as failed, so a module that does
/// not import never scores better than one that imports with some tests failing.
fn failing_uncollected(results: Vec<TestResult>, expected: &[String]) -> Vec<TestResult> {
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
    for name in expected {
        if !reported.contains(name) {
            let mut failed = error.clone();
            failed.name = name.clone();
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

/// pytest died before writing its report: run each collected test in its own pytest.
fn run_each_alone(run: &PytestRun, whole: &Finished) -> anyhow::Result<Vec<TestResult>> {
    let ids = collect_ids(run)?;
    if ids.is_empty() {
        let mut crashed = TestResult::new(SUITE, Suite::Python, TestStatus::Crashed).with_message(format!(
            "pytest ended ({}) without writing its report, and its tests could not be collected",
            whole.termination.describe()
        ));
        crashed.output = tail(&whole.stderr.text(), 3000);
        return Ok(vec![crashed]);
    }
    let mut results = Vec::new();
    for id in &ids {
        // A folder of its own for each report, made now: learner code of the runs before may
        // have moved or replaced any other.
        let scratch = tempfile::tempdir_in(&run.sandbox.temp)
            .context("cannot create a temporary directory")?;
        let junit = scratch.path().join("junit.xml");
        let finished = run::run_sandboxed(
            run.command(&junit, std::slice::from_ref(id), true),
            run.limits(),
            &run.sandbox,
        )
        .context("failed to run pytest")?;
        let name = id.rsplit("::").next().unwrap_or(id).to_string();
        match (finished.termination, read_report(&junit)) {
            (termination, Some(cases)) if session_ended(termination) && !cases.is_empty() => {
                results.extend(grade_cases(cases))
            }
            (Termination::TimedOut, _) => results.push(
                TestResult::new(&name, Suite::Python, TestStatus::Timeout)
                    .with_message(format!(
                        "timed out in {name}: an endless loop, or a blocking call? (the exercise's time limit ran out while it ran)"
                    ))
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
        _ if stderr.contains(command::REPORT_TAMPERED) => {
            "learner code moved, replaced or blocked the place where pytest writes its report \
             while this test ran, so no report of the run is trusted and the test has not passed"
                .to_string()
        }
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

/// The whole suite's result when pytest ran out of time: in `running`, the test it was running
/// (as the shared conftest wrote it), if it said.
fn timed_out_suite(finished: &Finished, running: Option<&str>) -> TestResult {
    let message = match running.map(str::trim).filter(|name| !name.is_empty()) {
        Some(name) => format!(
            "timed out in {name}: an endless loop, or a blocking call? (the exercise's time \
             limit ran out while it ran, and the tests after it did not run)"
        ),
        None => "timed out: pytest was still running when the exercise's time limit ran out: \
                 an endless loop, or a blocking call?"
            .to_string(),
    };
    TestResult::new(SUITE, Suite::Python, TestStatus::Timeout)
        .with_message(message)
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
    fn only_expected_tests_are_graded_and_the_rest_are_named_as_ignored() {
        let reported = vec![
            TestResult::new("test_a", Suite::Python, TestStatus::Passed),
            TestResult::new("test_free_points", Suite::Python, TestStatus::Passed),
            TestResult::new("test_p[1]", Suite::Python, TestStatus::Passed),
            TestResult::new("test_p[2]", Suite::Python, TestStatus::Failed),
        ];
        let expected = ["test_a", "test_p", "test_missing"].map(String::from);
        let graded = fit_to_expected(reported, &expected);
        let verdicts: Vec<(&str, TestStatus)> = graded
            .tests
            .iter()
            .map(|t| (t.name.as_str(), t.status))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("test_a", TestStatus::Passed),
                ("test_p", TestStatus::Failed),
                ("test_missing", TestStatus::Failed)
            ]
        );
        assert_eq!(graded.ignored, ["test_free_points"]);
    }

    #[test]
    fn a_suite_that_timed_out_counts_against_each_expected_test() {
        let reported = vec![TestResult::new(SUITE, Suite::Python, TestStatus::Timeout)];
        let expected = ["test_a", "test_b"].map(String::from);
        let graded = fit_to_expected(reported, &expected);
        assert_eq!(graded.tests.len(), 2);
        assert!(graded.tests.iter().all(|t| t.status == TestStatus::Timeout));
        assert!(graded.ignored.is_empty());
    }

    #[test]
    fn a_module_that_cannot_be_collected_fails_each_of_its_tests() {
        let error = TestResult::new("collecting x", Suite::Python, TestStatus::Failed)
            .with_message("ImportError");
        let expected = ["test_one", "test_two"].map(String::from);
        let results = failing_uncollected(vec![error], &expected);
        let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["test_one", "test_two"]);
        assert!(
            results
                .iter()
                .all(|r| r.status == TestStatus::Failed && r.message.contains("ImportError"))
        );
    }
}
