//! exercism's test-runner `results.json` (version 3), for tools that speak it.

use serde_json::json;

use crate::result::{CourseResult, TestStatus};

pub fn render(result: &CourseResult) -> anyhow::Result<String> {
    let mut tests = Vec::new();
    for exercise in &result.exercises {
        if exercise.tests.is_empty() {
            tests.push(json!({
                "name": super::qualified(&exercise.id, exercise.status.as_str()),
                "status": "error",
                "message": format!("{}\n{}", exercise.message, exercise.build_output).trim(),
            }));
        }
        for test in &exercise.tests {
            let mut entry = json!({
                "name": super::qualified(&exercise.id, &test.name),
                "status": super::verdict(test.status),
            });
            if test.status != TestStatus::Passed {
                entry["message"] = json!(test.message);
            }
            if !test.output.is_empty() {
                entry["output"] = json!(test.output);
            }
            tests.push(entry);
        }
    }
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
