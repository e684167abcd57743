//! `verify`, for authors: in a copy of the course, every untouched exercise builds and each of
//! its tests fails; with every solution overlaid, each test passes. A test that passes before
//! the learner wrote anything, or fails with the solution, is named.

use std::process::ExitCode;

use anyhow::Context;

use crate::course::{Course, Exercise};
use crate::integrity::{LOCK, Seal};
use crate::result::{ExerciseResult, ExerciseStatus, TestResult, TestStatus};
use crate::workspace::Workspace;
use crate::{evaluate, python, sources};

pub fn run(course: &Course, only: &[String]) -> anyhow::Result<ExitCode> {
    if !course.root.join("solutions").is_dir() {
        // A learner's copy (`handout`) has none, by design: say what to run instead.
        anyhow::bail!(
            "verify is for the course's authors: it runs every exercise's solution, and this copy of the course has no solutions/ (a learner's copy has none). To check your own work: `cargo checker check` or `cargo checker grade`."
        );
    }
    let selected: Vec<&Exercise> = if only.is_empty() {
        course.exercises.iter().collect()
    } else {
        only.iter()
            .map(|id| course.exercise(id))
            .collect::<anyhow::Result<_>>()?
    };
    let own = Workspace::of(course);
    python::ensure_venv(&course.root, &own)?;
    let copy = tempfile::Builder::new()
        .prefix("oxidize-verify-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    sources::copy_course(course, copy.path(), sources::Solutions::Copied)?;
    let workspace = Workspace::copy_of(&course.root, copy.path());

    let mut breaches = stale_lock(course, &own.python())?;
    let mut untouched = Vec::new();
    for exercise in &selected {
        eprintln!("verify: {} untouched...", exercise.id);
        let result = evaluate::evaluate(course, &workspace, exercise)?;
        breaches.extend(untouched_breaches(exercise, &result));
        untouched.push(result);
    }
    for exercise in &selected {
        let solution = exercise.solution_dir(&course.root);
        if !solution.is_dir() {
            breaches.push(format!(
                "{}: no solution at {}",
                exercise.id,
                solution.display()
            ));
            continue;
        }
        sources::copy_tree(&solution, &exercise.dir(copy.path()))?;
    }
    for (exercise, before) in selected.iter().zip(&untouched) {
        if !exercise.solution_dir(&course.root).is_dir() {
            continue;
        }
        eprintln!("verify: {} solved...", exercise.id);
        let result = evaluate::evaluate(course, &workspace, exercise)?;
        breaches.extend(solved_breaches(exercise, before, &result));
        let ok = !breaches
            .iter()
            .any(|b| b.starts_with(&format!("{}:", exercise.id)));
        if ok {
            let hidden = result.tests.iter().filter(|t| t.hidden).count();
            println!(
                "✓ {}: {} tests{} fail untouched and pass solved",
                exercise.id,
                result.tests.len(),
                match hidden {
                    0 => String::new(),
                    n => format!(" ({n} hidden)"),
                }
            );
        } else {
            println!("✗ {}: see the problems below", exercise.id);
        }
    }

    if breaches.is_empty() {
        println!("\nverify: all {} exercises are sound.", selected.len());
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\nverify found {} problem(s):", breaches.len());
        for breach in &breaches {
            println!("  - {breach}");
        }
        Ok(ExitCode::FAILURE)
    }
}

/// `course.lock` must record the protected files as they are, or grading would mark them tampered.
fn stale_lock(course: &Course, python: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let now = Seal::compute_with_hidden(course, &course.root, python)?;
    let stale = match Seal::load(&course.root)? {
        None => format!("there is no {LOCK}"),
        Some(recorded) if recorded != now => format!("{LOCK} is stale"),
        Some(_) => return Ok(Vec::new()),
    };
    Ok(vec![format!(
        "{stale}: run `cargo checker lock` to record the files learners must not change, and the hidden tests' names"
    )])
}

fn untouched_breaches(exercise: &Exercise, result: &ExerciseResult) -> Vec<String> {
    let id = &exercise.id;
    match result.status {
        ExerciseStatus::BuildError | ExerciseStatus::Timeout if result.tests.is_empty() => {
            return vec![format!(
                "{id}: the untouched exercise does not build: {}\n{}",
                result.message, result.build_output
            )];
        }
        _ => {}
    }
    if result.tests.is_empty() {
        return vec![format!("{id}: has no tests")];
    }
    result
        .tests
        .iter()
        .filter(|t| t.status == TestStatus::Passed)
        .map(|t| {
            format!(
                "{id}: {} passes before the learner wrote anything",
                named(t)
            )
        })
        .collect()
}

fn solved_breaches(
    exercise: &Exercise,
    before: &ExerciseResult,
    after: &ExerciseResult,
) -> Vec<String> {
    let id = &exercise.id;
    if after.tests.is_empty() {
        return vec![format!(
            "{id}: the solution does not build: {}\n{}",
            after.message, after.build_output
        )];
    }
    let mut breaches: Vec<String> = after
        .tests
        .iter()
        .filter(|t| t.status != TestStatus::Passed)
        .map(|t| {
            format!(
                "{id}: {} fails with the solution: {}",
                named(t),
                first_line(&t.message)
            )
        })
        .collect();
    for test in &before.tests {
        if !after
            .tests
            .iter()
            .any(|t| t.name == test.name && t.suite == test.suite && t.hidden == test.hidden)
        {
            breaches.push(format!(
                "{id}: {} ran untouched but not with the solution",
                named(test)
            ));
        }
    }
    breaches
}

/// "test NAME", or "hidden test NAME".
fn named(test: &TestResult) -> String {
    let hidden = if test.hidden { "hidden " } else { "" };
    format!("{hidden}test {}", test.name)
}

fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}
