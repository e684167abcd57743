//! `report RESULTS.json --format F`: a result saved by `grade --format json`, in another format.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::Format;
use crate::course::Course;
use crate::report::sources::TestSources;
use crate::report::write;
use crate::result::CourseResult;

/// `report RESULTS.json`: a saved result in another format. The course (`--course`, or the one
/// around the current directory, if any) gives where each test is written and its code.
pub fn run(
    course_dir: Option<&Path>,
    path: &Path,
    format: Format,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    crate::report::ensure_supported(format)?;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let result: CourseResult = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a result written by `grade --format json`",
            path.display()
        )
    })?;
    let sources = match course_dir {
        Some(dir) => TestSources::read(&Course::find_and_load(Some(dir))?),
        // Outside a course the report is still whole, only without test code and locations.
        None => Course::find_and_load(None)
            .map(|course| TestSources::read(&course))
            .unwrap_or_else(|_| TestSources::none()),
    };
    write(&result, &sources, format, output)?;
    Ok(ExitCode::SUCCESS)
}
