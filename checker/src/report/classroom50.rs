//! Classroom 50's `result.json` (contract `classroom50/result/v1`), which a teacher's autograder
//! writes in the student's checkout on GitHub Actions and Classroom 50 collects into the
//! gradebook: who and what was graded (from the runner's environment), when (the graded commit's
//! time), and integer points that add up.
//!
//! Points are integers there, ours are hundredths: one row per exercise, scored the exercise's
//! points rounded down (full points only when every test passes), out of its points. Each row
//! carries its tests as extra fields, which the contract keeps.

use std::process::Command;

use anyhow::Context;
use serde_json::json;

use crate::result::{CourseResult, TestStatus};

pub const SCHEMA: &str = "classroom50/result/v1";

/// The contract's identity fields and the runner's variables they come from; `review` falls
/// back to the commit, as Classroom 50's own autograders do.
const IDENTITY: [(&str, &str); 5] = [
    ("classroom", "CLASSROOM"),
    ("assignment", "ASSIGNMENT"),
    ("submission", "SUBMISSION_TAG"),
    ("commit", "COMMIT_URL"),
    ("release", "RELEASE_URL"),
];

pub fn render(result: &CourseResult) -> anyhow::Result<String> {
    let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let missing: Vec<&str> = IDENTITY
        .iter()
        .map(|(_, name)| *name)
        .filter(|name| variable(name).is_none())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "--format classroom50 needs the variables Classroom 50's runner sets, and {} {} not set: run it in the autograding workflow",
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" }
        );
    }
    let rows: Vec<serde_json::Value> = result
        .exercises
        .iter()
        .map(|exercise| {
            let max = exercise.max_score.round() as u64;
            // Hundredths may add up to 4.999...: a whole point is one when it is within them.
            let score = ((exercise.score + 0.001).floor() as u64).min(max);
            let tests: Vec<serde_json::Value> = exercise
                .tests
                .iter()
                .map(|test| {
                    json!({
                        "name": test.name,
                        "suite": test.suite.as_str(),
                        "status": test.status,
                        "points": test.points,
                        "message": if test.status == TestStatus::Passed { "" } else { test.headline() },
                    })
                })
                .collect();
            json!({
                "test-name": exercise.id,
                "passed": exercise.passed(),
                "score": score,
                "max-score": max,
                "message": exercise.message,
                "tests": tests,
            })
        })
        .collect();
    let sum = |key: &str| rows.iter().filter_map(|row| row[key].as_u64()).sum::<u64>();
    let mut out = serde_json::Map::new();
    out.insert("schema".into(), SCHEMA.into());
    for (field, name) in IDENTITY {
        out.insert(field.into(), variable(name).unwrap_or_default().into());
    }
    let review = variable("REVIEW_URL").or_else(|| variable("COMMIT_URL"));
    out.insert("review".into(), review.unwrap_or_default().into());
    out.insert("datetime".into(), graded_commit_time()?.into());
    out.insert("score".into(), sum("score").into());
    out.insert("max-score".into(), sum("max-score").into());
    out.insert("tests".into(), rows.into());
    Ok(serde_json::to_string_pretty(&serde_json::Value::Object(out))? + "\n")
}

/// The graded commit's time in UTC, as the contract writes it (`2026-12-07T17:30:00Z`): the
/// runner's `GITHUB_SHA`, else the checkout's `HEAD`, as git tells it.
fn graded_commit_time() -> anyhow::Result<String> {
    let commit = std::env::var("GITHUB_SHA").unwrap_or_else(|_| "HEAD".into());
    let output = Command::new("git")
        .args([
            "log",
            "-1",
            "--format=%cd",
            "--date=format-local:%Y-%m-%dT%H:%M:%SZ",
        ])
        .arg(&commit)
        .arg("--")
        .env("TZ", "UTC")
        .output()
        .context("cannot run git to read the graded commit's time")?;
    let time = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() || time.is_empty() {
        anyhow::bail!(
            "--format classroom50 dates the result by the graded commit, and git could not read {commit} here (not a checkout?): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(time)
}
