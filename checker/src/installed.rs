//! A checker installed the way rustlings is (`cargo install --path checker --locked`) answers
//! without the tenth of a second that `cargo run` spends finding it up to date. But nothing
//! rebuilds it when the course's checker changes (a `git pull`): so an installed checker built
//! from other sources than the checker of the course it runs in refuses to run, and says how to
//! update it. It compares contents, not times: a checkout that rewrites a file unchanged is no
//! change, and a file restored with an old time is one. A checker inside cargo's target
//! directory (`cargo checker`, the tests) is cargo's to keep fresh, and is not asked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::built_from::sources_of;

// `BUILT_FROM`: what build.rs found this binary's sources to be.
include!(concat!(env!("OUT_DIR"), "/built_from.rs"));

/// One SHA-256 over every source this checker was built from: a result graded by another
/// checker is not reused (`reuse`).
pub fn own_digest() -> String {
    let listing: String = BUILT_FROM
        .iter()
        .map(|(path, digest)| format!("{path} {digest}\n"))
        .collect();
    crate::built_from::sha256_hex(listing.as_bytes())
}

/// The first file, in path order, that differs between what a checker was built from and the
/// course's checker sources now: changed, added or removed.
fn first_difference(built: &[(&str, &str)], now: &[(String, String)]) -> Option<String> {
    let built: BTreeMap<&str, &str> = built.iter().copied().collect();
    let now: BTreeMap<&str, &str> = now.iter().map(|(p, d)| (p.as_str(), d.as_str())).collect();
    let paths: BTreeSet<&str> = built.keys().chain(now.keys()).copied().collect();
    paths
        .into_iter()
        .find_map(|path| match (built.get(path), now.get(path)) {
            (Some(was), Some(is)) if was == is => None,
            (Some(_), Some(_)) => Some(format!("{path} changed")),
            (Some(_), None) => Some(format!("{path} is gone")),
            (None, _) => Some(format!("{path} is new")),
        })
}

/// Whether `exe` lies in a cargo target directory (`target/debug`, `target/release`), where
/// cargo keeps the fingerprints by which it rebuilds what changed.
fn in_target_dir(exe: &Path) -> bool {
    exe.parent()
        .is_some_and(|dir| dir.join(".fingerprint").is_dir())
}

/// An error when this checker is installed and was built from other sources than the checker
/// of the course at `course_root`; nothing to do for a course without them.
pub fn ensure_current(course_root: &Path) -> anyhow::Result<()> {
    let Ok(exe) = std::env::current_exe() else {
        return Ok(());
    };
    let checker_dir = course_root.join("checker");
    if in_target_dir(&exe) || !checker_dir.join("Cargo.toml").is_file() {
        return Ok(());
    }
    match first_difference(BUILT_FROM, &sources_of(&checker_dir)) {
        None => Ok(()),
        Some(difference) => anyhow::bail!(
            "this checker ({}) was built from other sources than the course's checker has now \
             (checker/{difference}): install it again with \
             `cargo install --path checker --locked` at the course root, or run \
             `cargo checker`, which rebuilds it when its sources change",
            exe.display(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now(files: &[(&str, &str)]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|(path, digest)| (path.to_string(), digest.to_string()))
            .collect()
    }

    #[test]
    fn the_first_changed_added_or_removed_file_is_named_and_none_when_all_are_the_same() {
        let built = [("Cargo.toml", "1"), ("src/a.rs", "2"), ("src/c.rs", "3")];
        assert_eq!(first_difference(&built, &now(&built)), None);
        let changed = now(&[("Cargo.toml", "1"), ("src/a.rs", "9"), ("src/c.rs", "3")]);
        assert_eq!(
            first_difference(&built, &changed).as_deref(),
            Some("src/a.rs changed")
        );
        let added = now(&[
            ("Cargo.toml", "1"),
            ("src/a.rs", "2"),
            ("src/b.rs", "4"),
            ("src/c.rs", "3"),
        ]);
        assert_eq!(
            first_difference(&built, &added).as_deref(),
            Some("src/b.rs is new")
        );
        let removed = now(&[("Cargo.toml", "1"), ("src/a.rs", "2")]);
        assert_eq!(
            first_difference(&built, &removed).as_deref(),
            Some("src/c.rs is gone")
        );
    }

    #[test]
    fn this_binary_was_built_from_the_checker_sources_beside_it() {
        let checker_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(first_difference(BUILT_FROM, &sources_of(checker_dir)), None);
        assert!(
            BUILT_FROM
                .iter()
                .any(|(path, _)| *path == "src/installed.rs")
        );
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
