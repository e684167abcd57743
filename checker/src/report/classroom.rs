//! GitHub Classroom: the base64-encoded JSON that a grader step hands to
//! `classroom-resources/autograding-grading-reporter` (as `<RUNNER>_RESULTS`), so the points
//! show up in GitHub Classroom.
//!
//! What the reporter (v1) does with it, read in its source: it decodes the base64 as UTF-8 JSON;
//! the points it sends to Classroom (a `Points X/Y` notice) are the per-test `score`s added up
//! one by one as JavaScript numbers, over `max_score`; for a test with status `error` it prints
//! only its `message`; for the others, the name and ` - line N` unless `line_no` is 0. So every
//! test carries `filename` and `line_no` (`""` and 0 where unknown, as its command grader sends
//! them), an error's message names its test, and the scores are chosen so that their sum, added
//! the reporter's way, is exactly the course's score.

use base64::Engine;
use serde_json::json;

use super::sources::TestSources;
use crate::diagnose;
use crate::result::{CourseResult, TestStatus};

pub fn render(result: &CourseResult, sources: &TestSources) -> anyhow::Result<String> {
    let entries: Vec<_> = super::entries(result).collect();
    let hundredths: Vec<u64> = entries
        .iter()
        .map(|(_, entry, _)| match entry {
            super::Entry::Test(test) => (test.points * 100.0).round() as u64,
            super::Entry::NoTests => 0,
        })
        .collect();
    let scores = summing_exactly(&hundredths);
    let tests: Vec<_> = entries
        .iter()
        .zip(scores)
        .map(|((exercise, entry, _), score)| {
            let name = entry.name(exercise);
            let super::Entry::Test(test) = entry else {
                let location = diagnose::compiler_error_location(&exercise.build_output);
                let (file, line) = location.unwrap_or_default();
                let first_error = exercise.build_output.lines().next().unwrap_or_default();
                let message = format!("{}: {}\n{first_error}", exercise.id, exercise.message);
                return json!({
                    "name": name, "status": "error", "score": score,
                    "message": message.trim_end(), "filename": file, "line_no": line,
                });
            };
            let (file, line) = super::location(sources, &exercise.id, test).unwrap_or_default();
            let message = match test.status {
                TestStatus::Passed => String::new(),
                // The reporter prints an error's message alone, without the test's name.
                TestStatus::Timeout => format!("{name} timed out: {}", test.headline()),
                TestStatus::Crashed => format!("{name} crashed: {}", test.headline()),
                TestStatus::Failed => test.headline().to_string(),
            };
            json!({
                "name": name,
                "status": super::verdict(test.status),
                "score": score,
                "message": message,
                "filename": file,
                "line_no": line,
            })
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

/// Scores for tests worth `hundredths` each, such that adding them up in order, one IEEE 754
/// double at a time as JavaScript does, gives after each test exactly the double nearest to the
/// hundredths so far: 0.1 + 0.2 is 0.30000000000000004 as doubles, and the reporter would send
/// such a sum to Classroom. A score is the share itself (1.67) wherever that adds up exactly,
/// else the double next to it that does (serde_json writes each double so that it reads back
/// the same).
fn summing_exactly(hundredths: &[u64]) -> Vec<f64> {
    let mut sum = 0.0_f64;
    let mut so_far = 0_u64;
    hundredths
        .iter()
        .map(|&share| {
            so_far += share;
            let target = so_far as f64 / 100.0;
            let mut score = share as f64 / 100.0;
            if sum + score != target {
                score = target - sum;
                while sum + score < target {
                    score = score.next_up();
                }
                while sum + score > target {
                    score = score.next_down();
                }
            }
            sum += score;
            score
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::{CourseResult, SCHEMA, Suite, TestResult, TestStatus, round_points};

    /// The fixture course's exercises worth `points`, with `tests[i]` tests each graded by the
    /// checker's own grading, the first `passing[i]` of them passing.
    fn graded(points: &[u32], tests: &[usize], passing: &[usize]) -> CourseResult {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
        let course = crate::course::Course::load(&root).unwrap();
        let exercises: Vec<_> = course
            .exercises
            .iter()
            .zip(points)
            .zip(tests.iter().zip(passing))
            .map(|((exercise, &points), (&count, &passing))| {
                let mut exercise = exercise.clone();
                exercise.points = points;
                let tests = (0..count)
                    .map(|i| {
                        let status = if i < passing {
                            TestStatus::Passed
                        } else {
                            TestStatus::Failed
                        };
                        TestResult::new(format!("test_{i}"), Suite::Python, status)
                    })
                    .collect();
                crate::evaluate::grade(&exercise, tests, std::time::Duration::ZERO)
            })
            .collect::<Vec<_>>();
        CourseResult {
            schema: SCHEMA,
            course: course.name.clone(),
            score: round_points(exercises.iter().map(|e| e.score).sum()),
            max_score: exercises.iter().map(|e| e.max_score).sum(),
            duration_ms: 0,
            exercises,
        }
    }

    /// What the reporter sends to Classroom (its `NotifyClassroom`): the payload decoded
    /// from base64 as UTF-8 JSON, then `Points ${totalPoints}/${maxPoints}` with the per-test
    /// scores added from 0 in order as JavaScript numbers (IEEE 754 doubles, as f64 is).
    fn points_sent_to_classroom(rendered: &str) -> String {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rendered.trim())
            .unwrap();
        let payload: serde_json::Value =
            serde_json::from_str(&String::from_utf8(decoded).unwrap()).unwrap();
        let total = payload["tests"]
            .as_array()
            .unwrap()
            .iter()
            .fold(0.0, |acc, test| acc + test["score"].as_f64().unwrap());
        // Rust prints a double as JavaScript does in these ranges: 76 as `76`, 33.67 as `33.67`.
        format!("Points {total}/{}", payload["max_score"].as_f64().unwrap())
    }

    #[test]
    fn classroom_receives_exactly_the_course_score_summed_the_reporters_way() {
        let points = [33, 17, 19, 7];
        let tests = [3, 7, 9, 11];
        let all = graded(&points, &tests, &tests);
        assert_eq!(all.score, 76.0);
        let rendered = render(&all, &TestSources::none()).unwrap();
        // The plain shares (11, 2.43, ...) would add up to 75.99999999999999.
        assert_eq!(points_sent_to_classroom(&rendered), "Points 76/76");
        let some = graded(&points, &tests, &[1, 3, 5, 10]);
        let rendered = render(&some, &TestSources::none()).unwrap();
        assert_eq!(
            points_sent_to_classroom(&rendered),
            format!("Points {}/76", some.score)
        );
        // 11 + 7.29 + 10.56 + 6.37
        assert_eq!(some.score, 35.22);
    }

    /// Adds up as the reporter does: `acc.totalPoints += score`, from 0, in order.
    fn reporter_sum(scores: &[f64]) -> f64 {
        scores.iter().fold(0.0, |acc, score| acc + score)
    }

    #[test]
    fn shares_that_drift_as_doubles_are_nudged_to_add_up_exactly() {
        assert_ne!(0.1 + 0.2, 0.3, "the drift this guards against");
        let scores = summing_exactly(&[10, 20]);
        assert_eq!(reporter_sum(&scores), 0.3);
        assert_eq!(scores[0], 0.1);
    }

    #[test]
    fn every_prefix_of_a_long_course_adds_up_to_its_hundredths() {
        // 76 points over exercises of 5 points and 3 tests (167, 167, 166), 2 and 7 tests, ...
        let mut shares = Vec::new();
        for (points, tests) in [(5u64, 3u64), (2, 7), (3, 3), (8, 16), (6, 9), (4, 11)]
            .iter()
            .cycle()
            .take(60)
        {
            let hundredths = points * 100;
            for i in 0..*tests {
                shares.push(hundredths / tests + u64::from(i < hundredths % tests));
            }
        }
        let scores = summing_exactly(&shares);
        let mut so_far = 0;
        for (i, share) in shares.iter().enumerate() {
            so_far += share;
            assert_eq!(
                reporter_sum(&scores[..=i]),
                so_far as f64 / 100.0,
                "after {i}"
            );
        }
        // Nearly all are the plain shares: only the sums that would drift are nudged.
        let plain = scores
            .iter()
            .zip(&shares)
            .filter(|(score, share)| **score == **share as f64 / 100.0)
            .count();
        assert!(plain * 2 > scores.len(), "{plain} of {}", scores.len());
    }
}
