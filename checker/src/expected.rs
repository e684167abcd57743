//! What is graded, fixed before any learner code runs: the tests each exercise is expected to
//! have, read from its test sources (which `course.lock` seals, or the pristine course holds in
//! instructor mode), never from what a built binary or a pytest run says it has. Code that
//! runs before `main` in a learner-linked test binary can list, and "pass", any test it likes.

use std::path::Path;

use anyhow::Context;

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

/// The test functions of a Rust test file, parsed (not read line by line: a `#[test]` in a
/// string or a comment is none), as libtest names them: `module::function` inside a module. A
/// test is a function with an attribute whose last segment is `test`: `#[test]`,
/// `#[tokio::test(...)]`. A file that does not parse has none (it does not build either).
fn rust_test_names(source: &str) -> Vec<String> {
    fn collect(items: &[syn::Item], prefix: &str, names: &mut Vec<String>) {
        for item in items {
            match item {
                syn::Item::Fn(function) if function.attrs.iter().any(is_test_attribute) => {
                    names.push(format!("{prefix}{}", function.sig.ident));
                }
                syn::Item::Mod(module) => {
                    if let Some((_, items)) = &module.content {
                        collect(items, &format!("{prefix}{}::", module.ident), names);
                    }
                }
                _ => {}
            }
        }
    }
    let mut names = Vec::new();
    if let Ok(file) = syn::parse_file(source) {
        collect(&file.items, "", &mut names);
    }
    names
}

fn is_test_attribute(attribute: &syn::Attribute) -> bool {
    attribute
        .path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "test")
}

/// Lists the tests pytest collects from the files given, in their order: functions named
/// `test*` at a module's top level, and methods named `test*` of its classes named `Test*`
/// (pytest's defaults). Python's own parser reads them, so a `def test_` inside a string or a
/// nested function is none.
const PYTHON_TEST_NAMES: &str = r#"
import ast, json, sys
names = []
functions = (ast.FunctionDef, ast.AsyncFunctionDef)
for path in sys.argv[1:]:
    with open(path, "rb") as source:
        tree = ast.parse(source.read(), filename=path)
    for node in tree.body:
        if isinstance(node, functions) and node.name.startswith("test"):
            names.append(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names.extend(m.name for m in node.body if isinstance(m, functions) and m.name.startswith("test"))
print(json.dumps(names))
"#;

/// The tests of the `test_*.py` files under `dir` (in name order), as `python` (the course's
/// venv) parses them.
pub fn python_tests(python: &Path, dir: &Path) -> anyhow::Result<Vec<String>> {
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            e.file_type().is_file() && name.starts_with("test_") && name.ends_with(".py")
        })
        .map(|e| e.into_path())
        .collect();
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let output = std::process::Command::new(python)
        .arg("-I")
        .arg("-c")
        .arg(PYTHON_TEST_NAMES)
        .args(&files)
        .stdin(std::process::Stdio::null())
        .output()
        .with_context(|| format!("cannot run {} to read the Python tests", python.display()))?;
    if !output.status.success() {
        anyhow::bail!(
            "Python could not read the tests in {}: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    serde_json::from_slice(&output.stdout).context("Python's list of the tests is not JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_test_names_are_the_fns_under_test_attributes() {
        let source = "use x;\n\n#[test]\nfn adds() {}\n\nfn helper() {}\n\n#[tokio::test(start_paused = true)]\n#[allow(unused)]\nasync fn waits() {}\n";
        assert_eq!(rust_test_names(source), ["adds", "waits"]);
    }

    #[test]
    fn rust_tests_are_parsed_not_scanned_line_by_line() {
        // A `#[test]` in a string or a comment is none; one in a module is named as libtest
        // names it; rustfmt's layout does not matter.
        let source = r##"
const TEXT: &str = "
#[test]
fn not_a_test() {}
";
// #[test]
// fn commented_out() {}
#[test] fn on_one_line() { assert!(true) }
mod groups {
    #[test]
    fn inside_a_module() {}
    #[cfg(test)]
    fn configured_not_tested() {}
}
"##;
        assert_eq!(
            rust_test_names(source),
            ["on_one_line", "groups::inside_a_module"]
        );
    }
}
