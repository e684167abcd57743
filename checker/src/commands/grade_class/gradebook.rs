//! The gradebook: one CSV row per learner, one column per exercise in course order with its
//! points, the total, the learners whose `src/` of an exercise is the same (`copies`), and the
//! flags an instructor should look at before trusting the row.
//!
//! The flags are read from the learner's repository on every run (they are cheap, and a
//! learner's edited tests change no grade, so they are no reason to grade again).

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Context;

use super::{Outcome, Submission};
use crate::commands::grade::not_gradable;
use crate::course::Course;
use crate::integrity::Seal;
use crate::learner_text::csv_cell;
use crate::result::CourseResult;

/// How `evaluate` words the tests it ignored in an exercise's message.
const IGNORED: &str = "ignored, as the grader did not expect them: ";

/// Writes the gradebook to `path` (whole, or not at all).
pub fn write(
    path: &Path,
    pristine: &Course,
    submissions: &[Submission],
    outcomes: &[Outcome],
    at_deadline: Option<&[Option<(String, usize)>]>,
    same_src: &[Vec<String>],
) -> anyhow::Result<()> {
    let pristine_seal = Seal::compute(pristine, &pristine.root)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let file = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    let mut csv = csv::Writer::from_writer(file);
    let mut header = vec!["learner".to_string()];
    header.extend(pristine.exercises.iter().map(|e| e.id.clone()));
    header.push("total".to_string());
    if at_deadline.is_some() {
        // `--deadline`: the commit graded, and how many came after it.
        header.extend([
            "graded_commit".to_string(),
            "commits_after_deadline".to_string(),
        ]);
    }
    header.extend(["same_src_as".to_string(), "flags".to_string()]);
    csv.write_record(&header)?;
    for (i, (submission, outcome)) in submissions.iter().zip(outcomes).enumerate() {
        let mut flags = match outcome {
            Outcome::Missed(_) => Vec::new(),
            _ => flags(pristine, &pristine_seal, submission),
        };
        let mut row = vec![csv_cell(&submission.name).into_owned()];
        match outcome {
            Outcome::Graded(result) | Outcome::Unchanged(result) => {
                row.extend(points(pristine, result));
                row.push(result.score.to_string());
                flags.extend(ignored_tests(result));
            }
            Outcome::NotGraded(why) | Outcome::Missed(why) => {
                // Empty points and total: nothing was graded, and the flags say why.
                row.extend(pristine.exercises.iter().map(|_| String::new()));
                row.push(String::new());
                let why = match outcome {
                    Outcome::NotGraded(_) => format!("not graded: {why}"),
                    _ => why.clone(),
                };
                flags.insert(0, why);
            }
        }
        if let Some(at_deadline) = at_deadline {
            let (commit, later) = match &at_deadline[i] {
                Some((commit, later)) => (commit.clone(), later.to_string()),
                None => (String::new(), String::new()),
            };
            row.extend([commit, later]);
        }
        row.push(csv_cell(&same_src[i].join("; ")).into_owned());
        row.push(csv_cell(&flags.join("; ")).into_owned());
        csv.write_record(&row)?;
    }
    let file = csv
        .into_inner()
        .map_err(|err| anyhow::anyhow!("cannot write the gradebook: {}", err.error()))?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The points of each of the course's exercises, in course order (empty where the result has
/// no such exercise).
fn points(pristine: &Course, result: &CourseResult) -> Vec<String> {
    pristine
        .exercises
        .iter()
        .map(|exercise| {
            result
                .exercises
                .iter()
                .find(|e| e.id == exercise.id)
                .map_or_else(String::new, |e| e.score.to_string())
        })
        .collect()
}

/// What in the learner's repository is not as the pristine course has it: a `src/` that could
/// not be graded (missing, a file, a symbolic link: those exercises scored 0), and the
/// protected files that differ (not used: the pristine ones were).
fn flags(pristine: &Course, pristine_seal: &Seal, submission: &Submission) -> Vec<String> {
    let mut flags = Vec::new();
    let mut differing = BTreeSet::new();
    for exercise in &pristine.exercises {
        let src = exercise.dir(&submission.root).join("src");
        if let Some(why) = not_gradable(&submission.root, &src) {
            flags.push(format!("{}: {why}", exercise.id));
        }
        if exercise.dir(&submission.root).is_dir()
            && let Ok(seal) = Seal::compute_for(std::iter::once(exercise), &submission.root)
        {
            differing.extend(seal.changed_files(pristine_seal, exercise));
        }
    }
    if !differing.is_empty() {
        flags.push(format!(
            "edited grader files (ignored, the pristine ones were used): {}",
            differing.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    flags
}

/// The tests that ran but were not the grader's (and so earned nothing), by exercise.
fn ignored_tests(result: &CourseResult) -> Vec<String> {
    result
        .exercises
        .iter()
        .filter_map(|e| {
            let (_, names) = e.message.split_once(IGNORED)?;
            Some(format!(
                "{}: tests the grader did not expect: {names}",
                e.id
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::{ExerciseResult, ExerciseStatus};

    fn with_message(message: &str) -> CourseResult {
        CourseResult {
            schema: 1,
            course: "fixture".into(),
            score: 0.0,
            max_score: 3.0,
            duration_ms: 0,
            exercises: vec![ExerciseResult {
                id: "add".into(),
                status: ExerciseStatus::Failed,
                score: 0.0,
                max_score: 3.0,
                duration_ms: 0,
                message: message.into(),
                build_output: String::new(),
                warnings: Vec::new(),
                tests: Vec::new(),
            }],
        }
    }

    #[test]
    fn tests_the_grader_ignored_are_flagged_by_exercise() {
        let result = with_message(
            "1 of 2 tests failed; ignored, as the grader did not expect them: test_free_points",
        );
        assert_eq!(
            ignored_tests(&result),
            ["add: tests the grader did not expect: test_free_points"]
        );
        assert!(ignored_tests(&with_message("1 of 2 tests failed")).is_empty());
    }
}
