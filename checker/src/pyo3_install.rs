//! A PyO3 exercise's module, built and installed into the course venv, with no more work than
//! the learner's change needs.
//!
//! The first install is `maturin develop`: it builds the module and installs it as a package
//! (the compiled module, the `__init__.py` that re-exports it, the `.pyi` stub, `py.typed`, the
//! dist-info). After that, a change to `src/` changes only the compiled module: a re-check
//! builds it with the cargo command maturin runs (same target directory, same settings, so
//! cargo reuses maturin's artifacts and the other way round) and puts it where maturin put it,
//! as pip would place that one file; the rest of the package stays as maturin wrote it. That
//! build runs at the same time as cargo's build of the tests, in its own target directory.
//! The same sources installed again change nothing: the install is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use cargo_metadata::{Message, TargetKind};
use serde::{Deserialize, Serialize};

use crate::activity::Activity;
use crate::cargo::{self, Build};
use crate::course::Exercise;
use crate::integrity;
use crate::run::{Finished, Limits};
use crate::workspace::Workspace;

/// Builds `exercise` with cargo for its tests and installs its module: the build, and the
/// install step when it was `maturin develop` (its output explains a failure).
pub fn build_and_install(
    workspace: &Workspace,
    exercise: &Exercise,
    limits: Limits,
) -> anyhow::Result<(Build, Option<Finished>)> {
    let build_tests = || cargo::build_with_tests(workspace, &exercise.id, exercise.release, limits);
    let stamp = stamp_path(workspace, exercise, "sha256");
    let wanted = install_inputs(workspace, exercise);
    let same = std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str());
    let package = workspace
        .reuses_installs
        .then(|| Package::load(workspace, exercise))
        .flatten();
    // A package recorded but no longer in place (uninstalled by hand) is installed again.
    let in_place = package.is_some() || !stamp_path(workspace, exercise, "json").is_file();
    // Installing the same module again changes nothing and costs most of a re-check.
    if same && in_place && workspace.reuses_installs {
        return Ok((build_tests()?, None));
    }
    let _ = std::fs::remove_file(&stamp);

    let (build, installed) = match package {
        Some(package) => {
            let (build, module) = std::thread::scope(|scope| {
                let module = scope.spawn(|| build_module(workspace, exercise, &package, limits));
                let build = build_tests();
                (build, module.join())
            });
            let build = build?;
            if !matches!(build, Build::Built(_)) {
                return Ok((build, None));
            }
            let placed = match module {
                Ok(Ok(Some(module))) => package.place(&module.library).is_ok(),
                _ => false,
            };
            // A module that did not build or could not be placed: maturin says why.
            let installed = if placed {
                None
            } else {
                Some(develop(workspace, exercise, limits)?)
            };
            (build, installed)
        }
        None => {
            let build = build_tests()?;
            if !matches!(build, Build::Built(_)) {
                return Ok((build, None));
            }
            (build, Some(develop(workspace, exercise, limits)?))
        }
    };
    if installed
        .as_ref()
        .is_none_or(|finished| finished.termination.success())
    {
        if let Some(dir) = stamp.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&stamp, wanted);
    }
    Ok((build, installed))
}

/// `maturin develop`, then what a later re-check needs to install without it (`Package`).
fn develop(workspace: &Workspace, exercise: &Exercise, limits: Limits) -> anyhow::Result<Finished> {
    let record = stamp_path(workspace, exercise, "json");
    let _ = std::fs::remove_file(&record);
    let finished = maturin_develop(workspace, exercise, limits)?;
    if finished.termination.success() && workspace.reuses_installs {
        Package::learn(workspace, exercise, limits);
    }
    Ok(finished)
}

/// `maturin develop`: builds the PyO3 module and installs it into the course venv.
fn maturin_develop(
    workspace: &Workspace,
    exercise: &Exercise,
    limits: Limits,
) -> anyhow::Result<Finished> {
    let mut cmd = Command::new(workspace.venv_program("maturin"));
    cmd.arg("develop");
    if exercise.release {
        cmd.arg("--release");
    }
    // uv installs the wheel in a fraction of pip's time (maturin runs pip three times:
    // `--version`, `install`, `show --files`): about a second less per install. The pinned
    // requirements bring uv into the venv.
    if workspace.venv_program("uv").is_file() {
        cmd.arg("--uv");
    }
    cmd.current_dir(exercise.dir(&workspace.root))
        .env("VIRTUAL_ENV", &workspace.venv)
        .env("CARGO_TARGET_DIR", maturin_target_dir(workspace));
    // It installs into the venv, and puts the module of a package with Python code beside
    // that code, in the exercise's src/.
    let writes = [
        workspace.venv.clone(),
        exercise.dir(&workspace.root).join("src"),
    ];
    let mut activity = Activity::start(&format!("installing {} with maturin", exercise.id));
    workspace
        .run_build(cmd, limits, &writes, &mut activity)
        .context("failed to run `maturin develop`")
}

