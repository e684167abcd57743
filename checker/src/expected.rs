//! What is graded, fixed before any learner code runs: the tests each exercise is expected to
//! have, read from its test sources (which `course.lock` seals, or the pristine course holds in
//! instructor mode), never from what a built binary or a pytest run says it has. Code that
//! runs before `main` in a learner-linked test binary can list, and "pass", any test it likes.

use std::path::Path;

use crate::course::Exercise;

/// The Rust tests of one integration-test file (`tests/<stem>.rs`): the binary cargo builds
/// from it is `<stem>-<hash>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustTestFile {
    pub stem: String,
    pub names: Vec<String>,
}

/// The Rust tests of `exercise` in the course at `root`, file by file, in name order.
pub fn rust_tests(exercise: &Exercise, root: &Path) -> Vec<RustTestFile> {
    let dir = exercise.dir(root).join("tests");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| RustTestFile {
            stem: path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            names: rust_test_names(&std::fs::read_to_string(path).unwrap_or_default()),
        })
        .collect()
}

/// The functions that follow a `#[test]` or `#[tokio::test...]` attribute (other attributes
/// may stand between), as libtest names them: the course's test files hold no modules.
fn rust_test_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = false;
    for line in source.lines().map(str::trim_start) {
        if line.starts_with("#[test]") || line.starts_with("#[tokio::test") {
            pending = true;
        } else if pending && !line.starts_with("#[") && !line.is_empty() {
            let after = line
                .strip_prefix("async fn ")
                .or_else(|| line.strip_prefix("fn "));
            if let Some(rest) = after {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                names.push(rest[..end].to_string());
            }
            pending = false;
        }
    }
    names
}

/// The names of the test functions written in the `test_*.py` files under `dir`.
pub fn python_tests(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let files = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten();
    for file in files.filter(|e| {
        let name = e.file_name().to_string_lossy();
        name.starts_with("test_") && name.ends_with(".py")
    }) {
        let text = std::fs::read_to_string(file.path()).unwrap_or_default();
        for line in text.lines() {
            let line = line.trim_start();
            let line = line.strip_prefix("async ").unwrap_or(line);
            if let Some(rest) = line.strip_prefix("def test_") {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                names.push(format!("test_{}", &rest[..end]));
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_test_names_are_the_fns_under_test_attributes() {
        let source = "use x;\n\n#[test]\nfn adds() {}\n\nfn helper() {}\n\n#[tokio::test(start_paused = true)]\n#[allow(unused)]\nasync fn waits() {}\n";
        assert_eq!(rust_test_names(source), ["adds", "waits"]);
    }
}
