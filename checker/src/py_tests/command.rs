//! The pytest command lines the checker runs: the whole suite, one test alone, and collection.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::Context;

use crate::activity::Activity;
use crate::kind::Kind;
use crate::run::{self, Deadline, Finished, Limits, Sandbox};
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
    /// `capture_sys`: let output written straight to file descriptors through, so that when the
    /// process dies, Rust's panic message is in its stderr (pytest drops what it captured).
    pub(super) fn command(&self, junit: &Path, targets: &[String], capture_sys: bool) -> Command {
        let mut cmd = python_in_rootdir(self.workspace);
        // Not primed, and nothing imported ahead.
        cmd.args(["-c", LAUNCHER, "", ""])
            .args(arguments(self.workspace, junit, targets, capture_sys))
            .envs(ENV)
            .envs(self.env_with_news());
        cmd
    }

    /// Where the shared conftest writes the name of the test that runs now
    /// (`OXIDIZE_NOW_RUNNING`): in the run's own temporary directory.
    pub(super) fn now_running_file(&self) -> PathBuf {
        self.sandbox.temp.join("oxidize-now-running")
    }

    /// The tests' environment, with where to say which test runs now.
    pub(super) fn env_with_news(&self) -> Vec<(String, String)> {
        let mut env = self.env.clone();
        let file = self.now_running_file().to_string_lossy().into_owned();
        env.push(("OXIDIZE_NOW_RUNNING".to_string(), file));
        env
    }

    pub(super) fn limits(&self) -> Limits {
        self.deadline
            .limits(self.output_cap, Duration::from_secs(1))
    }
}

/// Set for every pytest run: no `.pyc` files written into the course, Rust's panics without
/// backtraces, and Python's UTF-8 mode: on Windows Python's default encoding is the ANSI code
/// page (cp1252), so text sent to a Rust program, or a `.pyi` read with `read_text()`, was not
/// the UTF-8 that Rust and the course's files are (the portability check found it).
const ENV: [(&str, &str); 3] = [
    ("PYTHONDONTWRITEBYTECODE", "1"),
    ("RUST_BACKTRACE", "0"),
    ("PYTHONUTF8", "1"),
];

/// The venv's Python, in pytest's root: the course root, so that the paths pytest reports are
/// the ones a learner sees there.
fn python_in_rootdir(workspace: &Workspace) -> Command {
    let mut cmd = Command::new(workspace.python());
    cmd.current_dir(&workspace.root);
    cmd
}

/// Where every pytest run takes its settings and root from: `exercises/pytest.ini` (beside the
/// shared fixtures, `exercises/conftest.py`) and the course root.
fn settings(workspace: &Workspace) -> [OsString; 4] {
    let rootdir = &workspace.root;
    [
        "-c".into(),
        rootdir.join("exercises").join("pytest.ini").into(),
        "--rootdir".into(),
        rootdir.into(),
    ]
}

/// pytest's arguments (after `-m pytest`) for a run of `targets`, reported into `junit`.
fn arguments(
    workspace: &Workspace,
    junit: &Path,
    targets: &[String],
    capture_sys: bool,
) -> Vec<OsString> {
    let mut args: Vec<OsString> = [
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "junit_family=xunit1",
        "-o",
        "junit_logging=all",
        "-o",
        "verbosity_assertions=2",
        // The failing line and pytest's `E` lines, without the fixtures' values.
        "--tb=short",
    ]
    .map(OsString::from)
    .into();
    args.extend(settings(workspace));
    args.extend(["--junitxml".into(), junit.into()]);
    if capture_sys {
        args.push("--capture=sys".into());
    }
    args.extend(targets.iter().map(OsString::from));
    args
}

