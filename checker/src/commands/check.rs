//! `check [ID]`: builds and tests one exercise, shows each test, the first failure and what to
//! do next, and records the result.

use std::process::ExitCode;

use crate::course::{Course, Exercise};
use crate::integrity::{LOCK, Seal};
use crate::progress::Progress;
use crate::result::ExerciseResult;
use crate::workspace::Workspace;
use crate::{evaluate, python, report};

pub fn run(course: &Course, id: Option<&str>) -> anyhow::Result<ExitCode> {
    let Some(exercise) = Progress::load(&course.root).current(course, id)? else {
        println!("{FINISHED}");
        return Ok(ExitCode::SUCCESS);
    };
    let result = check_one(course, exercise)?;
    Ok(if result.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Said when every exercise passes.
pub const FINISHED: &str = "Every exercise passes: you finished the course. Well done!\n\
    Re-check one with `cargo checker check ID`; `cargo checker list` shows them all.";

/// Builds and tests `exercise`, records the result, and prints it with the next step.
pub fn check_one(course: &Course, exercise: &Exercise) -> anyhow::Result<ExerciseResult> {
    let workspace = Workspace::of(course);
    python::ensure_venv(&course.root, &workspace)?;
    warn_about_tampering(course, exercise)?;
    eprintln!("Building and testing {}...", exercise.id);

    let result = evaluate::evaluate(course, &workspace, exercise)?;
    Progress::record(&course.root, &result)?;

    // Next is the first exercise not passing yet, wherever it is in the course.
    let next = Progress::load(&course.root).current(course, None)?;
    println!(
        "{}",
        report::human::exercise(exercise, &course.root, &result)
    );
    println!("{}", report::human::next_step(exercise, &result, next));
    Ok(result)
}

/// Tells the learner early that edited tests will not count: grading marks them `tampered`.
fn warn_about_tampering(course: &Course, exercise: &Exercise) -> anyhow::Result<()> {
    let Some(recorded) = Seal::load(&course.root)? else {
        return Ok(());
    };
    let changed = Seal::compute(course, &course.root)?.changed_files(&recorded, exercise);
    if !changed.is_empty() {
        eprintln!(
            "warning: these files are the grader's, and they differ from {LOCK}: {}\n\
             Grading gives this exercise 0 points while they do. `git checkout -- FILE` restores one.",
            changed.join(", ")
        );
    }
    Ok(())
}
