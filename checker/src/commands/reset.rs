//! `reset ID`: puts an exercise's `src/` back as the course's git history last has it
//! (`git restore` from HEAD, and the files added since removed), after asking.

use std::io::{BufRead, IsTerminal, Write};
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};

use crate::course::Course;

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
    Ok(ExitCode::SUCCESS)
}
