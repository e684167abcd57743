//! `verify`, for authors: in a copy of the course, every untouched exercise builds and each of
//! its tests fails; with every solution overlaid, each test passes. A test that passes before
//! the learner wrote anything, or fails with the solution, is named.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::course::{Course, Exercise};
use crate::result::{ExerciseResult, ExerciseStatus, TestStatus};
use crate::workspace::Workspace;
use crate::{evaluate, python};

/// Top-level entries never copied: build outputs, the venv, version control, progress.
const NOT_COPIED: [&str; 5] = ["target", ".venv", ".git", ".oxidize", "node_modules"];

pub fn run(course: &Course, only: &[String]) -> anyhow::Result<ExitCode> {
    let selected: Vec<&Exercise> = if only.is_empty() {
        course.exercises.iter().collect()
    } else {
        only.iter()
            .map(|id| course.exercise(id))
            .collect::<anyhow::Result<_>>()?
    };
    python::ensure_venv(&course.root, &Workspace::of(course))?;
    let copy = tempfile::Builder::new()
        .prefix("oxidize-verify-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    copy_course(&course.root, copy.path())?;
    let workspace = Workspace::copy_of(course, copy.path());

    let mut breaches = Vec::new();
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
        copy_tree(&solution, &exercise.dir(copy.path()))?;
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
            println!(
                "✓ {}: {} tests fail untouched and pass solved",
                exercise.id,
                result.tests.len()
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
                "{id}: test {} passes before the learner wrote anything",
                t.name
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
                "{id}: test {} fails with the solution: {}",
                t.name,
                first_line(&t.message)
            )
        })
        .collect();
    for test in &before.tests {
        if !after
            .tests
            .iter()
            .any(|t| t.name == test.name && t.suite == test.suite)
        {
            breaches.push(format!(
                "{id}: test {} ran untouched but not with the solution",
                test.name
            ));
        }
    }
    breaches
}

fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// Copies the course sources (not its build outputs) to `to`.
fn copy_course(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let name = entry.file_name();
        if NOT_COPIED.iter().any(|n| name == *n) {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Copies every file under `from` into `to`, replacing files that exist.
pub fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let relative = entry
            .path()
            .strip_prefix(from)
            .expect("walkdir stays under its root");
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
                .with_context(|| format!("cannot create {}", target.display()))?;
        } else if relative
            .components()
            .all(|c| c.as_os_str() != "__pycache__")
        {
            std::fs::copy(entry.path(), &target).with_context(|| {
                format!(
                    "cannot copy {} to {}",
                    entry.path().display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}
