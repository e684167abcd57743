//! `checker`: builds, tests and grades the exercises of Oxidize Python.
//!
//! This file only parses the arguments and dispatches; each concern has its own module.
//! All `unsafe` code lives in `platform`, one file per operating system.

#![deny(unsafe_code)]

mod activity;
mod built_from;
mod cargo;
mod cli;
mod commands;
mod course;
mod diagnose;
mod durations;
mod evaluate;
mod expected;
mod file_lock;
mod installed;
mod integrity;
mod kind;
mod learner_text;
mod platform;
mod progress;
mod py_tests;
mod pyo3_install;
mod python;
mod report;
mod result;
mod reuse;
mod run;
mod rust_tests;
mod sources;
mod workspace;

use std::process::ExitCode;

use clap::Parser;

use commands::{
    check, completions, doctor, grade, grade_class, handout, hint, list, lock, polish, reset,
    verify, watch,
};

fn main() -> ExitCode {
    platform::restore_default_sigpipe();
    platform::keep_own_process_private();
    let cli = cli::Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    use cli::Command;
    let course_dir = cli.course.as_deref();
    let course = || course::Course::find_and_load(course_dir);
    // An installed checker older than the course's checker must not grade by old rules.
    if let Ok(root) = course::Course::find_root(course_dir) {
        installed::ensure_current(&root)?;
    }
    match &cli.command {
        Command::List { json } => list::run(&course()?, *json),
        Command::Doctor => doctor::run(&course()?),
        Command::Reset { id, yes } => reset::run(&course()?, id, *yes),
        Command::Check { id } => check::run(&course()?, id.as_deref()),
        Command::Hint { id, more } => hint::run(&course()?, id.as_deref(), *more),
        Command::Polish { id } => polish::run(&course()?, id.as_deref()),
        Command::Watch { id } => watch::run(&course()?, id.as_deref()),
        // `grade` finds its course itself: with --tests-from it must not read the learner's manifest.
        Command::Grade(args) => grade::run(course_dir, args),
        Command::GradeClass(args) => grade_class::run(course_dir, args),
        Command::Report {
            results,
            format,
            output,
        } => commands::report::run(course_dir, results, *format, output.as_deref()),
        Command::Handout {
            platform,
            output,
            only,
        } => handout::run(&course()?, *platform, output, only),
        Command::Lock => lock::run(&course()?),
        Command::Verify { only } => verify::run(&course()?, only),
        Command::Completions { shell } => completions::run(*shell),
    }
}