/// What every pytest run of a suite runs (`python -c`), in two steps.
///
/// Primed (a file named first): started while the exercise builds, it imports pytest and the
/// slow packages named second (comma-separated), and prepares pytest's configuration (its
/// plugins and the course's `conftest.py`, never learner code; with pytest's private
/// `_prepareconfig`, or else `pytest.main` does it all later). Once the checker closes its
/// stdin, it reads the test environment from that file and runs the session as
/// `python -m pytest` would. Learner code gets /dev/null as its stdin, as in every other run.
/// What is alive before the wait (pytest, its plugins, the conftest, the slow imports) lives
/// until the end: `gc.freeze()` keeps the garbage collections of the run (pytest forces some at
/// the session's end) and of Python's exit from walking it again, 30 ms of each check.
/// Not primed (an empty first argument): the session runs at once.
///
/// Either way `Guard` keeps the report pytest's own. Learner code that the tests run in a
/// process of its own (a program, a server) may leave processes behind, which could rewrite the
/// report between pytest's writing it and the checker's reading it. On Linux pytest adopts them
/// (a child subreaper) and kills them all before it writes the report, and no process of the
/// same user can trace it or open its files (not dumpable). Then whatever stands at the
/// report's path is removed, in the folder the checker made: a folder moved or replaced since
/// pytest started, or anything at the path that cannot be removed, ends pytest (exit code 3)
/// without a report. Learner code inside pytest (a PyO3 module, a library loaded with ctypes)
/// is pytest: no guard is possible there.
const LAUNCHER: &str = "\
import gc, importlib, json, os, signal, sys
primed = bool(sys.argv[1])
if primed:
    go = os.dup(0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
import pytest
args = sys.argv[3:]

class Guard:
    def __init__(self, report):
        self.report = report
        self.folder = self.identity()
        self.linux = sys.platform.startswith('linux')
        if self.linux:
            import ctypes
            PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 4, 36
            prctl = ctypes.CDLL(None).prctl
            prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
            prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

    def identity(self):
        folder = os.lstat(os.path.dirname(self.report))
        return folder.st_dev, folder.st_ino, folder.st_mode

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self):
        # Any failure here (a folder gone, a directory at the report's path) is a refusal: a
        # report planted beforehand must never be left to be read.
        try:
            while self.linux and self.kill_children():
                pass
            intact = self.identity() == self.folder
            if intact and os.path.lexists(self.report):
                os.unlink(self.report)
        except BaseException:
            intact = False
        if not intact:
            sys.stderr.write('oxidize: learner code tampered with the place of the report\\n')
            os._exit(3)

    def kill_children(self):
        me = os.getpid()
        children = []
        for pid in filter(str.isdigit, os.listdir('/proc')):
            try:
                with open('/proc/' + pid + '/stat', 'rb') as stat:
                    fields = stat.read().rsplit(b')', 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == me:
                children.append(int(pid))
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        return children

guard = Guard(args[args.index('--junitxml') + 1])
for name in filter(None, sys.argv[2].split(',')):
    try:
        importlib.import_module(name)
    except ImportError:
        pass
config = None
if primed:
    try:
        from _pytest.config import _prepareconfig
        os.environ['PYTEST_VERSION'] = pytest.__version__
        config = _prepareconfig(args, [guard], prog='pytest')
    except Exception:
        pass
    gc.freeze()
    while os.read(go, 4096):
        pass
    os.close(go)
    with open(sys.argv[1], encoding='utf-8') as env:
        os.environ.update(json.load(env))
if config is None:
    sys.exit(pytest.main(args, [guard]))
try:
    status = config.hook.pytest_cmdline_main(config=config)
finally:
    config._ensure_unconfigure()
sys.exit(status)
";

/// What the guard prints when it refuses to let pytest write its report (see `LAUNCHER`).
pub(super) const REPORT_TAMPERED: &str =
    "oxidize: learner code tampered with the place of the report";

/// Pinned packages of the venv that take a while to import (numpy 0.1 s, grpc 0.07 s), which a
/// primed pytest imports ahead when the exercise's tests need them: never learner code.
const SLOW_IMPORTS: [&str; 3] = ["numpy", "grpc", "grpc_tools.protoc"];

/// What a primed pytest imports ahead for the tests in `tests_dir`: the slow imports their
/// files name, and the gRPC fixture's (`exercises/conftest.py` imports grpc when a test asks
/// for a channel or stubs).
fn imported_ahead(kind: Kind, tests_dir: &Path) -> Vec<&'static str> {
    let sources: String = std::fs::read_dir(tests_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "py"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect();
    SLOW_IMPORTS
        .into_iter()
        .filter(|module| {
            let package = module.split('.').next().unwrap_or(module);
            kind == Kind::Grpc && package.starts_with("grpc")
                || sources.contains(&format!("import {package}"))
                || sources.contains(&format!("from {package} "))
                || sources.contains(&format!("from {package}."))
        })
        .collect()
}

/// A pytest of the whole suite in `tests_dir`, started now and primed: it goes on once
/// `PrimedPytest::go` has the test environment (known only after the build).
pub struct PrimedPytest {
    process: run::Primed,
    /// The report's directory, inside the sandbox's temporary directory (pytest writes it).
    scratch: tempfile::TempDir,
    junit: PathBuf,
    /// Where the test environment is handed over: outside the places the sandbox lets learner
    /// code write, so the Rust tests, which run meanwhile, cannot forge what pytest reads.
    env_dir: tempfile::TempDir,
}

impl PrimedPytest {
    pub fn start(
        workspace: &Workspace,
        kind: Kind,
        tests_dir: &Path,
        sandbox: &Sandbox,
        output_cap: usize,
    ) -> anyhow::Result<PrimedPytest> {
        let scratch =
            tempfile::tempdir_in(&sandbox.temp).context("cannot create a temporary directory")?;
        let junit = scratch.path().join("junit.xml");
        let env_dir = tempfile::Builder::new()
            .prefix("oxidize-env-")
            .tempdir()
            .context("cannot create a temporary directory")?;
        // In pytest's view, read-only.
        let env_dir_seen = crate::workspace::resolved(env_dir.path());
        let mut sandbox = sandbox.clone();
        sandbox.readable.push(env_dir_seen.clone());
        let mut cmd = python_in_rootdir(workspace);
        cmd.arg("-c")
            .arg(LAUNCHER)
            .arg(env_dir_seen.join("env.json"))
            .arg(imported_ahead(kind, tests_dir).join(","))
            .args(arguments(
                workspace,
                &junit,
                &[tests_dir.to_string_lossy().into_owned()],
                false,
            ))
            .envs(ENV);
        let process =
            run::prime_sandboxed(cmd, &sandbox, output_cap).context("failed to start pytest")?;
        Ok(PrimedPytest {
            process,
            scratch,
            junit,
            env_dir,
        })
    }

    /// Hands the primed pytest its test environment and lets it run, within `limits`: how it
    /// ended, and the directory of its report with the report's path.
    pub(super) fn go(
        self,
        env: &[(String, String)],
        limits: Limits,
        activity: &mut Activity,
    ) -> anyhow::Result<(Finished, tempfile::TempDir, PathBuf)> {
        let env: std::collections::BTreeMap<&str, &str> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let path = self.env_dir.path().join("env.json");
        std::fs::write(&path, serde_json::to_vec(&env)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let finished = self
            .process
            .go(limits, activity)
            .context("failed to run pytest")?;
        Ok((finished, self.scratch, self.junit))
    }
}

/// The node ids of the suite's tests, as `pytest --collect-only -q` prints them.
pub(super) fn collect_ids(run: &PytestRun) -> anyhow::Result<Vec<String>> {
    let mut cmd = python_in_rootdir(run.workspace);
    cmd.args([
        "-m",
        "pytest",
        "--collect-only",
        "-q",
        "-p",
        "no:cacheprovider",
    ])
    .args(settings(run.workspace))
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_guard_prints_the_refusal_the_checker_looks_for() {
        assert!(super::LAUNCHER.contains(super::REPORT_TAMPERED));
    }
}
