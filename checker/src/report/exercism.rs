//! exercism's test-runner `results.json` (version 3), for tools that speak it.
//!
//! The interface's rules (exercism.org/docs/building/tooling/test-runners/interface): the
//! top-level status is `pass` when every test passed, `fail` when any test failed or errored,
//! and `error` only when no test ran at all, and then with a top-level `message` (at most
//! 65535 characters); tests come in the order of the test files; a test's `output` is what the
//! learner's code printed, at most 500 characters; `test_code` is the test's code.

use serde_json::json;

use super::sources::TestSources;
use crate::result::{CourseResult, TestStatus};

/// The longest `output` the interface allows, in characters.
pub const OUTPUT_LIMIT: usize = 500;
/// The longest top-level `message` the interface allows, in characters.
const MESSAGE_LIMIT: usize = 65535;
/// Ends an `output` that was cut to `OUTPUT_LIMIT`.
const CUT: &str = "\n[output cut to 500 characters]";

pub fn render(result: &CourseResult, sources: &TestSources) -> anyhow::Result<String> {
    let tests: Vec<_> = super::entries(result)
        .map(|(exercise, entry, _)| {
            let name = entry.name(exercise);
            let super::Entry::Test(test) = entry else {
                let message = format!("{}\n{}", exercise.message, exercise.build_output);
                return json!({ "name": name, "status": "error", "message": message.trim() });
            };
            let mut item = json!({ "name": name, "status": super::verdict(test.status) });
            if let Some(source) = sources.get(&exercise.id, test) {
                item["test_code"] = json!(source.code);
            }
            if test.status != TestStatus::Passed {
                item["message"] = json!(test.message);
            }
            let output = learners_output(&test.output);
            if !output.is_empty() {
                item["output"] = json!(capped(&output, OUTPUT_LIMIT, CUT));
            }
            item
        })
        .collect();
    let ran_any = result.exercises.iter().any(|e| !e.tests.is_empty());
    let all_passed = !result.exercises.is_empty() && result.exercises.iter().all(|e| e.passed());
    let mut results = json!({ "version": 3, "tests": tests });
    results["status"] = json!(if !ran_any {
        "error"
    } else if all_passed {
        "pass"
    } else {
        "fail"
    });
    if !ran_any {
        results["message"] = json!(capped(&why_nothing_ran(result), MESSAGE_LIMIT, "\n[cut]"));
    }
    Ok(serde_json::to_string_pretty(&results)? + "\n")
}

/// Every exercise's reason, with its compiler output.
fn why_nothing_ran(result: &CourseResult) -> String {
    if result.exercises.is_empty() {
        return "no exercise was graded".to_string();
    }
    result
        .exercises
        .iter()
        .map(|e| {
            format!("{}: {}\n{}", e.id, e.message, e.build_output)
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What the learner's code printed: pytest's report wraps it in section headers of its own
/// (`----- Captured Out -----`), which the interface wants left out.
fn learners_output(output: &str) -> String {
    let is_pytest_header = |line: &str| {
        let words = line.trim_matches('-').trim();
        line.starts_with("---")
            && line.ends_with("---")
            && matches!(words, "Captured Log" | "Captured Out" | "Captured Err")
    };
    output
        .lines()
        .filter(|line| !is_pytest_header(line))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// `text` in at most `limit` characters, ending with `marker` where it was cut.
fn capped(text: &str, limit: usize, marker: &str) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let kept: String = text.chars().take(limit - marker.chars().count()).collect();
    kept + marker
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_output_is_cut_to_the_limit_with_a_marker() {
        let long = "é".repeat(600);
        let cut = capped(&long, OUTPUT_LIMIT, CUT);
        assert_eq!(cut.chars().count(), OUTPUT_LIMIT);
        assert!(cut.ends_with(CUT));
        assert_eq!(capped("short", OUTPUT_LIMIT, CUT), "short");
    }

    #[test]
    fn pytests_own_section_headers_are_not_the_learners_output() {
        let output = "----- Captured Log -----\n\n----- Captured Out -----\nhello\n----- Captured Err -----\n--- the server's stderr ---\npanic";
        assert_eq!(
            learners_output(output),
            "hello\n--- the server's stderr ---\npanic"
        );
        assert_eq!(learners_output("----- Captured Out -----\n\n"), "");
    }
}