/// maturin's own target directory: it builds pyo3 with other settings than `cargo test` (as
/// an extension module), and sharing one directory would rebuild pyo3 on every switch.
fn maturin_target_dir(workspace: &Workspace) -> PathBuf {
    workspace.target_dir.join("maturin")
}

/// Where the venv keeps what it knows of the installed module of `exercise`.
fn stamp_path(workspace: &Workspace, exercise: &Exercise, extension: &str) -> PathBuf {
    workspace
        .venv
        .join("oxidize-installed")
        .join(format!("{}.{extension}", exercise.id))
}

/// Everything the installed module depends on: the package around it (`package_inputs`) and
/// the learner's `src/`.
fn install_inputs(workspace: &Workspace, exercise: &Exercise) -> String {
    let inputs = format!(
        "{}\n{}\n",
        package_inputs(workspace, exercise),
        integrity::src_digest(exercise, &workspace.root)
    );
    integrity::sha256_hex(inputs.as_bytes())
}

/// What maturin made the package of, besides the learner's code: which copy of the course it
/// came from (a `verify` copy installs its own), the build profile, the crate's files outside
/// `src/` and its tests (manifests, the `.pyi` stub), the workspace's manifest and lock, and
/// the pinned Python packages (maturin among them).
fn package_inputs(workspace: &Workspace, exercise: &Exercise) -> String {
    let dir = exercise.dir(&workspace.root);
    let mut inputs = format!("{}\nrelease={}\n", dir.display(), exercise.release);
    let skipped = ["src", "tests", "python", "target"];
    let files = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() != 1 || !skipped.iter().any(|name| entry.file_name() == *name)
        })
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path());
    let shared = ["Cargo.toml", "Cargo.lock", crate::python::REQUIREMENTS]
        .map(|file| workspace.root.join(file));
    for file in files.chain(shared) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        inputs.push_str(&format!(
            "{} {}\n",
            file.strip_prefix(&workspace.root)
                .unwrap_or(&file)
                .display(),
            integrity::sha256_hex(&bytes)
        ));
    }
    integrity::sha256_hex(inputs.as_bytes())
}

/// The package `maturin develop` installed, as far as a re-check needs it to replace the
/// compiled module alone.
#[derive(Debug, Serialize, Deserialize)]
struct Package {
    /// `package_inputs` when maturin installed it: any change, and maturin installs again.
    inputs: String,
    /// The compiled module in site-packages.
    module: PathBuf,
    /// The dist-info's RECORD, which lists the module with its hash and size.
    record: PathBuf,
    /// The pyo3 configuration maturin built with (`PYO3_CONFIG_FILE`).
    config_file: PathBuf,
}

impl Package {
    /// The package maturin installed for `exercise`, if it was made of the files there are now
    /// and is still in place.
    fn load(workspace: &Workspace, exercise: &Exercise) -> Option<Package> {
        let text = std::fs::read_to_string(stamp_path(workspace, exercise, "json")).ok()?;
        let package: Package = serde_json::from_str(&text).ok()?;
        let intact = package.inputs == package_inputs(workspace, exercise)
            && [&package.module, &package.record, &package.config_file]
                .iter()
                .all(|file| file.is_file());
        intact.then_some(package)
    }

    /// Right after `maturin develop`: finds the module it installed, and records it when the
    /// cargo command of `build_module` is the one maturin ran (cargo finds maturin's build
    /// fresh) and its library is, byte for byte, the module maturin installed. Otherwise
    /// nothing is recorded, and every install goes through maturin.
    fn learn(workspace: &Workspace, exercise: &Exercise, limits: Limits) {
        // On macOS maturin links the module with arguments of its own (install name, dynamic
        // lookup), which this command does not repeat.
        if cfg!(target_os = "macos") {
            return;
        }
        let Some(package) = Package::find(workspace, exercise) else {
            return;
        };
        let same = match build_module(workspace, exercise, &package, limits) {
            Ok(Some(module)) => {
                module.fresh
                    && std::fs::read(&module.library).ok() == std::fs::read(&package.module).ok()
            }
            _ => false,
        };
        if same && let Ok(json) = serde_json::to_string_pretty(&package) {
            let _ = std::fs::write(stamp_path(workspace, exercise, "json"), json);
        }
    }

