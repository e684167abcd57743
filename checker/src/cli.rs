//! The command line: every command and option, with the help text in the doc comments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Builds, tests and grades the exercises of Oxidize Python.
///
/// Run it from anywhere inside the course: `cargo checker check`.
#[derive(Debug, Parser)]
#[command(name = "checker", version)]
pub struct Cli {
    /// The course directory (default: the nearest directory upwards holding course.toml).
    #[arg(long, global = true, env = "OXIDIZE_COURSE", value_name = "DIR")]
    pub course: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lists every exercise with its status and points.
    List,
    /// Builds and tests one exercise (default: the first one not yet passing) and says what to do next.
    Check {
        /// The exercise id, as `list` shows it.
        id: Option<String>,
    },
    /// Shows the hint for an exercise (default: the first one not yet passing).
    Hint {
        /// The exercise id, as `list` shows it.
        id: Option<String>,
    },
    /// For authors: every solution passes all its tests, and every untouched exercise fails all of them.
    Verify {
        /// Verify only these exercises (default: all).
        only: Vec<String>,
    },
}
