//! Reports rendered from the result model, one module per format.

pub mod classroom;
pub mod exercism;
pub mod github;
pub mod gradescope;
pub mod human;
pub mod junit;

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::cli::Format;
use crate::result::{CourseResult, TestStatus};

/// A test's name in one flat list of the whole course: `exercise: test`.
fn qualified(exercise: &str, name: &str) -> String {
    format!("{exercise}: {name}")
}

/// The three-way verdict of GitHub Classroom and exercism: `pass`, `fail` or `error`.
fn verdict(status: TestStatus) -> &'static str {
    match status {
        TestStatus::Passed => "pass",
        TestStatus::Failed => "fail",
        TestStatus::Crashed | TestStatus::Timeout => "error",
    }
}

/// Renders `result` in `format` to `output` (a file) or standard output.
pub fn write(result: &CourseResult, format: Format, output: Option<&Path>) -> anyhow::Result<()> {
    let text = match format {
        Format::Human => human::course(result),
        Format::Json => serde_json::to_string_pretty(result)? + "\n",
        Format::Junit => junit::render(result)?,
        Format::Gradescope => gradescope::render(result)?,
        Format::Classroom => classroom::render(result)?,
        Format::Exercism => exercism::render(result)?,
        Format::Github => {
            // Workflow commands are read from stdout; the Markdown goes where --output says.
            print!("{}", github::annotations(result));
            github::summary(result)
        }
    };
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => Ok(std::io::stdout().write_all(text.as_bytes())?),
    }
}
