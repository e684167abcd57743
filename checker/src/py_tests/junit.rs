//! Reading pytest's JUnit XML report: each `<testcase>` becomes a graded test, with pytest's
//! message, the end of its traceback, and where the test failed.

use std::path::Path;

use serde::Deserialize;

use super::{COLLECTING, tail};
use crate::result::{Suite, TestResult, TestStatus};

/// The `<testcase>`s of a pytest JUnit report, or None when there is no readable report.
pub(super) fn read_report(path: &Path) -> Option<Vec<Testcase>> {
    let xml = std::fs::read_to_string(path).ok()?;
    let suites: Testsuites = quick_xml::de::from_str(&xml).ok()?;
    Some(
        suites
            .testsuite
            .into_iter()
            .flat_map(|s| s.testcase)
            .collect(),
    )
}

pub(super) fn grade_cases(cases: Vec<Testcase>) -> Vec<TestResult> {
    cases.into_iter().map(grade_case).collect()
}

fn grade_case(case: Testcase) -> TestResult {
    let collection_error = case.classname.is_empty();
    let name = if collection_error {
        format!("{COLLECTING}{}", case.name)
    } else {
        case.name
    };
    let (status, message, details) = if let Some(failure) = case.failure {
        (TestStatus::Failed, failure.message, failure.text)
    } else if let Some(error) = case.error {
        (TestStatus::Failed, error.message, error.text)
    } else if let Some(skipped) = case.skipped {
        (
            TestStatus::Failed,
            format!("skipped, so not passed: {}", skipped.message),
            String::new(),
        )
    } else {
        (TestStatus::Passed, String::new(), String::new())
    };
    let mut result = TestResult::new(name, Suite::Python, status);
    // pytest guesses at a bad file name when a test module fails to import; here it never is.
    result.message = failure_text(&message, &details).replace(
        "Hint: make sure your test modules/packages have valid Python names.\n",
        "",
    );
    result.output = [
        case.system_out.unwrap_or_default(),
        case.system_err.unwrap_or_default(),
    ]
    .join("\n")
    .trim()
    .to_string();
    result.file = case.file;
    result.line = case.line.map(|l| l + 1);
    result.duration_ms = case
        .time
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .map(|seconds| (seconds * 1000.0).round() as u64);
    result
}

/// The most of a failure that is kept.
const FAILURE_BYTES: usize = 1500;

/// pytest's short traceback, cut so that the `E` lines (whose first one is the assertion's own
/// message) are always kept: a long traceback before them loses its start, a long value printed
/// after the message (a list of a thousand floats) its end. Without `E` lines, the end of the
/// traceback; without a traceback, pytest's one-line message.
fn failure_text(message: &str, details: &str) -> String {
    let details = details.trim();
    if details.is_empty() {
        return message.trim().to_string();
    }
    let lines: Vec<&str> = details.lines().collect();
    let Some(first_e) = lines.iter().position(|line| line.starts_with("E ")) else {
        return tail(details, FAILURE_BYTES);
    };
    let frames = tail(&lines[..first_e].join("\n"), FAILURE_BYTES / 2);
    let errors = head(&lines[first_e..].join("\n"), FAILURE_BYTES - frames.len());
    if frames.is_empty() {
        errors
    } else {
        format!("{frames}\n{errors}")
    }
}

/// The first `max` bytes of `text`, cut at a line end, marked when something was cut.
fn head(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind('\n').unwrap_or(end);
    format!("{}\n[...]", &text[..end])
}

#[derive(Debug, Deserialize)]
struct Testsuites {
    #[serde(default)]
    testsuite: Vec<Testsuite>,
}

#[derive(Debug, Deserialize)]
struct Testsuite {
    #[serde(default)]
    testcase: Vec<Testcase>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Testcase {
    #[serde(rename = "@classname", default)]
    classname: String,
    #[serde(rename = "@name")]
    name: String,
    #[serde(rename = "@file", default)]
    file: Option<String>,
    /// 0-based in pytest's report.
    #[serde(rename = "@line", default)]
    line: Option<u32>,
    /// Seconds, as pytest timed the test (setup and teardown included).
    #[serde(rename = "@time", default)]
    time: Option<f64>,
    failure: Option<Fault>,
    error: Option<Fault>,
    skipped: Option<Fault>,
    #[serde(rename = "system-out", default)]
    system_out: Option<String>,
    #[serde(rename = "system-err", default)]
    system_err: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Fault {
    #[serde(rename = "@message", default)]
    message: String,
    #[serde(rename = "$text", default)]
    text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="1" skipped="0" tests="2"><testcase classname="01-x.python.tests.test_x" name="test_adds" file="exercises/01-x/python/tests/test_x.py" line="3" time="0.001" /><testcase classname="01-x.python.tests.test_x" name="test_subtracts" file="exercises/01-x/python/tests/test_x.py" line="7" time="0.001"><failure message="assert 1 == 2">def test_subtracts():
&gt;       assert 1 == 2
E       assert 1 == 2</failure></testcase></testsuite></testsuites>"#;

    #[test]
    fn junit_testcases_become_graded_tests_with_their_location() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), REPORT).unwrap();
        let results = grade_cases(read_report(file.path()).unwrap());
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].status, TestStatus::Passed);
        assert_eq!(results[1].status, TestStatus::Failed);
        assert!(
            results[1].message.contains("E       assert 1 == 2"),
            "{}",
            results[1].message
        );
        assert_eq!(
            results[1].file.as_deref(),
            Some("exercises/01-x/python/tests/test_x.py")
        );
        assert_eq!(results[1].line, Some(8));
    }

    #[test]
    fn a_failure_keeps_its_message_and_cuts_the_long_value_after_it() {
        let long_list = format!("E     {}", "1.0, ".repeat(2000));
        let details = format!(
            "exercises/x/test_x.py:5: in helper\n    check()\n\
             exercises/x/test_x.py:9: in test_x\n    assert type(r) is list, msg\n\
             E   AssertionError: returned a list, not an array\n{long_list}"
        );
        let text = failure_text("AssertionError", &details);
        assert!(
            text.starts_with("exercises/x/test_x.py:5: in helper\n"),
            "{text}"
        );
        assert!(text.contains("E   AssertionError: returned a list, not an array"));
        assert!(
            text.len() <= FAILURE_BYTES + 6 && text.ends_with("[...]"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_or_broken_report_is_no_report() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), "<testsuites><testsuite>").unwrap();
        assert!(read_report(file.path()).is_none());
        assert!(read_report(Path::new("/nonexistent/junit.xml")).is_none());
    }
}
