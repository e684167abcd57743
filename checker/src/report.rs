//! Reports rendered from the result model, one module per format.

pub mod classroom50;
pub mod exercism;
pub mod github;
pub mod gradescope;
pub mod human;
pub mod junit;
pub mod sources;

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::cli::Format;
use crate::result::{CourseResult, ExerciseResult, TestResult, TestStatus};
use sources::TestSources;

/// A test's name in one flat list of the whole course: `exercise: test`.
fn qualified(exercise: &str, name: &str) -> String {
    format!("{exercise}: {name}")
}

/// One entry of the course as a flat list, as the formats with no nesting show it: a test, or,
/// for an exercise that ran none (it did not build, it was tampered with), one entry in its
/// place that carries why.
enum Entry<'a> {
    Test(&'a TestResult),
    NoTests,
}

/// Every entry of `result` in order, with its exercise and their numbers from 1
/// (`(exercise, test)`; `test` is 0 for an exercise's stand-in entry).
fn entries(
    result: &CourseResult,
) -> impl Iterator<Item = (&ExerciseResult, Entry<'_>, (usize, usize))> {
    result
        .exercises
        .iter()
        .enumerate()
        .flat_map(|(e, exercise)| {
            let stand_in =
                exercise
                    .tests
                    .is_empty()
                    .then_some((exercise, Entry::NoTests, (e + 1, 0)));
            let tests = exercise
                .tests
                .iter()
                .enumerate()
                .map(move |(t, test)| (exercise, Entry::Test(test), (e + 1, t + 1)));
            stand_in.into_iter().chain(tests)
        })
}

impl Entry<'_> {
    /// `exercise: test`, or `exercise: build_error` for a stand-in.
    fn name(&self, exercise: &ExerciseResult) -> String {
        match self {
            Entry::Test(test) => qualified(&exercise.id, &test.name),
            Entry::NoTests => qualified(&exercise.id, exercise.status.as_str()),
        }
    }
}

/// Where a consumer should place `test` of `exercise`: the line that failed when it is in the
/// test's own file, else the test function's first line; without the sources, where the
/// result model says the failure is.
fn location(sources: &TestSources, exercise: &str, test: &TestResult) -> Option<(String, u32)> {
    let failure = test.file.clone().zip(test.line);
    match sources.get(exercise, test) {
        Some(source) => match failure {
            Some((file, line)) if file == source.file => Some((file, line)),
            _ => Some((source.file.clone(), source.line)),
        },
        None => failure,
    }
}

/// The three-way verdict of exercism: `pass`, `fail` or `error`.
fn verdict(status: TestStatus) -> &'static str {
    match status {
        TestStatus::Passed => "pass",
        TestStatus::Failed => "fail",
        TestStatus::Crashed | TestStatus::Timeout => "error",
    }
}

/// What `--format classroom` says: nothing reads it any more.
pub const RETIRED_CLASSROOM: &str = "GitHub Classroom was retired on 2026-08-28, and no service reads --format classroom any more: use --format classroom50 (Classroom 50), gradescope (Gradescope), or github with json (a plain GitHub Actions workflow); `cargo checker handout --for PLATFORM` writes each one's setup, and the book's appendix for instructors says which to pick";

/// Stops before any grading when `format` cannot be written.
pub fn ensure_supported(format: Format) -> anyhow::Result<()> {
    match format {
        Format::Classroom => anyhow::bail!(RETIRED_CLASSROOM),
        _ => Ok(()),
    }
}

/// Renders `result` in `format` to `output` (a file) or standard output; `sources` adds where
/// each test is written, and its code, to the formats that carry them.
pub fn write(
    result: &CourseResult,
    sources: &TestSources,
    format: Format,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    // Learners read every format but the JSON.
    let shown = result.without_hidden_details();
    let result = match format {
        Format::Json => result,
        _ => &shown,
    };
    let text = match format {
        Format::Human => human::course(result),
        Format::Json => serde_json::to_string_pretty(result)? + "\n",
        Format::Junit => junit::render(result, sources, junit::Dialect::Locations)?,
        Format::Xunit => junit::render(result, sources, junit::Dialect::Junit10)?,
        Format::Gradescope => gradescope::render(result)?,
        Format::Classroom => anyhow::bail!(RETIRED_CLASSROOM),
        Format::Classroom50 => classroom50::render(result)?,
        Format::Exercism => exercism::render(result, sources)?,
        Format::Github => {
            // Workflow commands are read from stdout; the Markdown goes where --output says.
            print!("{}", github::annotations(&result.for_terminal()));
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
