//! Evaluates one exercise end to end: build it, run its Rust tests and its Python tests, and
//! grade every test. Whatever the learner's code does, the outcome is a result, never an error
//! of the checker's own.

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::cargo::{self, Build};
use crate::course::{Course, Exercise};
use crate::py_tests::{self, PrimedPytest, PytestRun};
use crate::result::{ExerciseResult, ExerciseStatus, TestResult, TestStatus, round_points};
use crate::run::{Deadline, Limits, Sandbox, Termination};
use crate::workspace::{Workspace, resolved};
use crate::{diagnose, expected, rust_tests};

/// What an evaluation sets up before it builds: the sandboxes learner code will run in, and
/// pytest started in its own ahead of time. `watch` sets up the next check while it waits for a
/// save.
pub struct Setup {
    exercise_id: String,
    /// Dropped first: it runs in `python_temp`.
    primed: Option<PrimedPytest>,
    /// pytest's, which writes its report into its temporary directory.
    python_sandbox: Sandbox,
    /// The Rust tests', which run at the same time as pytest: with a temporary directory of
    /// their own, so that learner code in them cannot rewrite pytest's report.
    rust_sandbox: Sandbox,
    python_temp: tempfile::TempDir,
    rust_temp: tempfile::TempDir,
    /// A copy's scratch space, removed with the grade.
    _own_scratch: Option<tempfile::TempDir>,
}

/// Creates the sandbox's writable places and starts pytest, which imports itself and prepares
/// its configuration while the exercise builds (about a tenth of a second saved on each check);
/// it is killed unused if the build fails. A pytest that cannot start is started again, the
/// usual way, after the build.
pub fn set_up(
    course: &Course,
    workspace: &Workspace,
    exercise: &Exercise,
) -> anyhow::Result<Setup> {
    // The only places learner code may write: its exercise's scratch space and a temporary
    // directory of this run's own, one for each suite. In the learner's own course the scratch
    // space is kept between runs (a release build inside a test reuses it); in a copy (a
    // learner graded by the instructor, verify) it is this grade's own, so nothing one
    // learner's code writes there reaches another's grade.
    let new_temp = |prefix: &str| {
        tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .context("cannot create a temporary directory")
    };
    let (scratch, own_scratch) = if workspace.reuses_installs {
        let kept = workspace
            .target_dir
            .join("oxidize-scratch")
            .join(&exercise.id);
        std::fs::create_dir_all(&kept)
            .with_context(|| format!("cannot create {}", kept.display()))?;
        (kept, None)
    } else {
        let own = new_temp(&format!("oxidize-scratch-{}-", exercise.id))?;
        (resolved(own.path()), Some(own))
    };
    let (python_temp, rust_temp) = (new_temp("oxidize-run-")?, new_temp("oxidize-run-")?);
    let python_sandbox = Sandbox {
        memory_bytes: course.limits.memory_mib << 20,
        file_size_bytes: course.limits.file_size_mib << 20,
        loopback_only: course.limits.loopback_only,
        scratch,
        temp: resolved(python_temp.path()),
        readable: workspace.readable(),
        writable: Vec::new(),
    };
    let rust_sandbox = Sandbox {
        temp: resolved(rust_temp.path()),
        ..python_sandbox.clone()
    };
    let tests_dir = exercise.python_tests_dir(&workspace.root);
    let output_cap = course.limits.output_kib * 1024;
    let primed = tests_dir
        .is_dir()
        .then(|| {
            let sandbox = &python_sandbox;
            PrimedPytest::start(workspace, exercise.kind, &tests_dir, sandbox, output_cap).ok()
        })
        .flatten();
    Ok(Setup {
        exercise_id: exercise.id.clone(),
        primed,
        python_sandbox,
        rust_sandbox,
        python_temp,
        rust_temp,
        _own_scratch: own_scratch,
    })
}

/// Builds and tests `exercise` in `workspace`.
pub fn evaluate(
    course: &Course,
    workspace: &Workspace,
    exercise: &Exercise,
) -> anyhow::Result<ExerciseResult> {
    evaluate_with(course, workspace, exercise, None)
}

