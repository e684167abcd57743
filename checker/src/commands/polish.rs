//! `polish [ID]`: clippy's advice about the learner's own code of an exercise, as rustlings
//! gives it: worth reading once the tests pass, and worth no points. Clippy builds the
//! exercise confined as every build of learner code is (`Workspace::run_build`).

use std::process::ExitCode;
use std::time::Duration;

use crate::activity::Activity;
use crate::cargo;
use crate::course::Course;
use crate::progress::Progress;
use crate::run::Limits;
use crate::workspace::Workspace;

pub fn run(course: &Course, id: Option<&str>) -> anyhow::Result<ExitCode> {
    let Some(exercise) = Progress::load(&course.root).current(course, id)? else {
        println!("Every exercise passes: name one to polish, as `cargo checker list` shows it.");
        return Ok(ExitCode::SUCCESS);
    };
    let workspace = Workspace::of(course);
    let limits = Limits {
        wall: Duration::from_secs(course.limits.build_secs),
        output_cap: course.limits.output_kib * 1024,
    };
    workspace.fetch_dependencies(limits)?;
    let _lock = workspace.lock_target(&exercise.id)?;
    let mut cmd = workspace.cargo();
    cmd.args([
        "clippy",
        "--color=never",
        "--message-format=json-render-diagnostics",
        "--tests",
        "-p",
        &exercise.id,
    ]);
    // Clippy checks the exercise's dependencies once, apart from the tests' build: for tonic
    // or numpy a minute of "asking clippy" without a word otherwise.
    let polished_before = course.root.join(".oxidize/polished").join(&exercise.id);
    if !polished_before.exists() {
        eprintln!(
            "The first polish of {} has clippy read its dependencies too: up to a minute for \
             the PyO3 and gRPC exercises; later ones take seconds.",
            exercise.id
        );
    }
    let mut activity = Activity::start(&format!("asking clippy about {}", exercise.id));
    let finished = workspace.run_build(cmd, limits, &[], &mut activity)?;
    drop(activity);
    if finished.termination.success() {
        // Only a note for the next run: without it, that run says the above again.
        let _ = std::fs::create_dir_all(course.root.join(".oxidize/polished"));
        let _ = std::fs::write(&polished_before, "");
    }
    let stderr = finished.stderr.text();
    if stderr.contains("no such command: `clippy`") {
        anyhow::bail!(
            "clippy is not installed: `rustup component add clippy` installs it (a minute, once)"
        );
    }
    if !finished.termination.success() {
        println!(
            "{} does not compile yet: `cargo checker check {}` shows the first error.",
            exercise.id, exercise.id
        );
        return Ok(ExitCode::FAILURE);
    }
    let all = cargo::warnings(&stderr);
    let advice = cargo::warnings_about(&all, &format!("{}/src", exercise.path));
    if advice.is_empty() {
        println!(
            "Clippy has nothing to say about {}/src/: polished.",
            exercise.path
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Clippy's advice about {}/src/ ({} {}): worth reading, and worth no points.\n",
        exercise.path,
        advice.len(),
        if advice.len() == 1 { "note" } else { "notes" }
    );
    for note in advice {
        println!("{}\n", crate::learner_text::for_terminal(note));
    }
    Ok(ExitCode::SUCCESS)
}
