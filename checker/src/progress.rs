//! The learner's progress: the last result of each exercise, kept in `.oxidize/progress.json`,
//! updated under a lock and written atomically (a temporary file renamed over the old one).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::course::{Course, Exercise};
use crate::result::{ExerciseResult, ExerciseStatus};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    /// The last result of each exercise that was checked, by id.
    pub exercises: BTreeMap<String, Recorded>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recorded {
    pub status: ExerciseStatus,
    pub score: f64,
    pub max_score: f64,
    /// `integrity::src_digest` of the exercise's `src/` when it was checked.
    #[serde(default)]
    pub src_digest: String,
}

impl Recorded {
    /// Whether the exercise's `src/` changed since this result was recorded.
    pub fn is_stale(&self, exercise: &Exercise, root: &Path) -> bool {
        self.src_digest != crate::integrity::src_digest(exercise, root)
    }
}

impl Progress {
    fn path(root: &Path) -> PathBuf {
        root.join(".oxidize").join("progress.json")
    }

    /// The recorded progress; none yet (or an unreadable file) is a fresh start.
    pub fn load(root: &Path) -> Progress {
        std::fs::read_to_string(Progress::path(root))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// The exercise with this id; without one, the exercise whose folder the current directory
    /// is in, else the first exercise not yet passing; None when every exercise passes.
    pub fn current<'c>(
        &self,
        course: &'c Course,
        id: Option<&str>,
    ) -> anyhow::Result<Option<&'c Exercise>> {
        if let Some(id) = id {
            return course.exercise(id).map(Some);
        }
        if let Some(here) = std::env::current_dir()
            .ok()
            .and_then(|cwd| course.exercise_containing(&cwd))
        {
            return Ok(Some(here));
        }
        Ok(self.first_not_passing(course))
    }

    /// The first exercise, in course order, that does not pass yet.
    pub fn first_not_passing<'c>(&self, course: &'c Course) -> Option<&'c Exercise> {
        course.exercises.iter().find(|e| !self.passed(&e.id))
    }

    /// What comes after `done`: the next exercise that does not pass yet, in its chapter first
    /// (after it, then before it: a chapter's pages build on its own exercises), then in course
    /// order, coming round to the start, so a learner who skipped ahead goes on from where
    /// they are.
    pub fn next_after<'c>(&self, course: &'c Course, done: &Exercise) -> Option<&'c Exercise> {
        let at = course.exercises.iter().position(|e| e.id == done.id)?;
        let (before, after) = course.exercises.split_at(at + 1);
        let unfinished = |e: &&Exercise| e.id != done.id && !self.passed(&e.id);
        let in_chapter = |e: &&Exercise| e.chapter == done.chapter;
        let mut order = after.iter().chain(before);
        order
            .clone()
            .filter(in_chapter)
            .find(unfinished)
            .or_else(|| order.find(unfinished))
    }

    pub fn passed(&self, id: &str) -> bool {
        self.exercises
            .get(id)
            .is_some_and(|r| r.status == ExerciseStatus::Passed)
    }

    /// Records one result, checked with `src/` as `src_digest` says, and saves the whole progress.
    pub fn record(root: &Path, result: &ExerciseResult, src_digest: &str) -> anyhow::Result<()> {
        // Two checkers recording at once would each write back the other's old view.
        let lock = root.join(".oxidize").join("progress.lock");
        let _lock = crate::file_lock::exclusive(&lock, &lock.display().to_string())?;
        let mut progress = Progress::load(root);
        progress.exercises.insert(
            result.id.clone(),
            Recorded {
                status: result.status,
                score: result.score,
                max_score: result.max_score,
                src_digest: src_digest.to_string(),
            },
        );
        let path = Progress::path(root);
        let dir = path
            .parent()
            .expect("the progress file is inside .oxidize/");
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut file =
            tempfile::NamedTempFile::new_in(dir).context("cannot write the progress file")?;
        file.write_all(serde_json::to_string_pretty(&progress)?.as_bytes())?;
        file.persist(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_in_the_chapter_until_it_is_finished() {
        let course = Course::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).unwrap();
        let passing = |ids: &[&str]| Progress {
            exercises: ids
                .iter()
                .map(|id| {
                    let recorded = Recorded {
                        status: ExerciseStatus::Passed,
                        score: 1.0,
                        max_score: 1.0,
                        src_digest: String::new(),
                    };
                    (id.to_string(), recorded)
                })
                .collect(),
        };
        let next = |progress: &Progress, done: &str| {
            let done = course.exercise(done).unwrap();
            progress.next_after(&course, done).map(|e| e.id.clone())
        };
        // The last exercise of chapter 2, with three of it unfinished: back to the first of
        // those, not on to chapter 3.
        let skipped = passing(&["ffi-numbers", "ffi-strings", "ffi-callback"]);
        assert_eq!(
            next(&skipped, "ffi-callback").as_deref(),
            Some("ffi-panics")
        );
        // Mid-chapter, what follows in it comes first.
        assert_eq!(next(&skipped, "ffi-strings").as_deref(), Some("ffi-panics"));
        // A finished chapter: the next chapter's first unfinished exercise.
        let chapter_two = passing(&[
            "ffi-numbers",
            "ffi-strings",
            "ffi-panics",
            "ffi-stats",
            "ffi-handle",
            "ffi-callback",
        ]);
        assert_eq!(
            next(&chapter_two, "ffi-callback").as_deref(),
            Some("word-tools")
        );
    }
}
