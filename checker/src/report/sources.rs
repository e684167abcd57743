//! Where each test is written, and its text, read from the course's test files: the formats
//! whose consumers place a test in its file (JUnit's `file` and `line`, the GitHub
//! annotations) or show its code (exercism's `test_code`). The result model does not carry
//! them, so a report rendered without the course simply leaves them out.

use std::collections::HashMap;
use std::path::Path;

use crate::course::Course;
use crate::result::{Suite, TestResult};

/// One test function in a test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestSource {
    /// Relative to the course root, with `/` on every system (as repositories name files).
    pub file: String,
    /// The line of its `fn` or `def`, from 1.
    pub line: u32,
    /// The function's text, from its `fn` or `def` line to its end.
    pub code: String,
}

/// The test functions of a course, by exercise, suite and name.
#[derive(Debug, Default)]
pub struct TestSources {
    tests: HashMap<(String, &'static str, String), TestSource>,
}

impl TestSources {
    /// No sources: a report rendered without the course.
    pub fn none() -> TestSources {
        TestSources::default()
    }

    /// Every test function in the course's test files (an unreadable file has none).
    pub fn read(course: &Course) -> TestSources {
        let mut tests = HashMap::new();
        for exercise in &course.exercises {
            let mut add = |suite: Suite, path: &Path, found: Vec<(String, u32, String)>| {
                let file = relative(&course.root, path);
                for (name, line, code) in found {
                    let source = TestSource {
                        file: file.clone(),
                        line,
                        code,
                    };
                    tests
                        .entry((exercise.id.clone(), suite.as_str(), name))
                        .or_insert(source);
                }
            };
            let rust_files = std::fs::read_dir(exercise.dir(&course.root).join("tests"))
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "rs"));
            for path in rust_files {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                add(Suite::Rust, &path, rust_functions(&text));
            }
            let python_files = walkdir::WalkDir::new(exercise.python_tests_dir(&course.root))
                .into_iter()
                .flatten()
                .filter(|e| {
                    let name = e.file_name().to_string_lossy();
                    name.starts_with("test_") && name.ends_with(".py")
                });
            for entry in python_files {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                add(Suite::Python, entry.path(), python_functions(&text));
            }
        }
        TestSources { tests }
    }

    /// The source of `test` of exercise `exercise`; a parametrized pytest case
    /// (`test_x[2-3]`) is its function's.
    pub fn get(&self, exercise: &str, test: &TestResult) -> Option<&TestSource> {
        let name = test.name.split('[').next().unwrap_or(&test.name);
        self.tests
            .get(&(exercise.to_string(), test.suite.as_str(), name.to_string()))
    }
}

/// `path` relative to `root`, its parts joined with `/`.
fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The width of a line's leading whitespace.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The identifier at the start of `text`.
fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// `(name, line, text)` of each function under a `#[test]` or `#[tokio::test...]` attribute.
/// Its text ends at the `}` indented as its `fn` line is (the course's tests are
/// rustfmt-formatted), or on that line for a one-line function.
fn rust_functions(source: &str) -> Vec<(String, u32, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    let mut pending = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[test]") || trimmed.starts_with("#[tokio::test") {
            pending = true;
            continue;
        }
        if !pending || trimmed.starts_with("#[") || trimmed.is_empty() {
            continue;
        }
        pending = false;
        let Some(rest) = trimmed
            .strip_prefix("async fn ")
            .or_else(|| trimmed.strip_prefix("fn "))
        else {
            continue;
        };
        let one_line = line.contains('{') && line.matches('{').count() == line.matches('}').count();
        let end = if one_line {
            i
        } else {
            let closing = format!("{}}}", &line[..indent(line)]);
            (i + 1..lines.len())
                .find(|&j| lines[j].trim_end() == closing)
                .unwrap_or(lines.len() - 1)
        };
        found.push((
            identifier(rest).to_string(),
            i as u32 + 1,
            lines[i..=end].join("\n"),
        ));
    }
    found
}

/// `(name, line, text)` of each `def test_...` (or `async def`): its text ends before the
/// next line indented no deeper than the `def`.
fn python_functions(source: &str) -> Vec<(String, u32, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("async ").unwrap_or(trimmed);
        let Some(rest) = trimmed.strip_prefix("def ") else {
            continue;
        };
        let name = identifier(rest);
        if !name.starts_with("test_") {
            continue;
        }
        let body_end = (i + 1..lines.len())
            .find(|&j| !lines[j].trim().is_empty() && indent(lines[j]) <= indent(line))
            .unwrap_or(lines.len());
        let text = lines[i..body_end].join("\n");
        found.push((name.to_string(), i as u32 + 1, text.trim_end().to_string()));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rust_test_is_its_function_from_fn_to_its_closing_brace() {
        let source = "use x;\n\n#[test]\nfn adds() {\n    let s = \"}\";\n    assert_eq!(f(), 2);\n}\n\n#[tokio::test]\n#[allow(unused)]\nasync fn waits() {}\n\nfn helper() {}\n";
        assert_eq!(
            rust_functions(source),
            [
                (
                    "adds".to_string(),
                    4,
                    "fn adds() {\n    let s = \"}\";\n    assert_eq!(f(), 2);\n}".to_string()
                ),
                ("waits".to_string(), 11, "async fn waits() {}".to_string()),
            ]
        );
    }

    #[test]
    fn a_python_test_is_its_def_and_the_lines_indented_under_it() {
        let source = "import x\n\ndef test_adds(fixture):\n    a = 1\n\n    assert a == 1\n\n\ndef helper():\n    pass\n\nclass TestGroup:\n    async def test_waits(self):\n        await x()\n    def other(self): pass\n";
        assert_eq!(
            python_functions(source),
            [
                (
                    "test_adds".to_string(),
                    3,
                    "def test_adds(fixture):\n    a = 1\n\n    assert a == 1".to_string()
                ),
                (
                    "test_waits".to_string(),
                    13,
                    "    async def test_waits(self):\n        await x()".to_string()
                ),
            ]
        );
    }
}
