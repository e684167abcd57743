//! Tamper evidence: `course.lock` records a SHA-256 of every file a learner must not change
//! (each exercise's tests, manifests and build script, and the files all exercises share).
//!
//! Authors refresh it with `checker lock`; `verify` fails while it is stale; `grade` gives an
//! exercise whose protected files differ 0 points as `tampered`; `check` warns the learner.
//! A learner can refresh the lock too, so it shows edits, it does not prevent them: graders who
//! need more use `grade --tests-from`, which takes every protected file from a pristine copy.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

// The SHA-256 of bytes in lowercase hex, shared with the checker's build script.
pub use crate::built_from::sha256_hex;
use crate::course::{Course, Exercise, MANIFEST};

/// The lock file, beside course.toml.
pub const LOCK: &str = "course.lock";

/// Files every exercise depends on, relative to the course root.
const SHARED: [&str; 5] = [
    MANIFEST,
    "Cargo.toml",
    ".cargo/config.toml",
    "exercises/conftest.py",
    "exercises/pytest.ini",
];

/// Relative path (with `/`) -> SHA-256.
type Hashes = BTreeMap<String, String>;

/// `course.lock` as written.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// Version of this file's format; only 1 exists.
    format_version: u32,
    /// Files that every exercise depends on.
    shared: Hashes,
    /// Each exercise's protected files, by exercise id.
    exercises: BTreeMap<String, Hashes>,
    /// The names of each exercise's hidden tests, by exercise id (only those that have some):
    /// learners' copies do not hold the tests, so `check` tells from here that they exist.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    hidden: BTreeMap<String, Vec<String>>,
}

impl Seal {
    /// How many files the seal records.
    pub fn file_count(&self) -> usize {
        self.shared.len() + self.exercises.values().map(BTreeMap::len).sum::<usize>()
    }

    /// The seal of the course's files as they are now in `root`.
    pub fn compute(course: &Course, root: &Path) -> anyhow::Result<Seal> {
        Seal::compute_for(course.exercises.iter(), root)
    }

    /// The seal of the shared files and of `exercises` only, as they are now in `root`.
    pub fn compute_for<'e>(
        exercises: impl Iterator<Item = &'e Exercise>,
        root: &Path,
    ) -> anyhow::Result<Seal> {
        let mut shared = Hashes::new();
        for file in SHARED {
            if root.join(file).is_file() {
                shared.insert(file.to_string(), hash_file(&root.join(file))?);
            }
        }
        let mut sealed = BTreeMap::new();
        for exercise in exercises {
            sealed.insert(exercise.id.clone(), protected_files(exercise, root)?);
        }
        Ok(Seal {
            format_version: 1,
            shared,
            exercises: sealed,
            hidden: BTreeMap::new(),
        })
    }

    /// The seal of the course at `root` with the names of its hidden tests, as `python` (the
    /// course venv's) parses them: what `lock` records.
    pub fn compute_with_hidden(
        course: &Course,
        root: &Path,
        python: &Path,
    ) -> anyhow::Result<Seal> {
        let mut seal = Seal::compute(course, root)?;
        for exercise in &course.exercises {
            let names = crate::expected::python_tests(python, &exercise.hidden_tests_dir(root))?;
            if !names.is_empty() {
                seal.hidden.insert(exercise.id.clone(), names);
            }
        }
        Ok(seal)
    }

    /// The names of the exercise's hidden tests, as recorded.
    pub fn hidden_tests(&self, exercise: &Exercise) -> &[String] {
        self.hidden.get(&exercise.id).map_or(&[], Vec::as_slice)
    }

    /// The recorded seal; None when there is no `course.lock`.
    pub fn load(root: &Path) -> anyhow::Result<Option<Seal>> {
        let path = root.join(LOCK);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        let seal = toml::from_str(&text).map_err(|err| {
            anyhow::anyhow!(
                "{LOCK}: {} (run `cargo checker lock` to write it anew)",
                err.message().trim_end()
            )
        })?;
        Ok(Some(seal))
    }

    /// Writes the seal to `course.lock`.
    pub fn save(&self, root: &Path) -> anyhow::Result<()> {
        let text = format!(
            "# Written by `cargo checker lock`: the SHA-256 of every file a learner must not change.\n\
             # `grade` marks an exercise whose files differ as tampered; `verify` fails while this is stale.\n{}",
            toml::to_string(self)?
        );
        let path = root.join(LOCK);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
    }

    /// The protected files of `exercise` (and the shared ones) that differ from `recorded`:
    /// changed, missing or added.
    pub fn changed_files(&self, recorded: &Seal, exercise: &Exercise) -> Vec<String> {
        let empty = Hashes::new();
        let mut changed = differences(&self.shared, &recorded.shared);
        changed.extend(differences(
            self.exercises.get(&exercise.id).unwrap_or(&empty),
            recorded.exercises.get(&exercise.id).unwrap_or(&empty),
        ));
        changed
    }
}

