//! `list`: every exercise with its status and points as the last `check` found them (edits
//! since then count only once checked again).

use std::process::ExitCode;

use crate::course::Course;
use crate::progress::Progress;
use crate::result::ExerciseStatus;

pub fn run(course: &Course) -> anyhow::Result<ExitCode> {
    let progress = Progress::load(&course.root);
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
        let status = match recorded.map(|r| r.status) {
            None => "not started",
            Some(ExerciseStatus::Passed) => "passing",
            Some(_) => "failing",
        };
        let points = recorded.map_or(0.0, |r| r.score);
        score += points;
        passing += usize::from(status == "passing");
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
    println!(
        "\n{passing} of {} exercises passing, {score} of {} points. `cargo checker check` takes up the first one not passing.",
        course.exercises.len(),
        course.max_score()
    );
    Ok(ExitCode::SUCCESS)
}
