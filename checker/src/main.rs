//! `checker`: builds, tests and grades the exercises of Oxidize Python.
//!
//! This file only parses the arguments and dispatches; each concern has its own module.

mod cargo;
mod check;
mod cli;
mod course;
mod diagnose;
mod evaluate;
mod grade;
mod hint;
mod integrity;
mod list;
mod lock;
mod py_tests;
mod python;
mod report;
mod result;
mod run;
mod rust_tests;
mod sources;
mod state;
mod verify;
mod workspace;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
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
    // The one command that needs no course: it reads a saved result.
    if let cli::Command::Report {
        results,
        format,
        output,
    } = &cli.command
    {
        return report::from_file(results, *format, output.as_deref());
    }
    let course = course::Course::find_and_load(cli.course.as_deref())?;
    match cli.command {
        cli::Command::List => list::run(&course),
        cli::Command::Check { id } => check::run(&course, id.as_deref()),
        cli::Command::Hint { id } => hint::run(&course, id.as_deref()),
        cli::Command::Grade(args) => grade::run(&course, &args),
        cli::Command::Lock => integrity::lock(&course),
        cli::Command::Report { .. } => unreachable!("handled above"),
        cli::Command::Verify { only } => verify::run(&course, &only),
    }
}
