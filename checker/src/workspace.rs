//! Where an exercise is built and tested: the sources, the shared `target/` and the Python venv.
//!
//! `check` builds in the course itself; `verify` builds a copy of it, reusing the course's
//! `target/` (compiled dependencies) and venv.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use crate::activity::Activity;
use crate::course::Course;
use crate::file_lock;
use crate::run::{self, Finished, Limits, Sandbox};

/// In the target directory: which source tree last built each package.
const BUILT_FROM: &str = "oxidize-built-from.json";

#[derive(Debug, Clone)]
pub struct Workspace {
    /// The sources: the course root or a copy of it.
    pub root: PathBuf,
    /// Cargo's target directory, shared by every exercise.
    pub target_dir: PathBuf,
    /// The course's Python virtual environment.
    pub venv: PathBuf,
    /// Whether a PyO3 module installed before from these very sources may be kept: only in
    /// the learner's own course. A copy (verify, instructor grading) always installs afresh,
    /// so nothing that one learner's code left in the venv can stand in for another's module.
    pub reuses_installs: bool,
    /// Where the hidden tests come from, in a copy of the course (verify, instructor grading);
    /// `None` in the learner's own course, which runs none.
    pub hidden: Option<HiddenTests>,
}

/// The hidden tests a copy of the course runs: they stay in the authors' (pristine) course,
/// outside the copy that learner code is built and run in, and only the hidden suite's own
/// pytest is shown them. So no build (`include_str!`) and no visible test's output can carry
/// them to the learner.
#[derive(Debug, Clone)]
pub struct HiddenTests {
    /// The course that holds them: the pristine course, or the authors' for `verify`.
    pub course_root: PathBuf,
    /// What their random inputs are drawn from (`OXIDIZE_SEED`): one per class, so that every
    /// learner gets the same inputs and a result can be reused.
    pub seed: u64,
}

/// The seed of the hidden tests' random inputs when the instructor sets none (`--seed`).
pub const DEFAULT_SEED: u64 = 0;

impl Workspace {
    /// The course as it is on disk.
    pub fn of(course: &Course) -> Workspace {
        Workspace::copy_of(&course.root, &course.root)
    }

    /// A copy at `root` of the course at `course_root`, sharing its target directory and venv.
    /// Every path is resolved (no symbolic link on the way): learner code sees only these
    /// folders, mounted at their real paths.
    pub fn copy_of(course_root: &Path, root: &Path) -> Workspace {
        let (course_root, root) = (&resolved(course_root), &resolved(root));
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map(|dir| {
                if dir.is_absolute() {
                    dir
                } else {
                    course_root.join(dir)
                }
            })
            .unwrap_or_else(|| course_root.join("target"));
        // $OXIDIZE_VENV lets several course copies (tests, CI caches) share one venv.
        let venv = std::env::var_os("OXIDIZE_VENV")
            .map_or_else(|| course_root.join(".venv"), PathBuf::from);
        Workspace {
            root: root.to_path_buf(),
            target_dir: resolved(&target_dir),
            venv: resolved(&venv),
            reuses_installs: root == course_root,
            hidden: (root != course_root).then(|| HiddenTests {
                course_root: course_root.clone(),
                seed: DEFAULT_SEED,
            }),
        }
    }

    /// This copy, its hidden tests run with `seed`.
    pub fn with_seed(mut self, seed: u64) -> Workspace {
        if let Some(hidden) = &mut self.hidden {
            hidden.seed = seed;
        }
        self
    }

    /// What learner code may read, compiled or run: the sources, the venv and the Python it was
    /// made from, the target directory, and the toolchain (without cargo's credentials).
    pub fn readable(&self) -> Vec<PathBuf> {
        let mut paths = vec![
            self.root.clone(),
            self.venv.clone(),
            self.target_dir.clone(),
        ];
        if let Ok(cargo_home) = home::cargo_home() {
            paths.extend(["bin", "registry", "git"].map(|dir| cargo_home.join(dir)));
        }
        paths.extend(home::rustup_home());
        paths.extend(base_python_prefix(&self.venv));
        paths
    }

