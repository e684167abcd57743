//! The pytest command lines the checker runs: the whole suite, one test alone, and collection.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::Context;

use crate::run::{self, Deadline, Limits, Sandbox};
use crate::workspace::Workspace;

/// One pytest run's setting: where the tests are and what the environment tells them.
pub struct PytestRun<'a> {
    pub workspace: &'a Workspace,
    /// The exercise's `python/tests` directory.
    pub tests_dir: PathBuf,
    /// Variables that tell the tests where the built code is (`OXIDIZE_BIN`, ...).
    pub env: Vec<(String, String)>,
    pub deadline: Deadline,
    pub output_cap: usize,
    /// Limits on the learner code that the tests run.
    pub sandbox: Sandbox,
}

impl PytestRun<'_> {
    /// pytest's root: the course root, so that the paths it reports are the ones a learner
    /// sees there. Its settings and shared fixtures are in `exercises/`.
    pub(super) fn rootdir(&self) -> PathBuf {
        self.workspace.root.clone()
    }

    /// `capture_sys`: let output written straight to file descriptors through, so that when the
    /// process dies, Rust's panic message is in its stderr (pytest drops what it captured).
    pub(super) fn command(&self, junit: &Path, targets: &[String], capture_sys: bool) -> Command {
        let rootdir = self.rootdir();
        let mut cmd = Command::new(self.workspace.python());
        cmd.current_dir(&rootdir)
            .args([
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-o",
                "junit_family=xunit1",
            ])
            .args([
                "-o",
                "junit_logging=all",
                "-o",
                "verbosity_assertions=2",
                // The failing line and pytest's `E` lines, without the fixtures' values.
                "--tb=short",
                "-c",
            ])
            .arg(rootdir.join("exercises").join("pytest.ini"))
            .arg("--rootdir")
            .arg(&rootdir)
            .arg("--junitxml")
            .arg(junit)
            .args(if capture_sys {
                &["--capture=sys"][..]
            } else {
                &[]
            })
            .args(targets)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("RUST_BACKTRACE", "0")
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    pub(super) fn limits(&self) -> Limits {
        self.deadline
            .limits(self.output_cap, Duration::from_secs(1))
    }
}

/// The node ids of the suite's tests, as `pytest --collect-only -q` prints them.
pub(super) fn collect_ids(run: &PytestRun) -> anyhow::Result<Vec<String>> {
    let rootdir = run.rootdir();
    let mut cmd = Command::new(run.workspace.python());
    cmd.current_dir(&rootdir)
        .args([
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
        ])
        .arg(rootdir.join("exercises").join("pytest.ini"))
        .arg("--rootdir")
        .arg(&rootdir)
        .arg(&run.tests_dir)
        .envs(run.env.iter().map(|(k, v)| (k, v)));
    let finished = run::run_sandboxed(cmd, run.limits(), &run.sandbox)
        .context("failed to run pytest --collect-only")?;
    Ok(finished
        .stdout
        .text()
        .lines()
        .filter(|line| line.contains("::") && !line.starts_with(' '))
        .map(str::to_string)
        .collect())
}
