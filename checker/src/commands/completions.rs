//! `completions SHELL`: the completion script of the installed `checker` binary. Not of
//! `cargo checker`, which is cargo's alias: a shell completes cargo's subcommands itself.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn run(shell: Shell) -> anyhow::Result<ExitCode> {
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "checker",
        &mut std::io::stdout(),
    );
    Ok(ExitCode::SUCCESS)
}