/// `evaluate`, with what `set_up` made for it earlier, when it was made for this exercise.
pub fn evaluate_with(
    course: &Course,
    workspace: &Workspace,
    exercise: &Exercise,
    setup: Option<Setup>,
) -> anyhow::Result<ExerciseResult> {
    let start = Instant::now();
    let output_cap = course.limits.output_kib * 1024;
    let build_limits = Limits {
        wall: Duration::from_secs(course.limits.build_secs),
        output_cap,
    };
    workspace.fetch_dependencies(build_limits)?;
    let _lock = workspace.lock_target(&exercise.id)?;
    // What is graded is read now, before any of the learner's code is built or run.
    let expected_rust = expected::rust_tests(exercise, &workspace.root);
    let expected_python = expected::python_tests(
        &workspace.python(),
        &exercise.python_tests_dir(&workspace.root),
    )?;
    let hidden = match &workspace.hidden {
        Some(hidden) => {
            let dir = exercise.hidden_tests_dir(&hidden.course_root);
            let expected = expected::python_tests(&workspace.python(), &dir)?;
            (!expected.is_empty()).then_some((hidden, dir, expected))
        }
        None => None,
    };
    let setup = match setup {
        Some(setup) if setup.exercise_id == exercise.id => setup,
        _ => set_up(course, workspace, exercise)?,
    };
    let Setup {
        primed,
        python_sandbox,
        rust_sandbox,
        python_temp: _python_temp,
        rust_temp: _rust_temp,
        _own_scratch,
        ..
    } = setup;
    let tests_dir = exercise.python_tests_dir(&workspace.root);

    // What a failed build (cargo's, or the kind's own step after it) is graded as.
    let failed =
        |termination, output| build_failure(exercise, start, termination, output, build_limits);
    exercise.kind.announce_first_build(workspace, exercise);
    let (build, installed) = exercise
        .kind
        .build_and_install(workspace, exercise, build_limits)?;
    let artifacts = match build {
        Build::Built(artifacts) => artifacts,
        Build::Failed { output, finished } => return Ok(failed(finished.termination, output)),
    };
    if let Some(finished) = &installed
        && !finished.termination.success()
    {
        let output = cargo::compiler_output(&finished.stderr.text());
        return Ok(failed(finished.termination, output));
    }
    // `maturin develop` may have added a `.pth` file to the venv, which only a Python started
    // after it reads: pytest starts again, after the install.
    let primed = primed.filter(|_| installed.is_none());

    let deadline = Deadline::after(exercise.time_limit);
    let env = if tests_dir.is_dir() || hidden.is_some() {
        // A build without what the Python tests need (src/main.rs deleted, say) is the
        // learner's to fix: graded, not an error of the checker's.
        match exercise.kind.test_env(workspace, exercise, &artifacts) {
            Ok(env) => env,
            Err(missing) => {
                let mut result = failed(Termination::Exited(0), String::new());
                result.message = format!("{missing:#}");
                return Ok(result);
            }
        }
    } else {
        Vec::new()
    };
    // The hidden tests run in a pytest of their own, after every other test of the exercise
    // has ended, rooted in the course that holds them: only that pytest's sandbox shows them.
    let hidden_workspace = hidden.as_ref().map(|(hidden, _, _)| Workspace {
        root: hidden.course_root.clone(),
        ..workspace.clone()
    });
    let hidden =
        hidden
            .zip(hidden_workspace.as_ref())
            .map(|((hidden, dir, expected), hidden_workspace)| {
                let mut sandbox = python_sandbox.clone();
                let shared = hidden.course_root.join("exercises");
                sandbox.readable.extend([
                    shared.join("conftest.py"),
                    shared.join("pytest.ini"),
                    dir.clone(),
                ]);
                let mut env = env.clone();
                env.push(("OXIDIZE_SEED".into(), hidden.seed.to_string()));
                let run = PytestRun {
                    workspace: hidden_workspace,
                    tests_dir: dir,
                    env,
                    deadline,
                    output_cap,
                    sandbox,
                };
                (run, expected)
            });
    let python = tests_dir.is_dir().then_some(PytestRun {
        workspace,
        tests_dir,
        env,
        deadline,
        output_cap,
        sandbox: python_sandbox,
    });
    // The two suites at once, on two cores: neither waits for the other's processes to start.
    // A speed-graded exercise (a release build) runs them one after the other: its Python tests
    // time Rust against Python, and its Rust code may use every core.
    let run_rust = || {
        rust_tests::run_suite(
            &expected_rust,
            &artifacts.test_binaries,
            deadline,
            output_cap,
            &rust_sandbox,
            workspace.python().parent().unwrap_or(&workspace.venv),
        )
    };
    let run_python = || {
        python
            .as_ref()
            .map(|run| py_tests::run_suite(run, &expected_python, primed))
    };
    let (rust, python) = if exercise.release {
        (run_rust(), run_python())
    } else {
        std::thread::scope(|scope| {
            let rust = scope.spawn(run_rust);
            let python = run_python();
            let rust = rust
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (rust, python)
        })
    };
    let mut tests = rust?;
    let mut ignored = Vec::new();
    if let Some(graded) = python.transpose()? {
        tests.extend(graded.tests);
        ignored = graded.ignored;
    }
    if let Some((run, expected)) = &hidden {
        let graded = py_tests::run_suite(run, expected, None)?;
        tests.extend(graded.tests.into_iter().map(|test| TestResult {
            hidden: true,
            // Where it is lies in the authors' course, not the learner's.
            file: None,
            line: None,
            ..test
        }));
        ignored.extend(graded.ignored);
    }
    let mut result = grade(exercise, tests, start.elapsed());
    let src = format!("{}/src", exercise.path);
    result.warnings = cargo::warnings_about(&artifacts.warnings, &src)
        .into_iter()
        .cloned()
        .collect();
    if !ignored.is_empty() {
        result.message += &format!(
            "; ignored, as the grader did not expect them: {}",
            ignored.join(", ")
        );
    }
    Ok(result)
}

