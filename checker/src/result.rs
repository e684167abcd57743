//! The result model: what grading found, exercise by exercise and test by test.
//!
//! `--format json` prints it as it is (schema 1); every other report is rendered from it.

use serde::{Deserialize, Serialize};

/// The version of this model in the JSON output.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CourseResult {
    pub schema: u32,
    pub course: String,
    pub score: f64,
    pub max_score: f64,
    pub duration_ms: u64,
    pub exercises: Vec<ExerciseResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseStatus {
    Passed,
    Failed,
    BuildError,
    Timeout,
    Crashed,
    Tampered,
    NotRun,
}

impl ExerciseStatus {
    /// The name used in the JSON, e.g. `build_error`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseStatus::Passed => "passed",
            ExerciseStatus::Failed => "failed",
            ExerciseStatus::BuildError => "build_error",
            ExerciseStatus::Timeout => "timeout",
            ExerciseStatus::Crashed => "crashed",
            ExerciseStatus::Tampered => "tampered",
            ExerciseStatus::NotRun => "not_run",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExerciseResult {
    pub id: String,
    pub status: ExerciseStatus,
    pub score: f64,
    pub max_score: f64,
    pub duration_ms: u64,
    /// One line for people: "2 of 5 tests failed", "does not compile".
    pub message: String,
    /// The compiler's or build tool's output, when the build failed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub build_output: String,
    pub tests: Vec<TestResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Suite {
    Rust,
    Python,
}

impl Suite {
    /// The name used in the JSON: `rust`, `python`.
    pub fn as_str(self) -> &'static str {
        match self {
            Suite::Rust => "rust",
            Suite::Python => "python",
        }
    }

    /// The name for people: `Rust`, `Python`.
    pub fn title(self) -> &'static str {
        match self {
            Suite::Rust => "Rust",
            Suite::Python => "Python",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    Passed,
    Failed,
    Crashed,
    Timeout,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TestResult {
    pub name: String,
    pub suite: Suite,
    pub status: TestStatus,
    pub points: f64,
    pub max_points: f64,
    /// Why it did not pass: the assertion, the panic message, the signal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// What the test printed (capped).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub output: String,
    /// Where the test is defined, relative to the course root, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl TestResult {
    /// A result with no points assigned yet (grading splits the exercise's points later).
    pub fn new(name: impl Into<String>, suite: Suite, status: TestStatus) -> TestResult {
        TestResult {
            name: name.into(),
            suite,
            status,
            points: 0.0,
            max_points: 0.0,
            message: String::new(),
            output: String::new(),
            file: None,
            line: None,
        }
    }

    /// The one line of the message that says most: pytest's `E` line, the panic's message
    /// rather than its location, or else the first line.
    pub fn headline(&self) -> &str {
        let lines = || {
            self.message
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
        };
        lines()
            .find_map(|l| l.strip_prefix("E ").map(str::trim))
            .or_else(|| {
                lines().find(|l| !(l.starts_with("thread '") && l.contains(" panicked at ")))
            })
            .or_else(|| lines().next())
            .unwrap_or("")
    }

    pub fn with_message(mut self, message: impl Into<String>) -> TestResult {
        self.message = message.into();
        self
    }

    pub fn with_output(mut self, output: impl Into<String>) -> TestResult {
        self.output = output.into();
        self
    }
}

impl ExerciseResult {
    /// A result without tests: the exercise did not build, timed out building, or was tampered with.
    pub fn without_tests(
        exercise: &crate::course::Exercise,
        status: ExerciseStatus,
        message: String,
        duration_ms: u64,
    ) -> ExerciseResult {
        ExerciseResult {
            id: exercise.id.clone(),
            status,
            score: 0.0,
            max_score: f64::from(exercise.points),
            duration_ms,
            message,
            build_output: String::new(),
            tests: Vec::new(),
        }
    }

    pub fn passed(&self) -> bool {
        self.status == ExerciseStatus::Passed
    }
}

/// Rounds points to hundredths, so that 1/3 + 1/3 + 1/3 prints as 1.
pub fn round_points(points: f64) -> f64 {
    (points * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_is_the_line_that_says_most() {
        let panic = TestResult::new("t", Suite::Rust, TestStatus::Failed)
            .with_message("thread 't' panicked at src/lib.rs:9:5:\nnot yet implemented: write it");
        assert_eq!(panic.headline(), "not yet implemented: write it");
        let pytest = TestResult::new("t", Suite::Python, TestStatus::Failed)
            .with_message(">       assert f() == 2\nE       assert 1 == 2\nE         more");
        assert_eq!(pytest.headline(), "assert 1 == 2");
    }

    #[test]
    fn the_names_for_reports_are_the_names_in_the_json() {
        for status in [
            ExerciseStatus::Passed,
            ExerciseStatus::Failed,
            ExerciseStatus::BuildError,
            ExerciseStatus::Timeout,
            ExerciseStatus::Crashed,
            ExerciseStatus::Tampered,
            ExerciseStatus::NotRun,
        ] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        for suite in [Suite::Rust, Suite::Python] {
            assert_eq!(serde_json::to_value(suite).unwrap(), suite.as_str());
        }
    }
}