    /// A `cargo` command run in the workspace root, building into the shared target directory.
    pub fn cargo(&self) -> Command {
        // Under `cargo run`, $CARGO names the cargo that started us: use the same toolchain.
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target_dir);
        // pyo3 is built for the venv's Python, the one the tests run with and whose
        // installation learner code may read: not for whichever `python3` PATH finds inside the
        // sandbox, where the grader's own (a pyenv in the home directory) is out of view and a
        // system Python may answer (its libpython linked, another's standard library loaded).
        if self.python().is_file() {
            cmd.env("PYO3_PYTHON", self.python());
        }
        cmd
    }

    /// Runs a step that compiles learner code (cargo, maturin) confined as learner code is
    /// (`platform::confine`): it reads only `readable`, writes only the target directory and
    /// `also_writes` (`maturin develop`: the venv, and the exercise's `src/`, where it puts the
    /// module of a package with Python code), has no network, so it builds
    /// offline from what `fetch_dependencies` downloaded, and gets no variable of the grader's
    /// that is not a build's. `include_str!`, `#[path]` and `option_env!` find nothing else.
    pub fn run_build(
        &self,
        cmd: Command,
        limits: Limits,
        also_writes: &[PathBuf],
        activity: &mut Activity,
    ) -> std::io::Result<Finished> {
        self.run_build_watched(cmd, limits, also_writes, &mut run::showing(activity))
    }

    /// `run_build`, each line of the build's stderr handed to `on_line` as it comes.
    pub fn run_build_watched(
        &self,
        mut cmd: Command,
        limits: Limits,
        also_writes: &[PathBuf],
        on_line: &mut dyn FnMut(Option<&str>),
    ) -> std::io::Result<Finished> {
        cmd.env("CARGO_NET_OFFLINE", "true")
            .env("UV_OFFLINE", "1")
            .env("PIP_NO_INDEX", "1");
        // The tools' own temporary files and caches (uv's, pip's) last between builds.
        let temp = self.target_dir.join("oxidize-build-home");
        std::fs::create_dir_all(&temp)?;
        let mut writable = vec![self.target_dir.clone()];
        writable.extend_from_slice(also_writes);
        let sandbox = Sandbox {
            memory_bytes: BUILD_MEMORY_MIB << 20,
            file_size_bytes: BUILD_FILE_SIZE_MIB << 20,
            loopback_only: true,
            scratch: temp.clone(),
            temp,
            readable: self.readable(),
            writable,
        };
        run::run_sandboxed_watched(cmd, limits, &sandbox, on_line)
    }

    /// Downloads the workspace's dependencies (`cargo fetch`), outside the sandbox, which has no
    /// network, and before any learner code is compiled: it reads the manifests and the lock
    /// file and compiles nothing. Only when one of them changed since the last fetch; a fetch
    /// that fails (no network) is left for the build to explain, if it lacks anything.
    pub fn fetch_dependencies(&self, limits: Limits) -> anyhow::Result<()> {
        let stamp = self.target_dir.join("oxidize-fetched");
        let wanted = manifests_digest(&self.root);
        if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
            return Ok(());
        }
        let mut cmd = self.cargo();
        cmd.args(["fetch", "--color=never"]);
        let mut activity = Activity::start("downloading the dependencies");
        let finished =
            run::run_showing(cmd, limits, &mut activity).context("failed to run `cargo fetch`")?;
        drop(activity);
        if finished.termination.success() {
            std::fs::create_dir_all(&self.target_dir)?;
            // As cargo left them: a fetch may rewrite the lock file (a workspace with other
            // members), which the build, whose course is read-only, could not.
            let fetched = manifests_digest(&self.root);
            std::fs::write(&stamp, fetched)
                .with_context(|| format!("cannot write {}", stamp.display()))?;
        } else {
            eprintln!(
                "warning: `cargo fetch` failed; the build runs offline with what is downloaded:\n{}",
                crate::cargo::compiler_output(&finished.stderr.text())
            );
        }
        Ok(())
    }

    /// The venv's Python interpreter.
    pub fn python(&self) -> PathBuf {
        venv_executable(&self.venv, "python")
    }

    /// A program installed in the venv (e.g. `maturin`).
    pub fn venv_program(&self, name: &str) -> PathBuf {
        venv_executable(&self.venv, name)
    }
}

/// Exclusive use of one package's build and test outputs; released on drop.
pub struct TargetLock {
    _file: File,
}

