//! `reset ID`: puts an exercise's `src/` back as the course's git history last has it
//! (`git restore` from HEAD, and the files added since removed), after asking, and after
//! keeping a copy of what it replaces in `.oxidize/reset/`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};

use std::path::PathBuf;

use crate::course::{Course, Exercise};
use crate::sources;

pub fn run(course: &Course, id: &str, yes: bool) -> anyhow::Result<ExitCode> {
    let exercise = course.exercise(id)?;
    let src = format!("{}/src", exercise.path);
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!("reset would replace {src}: say `--yes` to do it without asking");
        }
        print!(
            "This puts {src} back as the last commit has it: your changes there are lost. Go on? [y/N] "
        );
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("Nothing changed.");
            return Ok(ExitCode::SUCCESS);
        }
    }
    let git = |args: &[&str]| -> anyhow::Result<()> {
        let out = Command::new("git")
            .current_dir(&course.root)
            .args(args)
            .output()
            .context("cannot run git, which reset needs: install git")?;
        if out.status.success() {
            Ok(())
        } else {
            bail!(
                "`git {}` failed: {}\nreset needs the course as a git repository (a clone).",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            )
        }
    };
    let kept = keep_a_copy(course, exercise)?;
    git(&[
        "restore",
        "--source=HEAD",
        "--staged",
        "--worktree",
        "--",
        &src,
    ])?;
    git(&["clean", "-fdq", "--", &src])?;
    println!(
        "{src} is back as the last commit has it. `cargo checker check {id}` checks it again."
    );
    if let Some(kept) = kept {
        println!(
            "Your version is kept in {}: copy a file back from there if you need it.",
            kept.strip_prefix(&course.root).unwrap_or(&kept).display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Copies the exercise's `src/` as it is into `.oxidize/reset/<id>/<seconds since 1970>/`
/// before reset replaces it, so that nothing a learner wrote is lost; the copy, if there was
/// anything to copy. A `src/` that cannot be copied whole stops the reset.
fn keep_a_copy(course: &Course, exercise: &Exercise) -> anyhow::Result<Option<PathBuf>> {
    let src = exercise.dir(&course.root).join("src");
    if !src.is_dir() {
        return Ok(None);
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let kept = course
        .root
        .join(".oxidize")
        .join("reset")
        .join(&exercise.id)
        .join(seconds.to_string());
    sources::copy_tree(&src, &kept).with_context(|| {
        format!(
            "nothing was reset: {} could not be kept first",
            src.display()
        )
    })?;
    Ok(Some(kept))
}
