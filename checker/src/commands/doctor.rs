//! `doctor`: is this machine ready for the course? Rust, Python, the course venv and its
//! packages, disk space, mdBook, and what the sandbox enforces here. Each problem comes with the
//! command that fixes it; the exit code is 1 when there is one.

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::course::Course;
use crate::platform;
use crate::python::{self, REQUIREMENTS};
use crate::workspace::Workspace;

/// Below this much free disk, a first build of the course's dependencies may not fit.
const DISK_NEEDED: u64 = 4 << 30;

/// One line of the report: what was checked, what was found, and the fix when it is a problem.
struct Finding {
    what: &'static str,
    found: String,
    fix: Option<String>,
}

pub fn run(course: &Course) -> anyhow::Result<ExitCode> {
    let workspace = Workspace::of(course);
    let findings = [
        version_of(
            "Rust (cargo)",
            "cargo",
            "install Rust with rustup: https://rustup.rs",
        ),
        version_of(
            "Rust (rustc)",
            "rustc",
            "install Rust with rustup: https://rustup.rs",
        ),
        python_found(),
        venv(&course.root, &workspace),
        disk(&workspace.target_dir),
        version_of(
            "mdBook (to read the book)",
            "mdbook",
            "cargo install mdbook --locked   (a few minutes, once)",
        ),
    ];
    let mut problems = 0;
    for finding in &findings {
        let mark = if finding.fix.is_some() { "✗" } else { "✓" };
        println!("{mark} {}: {}", finding.what, finding.found);
        if let Some(fix) = &finding.fix {
            println!("    fix: {fix}");
            problems += 1;
        }
    }
    println!("\nWhat the checker enforces on learner code here:");
    for (limit, holds) in platform::enforced() {
        println!("  {} {limit}", if holds { "✓" } else { "- not enforced:" });
    }
    if problems == 0 {
        println!("\nAll set: `cargo checker check` starts the first exercise.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\n{problems} problem(s) above: run each fix, then `cargo checker doctor` again.");
        Ok(ExitCode::FAILURE)
    }
}

/// `PROGRAM --version`, or the fix when it does not run.
fn version_of(what: &'static str, program: &str, fix: &str) -> Finding {
    match Command::new(program).arg("--version").output() {
        Ok(out) if out.status.success() => Finding {
            what,
            found: String::from_utf8_lossy(&out.stdout).trim().to_string(),
            fix: None,
        },
        _ => Finding {
            what,
            found: format!("`{program}` was not found"),
            fix: Some(fix.to_string()),
        },
    }
}

fn python_found() -> Finding {
    let what = "Python 3.10 or newer";
    match python::find_python() {
        Ok(python) => Finding {
            what,
            found: format!("`{python}`"),
            fix: None,
        },
        Err(err) => Finding {
            what,
            found: "not found".to_string(),
            fix: Some(err.to_string().replace('\n', "\n    ")),
        },
    }
}

/// The venv exists and holds each pinned package at its pinned version.
fn venv(root: &Path, workspace: &Workspace) -> Finding {
    let what = "the course's Python environment";
    let setup = "cargo checker check   (creates it; about a minute the first time)";
    if !workspace.python().is_file() {
        return Finding {
            what,
            found: format!("{} does not exist yet", workspace.venv.display()),
            fix: Some(setup.to_string()),
        };
    }
    let pins: Vec<(String, String)> = std::fs::read_to_string(root.join(REQUIREMENTS))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split('#').next()?.trim().split_once("=="))
        .map(|(name, version)| (name.trim().to_string(), version.trim().to_string()))
        .collect();
    let names: Vec<&str> = pins.iter().map(|(name, _)| name.as_str()).collect();
    let script = "import sys, importlib.metadata as m\n\
        for name in sys.argv[1:]:\n\
        \ttry: print(name, m.version(name))\n\
        \texcept m.PackageNotFoundError: print(name, '-')";
    let installed = Command::new(workspace.python())
        .args(["-c", script])
        .args(&names)
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    let wrong: Vec<String> = pins
        .iter()
        .filter(|(name, version)| {
            !installed
                .lines()
                .any(|line| line.split_once(' ') == Some((name.as_str(), version.as_str())))
        })
        .map(|(name, version)| format!("{name}=={version}"))
        .collect();
    if wrong.is_empty() {
        Finding {
            what,
            found: format!(
                "{}, {} pinned packages",
                workspace.venv.display(),
                pins.len()
            ),
            fix: None,
        }
    } else {
        Finding {
            what,
            found: format!("missing or at another version: {}", wrong.join(", ")),
            fix: Some(format!(
                "{} -m pip install -r {REQUIREMENTS}",
                workspace.python().display()
            )),
        }
    }
}

fn disk(target: &Path) -> Finding {
    let what = "free disk for builds";
    let at = target
        .ancestors()
        .find(|dir| dir.exists())
        .unwrap_or(target);
    match fs4::available_space(at) {
        Ok(free) if free >= DISK_NEEDED => Finding {
            what,
            found: format!("{} GiB free at {}", free >> 30, at.display()),
            fix: None,
        },
        Ok(free) => Finding {
            what,
            found: format!("only {} MiB free at {}", free >> 20, at.display()),
            fix: Some(format!(
                "free at least {} GiB (`cargo clean` in another project frees its target/)",
                DISK_NEEDED >> 30
            )),
        },
        Err(err) => Finding {
            what,
            found: format!("could not be read ({err})"),
            fix: None,
        },
    }
}
