//! GitHub Classroom: the base64-encoded JSON that a grader step hands to
//! `classroom-resources/autograding-grading-reporter` (as `<RUNNER>_RESULTS`), so the points
//! show up in GitHub Classroom.

use base64::Engine;
use serde_json::json;

use crate::result::CourseResult;

pub fn render(result: &CourseResult) -> anyhow::Result<String> {
    let mut tests = Vec::new();
    for exercise in &result.exercises {
        if exercise.tests.is_empty() {
            tests.push(json!({
                "name": super::qualified(&exercise.id, exercise.status.as_str()),
                "status": "error",
                "score": 0.0,
                "message": exercise.message,
            }));
        }
        for test in &exercise.tests {
            let mut entry = json!({
                "name": super::qualified(&exercise.id, &test.name),
                "status": super::verdict(test.status),
                "score": test.points,
                "message": test.headline(),
            });
            if let (Some(file), Some(line)) = (&test.file, test.line) {
                entry["filename"] = json!(file);
                entry["line_no"] = json!(line);
            }
            tests.push(entry);
        }
    }
    let all_passed = result.exercises.iter().all(|e| e.passed());
    let payload = json!({
        "version": 1,
        "status": if all_passed { "pass" } else { "fail" },
        "max_score": result.max_score,
        "tests": tests,
    });
    Ok(base64::engine::general_purpose::STANDARD.encode(serde_json::to_vec(&payload)?) + "\n")
}