/// Splits the exercise's points evenly across its tests and sets its status.
pub fn grade(exercise: &Exercise, mut tests: Vec<TestResult>, elapsed: Duration) -> ExerciseResult {
    let max_score = f64::from(exercise.points);
    let shares = shares_of(exercise.points, tests.len());
    for (test, share) in tests.iter_mut().zip(shares) {
        // Panic lines carry a thread id that changes every run: reports are steadier without.
        test.message = diagnose::without_thread_ids(&test.message);
        test.output = diagnose::without_thread_ids(&test.output);
        test.max_points = share;
        test.points = if test.status == TestStatus::Passed {
            share
        } else {
            0.0
        };
    }
    let passed = tests
        .iter()
        .filter(|t| t.status == TestStatus::Passed)
        .count();
    let score = round_points(tests.iter().map(|t| t.points).sum());
    let any = |status| tests.iter().any(|t| t.status == status);
    let status = if !tests.is_empty() && passed == tests.len() {
        ExerciseStatus::Passed
    } else if any(TestStatus::Timeout) {
        ExerciseStatus::Timeout
    } else if any(TestStatus::Crashed) {
        ExerciseStatus::Crashed
    } else {
        ExerciseStatus::Failed
    };
    let mut message = match (passed, tests.len()) {
        (_, 0) => "no tests were found".to_string(),
        (p, n) if p == n => format!("all {n} tests pass"),
        (p, n) => format!("{p} of {n} tests pass"),
    };
    if status == ExerciseStatus::Timeout {
        message += &format!(
            "; the time limit of {} s ran out",
            exercise.time_limit.as_secs()
        );
    }
    ExerciseResult {
        id: exercise.id.clone(),
        status,
        score,
        max_score,
        duration_ms: elapsed.as_millis() as u64,
        message,
        build_output: String::new(),
        warnings: Vec::new(),
        tests,
    }
}

/// `points` split over `tests` tests in hundredths, by largest remainder: the shares differ by
/// at most 0.01 and add up to exactly `points`, as the tools that sum per-test scores
/// (Gradescope) need. 5 points over 3 tests: 1.67, 1.67, 1.66.
fn shares_of(points: u32, tests: usize) -> Vec<f64> {
    if tests == 0 {
        return Vec::new();
    }
    let hundredths = u64::from(points) * 100;
    let base = hundredths / tests as u64;
    let extra = (hundredths % tests as u64) as usize;
    (0..tests)
        .map(|i| (base + u64::from(i < extra)) as f64 / 100.0)
        .collect()
}

/// What an exercise whose build used up its time is told.
fn out_of_build_time(limit: Duration) -> String {
    format!("the build did not finish within {} s", limit.as_secs())
}

/// An exercise whose build used up its time in `grade`'s build of the exercises that share its
/// dependencies: graded so, not built again (one build limit per exercise).
pub fn out_of_build_time_in_prebuild(exercise: &Exercise, limit: Duration) -> ExerciseResult {
    ExerciseResult::without_tests(
        exercise,
        ExerciseStatus::Timeout,
        format!(
            "{} (it was built with the exercises that share its dependencies, and not again)",
            out_of_build_time(limit)
        ),
        limit.as_millis() as u64,
    )
}

fn build_failure(
    exercise: &Exercise,
    start: Instant,
    termination: Termination,
    output: String,
    limits: Limits,
) -> ExerciseResult {
    let (status, message) = match termination {
        Termination::TimedOut => (ExerciseStatus::Timeout, out_of_build_time(limits.wall)),
        _ => (ExerciseStatus::BuildError, "does not compile".to_string()),
    };
    let mut result = ExerciseResult::without_tests(
        exercise,
        status,
        message,
        start.elapsed().as_millis() as u64,
    );
    result.build_output = output;
    result
}

#[cfg(test)]
mod tests {
    use super::shares_of;

    #[test]
    fn per_test_points_add_up_exactly_to_the_exercise_points() {
        assert_eq!(shares_of(5, 3), [1.67, 1.67, 1.66]);
        for points in 1..=12 {
            for tests in 1..=40 {
                let hundredths: u64 = shares_of(points, tests)
                    .iter()
                    .map(|share| (share * 100.0).round() as u64)
                    .sum();
                assert_eq!(hundredths, u64::from(points) * 100, "{points} over {tests}");
            }
        }
    }
}
