//! `hint [ID]`: the manifest's hint for an exercise.

use std::process::ExitCode;

use crate::course::Course;
use crate::state::Progress;

pub fn run(course: &Course, id: Option<&str>) -> anyhow::Result<ExitCode> {
    let progress = Progress::load(&course.root);
    let Some(exercise) = progress.current(course, id)? else {
        anyhow::bail!("every exercise passes: there is nothing left to hint at");
    };
    println!("Hint for {} ({}):\n", exercise.id, exercise.title);
    println!("{}", exercise.hint);
    Ok(ExitCode::SUCCESS)
}
