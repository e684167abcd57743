//! The course's Python environment: `.venv` with the pinned packages of `requirements.txt`,
//! created on first use and reinstalled when the requirements change. Every package is checked
//! against the file's hashes (`--require-hashes`) and installed by uv: the one on PATH, or the
//! pinned one that pip installs first; by pip alone where uv fails.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::activity::Activity;
use crate::run::{self, Limits};
use crate::workspace::Workspace;

/// The pinned requirements, at the course root.
pub const REQUIREMENTS: &str = "requirements.txt";
/// Inside the venv: the hash of the requirements it was installed from.
const STAMP: &str = "oxidize-requirements.sha256";

const SETUP_LIMIT: Duration = Duration::from_secs(900);

/// Makes sure the venv exists with the current requirements installed, saying what it does.
pub fn ensure_venv(course_root: &Path, workspace: &Workspace) -> anyhow::Result<()> {
    let requirements = course_root.join(REQUIREMENTS);
    let wanted = std::fs::read(&requirements)
        .with_context(|| format!("cannot read {}", requirements.display()))?;
    let wanted = crate::integrity::sha256_hex(&wanted);
    let stamp = workspace.venv.join(STAMP);
    let ready = || {
        workspace.python().is_file()
            && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str())
    };
    if ready() {
        return Ok(());
    }
    let _lock = venv_lock(workspace)?;
    if ready() {
        return Ok(());
    }
    create_if_missing(workspace)?;

    eprintln!(
        "Setting up Python: installing the pinned packages of {REQUIREMENTS} into {}...",
        workspace.venv.display()
    );
    let mut activity = Activity::start("installing the pinned Python packages");
    // uv where it runs: it resolves nothing (every package is pinned) and downloads them at
    // once, about 4 s for these packages against pip's 15 s on a fresh machine here. Without
    // one on PATH, pip installs the pinned uv first (a few seconds), hash-checked like the rest.
    let uv = which::which("uv")
        .ok()
        .or_else(|| bootstrap_uv(workspace, &requirements, &mut activity));
    let by_uv = uv.and_then(|uv| {
        let mut cmd = Command::new(&uv);
        cmd.args(["pip", "install", "--require-hashes", "--python"])
            .arg(workspace.python())
            .arg("-r")
            .arg(&requirements);
        let finished = run::run_showing(cmd, setup_limits(), &mut activity).ok()?;
        if finished.termination.success() {
            return Some(());
        }
        eprintln!(
            "Setting up Python: uv failed ({}), installing with pip instead.",
            finished.termination.describe()
        );
        None
    });
    if by_uv.is_none() {
        let mut cmd = pip_install(workspace);
        cmd.arg("-r").arg(&requirements);
        let finished =
            run::run_showing(cmd, setup_limits(), &mut activity).context("failed to run pip")?;
        if !finished.termination.success() {
            bail!(
                "installing {REQUIREMENTS} into {} failed ({}):\n{}\n\
                 pip says why above: most often no network, or a Python too old for a pinned \
                 package (the course needs Python 3.10 or newer). A \"hash\" error means a \
                 download differs from the one the course pinned: a proxy that rewrites \
                 packages, or a {REQUIREMENTS} edited without regenerating its hashes.",
                workspace.venv.display(),
                finished.termination.describe(),
                finished.stderr.text().trim()
            );
        }
    }
    drop(activity);
    std::fs::write(&stamp, wanted).with_context(|| format!("cannot write {}", stamp.display()))?;
    eprintln!("Setting up Python: done.");
    Ok(())
}

/// Installs into the venv, with pip, only the uv that `requirements` pins (with its hashes),
/// and returns it; `None` when the file pins none or pip fails (then pip installs everything).
fn bootstrap_uv(
    workspace: &Workspace,
    requirements: &Path,
    activity: &mut Activity,
) -> Option<std::path::PathBuf> {
    let uv = workspace.venv_program("uv");
    if uv.is_file() {
        return Some(uv);
    }
    let pinned = uv_requirement(&std::fs::read_to_string(requirements).ok()?)?;
    let file = workspace.venv.join("oxidize-uv-requirement.txt");
    std::fs::write(&file, pinned).ok()?;
    let mut cmd = pip_install(workspace);
    cmd.args(["--no-deps", "-r"]).arg(&file);
    let finished = run::run_showing(cmd, setup_limits(), activity).ok()?;
    let _ = std::fs::remove_file(&file);
    (finished.termination.success() && uv.is_file()).then_some(uv)
}

/// The venv's `pip install`, quiet about itself and checking every hash.
fn pip_install(workspace: &Workspace) -> Command {
    let mut cmd = Command::new(workspace.python());
    cmd.args([
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--progress-bar",
        "off",
        "--require-hashes",
    ]);
    cmd
}

/// uv's entry in a requirements file written by `uv pip compile --generate-hashes`: its line
/// and the indented `--hash` lines under it.
fn uv_requirement(requirements: &str) -> Option<String> {
    let mut lines = requirements
        .lines()
        .skip_while(|line| !line.starts_with("uv=="));
    let first = lines.next()?;
    let hashes = lines.take_while(|line| line.starts_with(' ') && line.contains("--hash="));
    Some(
        std::iter::once(first)
            .chain(hashes)
            .collect::<Vec<_>>()
            .join("\n")
            + "\n",
    )
}

