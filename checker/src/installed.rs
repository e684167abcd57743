//! A checker installed the way rustlings is (`cargo install --path checker --locked`) answers
//! without the tenth of a second that `cargo run` spends finding it up to date. But nothing
//! rebuilds it when the course's checker changes (a `git pull`): so an installed checker that
//! is older than the checker sources of the course it runs in refuses to run, and says how to
//! update it. A checker inside cargo's target directory (`cargo checker`, the tests) is cargo's
//! to keep fresh, and is not asked.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the checker binary is built from, in a course: its sources and its manifest.
fn sources(course_root: &Path) -> impl Iterator<Item = PathBuf> {
    let checker = course_root.join("checker");
    walkdir::WalkDir::new(checker.join("src"))
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .chain([checker.join("Cargo.toml")])
}

/// The most recently changed of the course's checker sources changed after `built`, if one was.
fn changed_since(course_root: &Path, built: SystemTime) -> Option<PathBuf> {
    sources(course_root)
        .filter_map(|path| Some((std::fs::metadata(&path).ok()?.modified().ok()?, path)))
        .filter(|(modified, _)| *modified > built)
        .max_by_key(|(modified, _)| *modified)
        .map(|(_, path)| path)
}

/// Whether `exe` lies in a cargo target directory (`target/debug`, `target/release`), where
/// cargo keeps the fingerprints by which it rebuilds what changed.
fn in_target_dir(exe: &Path) -> bool {
    exe.parent()
        .is_some_and(|dir| dir.join(".fingerprint").is_dir())
}

/// An error when this checker is installed and older than the checker sources of the course at
/// `course_root`; nothing to do for a course without them.
pub fn ensure_current(course_root: &Path) -> anyhow::Result<()> {
    let Ok(exe) = std::env::current_exe() else {
        return Ok(());
    };
    if in_target_dir(&exe) {
        return Ok(());
    }
    let Some(built) = std::fs::metadata(&exe).and_then(|m| m.modified()).ok() else {
        return Ok(());
    };
    match changed_since(course_root, built) {
        None => Ok(()),
        Some(source) => anyhow::bail!(
            "this checker ({}) was installed before the course's checker changed ({} is newer): \
             install it again with `cargo install --path checker --locked` at the course root, \
             or run `cargo checker`, which rebuilds it when its sources change",
            exe.display(),
            source
                .strip_prefix(course_root)
                .unwrap_or(&source)
                .display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_source_changed_after_the_build_is_named_and_none_before_it() {
        let course = tempfile::tempdir().unwrap();
        let src = course.path().join("checker").join("src");
        std::fs::create_dir_all(src.join("commands")).unwrap();
        std::fs::write(course.path().join("checker").join("Cargo.toml"), "").unwrap();
        std::fs::write(src.join("main.rs"), "").unwrap();
        let nested = src.join("commands").join("check.rs");
        std::fs::write(&nested, "").unwrap();

        let later = SystemTime::now() + Duration::from_secs(3600);
        assert_eq!(changed_since(course.path(), later), None);

        let file = std::fs::File::options().write(true).open(&nested).unwrap();
        file.set_modified(later + Duration::from_secs(60)).unwrap();
        assert_eq!(changed_since(course.path(), later), Some(nested));
    }

    #[test]
    fn a_binary_beside_cargo_fingerprints_is_in_a_target_directory() {
        let target = tempfile::tempdir().unwrap();
        let exe = target.path().join("checker");
        assert!(!in_target_dir(&exe));
        std::fs::create_dir(target.path().join(".fingerprint")).unwrap();
        assert!(in_target_dir(&exe));
    }
}
