//! The kinds of exercise, and what each one does differently: what it builds beyond cargo's
//! build, and what its Python tests are told about the result. A new kind is added here.

use std::fmt;
use std::process::Command;

use anyhow::Context;
use serde::Deserialize;

use crate::activity::Activity;
use crate::cargo::Artifacts;
use crate::course::Exercise;
use crate::integrity;
use crate::platform;
use crate::run::{self, Finished, Limits};
use crate::workspace::Workspace;

/// How an exercise is built and how its Python tests reach the Rust code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A library and a small binary; Python runs the binary (`OXIDIZE_BIN`).
    Rust,
    /// A `cdylib`; Python loads it with ctypes (`OXIDIZE_LIB`).
    Ffi,
    /// A PyO3 module that `maturin develop` installs into the course venv.
    Pyo3,
    /// A tonic server; Python calls it with grpcio (`OXIDIZE_SERVER`).
    Grpc,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Kind::Rust => "rust",
            Kind::Ffi => "ffi",
            Kind::Pyo3 => "pyo3",
            Kind::Grpc => "grpc",
        };
        f.write_str(name)
    }
}

impl Kind {
    /// Says so when this build will first compile the kind's big dependency (pyo3, tonic) in
    /// this target directory: a minute or two, once, where later checks take seconds.
    pub fn announce_first_build(self, workspace: &Workspace, release: bool) {
        let (crate_name, expected) = match self {
            Kind::Pyo3 => ("pyo3", "about a minute"),
            Kind::Grpc => ("tonic", "one to two minutes"),
            Kind::Rust | Kind::Ffi => return,
        };
        let profile = if release { "release" } else { "debug" };
        let fingerprints = workspace.target_dir.join(profile).join(".fingerprint");
        let built = std::fs::read_dir(&fingerprints).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{crate_name}-"))
            })
        });
        if !built {
            eprintln!(
                "First build of {crate_name} and its dependencies ({profile}): {expected} on two \
                 cores, once; later checks take seconds."
            );
        }
    }

    /// The step after cargo's build, if the kind has one: a PyO3 module is built again by
    /// maturin and installed into the course venv. `None` when there is nothing to do.
    pub fn install(
        self,
        workspace: &Workspace,
        exercise: &Exercise,
        limits: Limits,
    ) -> anyhow::Result<Option<Finished>> {
        match self {
            Kind::Pyo3 => {
                // Installing the same module again changes nothing and costs most of a re-check.
                let stamp = install_stamp(workspace, exercise);
                let wanted = install_inputs(workspace, exercise);
                let same = std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str());
                if same && workspace.reuses_installs {
                    return Ok(None);
                }
                let _ = std::fs::remove_file(&stamp);
                let finished = maturin_develop(workspace, exercise, limits)?;
                if finished.termination.success() {
                    if let Some(dir) = stamp.parent() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                    let _ = std::fs::write(&stamp, wanted);
                }
                Ok(Some(finished))
            }
            Kind::Rust | Kind::Ffi | Kind::Grpc => Ok(None),
        }
    }

    /// What the Python tests are told about the built exercise (`OXIDIZE_*` variables).
    pub fn test_env(
        self,
        workspace: &Workspace,
        exercise: &Exercise,
        artifacts: &Artifacts,
    ) -> anyhow::Result<Vec<(String, String)>> {
        let dir = exercise.dir(&workspace.root);
        let mut env = vec![(
            "OXIDIZE_EXERCISE_DIR".to_string(),
            dir.display().to_string(),
        )];
        let path = |p: &std::path::Path| p.display().to_string();
        match self {
            Kind::Rust | Kind::Grpc => {
                let binary = artifacts.binaries.first().with_context(|| {
                    format!(
                        "exercise {} (kind {self}) has no binary: add src/main.rs",
                        exercise.id
                    )
                })?;
                // OXIDIZE_BIN is a path; OXIDIZE_SERVER a command line, which may take arguments.
                let (variable, value) = if self == Kind::Rust {
                    ("OXIDIZE_BIN", path(binary))
                } else {
                    ("OXIDIZE_SERVER", platform::command_word(&path(binary)))
                };
                env.push((variable.into(), value));
            }
            Kind::Ffi => {
                let library = artifacts.shared_library.as_ref().with_context(|| {
                    format!(
                        "exercise {} (kind ffi) built no shared library: its Cargo.toml needs crate-type = [\"cdylib\", \"rlib\"]",
                        exercise.id
                    )
                })?;
                env.push(("OXIDIZE_LIB".into(), path(library)));
            }
            Kind::Pyo3 => {}
        }
        Ok(env)
    }
}

/// Where the venv records what the installed module of `exercise` was built from.
fn install_stamp(workspace: &Workspace, exercise: &Exercise) -> std::path::PathBuf {
    workspace
        .venv
        .join("oxidize-installed")
        .join(format!("{}.sha256", exercise.id))
}

/// Everything the installed module depends on: which copy of the course it came from (a
/// `verify` copy installs its own), the learner's `src/`, the crate's and the workspace's
/// manifests and lock, and the build profile.
fn install_inputs(workspace: &Workspace, exercise: &Exercise) -> String {
    let dir = exercise.dir(&workspace.root);
    let mut inputs = format!(
        "{}\n{}\nrelease={}\n",
        dir.display(),
        integrity::src_digest(exercise, &workspace.root),
        exercise.release
    );
    for file in [
        dir.join("Cargo.toml"),
        dir.join("pyproject.toml"),
        workspace.root.join("Cargo.toml"),
        workspace.root.join("Cargo.lock"),
    ] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        inputs.push_str(&integrity::sha256_hex(&bytes));
        inputs.push('\n');
    }
    integrity::sha256_hex(inputs.as_bytes())
}

/// `maturin develop`: builds the PyO3 module and installs it into the course venv.
fn maturin_develop(
    workspace: &Workspace,
    exercise: &Exercise,
    limits: Limits,
) -> anyhow::Result<run::Finished> {
    let mut cmd = Command::new(workspace.venv_program("maturin"));
    cmd.arg("develop");
    if exercise.release {
        cmd.arg("--release");
    }
    cmd.current_dir(exercise.dir(&workspace.root))
        .env("VIRTUAL_ENV", &workspace.venv)
        // Its own target directory: cargo and maturin build pyo3 with different settings, and
        // sharing one directory would rebuild it on every switch.
        .env("CARGO_TARGET_DIR", workspace.target_dir.join("maturin"));
    let mut activity = Activity::start(&format!("installing {} with maturin", exercise.id));
    run::run_showing(cmd, limits, &mut activity).context("failed to run `maturin develop`")
}
