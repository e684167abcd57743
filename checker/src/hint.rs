//! `hint [ID]`: the manifest's hint for an exercise.

use std::process::ExitCode;

use crate::course::Course;
use crate::state::Progress;

pub fn run(course: &Course, id: Option<&str>) -> anyhow::Result<ExitCode> {
    let progress = Progress::load(&course.root);
    let exercise = match id {
        Some(id) => course.exercise(id)?,
        None => match course.exercises.iter().find(|e| !progress.passed(&e.id)) {
            Some(exercise) => exercise,
            None => anyhow::bail!("every exercise passes: there is nothing left to hint at"),
        },
    };
    println!("Hint for {} ({}):\n", exercise.id, exercise.title);
    println!("{}", exercise.hint);
    Ok(ExitCode::SUCCESS)
}
