//! Helpers for the checker's tests: a throw-away course (the small fixture course, or a copy of
//! the real one), the checker binary pointed at it, and snapshot filters for what changes from
//! run to run.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use std::process::Command;

/// The repository: the course the tests copy.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("checker/ is inside the repository")
        .to_path_buf()
}

/// Not copied into a test course: build outputs, the venv, version control, progress.
const NOT_COPIED: [&str; 5] = [".venv", ".git", ".oxidize", "node_modules", "target"];

/// A copy of the course in a temporary directory, deleted when dropped.
pub struct TestCourse {
    dir: tempfile::TempDir,
}

/// Files of the repository that the fixture course shares with the real one: the Python
/// environment, the pytest settings and fixtures (the checker's contract with the tests).
const SHARED_WITH_FIXTURE: [&str; 4] = [
    "requirements.txt",
    "Cargo.lock",
    "exercises/conftest.py",
    "exercises/pytest.ini",
];

impl TestCourse {
    /// The fixture course (`tests/fixture`: one tiny exercise of each kind), every exercise
    /// untouched and its lock recorded. Its workspace takes the repository's dependency
    /// versions, so it builds with the dependencies the real course has compiled already.
    pub fn fixture() -> TestCourse {
        let course = TestCourse::empty();
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests")
                .join("fixture"),
            course.root(),
        );
        for file in SHARED_WITH_FIXTURE {
            let target = course.path(file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(repo_root().join(file), target).unwrap();
        }
        let workspace = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
        course.write("Cargo.toml", &fixture_workspace(&workspace));
        let output = course.checker().arg("lock").output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        course
    }

    /// The fixture course as an instructor grades with it: without `solutions/` (where learner
    /// code could read them, the checker refuses a pristine course that holds them).
    pub fn pristine() -> TestCourse {
        let course = TestCourse::fixture();
        std::fs::remove_dir_all(course.path("solutions")).unwrap();
        course
    }

    fn empty() -> TestCourse {
        let dir = tempfile::Builder::new()
            // A space in the path, as in "My Documents": every test proves paths are quoted.
            .prefix("oxidize test-")
            .tempdir()
            .unwrap();
        TestCourse { dir }
    }

