//! Copies: the learners whose `src/` of an exercise is the same as another learner's, byte for
//! byte or but for whitespace and comments, the starter code left out (every learner who did not
//! touch an exercise has the same `src/`). A name here is a place to look, not a verdict: a
//! short exercise has few ways to be solved.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use super::Submission;
use crate::course::{Course, Exercise};
use crate::integrity::{sha256_hex, src_digest, src_files};

/// Past this size a file counts by its bytes alone (nobody writes a megabyte of `src/` by hand).
const READ_LIMIT: u64 = 1 << 20;

/// For each submission (`None`: not to compare, e.g. no commit by the deadline), the learners
/// whose `src/` it shares, by exercise: `add: same src/ as bob (identical), carol (but for
/// whitespace and comments)`.
pub fn same_src(pristine: &Course, submissions: &[Option<&Submission>]) -> Vec<Vec<String>> {
    let mut notes = vec![Vec::new(); submissions.len()];
    for exercise in &pristine.exercises {
        let starter = loose_digest(exercise, &pristine.root);
        let mut alike: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (i, submission) in submissions.iter().enumerate() {
            let Some(submission) = submission else {
                continue;
            };
            let Some(loose) = loose_digest(exercise, &submission.root) else {
                continue;
            };
            if Some(&loose) != starter.as_ref() {
                let exact = src_digest(exercise, &submission.root);
                alike.entry(loose).or_default().push((i, exact));
            }
        }
        for group in alike.values().filter(|group| group.len() > 1) {
            for (i, exact) in group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|(j, _)| j != i)
                    .map(|(j, other)| {
                        let how = if other == exact {
                            "identical"
                        } else {
                            "but for whitespace and comments"
                        };
                        let name = submissions[*j].map_or("", |s| s.name.as_str());
                        format!("{name} ({how})")
                    })
                    .collect();
                notes[*i].push(format!(
                    "{}: same src/ as {}",
                    exercise.id,
                    others.join(", ")
                ));
            }
        }
    }
    notes
}

/// A digest of the exercise's `src/` in `root` that whitespace and comments do not change: each
/// Rust file as the tokens Rust reads (comments dropped, spacing made uniform), any other file
/// with its runs of whitespace made one space. `None` without a `src/` folder.
fn loose_digest(exercise: &Exercise, root: &Path) -> Option<String> {
    let src = exercise.dir(root).join("src");
    if !src.is_dir() {
        return None;
    }
    let mut all = String::new();
    for entry in src_files(&src) {
        let relative = entry.path().strip_prefix(&src).unwrap_or(entry.path());
        all += &relative.to_string_lossy().replace('\\', "/");
        all.push('\0');
        all += &loose_text(entry.path());
        all.push('\n');
    }
    Some(sha256_hex(all.as_bytes()))
}

fn loose_text(path: &Path) -> String {
    let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
    let Some(bytes) = (size <= READ_LIMIT)
        .then(|| std::fs::read(path).ok())
        .flatten()
    else {
        return format!("unread {size}");
    };
    let text = String::from_utf8_lossy(&bytes);
    let is_rust = path.extension().is_some_and(|e| e == "rs");
    match is_rust
        .then(|| proc_macro2::TokenStream::from_str(&text).ok())
        .flatten()
    {
        Some(tokens) => tokens.to_string(),
        None => text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::loose_text;

    #[test]
    fn rust_is_compared_as_its_tokens_and_other_text_by_its_words() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            loose_text(&path)
        };
        assert_eq!(
            write(
                "a.rs",
                "// mine\nfn add(a: i32, b: i32) -> i32 {\n    a + b /* sum */\n}\n"
            ),
            write("b.rs", "fn add(a:i32,b:i32)->i32{a+b}")
        );
        assert_ne!(
            write("c.rs", "fn add(a: i32) -> i32 { a }"),
            write("d.rs", "fn add(b: i32) -> i32 { b }")
        );
        // A string keeps its spaces: it is what the program prints.
        assert_ne!(
            write("e.rs", r#"const S: &str = "a  b";"#),
            write("f.rs", r#"const S: &str = "a b";"#)
        );
        assert_eq!(
            write("g.py", "x = 1\n\n\ny =  2\n"),
            write("h.py", "x = 1\ny = 2")
        );
    }
}
