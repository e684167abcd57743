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
    /// Says so, before the build, for each big dependency this build will compile for the first
    /// time in this target directory and profile (pyo3, tonic, numpy, rayon...): a minute or
    /// two, once, where later checks take seconds. A PyO3 module is built twice, for cargo's
    /// tests and for Python (maturin's settings), and each build is announced.
    pub fn announce_first_build(self, workspace: &Workspace, exercise: &Exercise) {
        for announcement in self.first_builds(workspace, exercise) {
            eprintln!("{announcement}");
        }
    }

    /// What `announce_first_build` says.
    fn first_builds(self, workspace: &Workspace, exercise: &Exercise) -> Vec<String> {
        let mut said = Vec::new();
        let manifest = std::fs::read_to_string(exercise.dir(&workspace.root).join("Cargo.toml"))
            .unwrap_or_default();
        let profile = if exercise.release { "release" } else { "debug" };
        let mut targets = vec![(workspace.target_dir.clone(), "for the tests")];
        if self == Kind::Pyo3 {
            let maturin = workspace.target_dir.join("maturin");
            targets.push((maturin, "for the module Python imports"));
        }
        for (crate_name, expected) in BIG_DEPENDENCIES {
            let listed = manifest.lines().any(|line| {
                let key = line.split(['=', '.']).next().unwrap_or("").trim();
                key == crate_name
            });
            let first: Vec<&str> = targets
                .iter()
                .filter(|(target, _)| listed && !built_in(target, profile, crate_name))
                .map(|(_, what)| *what)
                .collect();
            if !first.is_empty() {
                let each = if first.len() > 1 { " each" } else { "" };
                said.push(format!(
                    "First build of {crate_name} and its dependencies ({profile}, {}): \
                     {expected}{each} on two cores, once; later checks take seconds.",
                    first.join(" and ")
                ));
            }
        }
        said
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

/// The dependencies whose first build a learner waits for, with how long it takes on two
/// cores (measured here: pyo3 about a minute, again for maturin; rayon's release build 109 s).
const BIG_DEPENDENCIES: [(&str, &str); 5] = [
    ("pyo3", "about a minute"),
    ("tonic", "one to two minutes"),
    ("numpy", "about a minute"),
    ("pyo3-async-runtimes", "about a minute"),
    ("rayon", "up to two minutes"),
];

/// Whether `crate_name` was compiled in `target`'s `profile` already (cargo's fingerprints).
fn built_in(target: &std::path::Path, profile: &str, crate_name: &str) -> bool {
    let fingerprints = target.join(profile).join(".fingerprint");
    let prefix = format!("{crate_name}-");
    std::fs::read_dir(&fingerprints).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_first_build_of_a_big_dependency_is_announced_once_per_target_and_profile() {
        let dir = tempfile::tempdir().unwrap();
        let course = crate::course::Course::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
        )
        .unwrap();
        let workspace = Workspace {
            root: course.root.clone(),
            target_dir: dir.path().to_path_buf(),
            venv: dir.path().join(".venv"),
            reuses_installs: true,
            hidden: None,
        };
        let said = |id: &str| {
            let exercise = course.exercise(id).unwrap();
            exercise.kind.first_builds(&workspace, exercise)
        };
        // A PyO3 exercise in an empty target: pyo3 for the tests and for maturin's module.
        assert_eq!(
            said("word-tools"),
            [
                "First build of pyo3 and its dependencies (debug, for the tests and for the module \
              Python imports): about a minute each on two cores, once; later checks take seconds."
            ]
        );
        // rayon, in release: the exercise's own big dependency.
        assert!(
            said("parallel-rayon")
                .iter()
                .any(|s| s.starts_with("First build of rayon and its dependencies (release")),
            "{:?}",
            said("parallel-rayon")
        );
        // Built once for the tests: only maturin's build is still to come.
        std::fs::create_dir_all(dir.path().join("debug/.fingerprint/pyo3-0123abcd")).unwrap();
        assert_eq!(
            said("word-tools"),
            [
                "First build of pyo3 and its dependencies (debug, for the module Python imports): \
              about a minute on two cores, once; later checks take seconds."
            ]
        );
        // Nothing big in a pure Rust exercise.
        assert!(said("first-word").is_empty());
    }
}
