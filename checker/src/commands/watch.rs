//! `watch [ID]`: checks an exercise, then again on every save of its `src/`; when it passes,
//! goes on to the next exercise not yet passing (with an ID, stays on that one).

use std::process::ExitCode;
use std::sync::{Mutex, mpsc};
use std::time::Duration;

use anyhow::Context;
use notify_debouncer_mini::new_debouncer;
use notify_debouncer_mini::notify::RecursiveMode;

use crate::commands::check::{self, FINISHED};
use crate::course::Course;
use crate::evaluate;
use crate::integrity;
use crate::progress::Progress;
use crate::report::human::Loop;
use crate::workspace::Workspace;

/// Saves closer together than this count as one (an editor writes a file in several steps,
/// within milliseconds). The check waits this long, and up to twice as long, after each save:
/// short, since a save that lands mid-check is seen and checked again anyway.
const SETTLE: Duration = Duration::from_millis(20);

/// The next check's sandbox and pytest, set up while we wait for a save (pytest's start then
/// costs the check nothing). Kept where Ctrl-C finds it: dropping it stops that pytest and
/// removes its temporary directories, which a process ended by the signal would leave behind.
static AHEAD: Mutex<Option<evaluate::Setup>> = Mutex::new(None);

fn ahead() -> std::sync::MutexGuard<'static, Option<evaluate::Setup>> {
    AHEAD
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn run(course: &Course, id: Option<&str>) -> anyhow::Result<ExitCode> {
    // 130: how a shell reports a program that Ctrl-C ended.
    ctrlc::set_handler(|| {
        drop(ahead().take());
        std::process::exit(130);
    })
    .context("cannot handle Ctrl-C")?;
    let watched = watch(course, id);
    drop(ahead().take());
    watched
}

fn watch(course: &Course, id: Option<&str>) -> anyhow::Result<ExitCode> {
    let (changes, saved) = mpsc::channel();
    let mut debouncer = new_debouncer(SETTLE, changes).context("cannot watch files for changes")?;
    let mut watching: Option<std::path::PathBuf> = None;
    let mut passed: Option<&crate::course::Exercise> = None;
    loop {
        let progress = Progress::load(&course.root);
        // The first exercise is chosen as `check` chooses it (the one whose folder we are in);
        // after one passes, watch goes on to the next one not passing yet.
        let next = match passed {
            None => progress.current(course, id)?,
            Some(done) => progress.next_after(course, done),
        };
        let exercise = match id {
            Some(id) => course.exercise(id)?,
            None => match next {
                Some(exercise) => exercise,
                None => {
                    println!("{FINISHED}");
                    return Ok(ExitCode::SUCCESS);
                }
            },
        };
        let src = exercise.dir(&course.root).join("src");
        if watching.as_ref() != Some(&src) {
            if let Some(old) = watching.take() {
                let _ = debouncer.watcher().unwatch(&old);
            }
            debouncer
                .watcher()
                .watch(&src, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", src.display()))?;
            watching = Some(src);
        }
        // What is checked is the sources as they are now; a save during the check counts too.
        let checked = integrity::src_digest(exercise, &course.root);
        let setup = ahead().take();
        let how = if id.is_some() {
            Loop::WatchNamed
        } else {
            Loop::Watch
        };
        let result = check::check_one_with(course, exercise, setup, how)?;
        if result.passed() && id.is_none() {
            passed = Some(exercise);
            println!("\n{}\n", "─".repeat(72));
            continue; // On to the next exercise not yet passing.
        }
        println!(
            "Watching {}/src/: save a file to check again (Ctrl-C to stop).",
            exercise.path
        );
        *ahead() = evaluate::set_up(course, &Workspace::of(course), exercise).ok();
        // The file system also reports reads (the compiler opening the sources): only a change
        // of the files' contents is a save.
        loop {
            match saved.recv() {
                Ok(Ok(_)) => {}
                Ok(Err(err)) => eprintln!("warning: watching files failed: {err}"),
                Err(_) => return Ok(ExitCode::SUCCESS),
            }
            while saved.try_recv().is_ok() {}
            if integrity::src_digest(exercise, &course.root) != checked {
                break;
            }
        }
        println!("\n{}\n", "─".repeat(72));
    }
}