/// The venv's interpreter, created if it is missing: cargo's builds of pyo3 are configured with
/// it (`Workspace::cargo`), so it must exist before any build starts, while the packages may
/// still be installing.
pub fn ensure_interpreter(workspace: &Workspace) -> anyhow::Result<()> {
    if workspace.python().is_file() {
        return Ok(());
    }
    let _lock = venv_lock(workspace)?;
    create_if_missing(workspace)
}

/// Two checkers setting up the same venv at once would break it: one waits for the other.
fn venv_lock(workspace: &Workspace) -> anyhow::Result<std::fs::File> {
    let mut lock_path = workspace.venv.clone().into_os_string();
    lock_path.push(".lock");
    crate::file_lock::exclusive(Path::new(&lock_path), &workspace.venv.display().to_string())
}

fn create_if_missing(workspace: &Workspace) -> anyhow::Result<()> {
    if workspace.python().is_file() {
        return Ok(());
    }
    let python = find_python()?;
    eprintln!(
        "Setting up Python: creating {} with {python} (first run only)...",
        workspace.venv.display()
    );
    let mut cmd = Command::new(&python);
    cmd.arg("-m").arg("venv").arg(&workspace.venv);
    let finished = run::run(cmd, setup_limits())
        .with_context(|| format!("failed to run `{python} -m venv`"))?;
    if !finished.termination.success() {
        bail!(
            "`{python} -m venv {}` failed ({}):\n{}\n{VENV_HELP}",
            workspace.venv.display(),
            finished.termination.describe(),
            finished.stderr.text().trim()
        );
    }
    Ok(())
}

fn setup_limits() -> Limits {
    Limits {
        wall: SETUP_LIMIT,
        output_cap: 256 * 1024,
    }
}

/// The Python (3.10 or newer: pytest 9 needs it) to create the venv with: $OXIDIZE_PYTHON,
/// else the first of `python3`, `python` and (Windows) the `py -3` launcher that runs and is new
/// enough, as the path of the interpreter itself (`sys.executable`). On Windows `python` may be
/// the Microsoft Store's stand-in, which fails, and python.org's installer puts only `py` on
/// PATH unless told otherwise; on macOS `python3` may be the command line tools' 3.9.
pub fn find_python() -> anyhow::Result<String> {
    if let Ok(python) = std::env::var("OXIDIZE_PYTHON")
        && !python.trim().is_empty()
    {
        return Ok(python);
    }
    const REPORT: &str =
        "import sys\nif sys.version_info < (3, 10): sys.exit(1)\nprint(sys.executable)";
    for (program, args) in CANDIDATES {
        let found = Command::new(program)
            .args(*args)
            .args(["-c", REPORT])
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
        match found {
            Some(path) if !path.is_empty() => return Ok(path),
            _ => continue,
        }
    }
    bail!("{NO_PYTHON}")
}

#[cfg(windows)]
const CANDIDATES: &[(&str, &[&str])] = &[("python3", &[]), ("python", &[]), ("py", &["-3"])];
#[cfg(not(windows))]
const CANDIDATES: &[(&str, &[&str])] = &[("python3", &[]), ("python", &[])];

const NO_PYTHON: &str = "Python 3.10 or newer was not found (tried `python3` and `python`, \
and `py -3` on Windows).
The checker needs it to run the exercises' Python tests. Install it:
  - Debian/Ubuntu: sudo apt install python3 python3-venv
  - macOS:         the installer from https://www.python.org/downloads/, or brew install python
  - Windows:       https://www.python.org/downloads/ (tick \"Add python.exe to PATH\"),
                   or winget install Python.Python.3.13
or set OXIDIZE_PYTHON to the path of a Python 3 interpreter, then run the checker again.";

const VENV_HELP: &str =
    "On Debian and Ubuntu the venv module is a separate package: sudo apt install python3-venv";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uvs_entry_is_read_with_its_hashes_and_nothing_after_them() {
        let requirements = "pytest==9.2.0 \\\n    --hash=sha256:aa\n    # via -r requirements.in\n\
                            uv==0.13.9 \\\n    --hash=sha256:bb \\\n    --hash=sha256:cc\n    # via -r requirements.in\n\
                            zzz==1 \\\n    --hash=sha256:dd\n";
        assert_eq!(
            uv_requirement(requirements).unwrap(),
            "uv==0.13.9 \\\n    --hash=sha256:bb \\\n    --hash=sha256:cc\n"
        );
        assert_eq!(uv_requirement("pytest==9.2.0\n"), None);
    }

    #[test]
    fn the_course_pins_uv_with_its_hashes() {
        let requirements =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../requirements.txt"))
                .unwrap();
        let uv = uv_requirement(&requirements).expect("requirements.txt pins uv");
        assert!(uv.matches("--hash=sha256:").count() > 10, "{uv}");
    }
}
