//! Results reused across learners and runs: in instructor mode, an exercise graded before from
//! the same learner `src/`, the same pristine course (the files a learner must not change, the
//! hidden tests and their seed) and the same checker gets the result recorded then, without
//! being built or run again. Most of a mid-term class's exercises are untouched starter code,
//! and many submissions of an exercise are byte-identical.
//!
//! The store is the instructor's folder (`grade --results-cache`, `grade-class`'s output):
//! learner code, which writes only its own scratch space, never reaches it.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::course::{Course, Exercise};
use crate::integrity::{Seal, hidden_digest, sha256_hex, src_digest};
use crate::result::{ExerciseResult, ExerciseStatus};

/// A folder of results, one file per key.
pub struct ResultStore {
    dir: PathBuf,
}

impl ResultStore {
    pub fn open(dir: &Path) -> anyhow::Result<ResultStore> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the results cache {}", dir.display()))?;
        Ok(ResultStore {
            dir: dir.to_path_buf(),
        })
    }

    /// What the result of `exercise` depends on, as one digest: in `graded` (the pristine
    /// course with the learner's `src/` folders in it) the files a learner must not change
    /// (those all exercises share, `course.toml` with its limits among them) and the learner's
    /// `src/`; the hidden tests in `hidden_root` (the pristine course), and their seed; this
    /// checker, and the system it runs on.
    pub fn key(
        graded: &Course,
        exercise: &Exercise,
        hidden_root: &Path,
        seed: u64,
    ) -> anyhow::Result<String> {
        let seal = Seal::compute_for(std::iter::once(exercise), &graded.root)?;
        let text = format!(
            "exercise {}\nchecker {}\nsystem {} {}\nseed {seed}\nhidden {}\nsrc {}\n{}",
            exercise.id,
            crate::installed::own_digest(),
            std::env::consts::OS,
            std::env::consts::ARCH,
            hidden_digest(exercise, hidden_root),
            src_digest(exercise, &graded.root),
            toml::to_string(&seal)?,
        );
        Ok(sha256_hex(text.as_bytes()))
    }

    /// The result recorded under `key`, if there is one that reads back whole.
    pub fn get(&self, key: &str, exercise: &Exercise) -> Option<ExerciseResult> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        let result: ExerciseResult = serde_json::from_str(&text).ok()?;
        (result.id == exercise.id).then_some(result)
    }

    /// Records `result` under `key`, unless it says more about this run than about the code:
    /// the checker failing (`not_run`), or a time limit, which a busy machine can cause.
    pub fn put(&self, key: &str, result: &ExerciseResult) -> anyhow::Result<()> {
        if matches!(
            result.status,
            ExerciseStatus::NotRun | ExerciseStatus::Timeout
        ) {
            return Ok(());
        }
        let file = tempfile::NamedTempFile::new_in(&self.dir)
            .with_context(|| format!("cannot write in {}", self.dir.display()))?;
        serde_json::to_writer(&file, result)?;
        file.persist(self.path(key))
            .with_context(|| format!("cannot write {}", self.path(key).display()))?;
        Ok(())
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }
}
