//! Where an exercise is built and tested: the sources, the shared `target/` and the Python venv.
//!
//! `check` builds in the course itself; `verify` builds a copy of it, reusing the course's
//! `target/` (compiled dependencies) and venv.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use crate::course::Course;
use crate::file_lock;

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
}

impl Workspace {
    /// The course as it is on disk.
    pub fn of(course: &Course) -> Workspace {
        Workspace::copy_of(&course.root, &course.root)
    }

    /// A copy at `root` of the course at `course_root`, sharing its target directory and venv.
    pub fn copy_of(course_root: &Path, root: &Path) -> Workspace {
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
            target_dir,
            venv,
            reuses_installs: root == course_root,
        }
    }

    /// A `cargo` command run in the workspace root, building into the shared target directory.
    pub fn cargo(&self) -> Command {
        // Under `cargo run`, $CARGO names the cargo that started us: use the same toolchain.
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target_dir);
        cmd
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

fn venv_executable(venv: &Path, name: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{name}.exe"))
    } else {
        venv.join("bin").join(name)
    }
}