impl Workspace {
    /// Locks `package`'s outputs in the target directory while it is built and tested, so that
    /// checkers running at once (or `grade --jobs`) take turns on one package and not on all.
    ///
    /// Cargo names a workspace member's artifacts by its path relative to the workspace root, and
    /// judges them fresh by file times. So after a copy of the course (verify, the tests) built
    /// `package` into the same target directory, the original's older sources would look
    /// up to date and its tests would run the copy's code. When another tree built the package
    /// last, its fingerprints are removed, which makes cargo rebuild it (the dependencies stay).
    pub fn lock_target(&self, package: &str) -> anyhow::Result<TargetLock> {
        let locks = self.target_dir.join("oxidize-locks");
        let what = format!("{package} in {}", self.target_dir.display());
        let file = file_lock::exclusive(&locks.join(format!("{package}.lock")), &what)?;

        let _record_lock = file_lock::exclusive(&locks.join("built-from.lock"), &what)?;
        let record = self.target_dir.join(BUILT_FROM);
        let mut built_from: BTreeMap<String, PathBuf> = std::fs::read_to_string(&record)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        if built_from.get(package) != Some(&self.root) {
            let maturin = self.target_dir.join("maturin");
            for profile in [
                self.target_dir.join("debug"),
                self.target_dir.join("release"),
                maturin.join("debug"),
                maturin.join("release"),
            ] {
                remove_fingerprints(&profile.join(".fingerprint"), package);
            }
            built_from.insert(package.to_string(), self.root.clone());
            std::fs::write(&record, serde_json::to_string_pretty(&built_from)?)
                .with_context(|| format!("cannot write {}", record.display()))?;
        }
        Ok(TargetLock { _file: file })
    }
}

/// Removes `<package>-<hash>` fingerprint folders, so that cargo rebuilds the package.
fn remove_fingerprints(dir: &Path, package: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{package}-");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_hash = name
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_hexdigit()));
        if is_hash {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Address space per process of a build: rustc compiling pyo3 or tonic needs about a GiB; an
/// expression that makes the compiler allocate without end stops here.
const BUILD_MEMORY_MIB: u64 = 8192;

/// The largest file a build may write: the biggest artifact of the course is tens of MiB.
const BUILD_FILE_SIZE_MIB: u64 = 4096;

/// A digest of what `cargo fetch` reads: the lock file and every manifest of the workspace.
fn manifests_digest(root: &Path) -> String {
    let mut all = Vec::new();
    let walk = walkdir::WalkDir::new(root)
        .max_depth(3)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name();
            entry.depth() == 0 || !(name == "target" || name.to_string_lossy().starts_with('.'))
        });
    for entry in walk.flatten() {
        let name = entry.file_name();
        if entry.file_type().is_file() && (name == "Cargo.toml" || name == "Cargo.lock") {
            // Relative: every grade's copy of the course lies elsewhere, and fetches nothing new.
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            all.extend_from_slice(relative.as_os_str().as_encoded_bytes());
            all.extend(std::fs::read(entry.path()).unwrap_or_default());
        }
    }
    crate::integrity::sha256_hex(&all)
}

/// `path` with every symbolic link on the way resolved, as far as it exists (the rest, not
/// made yet, is joined as it is). Unix only: on Windows a resolved path is a `\\?\` path, which
/// some tools do not take, and no sandbox mounts folders there.
pub fn resolved(path: &Path) -> PathBuf {
    if !cfg!(unix) {
        return path.to_path_buf();
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |dir, name| dir.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// The installation of Python the venv was made from (`home` in its `pyvenv.cfg` is its
/// `bin/`): the venv's interpreter is a link into it.
fn base_python_prefix(venv: &Path) -> Option<PathBuf> {
    let config = std::fs::read_to_string(venv.join("pyvenv.cfg")).ok()?;
    let home = config.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == "home").then(|| PathBuf::from(value.trim()))
    })?;
    let home = resolved(&home);
    // `home` is the folder of the interpreter (`.../bin`): its parent holds `lib/` too.
    Some(home.parent().map_or(home.clone(), Path::to_path_buf))
}

fn venv_executable(venv: &Path, name: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{name}.exe"))
    } else {
        venv.join("bin").join(name)
    }
}