    /// The installed package of `exercise`: its dist-info in the venv's site-packages, the one
    /// compiled module its RECORD lists, and maturin's pyo3 configuration for the venv's
    /// Python. `None` for a package laid out otherwise (an editable install of a Python
    /// source folder, where the learner's Python files are part of the package).
    fn find(workspace: &Workspace, exercise: &Exercise) -> Option<Package> {
        let dir = exercise.dir(&workspace.root);
        let pyproject: toml::Table = std::fs::read_to_string(dir.join("pyproject.toml"))
            .ok()?
            .parse()
            .ok()?;
        let tool_maturin = pyproject.get("tool").and_then(|t| t.get("maturin"));
        if tool_maturin.is_some_and(|m| m.get("python-source").is_some()) {
            return None;
        }
        let name = pyproject.get("project")?.get("name")?.as_str()?;
        let prefix = format!("{}-", normalized(name));
        let (site_packages, record) =
            site_packages(&workspace.venv)
                .into_iter()
                .find_map(|site| {
                    let dist_info = std::fs::read_dir(&site).ok()?.flatten().find(|entry| {
                        let file_name = entry.file_name().to_string_lossy().to_lowercase();
                        file_name.starts_with(&prefix) && file_name.ends_with(".dist-info")
                    })?;
                    Some((site, dist_info.path().join("RECORD")))
                })?;
        let listed: Vec<String> = std::fs::read_to_string(&record)
            .ok()?
            .lines()
            .filter_map(|line| line.split(',').next())
            .map(str::to_string)
            .collect();
        if listed
            .iter()
            .any(|path| path.ends_with(".pth") || path.contains(".."))
        {
            return None;
        }
        let mut native = listed
            .iter()
            .filter(|path| path.ends_with(".so") || path.ends_with(".pyd"));
        let module = site_packages.join(native.next()?);
        if native.next().is_some() || !module.is_file() {
            return None;
        }
        Some(Package {
            inputs: package_inputs(workspace, exercise),
            module,
            record,
            config_file: pyo3_config_file(workspace)?,
        })
    }

