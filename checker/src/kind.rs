//! The kinds of exercise, and what each one does differently: what it builds beyond cargo's
//! build, and what its Python tests are told about the result. A new kind is added here.

use std::fmt;

use anyhow::Context;
use serde::Deserialize;

use crate::cargo::{self, Artifacts, Build};
use crate::course::Exercise;
use crate::run::{Finished, Limits};
use crate::workspace::Workspace;
use crate::{platform, pyo3_install};

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

    /// Builds the exercise with cargo (its integration tests, library and binaries) and does
    /// the kind's own step after it, if it has one: a PyO3 module is installed into the course
    /// venv (see `pyo3_install`). The build, and the install step when its output matters.
    pub fn build_and_install(
        self,
        workspace: &Workspace,
        exercise: &Exercise,
        limits: Limits,
    ) -> anyhow::Result<(Build, Option<Finished>)> {
        match self {
            Kind::Pyo3 => pyo3_install::build_and_install(workspace, exercise, limits),
            Kind::Rust | Kind::Ffi | Kind::Grpc => Ok((
                cargo::build_with_tests(workspace, &exercise.id, exercise.release, limits)?,
                None,
            )),
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
