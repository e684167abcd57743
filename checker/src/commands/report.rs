//! `report RESULTS.json --format F`: a result saved by `grade --format json`, in another format.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::Format;
use crate::report::write;
use crate::result::CourseResult;

/// `report RESULTS.json`: a saved result in another format.
pub fn run(path: &Path, format: Format, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let result: CourseResult = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a result written by `grade --format json`",
            path.display()
        )
    })?;
    write(&result, format, output)?;
    Ok(ExitCode::SUCCESS)
}
