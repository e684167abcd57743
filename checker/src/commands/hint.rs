//! `hint [ID] [--more]`: the manifest's hint for an exercise, in two levels: first the idea and
//! the book page, then (`--more`) the answer nearly as code.

use std::process::ExitCode;

use crate::course::Course;
use crate::progress::Progress;

pub fn run(course: &Course, id: Option<&str>, more: bool) -> anyhow::Result<ExitCode> {
    let progress = Progress::load(&course.root);
    let Some(exercise) = progress.current(course, id)? else {
        anyhow::bail!("every exercise passes: there is nothing left to hint at");
    };
    println!("Hint for {} ({}):\n", exercise.id, exercise.title);
    println!("{}", exercise.hint);
    match (&exercise.hint_more, more) {
        (Some(answer), true) => println!("\nCloser to the code:\n\n{answer}"),
        (Some(_), false) => println!(
            "\nStill stuck? `cargo checker hint {} --more` shows the answer nearly as code.",
            exercise.id
        ),
        (None, _) => {}
    }
    Ok(ExitCode::SUCCESS)
}
