//! Gradescope's autograder `results.json`: one entry per test, so the checker can run as a
//! Gradescope autograder (`grade --format gradescope --output /autograder/results/results.json`).

use serde_json::{Value, json};

use crate::result::{CourseResult, TestStatus};

pub fn render(result: &CourseResult) -> anyhow::Result<String> {
    let tests: Vec<_> = super::entries(result)
        .map(|(exercise, entry, (e, t))| {
            let name = entry.name(exercise);
            let super::Entry::Test(test) = entry else {
                // A build error or tampering: one entry that carries the exercise's points and why.
                return json!({
                    "name": name,
                    "number": format!("{e}"),
                    "score": 0.0,
                    "max_score": exercise.max_score,
                    "status": "failed",
                    "output": joined(&exercise.message, &exercise.build_output),
                });
            };
            json!({
                "name": name,
                "number": format!("{e}.{t}"),
                "score": test.points,
                "max_score": test.max_points,
                "status": if test.status == TestStatus::Passed { "passed" } else { "failed" },
                "output": joined(&test.message, &test.output),
            })
        })
        .collect();
    let results: Value = json!({
        "score": result.score,
        "execution_time": result.duration_ms / 1000,
        "output": format!("Oxidize Python: {} of {} points", result.score, result.max_score),
        "tests": tests,
    });
    Ok(serde_json::to_string_pretty(&results)? + "\n")
}

/// Two texts, a blank line between them, either one possibly empty.
fn joined(first: &str, second: &str) -> String {
    format!("{first}\n\n{second}").trim().to_string()
}
