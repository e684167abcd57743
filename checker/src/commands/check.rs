//! `check [ID]`: builds and tests one exercise, shows each test, the first failure and what to
//! do next, and records the result.

use std::process::ExitCode;

use crate::course::{Course, Exercise};
use crate::integrity::{self, LOCK, Seal};
use crate::progress::Progress;
use crate::report::human::Loop;
use crate::result::{ExerciseResult, ExerciseStatus};
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
///
/// An exercise whose tests (or other protected files) were edited is run all the same, so the
/// learner sees what the edit did, but it is recorded as `tampered` with 0 points, as `grade`
/// would grade it, and the warning comes last, where it is seen.
pub fn check_one(course: &Course, exercise: &Exercise) -> anyhow::Result<ExerciseResult> {
    check_one_with(course, exercise, None, Loop::Check)
}

/// `check_one`, with what `evaluate::set_up` made for it ahead of time (`watch` does), saying
/// what comes next for `how` the learner re-checks.
pub fn check_one_with(
    course: &Course,
    exercise: &Exercise,
    setup: Option<evaluate::Setup>,
    how: Loop,
) -> anyhow::Result<ExerciseResult> {
    let workspace = Workspace::of(course);
    python::ensure_venv(&course.root, &workspace)?;
    eprintln!("Building and testing {}...", exercise.id);

    let src_digest = integrity::src_digest(exercise, &course.root);
    let mut result = evaluate::evaluate_with(course, &workspace, exercise, setup)?;
    let tampered = integrity::tampered_files(course, exercise)?.unwrap_or_default();
    if !tampered.is_empty() {
        result.status = ExerciseStatus::Tampered;
        result.score = 0.0;
        result.message = format!("{}, but files the grader owns were edited", result.message);
    }
    Progress::record(&course.root, &result, &src_digest)?;

    // Next is the next exercise not passing yet, after this one in the course.
    let next = Progress::load(&course.root).next_after(course, exercise);
    println!(
        "{}",
        report::human::exercise(exercise, &course.root, &result)
    );
    if let Some(advice) = report::human::compiler_advice(exercise, &result) {
        println!("{advice}");
    }
    let reading = next
        .map(|next| course.reading_for(next))
        .unwrap_or_default();
    println!(
        "{}",
        report::human::next_step(exercise, &result, next, &reading, how)
    );
    if let Some(note) = hidden_tests_note(course, exercise, &result) {
        println!("{note}");
    }
    if !tampered.is_empty() {
        println!(
            "\nwarning: these files are the grader's, and they differ from {LOCK}: {}\n\
             This exercise counts as tampered, 0 points, until they are restored \
             (`git checkout -- FILE` restores one); then check it again.",
            tampered.join(", ")
        );
    }
    Ok(result)
}

/// Says so when the exercise passes and has hidden tests (as `course.lock` names them) that this
/// check did not run: the instructor's grading runs them, and passing here does not promise them.
fn hidden_tests_note(
    course: &Course,
    exercise: &Exercise,
    result: &ExerciseResult,
) -> Option<String> {
    let seal = Seal::load(&course.root).ok()??;
    let count = seal.hidden_tests(exercise).len();
    if count == 0 || !result.passed() || result.tests.iter().any(|t| t.hidden) {
        return None;
    }
    let tests = if count == 1 { "test" } else { "tests" };
    Some(format!(
        "\nThis exercise has {count} hidden {tests} too, which only your instructor's grading runs: \
         other inputs than the tests here try (random ones, edge cases). Solve the problem, not \
         the examples."
    ))
}