    /// Puts `library` in place of the installed module, as one rename (a process that has the
    /// old one loaded keeps it), and updates its line in RECORD: its size, and no hash, as the
    /// wheel format allows for a file whose hash is not known (hashing megabytes of debug
    /// build would cost a re-check a tenth of a second, for a line nothing checks).
    fn place(&self, library: &Path) -> anyhow::Result<()> {
        let mut partial = self.module.clone().into_os_string();
        partial.push(".oxidize-partial");
        // A copy keeps the library's permissions (executable) as they are.
        std::fs::copy(library, &partial)?;
        std::fs::rename(&partial, &self.module)?;
        // The size as the file system has it: the count `copy` returns is not always the file's
        // (wine's CopyFile reports 0 bytes).
        let size = std::fs::metadata(&self.module)?.len();

        let module_name = self
            .module
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        let record = std::fs::read_to_string(&self.record)?;
        let updated: String = record
            .lines()
            .map(|line| {
                let path = line.split(',').next().unwrap_or_default();
                if path.rsplit(['/', '\\']).next() == Some(&*module_name) {
                    format!("{path},,{size}\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        std::fs::write(&self.record, updated)?;
        Ok(())
    }
}

/// A module that `build_module` built: the library file, and whether cargo found it fresh.
struct Module {
    library: PathBuf,
    fresh: bool,
}

/// Builds the exercise's module the way `maturin develop` does: `cargo rustc --lib
/// --crate-type cdylib` in maturin's target directory, with the environment maturin sets for
/// an extension module. `None` when it did not build.
fn build_module(
    workspace: &Workspace,
    exercise: &Exercise,
    package: &Package,
    limits: Limits,
) -> anyhow::Result<Option<Module>> {
    let dir = exercise.dir(&workspace.root);
    let mut cmd = workspace.cargo();
    cmd.args(["rustc", "--message-format", "json-render-diagnostics"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(["--lib", "--crate-type", "cdylib"]);
    if exercise.release {
        cmd.arg("--release");
    }
    let python = workspace.python();
    cmd.current_dir(&dir)
        .env("CARGO_TARGET_DIR", maturin_target_dir(workspace))
        .env("VIRTUAL_ENV", &workspace.venv)
        .env("PYO3_BUILD_EXTENSION_MODULE", "1")
        .env("PYO3_CONFIG_FILE", &package.config_file)
        .env("PYO3_PYTHON", &python)
        .env("PYTHON_SYS_EXECUTABLE", &python);
    // It runs beside the tests' build, which says what is being built.
    let finished = workspace
        .run_build_watched(cmd, limits, &[], &mut |_| {})
        .context("failed to run `cargo rustc`")?;
    if !finished.termination.success() {
        return Ok(None);
    }
    let stdout = finished.stdout.text();
    let module =
        Message::parse_stream(stdout.as_bytes())
            .flatten()
            .find_map(|message| match message {
                Message::CompilerArtifact(artifact)
                    if cargo::is_package(&artifact.package_id.repr, &exercise.id)
                        && artifact.target.kind.contains(&TargetKind::CDyLib) =>
                {
                    let library = artifact
                        .filenames
                        .into_iter()
                        .map(PathBuf::from)
                        .find(|file| cargo::is_shared_library(file))?;
                    Some(Module {
                        library,
                        fresh: artifact.fresh,
                    })
                }
                _ => None,
            });
    Ok(module)
}

/// The pyo3 configuration maturin wrote for the venv's Python (`pyo3-config-<target>-<X.Y>…`):
/// `None` unless there is exactly one.
fn pyo3_config_file(workspace: &Workspace) -> Option<PathBuf> {
    let version = venv_python_version(&workspace.venv)?;
    let infix = format!("-{version}");
    let dir = maturin_target_dir(workspace).join("maturin");
    let mut found = std::fs::read_dir(dir).ok()?.flatten().filter_map(|entry| {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.strip_prefix("pyo3-config-")?.strip_suffix(".txt")?;
        // `-3.11` then the end or `-abi3`, not `-3.110`.
        let after = &stem[stem.find(&infix)? + infix.len()..];
        (after.is_empty() || after.starts_with('-')).then(|| entry.path())
    });
    let file = found.next()?;
    found.next().is_none().then_some(file)
}

/// `3.11` for a venv of Python 3.11, from its `pyvenv.cfg` (`version` or, from uv,
/// `version_info`).
fn venv_python_version(venv: &Path) -> Option<String> {
    let config = std::fs::read_to_string(venv.join("pyvenv.cfg")).ok()?;
    config.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        if !matches!(key.trim(), "version" | "version_info") {
            return None;
        }
        let mut parts = value.trim().split('.');
        Some(format!("{}.{}", parts.next()?, parts.next()?))
    })
}

/// The venv's site-packages folders: `lib/pythonX.Y/site-packages` or `Lib/site-packages`.
fn site_packages(venv: &Path) -> Vec<PathBuf> {
    let mut found = vec![venv.join("Lib").join("site-packages")];
    if let Ok(entries) = std::fs::read_dir(venv.join("lib")) {
        found.extend(entries.flatten().map(|e| e.path().join("site-packages")));
    }
    found.retain(|dir| dir.is_dir());
    found
}

/// A distribution name as its dist-info folder spells it: lower case, each run of `-`, `_`
/// and `.` one `_`.
fn normalized(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('_') {
                out.push('_');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_distribution_name_is_normalized_as_its_dist_info_folder_spells_it() {
        assert_eq!(normalized("Word-Tools"), "word_tools");
        assert_eq!(normalized("py.values--x"), "py_values_x");
    }

    #[test]
    fn the_python_version_comes_from_pyvenv_cfg_as_python_or_uv_writes_it() {
        let venv = tempfile::tempdir().unwrap();
        let cfg = venv.path().join("pyvenv.cfg");
        std::fs::write(&cfg, "home = /usr/bin\nversion = 3.11.7\n").unwrap();
        assert_eq!(venv_python_version(venv.path()).as_deref(), Some("3.11"));
        std::fs::write(&cfg, "home = /usr/bin\nversion_info = 3.13.1\n").unwrap();
        assert_eq!(venv_python_version(venv.path()).as_deref(), Some("3.13"));
    }

    #[test]
    fn placing_a_module_replaces_the_file_and_its_record_line_only() {
        let dir = tempfile::tempdir().unwrap();
        let module = dir.path().join("m").join("m.abi3.so");
        std::fs::create_dir_all(module.parent().unwrap()).unwrap();
        std::fs::write(&module, b"old").unwrap();
        let record = dir.path().join("RECORD");
        std::fs::write(
            &record,
            "m/__init__.py,sha256=abc,12\nm/m.abi3.so,sha256=old,3\nm-0.1.0.dist-info/RECORD,,\n",
        )
        .unwrap();
        let library = dir.path().join("libm.so");
        std::fs::write(&library, b"new module").unwrap();
        let package = Package {
            inputs: String::new(),
            module: module.clone(),
            record: record.clone(),
            config_file: PathBuf::new(),
        };
        package.place(&library).unwrap();
        assert_eq!(std::fs::read(&module).unwrap(), b"new module");
        assert_eq!(
            std::fs::read_to_string(&record).unwrap(),
            "m/__init__.py,sha256=abc,12\nm/m.abi3.so,,10\nm-0.1.0.dist-info/RECORD,,\n"
        );
    }
}