    /// A copy of the real course, every exercise untouched: for the tests that prove the
    /// course itself (verify), not the checker's behaviour.
    pub fn copy() -> TestCourse {
        let course = TestCourse::empty();
        let dir = &course.dir;
        let root = repo_root();
        for entry in walkdir::WalkDir::new(&root).into_iter().filter_entry(|e| {
            let relative = e.path().strip_prefix(&root).unwrap();
            let top = relative
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            !top.is_some_and(|t| NOT_COPIED.contains(&t.as_str()))
                && e.file_name() != "__pycache__"
                && !e.file_name().to_string_lossy().ends_with(".snap.new")
        }) {
            let entry = entry.unwrap();
            let target = dir.path().join(entry.path().strip_prefix(&root).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        course
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Overlays the solution of the exercise in `exercises/<folder>`.
    pub fn solve(&self, folder: &str) {
        copy_tree(
            &self.path(&format!("solutions/{folder}")),
            &self.path(&format!("exercises/{folder}")),
        );
    }

    /// Solves `folder`, then changes its solved `src/lib.rs`: `from` (which must be there)
    /// becomes `to`.
    pub fn solve_except(&self, folder: &str, from: &str, to: &str) {
        self.solve(folder);
        let lib = format!("exercises/{folder}/src/lib.rs");
        let solved = self.read(&lib);
        assert!(
            solved.contains(from),
            "{lib} of the solution has no `{from}`"
        );
        self.write(&lib, &solved.replace(from, to));
    }

    pub fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.path(relative), text).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// The checker, run in this course, building into a target directory shared by all tests
    /// (not the one `cargo test` itself holds locked) and using the repository's venv.
    pub fn checker(&self) -> Command {
        self.checker_from(Path::new(env!("CARGO_BIN_EXE_checker")))
    }

    /// `checker()`, with the checker binary at `exe` (a copy of it, "installed" elsewhere).
    pub fn checker_from(&self, exe: &Path) -> Command {
        let mut cmd = Command::new(exe);
        cmd.current_dir(self.root())
            .env(
                "CARGO_TARGET_DIR",
                repo_root().join("target").join("checker-tests"),
            )
            .env("OXIDIZE_VENV", repo_root().join(".venv"))
            .env("NO_COLOR", "1")
            .env_remove("OXIDIZE_COURSE")
            .env_remove("CARGO");
        cmd
    }
}

/// The fixture's solutions, as the tests' sources hold them: what learners must not reach.
pub fn fixture_solutions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture/solutions")
}

/// Copies every file under `from` into `to`, replacing those that exist.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The repository's workspace manifest with the fixture's members: the same dependencies, so
/// the same compiled artifacts serve both.
fn fixture_workspace(workspace: &str) -> String {
    workspace
        .lines()
        .filter(|line| !line.starts_with("default-members") && !line.starts_with("# A bare"))
        .map(|line| {
            if line.starts_with("members") {
                "members = [\"exercises/*\"]"
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

impl TestCourse {
    /// `grade --format json ARGS...`, which must run (exit 0) and print valid JSON.
    pub fn grade_json(&self, args: &[&str]) -> serde_json::Value {
        let output = self
            .checker()
            .args(["grade", "--format", "json"])
            .args(args)
            .env("OXIDIZE_SERVER_START_TIMEOUT", "3")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "grading did not run: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("grade prints valid JSON")
    }

    /// `grade --format json` of one exercise in instructor mode: tests from `pristine`.
    pub fn grade_json_against(&self, pristine: &TestCourse, id: &str) -> serde_json::Value {
        let pristine = pristine.root().to_str().unwrap();
        self.grade_json(&["--only", id, "--tests-from", pristine])
    }

    /// Edits course.toml as an author would, and records the new lock (`checker lock`).
    pub fn edit_manifest(&self, edit: impl Fn(String) -> String) {
        self.write("course.toml", &edit(self.read("course.toml")));
        let output = self.checker().arg("lock").output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Sets one exercise's `time_limit_secs` (and relocks).
    pub fn set_time_limit(&self, id: &str, secs: u64) {
        self.edit_manifest(|manifest| {
            let table = manifest
                .find(&format!("id = \"{id}\""))
                .expect("the exercise is in course.toml");
            let field = table
                + manifest[table..]
                    .find("time_limit_secs = ")
                    .expect("it has a time limit");
            let end = field + manifest[field..].find('\n').unwrap();
            format!(
                "{}time_limit_secs = {secs}{}",
                &manifest[..field],
                &manifest[end..]
            )
        });
    }
}

/// The site-packages folder of the venv the tests share (Unix layout).
#[cfg(unix)]
pub fn site_packages() -> PathBuf {
    let lib = repo_root().join(".venv").join("lib");
    std::fs::read_dir(&lib)
        .expect("the tests' venv exists")
        .flatten()
        .map(|entry| entry.path().join("site-packages"))
        .find(|path| path.is_dir())
        .expect("the venv has a site-packages folder")
}

/// No process started for the course copy is still alive: each one the checker starts for an
/// exercise (pytest, a server, what learner code spawned) has the exercise's directory in its
/// environment. sysinfo reads other processes' environments on Linux, macOS (a user's own) and
/// Windows; the copy's folder name is random, so it names this course alone, whatever form of
/// the path (a `\\?\` prefix, another case) the checker passed on.
pub fn assert_no_process_runs_from(root: &Path) {
    use sysinfo::{ProcessRefreshKind, ProcessesToUpdate, System, UpdateKind};
    let folder = root
        .file_name()
        .expect("a course copy is a folder of its own")
        .to_string_lossy()
        .into_owned();
    let mut system = System::new().expect("sysinfo can list the processes here");
    system.refresh_processes_specifics(
        ProcessesToUpdate::All,
        true,
        ProcessRefreshKind::nothing()
            .with_environ(UpdateKind::Always)
            .with_cmd(UpdateKind::Always),
    );
    for process in system.processes().values() {
        let from_this_course = process.environ().iter().any(|variable| {
            let variable = variable.to_string_lossy();
            variable.starts_with("OXIDIZE_EXERCISE_DIR=") && variable.contains(&folder)
        });
        if from_this_course {
            let command: Vec<_> = process.cmd().iter().map(|a| a.to_string_lossy()).collect();
            panic!("a process survived the check: {}", command.join(" "));
        }
    }
}

/// Filters for what differs between runs: addresses, temporary paths, timings.
pub fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        (r"0x[0-9a-f]+", "0x[ADDR]"),
        (r"/rustc/[0-9a-f]+/", "/rustc/[HASH]/"),
        (r"(?m)^Setting up Python:.*\n", ""),
        // Progress lines come when a step is slow, which depends on the machine's load.
        (r"(?m)^  \.\.\. .*\n", ""),
        (r"(?m)^First build of .*\n", ""),
        (r"(?m)^Waiting for another checker.*\n", ""),
        (
            r"(?m)^note: on this system the checker cannot enforce.*\n",
            "",
        ),
        // Where the venv is depends on where the repository was cloned.
        (r#"[^\s"']*/site-packages/"#, "[SITE-PACKAGES]/"),
        (r"/tmp/[^\s/]+", "[TMP]"),
        (r"\d+\.\d+s\b", "[TIME]"),
        // How long a test ran before its time limit stopped it depends on the machine's load.
        (r"timed out after \d+ s", "timed out after [N] s"),
        (r"' \(\d+\) panicked", "' panicked"),
        (r#""(duration_ms|execution_time)": \d+"#, r#""$1": [MS]"#),
    ]
}

/// Runs `body` with the snapshot filters in force.
pub fn with_filters<R>(body: impl FnOnce() -> R) -> R {
    let mut settings = insta::Settings::clone_current();
    for (pattern, replacement) in filters() {
        settings.add_filter(pattern, replacement);
    }
    // The snapshot says what ran, never where: no absolute path, no environment.
    settings.set_omit_expression(true);
    settings.bind(body)
}

/// Runs `cmd` and returns what a reader of its output sees: the exit code, stdout and stderr,
/// with the course's and the repository's paths written as `[COURSE]` and `[REPO]`.
pub fn run_text(cmd: &mut Command) -> String {
    let output = cmd.output().expect("the command starts");
    let course = cmd
        .get_current_dir()
        .map(|dir| dir.display().to_string())
        .unwrap_or_default();
    let text = format!(
        "exit code: {}\n----- stdout -----\n{}\n----- stderr -----\n{}",
        output
            .status
            .code()
            .map_or("none (killed)".to_string(), |code| code.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    let text = if course.is_empty() {
        text
    } else {
        text.replace(&course, "[COURSE]")
    };
    text.replace(&repo_root().display().to_string(), "[REPO]")
}

/// `assert_run_snapshot!(cmd)` or `assert_run_snapshot!(name, cmd)`: a snapshot of what running
/// `cmd` shows (`run_text`), with the filters in force.
#[macro_export]
macro_rules! assert_run_snapshot {
    ($cmd:expr) => {{
        let text = $crate::support::run_text($cmd);
        $crate::support::with_filters(|| insta::assert_snapshot!(text));
    }};
    ($name:expr, $cmd:expr) => {{
        let text = $crate::support::run_text($cmd);
        $crate::support::with_filters(|| insta::assert_snapshot!($name, text));
    }};
}

/// Ends `child` as Ctrl-C in its terminal would (SIGINT; on Windows, where no signal can be sent
/// to one process, a kill), and waits for it.
pub fn ctrl_c(child: &mut std::process::Child) -> std::process::ExitStatus {
    #[cfg(unix)]
    {
        let sent = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    }
    #[cfg(not(unix))]
    child.kill().unwrap();
    child.wait().unwrap()
}

/// `git ARGS` in `dir`, which must succeed, committed as of a fixed time (16:30 UTC).
pub fn git_in(dir: &Path, args: &[&str]) {
    git_at(dir, "2026-12-07T17:30:00+01:00", args);
}

/// `git ARGS` in `dir`, which must succeed, committing as of `when`: what it printed.
pub fn git_at(dir: &Path, when: &str, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Learner",
            "-c",
            "user.email=learner@example.com",
        ])
        .args(args)
        .env("GIT_COMMITTER_DATE", when)
        .env("GIT_AUTHOR_DATE", when)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// The variables Classroom 50's runner sets for an autograder.
pub const CLASSROOM50_RUNNER: [(&str, &str); 5] = [
    ("CLASSROOM", "oxidize-2027"),
    ("ASSIGNMENT", "course"),
    ("SUBMISSION_TAG", "submit/2026-12-07T16-31-00Z"),
    (
        "COMMIT_URL",
        "https://github.com/learner/course/commit/0123abc",
    ),
    (
        "RELEASE_URL",
        "https://github.com/learner/course/releases/tag/submit%2F2026-12-07T16-31-00Z",
    ),
];

/// A `result.json` as Classroom 50's own test of a result reads it: exactly the contract's
/// keys, the runner's identity, the graded commit's time (`git_in`'s) in UTC, and integer
/// scores that are the sums of its rows.
pub fn assert_meets_classroom50_contract(result: &serde_json::Value) {
    let keys: std::collections::BTreeSet<&str> = result
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let contract = [
        "schema",
        "classroom",
        "assignment",
        "submission",
        "commit",
        "release",
        "review",
        "datetime",
        "score",
        "max-score",
        "tests",
    ];
    assert_eq!(keys, contract.into_iter().collect());
    assert_eq!(result["schema"], "classroom50/result/v1");
    for (field, (_, value)) in ["classroom", "assignment", "submission", "commit", "release"]
        .iter()
        .zip(CLASSROOM50_RUNNER)
    {
        assert_eq!(result[field], value);
    }
    assert_eq!(result["datetime"], "2026-12-07T16:30:00Z");
    let rows = result["tests"].as_array().unwrap();
    let sum = |key: &str| rows.iter().map(|r| r[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!(result["score"].as_u64(), Some(sum("score")), "{result}");
    assert_eq!(result["max-score"].as_u64(), Some(sum("max-score")));
}

/// The `name` of each test in a report's `tests` array (the JSON's, or Gradescope's).
pub fn test_names(tests: &serde_json::Value) -> Vec<&str> {
    tests
        .as_array()
        .expect("a list of tests")
        .iter()
        .map(|t| t["name"].as_str().expect("every test has a name"))
        .collect()
}
