//! How long each exercise took to grade the last time, kept in the target directory, so that a
//! `grade` with several jobs starts the longest first: the short ones then fill in behind, and
//! no job is left with a long exercise at the end while the others idle.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;

use crate::course::Exercise;
use crate::result::ExerciseResult;
use crate::workspace::Workspace;

/// In the target directory: each exercise's last grading time, in milliseconds.
const FILE: &str = "oxidize-durations.json";

#[derive(Debug, Default)]
pub struct Durations {
    milliseconds: BTreeMap<String, u64>,
}

impl Durations {
    /// The durations recorded for `workspace`; none when there is no record or it is unreadable
    /// (it only orders the work, so it never stops it).
    pub fn load(workspace: &Workspace) -> Durations {
        let milliseconds = std::fs::read(path(workspace))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Durations { milliseconds }
    }

    /// Adds the times of `graded` to the record, replacing (with a rename) the file, so that
    /// two grades sharing a target directory never read half of one.
    pub fn record(
        mut self,
        workspace: &Workspace,
        graded: &[ExerciseResult],
    ) -> anyhow::Result<()> {
        for result in graded {
            self.milliseconds
                .insert(result.id.clone(), result.duration_ms);
        }
        let file = path(workspace);
        let dir = file
            .parent()
            .context("the target directory has no parent")?;
        std::fs::create_dir_all(dir)?;
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer(&mut temp, &self.milliseconds)?;
        temp.persist(&file)
            .with_context(|| format!("cannot write {}", file.display()))?;
        Ok(())
    }

    /// The positions in `exercises` in the order to grade them: the longest recorded first.
    /// Exercises never timed come before all others (they may be long; a classroom's CI grades
    /// on a fresh machine every time), the longest time limit first among them: the course's
    /// own word for how long an exercise's tests may take (the one that builds a wheel in its
    /// tests has 900 s), then release builds (a speed-graded exercise runs its suites one
    /// after the other). Ties keep the course's order.
    pub fn longest_first(&self, exercises: &[&Exercise]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..exercises.len()).collect();
        order.sort_by_key(|&i| {
            let exercise = exercises[i];
            match self.milliseconds.get(&exercise.id) {
                None => (
                    0,
                    Reverse(exercise.time_limit),
                    !exercise.release,
                    Reverse(0),
                ),
                Some(&ms) => (1, Reverse(Duration::ZERO), false, Reverse(ms)),
            }
        });
        order
    }
}

fn path(workspace: &Workspace) -> PathBuf {
    workspace.target_dir.join(FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(id: &str, release: bool) -> Exercise {
        limited(id, release, 60)
    }

    fn limited(id: &str, release: bool, time_limit_secs: u64) -> Exercise {
        Exercise {
            id: id.to_string(),
            chapter: 1,
            title: id.to_string(),
            path: format!("exercises/{id}"),
            kind: crate::kind::Kind::Rust,
            points: 1,
            hint: String::new(),
            hint_more: None,
            time_limit: Duration::from_secs(time_limit_secs),
            release,
            page: None,
        }
    }

    #[test]
    fn the_longest_go_first_and_those_never_timed_before_them() {
        let course = [
            exercise("a", false),
            exercise("b", false),
            exercise("c", false),
            exercise("d", false),
            exercise("e", true),
        ];
        let exercises: Vec<&Exercise> = course.iter().collect();
        let durations = Durations {
            milliseconds: [("a", 100), ("b", 900), ("d", 500)]
                .map(|(id, ms)| (id.to_string(), ms))
                .into(),
        };
        assert_eq!(durations.longest_first(&exercises), [4, 2, 1, 3, 0]);
    }

    #[test]
    fn recorded_times_are_read_back_and_a_broken_record_is_no_record() {
        let temp = tempfile::tempdir().unwrap();
        let workspace = Workspace {
            root: temp.path().to_path_buf(),
            target_dir: temp.path().join("target"),
            venv: temp.path().join(".venv"),
            reuses_installs: true,
            hidden: None,
        };
        let graded = |id: &str, ms| {
            let status = crate::result::ExerciseStatus::Passed;
            ExerciseResult::without_tests(&exercise(id, false), status, String::new(), ms)
        };
        Durations::load(&workspace)
            .record(&workspace, &[graded("a", 10), graded("b", 20)])
            .unwrap();
        Durations::load(&workspace)
            .record(&workspace, &[graded("a", 30)])
            .unwrap();
        let read = Durations::load(&workspace).milliseconds;
        assert_eq!(read, [("a".to_string(), 30), ("b".to_string(), 20)].into());

        std::fs::write(path(&workspace), "not json").unwrap();
        assert!(Durations::load(&workspace).milliseconds.is_empty());
    }

    #[test]
    fn with_nothing_recorded_the_longest_time_limit_goes_first_then_release_builds() {
        let course = [
            exercise("a", false),
            exercise("b", true),
            exercise("c", false),
            limited("d", false, 900),
            limited("e", false, 120),
            limited("f", true, 120),
        ];
        let exercises: Vec<&Exercise> = course.iter().collect();
        assert_eq!(
            Durations::default().longest_first(&exercises),
            [3, 5, 4, 1, 0, 2]
        );
    }
}
