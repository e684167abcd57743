//! exercism's test-runner `results.json` (version 3), for tools that speak it.

use serde_json::json;

use crate::result::{CourseResult, TestStatus};

pub fn render(result: &CourseResult) -> anyhow::Result<String> {
    let tests: Vec<_> = super::entries(result)
        .map(|(exercise, entry, _)| {
            let name = entry.name(exercise);
            let super::Entry::Test(test) = entry else {
                let message = format!("{}\n{}", exercise.message, exercise.build_output);
                return json!({ "name": name, "status": "error", "message": message.trim() });
            };
            let mut item = json!({ "name": name, "status": super::verdict(test.status) });
            if test.status != TestStatus::Passed {
                item["message"] = json!(test.message);
            }
            if !test.output.is_empty() {
                item["output"] = json!(test.output);
            }
            item
        })
        .collect();
    let all_passed = result.exercises.iter().all(|e| e.passed());
    let broken = result.exercises.iter().any(|e| e.tests.is_empty());
    let status = if all_passed {
        "pass"
    } else if broken {
        "error"
    } else {
        "fail"
    };
    Ok(
        serde_json::to_string_pretty(&json!({ "version": 3, "status": status, "tests": tests }))?
            + "\n",
    )
}
