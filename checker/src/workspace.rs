//! Where an exercise is built and tested: the sources, the shared `target/` and the Python venv.
//!
//! `check` builds in the course itself; `verify` builds a copy of it, reusing the course's
//! `target/` (compiled dependencies) and venv.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::course::Course;

#[derive(Debug, Clone)]
pub struct Workspace {
    /// The sources: the course root or a copy of it.
    pub root: PathBuf,
    /// Cargo's target directory, shared by every exercise.
    pub target_dir: PathBuf,
    /// The course's Python virtual environment.
    pub venv: PathBuf,
}

impl Workspace {
    /// The course as it is on disk.
    pub fn of(course: &Course) -> Workspace {
        Workspace::copy_of(course, &course.root)
    }

    /// A copy of the course at `root`, sharing the course's target directory and venv.
    pub fn copy_of(course: &Course, root: &Path) -> Workspace {
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map(|dir| {
                if dir.is_absolute() {
                    dir
                } else {
                    course.root.join(dir)
                }
            })
            .unwrap_or_else(|| course.root.join("target"));
        Workspace {
            root: root.to_path_buf(),
            target_dir,
            venv: course.root.join(".venv"),
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

fn venv_executable(venv: &Path, name: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{name}.exe"))
    } else {
        venv.join("bin").join(name)
    }
}
