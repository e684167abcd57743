//! GitHub Classroom: the base64-encoded JSON that a grader step hands to
//! `classroom-resources/autograding-grading-reporter` (as `<RUNNER>_RESULTS`), so the points
//! show up in GitHub Classroom.

use base64::Engine;
use serde_json::json;

use crate::result::CourseResult;

pub fn render(result: &CourseResult) -> anyhow::Result<String> {
    let tests: Vec<_> = super::entries(result)
        .map(|(exercise, entry, _)| {
            let name = entry.name(exercise);
            let super::Entry::Test(test) = entry else {
                return json!({ "name": name, "status": "error", "score": 0.0, "message": exercise.message });
            };
            let mut item = json!({
                "name": name,
                "status": super::verdict(test.status),
                "score": test.points,
                "message": test.headline(),
            });
            if let (Some(file), Some(line)) = (&test.file, test.line) {
                item["filename"] = json!(file);
                item["line_no"] = json!(line);
            }
            item
        })
        .collect();
    let all_passed = result.exercises.iter().all(|e| e.passed());
    let payload = json!({
        "version": 1,
        "status": if all_passed { "pass" } else { "fail" },
        "max_score": result.max_score,
        "tests": tests,
    });
    Ok(base64::engine::general_purpose::STANDARD.encode(serde_json::to_vec(&payload)?) + "\n")
}
