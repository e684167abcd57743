//! `list`: every exercise with its status and points as the last `check` found them, marked
//! when its `src/` changed since (check it again), and `tampered` wherever the grader's files
//! differ from course.lock now, as `grade` would say. `--json` prints the same rows for
//! editors and scripts.

use std::process::ExitCode;

use serde::Serialize;

use crate::course::{Course, Kind};
use crate::integrity::Seal;
use crate::progress::Progress;
use crate::result::ExerciseStatus;

/// One exercise as `list` shows it.
#[derive(Serialize)]
struct Row<'a> {
    number: usize,
    id: &'a str,
    chapter: u32,
    title: &'a str,
    kind: Kind,
    /// The exercise's folder, relative to the course root.
    path: &'a str,
    status: Status,
    /// `src/` changed since the last check: check it again.
    changed_since_check: bool,
    points: f64,
    max_points: u32,
}

#[derive(Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    NotStarted,
    Passing,
    Failing,
    Tampered,
    /// Tampered when checked, restored since: only a new check says how it fares.
    CheckAgain,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::Passing => "passing",
            Status::Failing => "failing",
            Status::Tampered => "tampered",
            Status::CheckAgain => "check again",
        }
    }
}

pub fn run(course: &Course, json: bool) -> anyhow::Result<ExitCode> {
    let rows = rows(course)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        print_table(course, &rows);
    }
    Ok(ExitCode::SUCCESS)
}

fn rows(course: &Course) -> anyhow::Result<Vec<Row<'_>>> {
    let progress = Progress::load(&course.root);
    // The grader's files as they are now, read once for every row.
    let recorded_seal = Seal::load(&course.root)?;
    let seal_now = Seal::compute(course, &course.root)?;
    let rows = course.exercises.iter().enumerate().map(|(i, exercise)| {
        let recorded = progress.exercises.get(&exercise.id);
        let tampered = recorded_seal
            .as_ref()
            .is_some_and(|recorded| !seal_now.changed_files(recorded, exercise).is_empty());
        let status = match recorded.map(|r| r.status) {
            _ if tampered => Status::Tampered,
            None => Status::NotStarted,
            Some(ExerciseStatus::Passed) => Status::Passing,
            Some(ExerciseStatus::Tampered) => Status::CheckAgain,
            Some(_) => Status::Failing,
        };
        Row {
            number: i + 1,
            id: &exercise.id,
            chapter: exercise.chapter,
            title: &exercise.title,
            kind: exercise.kind,
            path: &exercise.path,
            status,
            changed_since_check: !tampered
                && recorded.is_some_and(|r| r.is_stale(exercise, &course.root)),
            points: if tampered {
                0.0
            } else {
                recorded.map_or(0.0, |r| r.score)
            },
            max_points: exercise.points,
        }
    });
    Ok(rows.collect())
}

fn print_table(course: &Course, rows: &[Row]) {
    let width = rows.iter().map(|row| row.id.len()).max().unwrap_or(0);
    println!(
        "{:>3}  {:width$}  {:>7}  {:12}  {:>6}  title",
        "#", "id", "chapter", "last check", "points"
    );
    for row in rows {
        let mut status = row.status.label().to_string();
        if row.changed_since_check {
            status.push('*');
        }
        println!(
            "{:>3}  {:width$}  {:>7}  {:12}  {:>6}  {}",
            row.number,
            row.id,
            row.chapter,
            status,
            format!("{}/{}", row.points, row.max_points),
            row.title
        );
    }
    if rows.iter().any(|row| row.changed_since_check) {
        println!(
            "\n* src/ changed since the last check: `cargo checker check ID` checks it again."
        );
    }
    let passing = rows
        .iter()
        .filter(|row| row.status == Status::Passing)
        .count();
    let score: f64 = rows.iter().map(|row| row.points).sum();
    println!(
        "\n{passing} of {} exercises passing, {score} of {} points. `cargo checker check` takes up the first one not passing.",
        rows.len(),
        course.max_score()
    );
}