fn differences(now: &Hashes, recorded: &Hashes) -> Vec<String> {
    let mut files: Vec<String> = recorded
        .iter()
        .filter(|(file, hash)| now.get(*file) != Some(*hash))
        .map(|(file, _)| file.clone())
        .collect();
    files.extend(
        now.keys()
            .filter(|file| !recorded.contains_key(*file))
            .cloned(),
    );
    files.sort();
    files
}

/// Every file of the exercise crate outside `src/` (tests, Cargo.toml, build.rs, proto/, ...),
/// but the hidden tests, which learners' copies do not hold.
fn protected_files(exercise: &Exercise, root: &Path) -> anyhow::Result<Hashes> {
    let dir = exercise.dir(root);
    let hidden = exercise.hidden_tests_dir(root);
    let mut hashes = Hashes::new();
    let walk = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let in_src = entry.depth() == 1 && name == "src";
            let cache = name == "__pycache__" || name == ".pytest_cache" || name.ends_with(".pyc");
            !(in_src || cache || entry.path() == hidden)
        });
    for entry in walk {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(root)
                .expect("walkdir stays under the root");
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            hashes.insert(key, hash_file(entry.path())?);
        }
    }
    Ok(hashes)
}

/// The protected files of `exercise` (and the shared ones) that differ from `course.lock` now;
/// `None` when the course has no lock, so tampering cannot be told.
pub fn tampered_files(course: &Course, exercise: &Exercise) -> anyhow::Result<Option<Vec<String>>> {
    let Some(recorded) = Seal::load(&course.root)? else {
        return Ok(None);
    };
    Ok(Some(
        Seal::compute_for(std::iter::once(exercise), &course.root)?
            .changed_files(&recorded, exercise),
    ))
}

/// One SHA-256 over every file of the exercise's `src/` (names and contents): it changes when
/// the learner's code does, so a recorded result can be told stale.
pub fn src_digest(exercise: &Exercise, root: &Path) -> String {
    tree_digest(&exercise.dir(root).join("src"))
}

/// One SHA-256 over every file of the exercise's hidden tests (none: the digest of nothing).
pub fn hidden_digest(exercise: &Exercise, root: &Path) -> String {
    tree_digest(&exercise.hidden_tests_dir(root))
}

/// One SHA-256 over the names and contents of every regular file under `src`.
fn tree_digest(src: &Path) -> String {
    let mut all = Vec::new();
    for entry in src_files(src) {
        let relative = entry.path().strip_prefix(src).unwrap_or(entry.path());
        all.extend_from_slice(relative.as_os_str().as_encoded_bytes());
        all.push(0);
        all.extend_from_slice(hash_file(entry.path()).unwrap_or_default().as_bytes());
        all.push(b'\n');
    }
    sha256_hex(&all)
}

/// The regular files under `src`, in name order (not what a link points to, nor a pipe).
pub fn src_files(src: &Path) -> impl Iterator<Item = walkdir::DirEntry> {
    walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
}

/// SHA-256 of a file, with CRLF read as LF, so a checkout on Windows hashes the same.
fn hash_file(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut normalized = Vec::with_capacity(bytes.len());
    let mut iter = bytes.iter().peekable();
    while let Some(&byte) = iter.next() {
        if byte == b'\r' && iter.peek() == Some(&&b'\n') {
            continue;
        }
        normalized.push(byte);
    }
    Ok(sha256_hex(&normalized))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_name_changed_missing_and_added_files() {
        let recorded: Hashes = [("a", "1"), ("b", "2"), ("c", "3")]
            .map(|(k, v)| (k.into(), v.into()))
            .into();
        let now: Hashes = [("a", "1"), ("b", "9"), ("d", "4")]
            .map(|(k, v)| (k.into(), v.into()))
            .into();
        assert_eq!(differences(&now, &recorded), ["b", "c", "d"]);
    }

    #[test]
    fn line_endings_do_not_change_a_hash() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("unix"), "a\nb\n").unwrap();
        std::fs::write(dir.path().join("windows"), "a\r\nb\r\n").unwrap();
        assert_eq!(
            hash_file(&dir.path().join("unix")).unwrap(),
            hash_file(&dir.path().join("windows")).unwrap()
        );
    }
}
