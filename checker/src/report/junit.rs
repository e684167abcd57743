//! JUnit XML: one testsuite per exercise, one testcase per test, for CI systems that show it.
//!
//! Its consumers, as their sources read: dorny/test-reporter parses every `time` as a number
//! (without one it shows `NaNms`), and its `phpunit-junit` reporter places a failure at the
//! testcase's `file` (relative to the repository) and `line`; mikepenz/action-junit-report
//! annotates the testcase's `file` and `line`; Jenkins' xunit plugin rejects a report that its
//! `junit-10.xsd` does not validate, and that schema allows neither `file` nor `line` on a
//! testcase, nor `disabled` anywhere. Hence two dialects of the one writer. quick-junit always
//! writes `disabled`, so the XML is written here with quick-xml.

use std::borrow::Cow;
use std::time::Duration;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::sources::TestSources;
use crate::diagnose;
use crate::result::{CourseResult, ExerciseResult, TestResult, TestStatus};

/// Which consumers the XML is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Each testcase with its `file` and `line`: GitHub's JUnit reporters, GitLab, Jenkins'
    /// junit step.
    Locations,
    /// Only what Jenkins xunit's junit-10.xsd allows.
    Junit10,
}

pub fn render(
    result: &CourseResult,
    sources: &TestSources,
    dialect: Dialect,
) -> anyhow::Result<String> {
    let cases: Vec<Vec<Case>> = result
        .exercises
        .iter()
        .map(|exercise| cases_of(exercise, sources, dialect))
        .collect();
    let count = |kind| cases.iter().flatten().filter(|c| c.outcome == kind).count();
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 4);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("testsuites")
        .with_attribute(("name", xml_safe(&result.course).as_ref()))
        .with_attribute(("tests", cases.iter().flatten().count().to_string().as_str()))
        .with_attribute(("failures", count(Outcome::Failure).to_string().as_str()))
        .with_attribute(("errors", count(Outcome::Error).to_string().as_str()))
        .with_attribute(("time", seconds(result.duration_ms).as_str()))
        .write_inner_content(|writer| {
            for (exercise, cases) in result.exercises.iter().zip(&cases) {
                write_suite(writer, exercise, cases)?;
            }
            Ok(())
        })?;
    Ok(String::from_utf8(writer.into_inner())? + "\n")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Success,
    Failure,
    Error,
}

/// One `<testcase>`, ready to write.
struct Case {
    name: String,
    classname: String,
    location: Option<(String, u32)>,
    outcome: Outcome,
    /// The one line for the `message` attribute, and the whole story for the element's text.
    message: String,
    details: String,
    output: String,
    duration_ms: Option<u64>,
}

fn cases_of(exercise: &ExerciseResult, sources: &TestSources, dialect: Dialect) -> Vec<Case> {
    let keep = |location: Option<(String, u32)>| location.filter(|_| dialect == Dialect::Locations);
    if exercise.tests.is_empty() {
        // Nothing ran (it does not build, it was tampered with): one case carries why.
        return vec![Case {
            name: exercise.status.as_str().to_string(),
            classname: exercise.id.clone(),
            location: keep(diagnose::compiler_error_location(&exercise.build_output)),
            outcome: Outcome::Error,
            message: exercise.message.clone(),
            details: exercise.build_output.clone(),
            output: String::new(),
            duration_ms: Some(exercise.duration_ms),
        }];
    }
    exercise
        .tests
        .iter()
        .map(|test: &TestResult| Case {
            name: test.name.clone(),
            classname: format!("{}.{}", exercise.id, test.suite.as_str()),
            location: keep(super::location(sources, &exercise.id, test)),
            outcome: match test.status {
                TestStatus::Passed => Outcome::Success,
                TestStatus::Failed => Outcome::Failure,
                TestStatus::Crashed | TestStatus::Timeout => Outcome::Error,
            },
            message: test.headline().to_string(),
            details: test.message.clone(),
            output: test.output.clone(),
            duration_ms: test.duration_ms,
        })
        .collect()
}

fn write_suite(
    writer: &mut Writer<Vec<u8>>,
    exercise: &ExerciseResult,
    cases: &[Case],
) -> std::io::Result<()> {
    let count = |kind| {
        cases
            .iter()
            .filter(|c| c.outcome == kind)
            .count()
            .to_string()
    };
    writer
        .create_element("testsuite")
        .with_attribute(("name", xml_safe(&exercise.id).as_ref()))
        .with_attribute(("tests", cases.len().to_string().as_str()))
        .with_attribute(("failures", count(Outcome::Failure).as_str()))
        .with_attribute(("errors", count(Outcome::Error).as_str()))
        .with_attribute(("skipped", "0"))
        .with_attribute(("time", seconds(exercise.duration_ms).as_str()))
        .write_inner_content(|writer| {
            for case in cases {
                write_case(writer, case)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_case(writer: &mut Writer<Vec<u8>>, case: &Case) -> std::io::Result<()> {
    let line = case.location.as_ref().map(|(_, line)| line.to_string());
    let mut element = writer
        .create_element("testcase")
        .with_attribute(("name", xml_safe(&case.name).as_ref()))
        .with_attribute(("classname", xml_safe(&case.classname).as_ref()))
        // A test not timed on its own (it never ran) takes no time.
        .with_attribute(("time", seconds(case.duration_ms.unwrap_or(0)).as_str()));
    if let (Some((file, _)), Some(line)) = (&case.location, &line) {
        element = element
            .with_attribute(("file", xml_safe(file).as_ref()))
            .with_attribute(("line", line.as_str()));
    }
    if case.outcome == Outcome::Success && case.output.is_empty() {
        element.write_empty()?;
        return Ok(());
    }
    element.write_inner_content(|writer| {
        let tag = match case.outcome {
            Outcome::Success => None,
            Outcome::Failure => Some("failure"),
            Outcome::Error => Some("error"),
        };
        if let Some(tag) = tag {
            let details = if case.details.is_empty() {
                &case.message
            } else {
                &case.details
            };
            writer
                .create_element(tag)
                .with_attribute(("message", xml_safe(&case.message).as_ref()))
                .write_text_content(BytesText::new(&xml_safe(details)))?;
        }
        if !case.output.is_empty() {
            writer
                .create_element("system-out")
                .write_text_content(BytesText::new(&xml_safe(&case.output)))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Milliseconds as JUnit's seconds with three decimals (what junit-10.xsd's SUREFIRE_TIME
/// pattern allows: no thousands separator is needed).
fn seconds(ms: u64) -> String {
    format!("{:.3}", Duration::from_millis(ms).as_secs_f64())
}

/// `text` with the characters XML 1.0 cannot hold at all, even escaped (the control
/// characters of a coloured terminal output, say), written out as `\u{1b}`: one of them would
/// make the whole report unreadable to every parser.
fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    };
    if text.chars().all(allowed) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if allowed(c) {
                    c.to_string()
                } else {
                    c.escape_unicode().to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_hold_are_written_out() {
        assert_eq!(xml_safe("\u{1b}[31mred\0"), "\\u{1b}[31mred\\u{0}");
        assert!(matches!(xml_safe("tab\tand é"), Cow::Borrowed(_)));
    }

    #[test]
    fn times_are_seconds_with_three_decimals() {
        assert_eq!(seconds(81234), "81.234");
        assert_eq!(seconds(5), "0.005");
    }
}
