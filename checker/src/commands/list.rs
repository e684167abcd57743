//! `list`: every exercise with its status and points as the last `check` found them, marked
//! when its `src/` changed since (check it again), and `tampered` wherever the grader's files
//! differ from course.lock now, as `grade` would say.

use std::process::ExitCode;

use crate::course::Course;
use crate::integrity::Seal;
use crate::progress::Progress;
use crate::result::ExerciseStatus;

pub fn run(course: &Course) -> anyhow::Result<ExitCode> {
    let progress = Progress::load(&course.root);
    // The grader's files as they are now, read once for every row.
    let recorded_seal = Seal::load(&course.root)?;
    let seal_now = Seal::compute(course, &course.root)?;
    let mut stale = 0;
    let width = course
        .exercises
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(0);
    let mut score = 0.0;
    let mut passing = 0;
    println!(
        "{:>3}  {:width$}  {:>7}  {:12}  {:>6}  title",
        "#", "id", "chapter", "last check", "points"
    );
    for (i, exercise) in course.exercises.iter().enumerate() {
        let recorded = progress.exercises.get(&exercise.id);
        let tampered = recorded_seal
            .as_ref()
            .is_some_and(|recorded| !seal_now.changed_files(recorded, exercise).is_empty());
        let mut status = match recorded.map(|r| r.status) {
            _ if tampered => "tampered".to_string(),
            None => "not started".to_string(),
            Some(ExerciseStatus::Passed) => "passing".to_string(),
            // Tampered when checked, restored since: only a new check says how it fares.
            Some(ExerciseStatus::Tampered) => "check again".to_string(),
            Some(_) => "failing".to_string(),
        };
        if recorded.is_some_and(|r| r.is_stale(exercise, &course.root)) && !tampered {
            status.push('*');
            stale += 1;
        }
        let points = if tampered {
            0.0
        } else {
            recorded.map_or(0.0, |r| r.score)
        };
        score += points;
        passing += usize::from(status.starts_with("passing"));
        println!(
            "{:>3}  {:width$}  {:>7}  {:12}  {:>6}  {}",
            i + 1,
            exercise.id,
            exercise.chapter,
            status,
            format!("{}/{}", points, exercise.points),
            exercise.title
        );
    }
    if stale > 0 {
        println!(
            "\n* src/ changed since the last check: `cargo checker check ID` checks it again."
        );
    }
    println!(
        "\n{passing} of {} exercises passing, {score} of {} points. `cargo checker check` takes up the first one not passing.",
        course.exercises.len(),
        course.max_score()
    );
    Ok(ExitCode::SUCCESS)
}
