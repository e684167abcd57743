//! The result model: what grading found, exercise by exercise and test by test.
//!
//! `--format json` prints it as it is (schema 1); every other report is rendered from it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of this model in the JSON output.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
/// Oxidize Python grading result (schema 1): what `checker grade --format json` prints; every
/// other report is rendered from it.
#[schemars(deny_unknown_fields)]
pub struct CourseResult {
    /// The version of this format.
    #[schemars(range(min = 1, max = 1))]
    pub schema: u32,
    /// The course's name from course.toml.
    pub course: String,
    /// Points earned, summed over the exercises graded.
    #[schemars(range(min = 0))]
    pub score: f64,
    /// Points available in the exercises graded.
    #[schemars(range(min = 0))]
    pub max_score: f64,
    /// Wall time of the whole grading run.
    pub duration_ms: u64,
    pub exercises: Vec<ExerciseResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
/// How an exercise ended.
pub enum ExerciseStatus {
    /// Every test passed.
    Passed,
    /// A test failed.
    Failed,
    /// It does not compile.
    BuildError,
    /// A test or the build ran out of time.
    Timeout,
    /// A test process died (a signal, an exit mid-test).
    Crashed,
    /// A protected file differs from course.lock.
    Tampered,
    /// Not graded.
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

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExerciseResult {
    /// The exercise id from course.toml.
    pub id: String,
    pub status: ExerciseStatus,
    #[schemars(range(min = 0))]
    pub score: f64,
    /// The exercise's points from course.toml.
    #[schemars(range(min = 0))]
    pub max_score: f64,
    pub duration_ms: u64,
    /// One line for people: "2 of 5 tests failed", "does not compile".
    pub message: String,
    /// The compiler's or build tool's output, when the build failed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub build_output: String,
    /// The compiler's warnings about the learner's own files (`src/`), each whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    pub tests: Vec<TestResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
/// Which suite a test belongs to.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
/// How a test ended.
pub enum TestStatus {
    Passed,
    Failed,
    Crashed,
    Timeout,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TestResult {
    /// The test function's name.
    pub name: String,
    pub suite: Suite,
    pub status: TestStatus,
    #[schemars(range(min = 0))]
    pub points: f64,
    /// The exercise's points split evenly across its tests.
    #[schemars(range(min = 0))]
    pub max_points: f64,
    /// Why it did not pass: the assertion, the panic message, the signal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// What the test printed (capped).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub output: String,
    /// Where the test or its failure is, relative to the course root, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The line of `file`, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub line: Option<u32>,
    /// How long the test ran, when it ran on its own clock (a Rust test's process, pytest's
    /// own timing of a Python test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// A hidden test: one of the authors' own, which the learner's copy of the course does not
    /// hold and only the instructor's grading runs. Reports name it and its outcome, never its
    /// message or output, which could show its inputs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
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
            duration_ms: None,
            hidden: false,
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
            warnings: Vec::new(),
            tests: Vec::new(),
        }
    }

    pub fn passed(&self) -> bool {
        self.status == ExerciseStatus::Passed
    }

    /// This result with every text that learner code could have written (messages, output,
    /// compiler output, test names) made safe to print on a terminal (`learner_text`).
    pub fn for_terminal(&self) -> ExerciseResult {
        let shown = |text: &str| crate::learner_text::for_terminal(text).into_owned();
        ExerciseResult {
            message: shown(&self.message),
            build_output: shown(&self.build_output),
            warnings: self.warnings.iter().map(|w| shown(w)).collect(),
            tests: self
                .tests
                .iter()
                .map(|test| TestResult {
                    name: shown(&test.name),
                    message: shown(&test.message),
                    output: shown(&test.output),
                    file: test.file.as_deref().map(shown),
                    ..test.clone()
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// What a report for learners says instead of a hidden test's message.
pub const HIDDEN_DETAILS: &str =
    "a hidden test: the instructor's own, run only when they grade; its details are not shown";

impl CourseResult {
    /// This result as learners may see it: each hidden test's name, outcome and points, and
    /// `HIDDEN_DETAILS` for its message (what it printed or asserted could show its inputs).
    /// Every format but the JSON (the instructor's) is rendered from this.
    pub fn without_hidden_details(&self) -> CourseResult {
        let mut result = self.clone();
        for test in result.exercises.iter_mut().flat_map(|e| &mut e.tests) {
            if test.hidden {
                test.output.clear();
                test.message = if test.status == TestStatus::Passed {
                    String::new()
                } else {
                    HIDDEN_DETAILS.to_string()
                };
            }
        }
        result
    }

    /// `ExerciseResult::for_terminal` of each exercise.
    pub fn for_terminal(&self) -> CourseResult {
        CourseResult {
            exercises: self
                .exercises
                .iter()
                .map(ExerciseResult::for_terminal)
                .collect(),
            ..self.clone()
        }
    }
}

/// Rounds points to hundredths, so that 1/3 + 1/3 + 1/3 prints as 1.
pub fn round_points(points: f64) -> f64 {
    (points * 100.0).round() / 100.0
}

/// The JSON Schema of the result model, from the types themselves: the file the book
/// publishes (`book/instructors/result.schema.json`) is this, and a test keeps them equal.
#[cfg(test)]
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(CourseResult);
    schema.insert("$id".into(), "oxidize-python/result.schema.json".into());
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `OXIDIZE_UPDATE_SCHEMA=1 cargo test` writes the schema anew after a change of the model.
    #[test]
    fn the_published_schema_is_the_one_the_types_make() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../book/instructors/result.schema.json");
        if std::env::var_os("OXIDIZE_UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, json_schema()).unwrap();
        }
        let published = std::fs::read_to_string(&path).unwrap();
        assert!(
            published == json_schema(),
            "{} is stale: run `OXIDIZE_UPDATE_SCHEMA=1 cargo test -p checker --bin checker result::`",
            path.display()
        );
    }

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
