//! `grade`: every exercise (or some), graded with points, rendered in one format.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::cli::Format;
use crate::course::Course;
use crate::result::{CourseResult, SCHEMA, round_points};
use crate::workspace::Workspace;
use crate::{evaluate, python, report};

pub fn run(
    course: &Course,
    only: &[String],
    format: Format,
    output: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let selected = course.select(only)?;
    let workspace = Workspace::of(course);
    python::ensure_venv(&course.root, &workspace)?;
    let start = Instant::now();
    let mut exercises = Vec::new();
    for exercise in selected {
        eprintln!("grade: {}...", exercise.id);
        exercises.push(evaluate::evaluate(course, &workspace, exercise)?);
    }
    let result = CourseResult {
        schema: SCHEMA,
        course: course.name.clone(),
        score: round_points(exercises.iter().map(|e| e.score).sum()),
        max_score: exercises.iter().map(|e| e.max_score).sum(),
        duration_ms: start.elapsed().as_millis() as u64,
        exercises,
    };
    let text = match format {
        Format::Human => report::human::course(&result),
        Format::Json => serde_json::to_string_pretty(&result)? + "\n",
        Format::Junit => report::junit::render(&result)?,
    };
    match output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    // Grading ran: its exit code says so, whatever the score.
    Ok(ExitCode::SUCCESS)
}
