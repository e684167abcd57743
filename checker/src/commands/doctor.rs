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

/// How to install the mdBook the book is built with: the version the README and CI pin.
const MDBOOK_INSTALL: &str =
    "cargo install mdbook --locked --version 0.5.4   (about 4 minutes on two cores, once)";

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
        linker(),
        python_found(),
        venv(&course.root, &workspace),
        disk(&workspace.target_dir),
        version_of("mdBook (to read the book)", "mdbook", MDBOOK_INSTALL),
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
    if let Some(advice) = platform::advice() {
        println!("  To enforce more: {advice}");
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

/// The C linker rustc needs for every exercise (and for the checker itself): the most common
/// reason a first build fails on a new Windows or macOS machine.
fn linker() -> Finding {
    let what = "a linker for Rust";
    let host = Command::new("rustc")
        .arg("-vV")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    let host = host.lines().find_map(|line| line.strip_prefix("host: "));
    match platform::c_linker(host) {
        Ok(found) => Finding {
            what,
            found,
            fix: None,
        },
        Err(fix) => Finding {
            what,
            found: "not found".to_string(),
            fix: Some(fix),
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
    // The venv's own Python reads the pins: a line may carry an environment marker
    // (`numpy==2.4.6; python_version >= "3.11"`) that only pip's rules can evaluate.
    let script = r##"
import sys, importlib.metadata as m
from pip._vendor.packaging.requirements import Requirement
count = 0
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    req = Requirement(line)
    if req.marker is not None and not req.marker.evaluate():
        continue
    count += 1
    try:
        have = m.version(req.name)
    except m.PackageNotFoundError:
        have = None
    if have is None or not req.specifier.contains(have, prereleases=True):
        print("wrong", f"{req.name}{req.specifier}", have or "missing")
print("count", count)
"##;
    let report = Command::new(workspace.python())
        .args(["-c", script])
        .arg(root.join(REQUIREMENTS))
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    let wrong: Vec<String> = report
        .lines()
        .filter_map(|line| line.strip_prefix("wrong "))
        .map(|rest| {
            let (wanted, have) = rest.rsplit_once(' ').unwrap_or((rest, "?"));
            format!("{wanted} (installed: {have})")
        })
        .collect();
    let count = report
        .lines()
        .find_map(|line| line.strip_prefix("count "))
        .unwrap_or("0")
        .to_string();
    if wrong.is_empty() {
        Finding {
            what,
            found: format!("{}, {count} pinned packages", workspace.venv.display()),
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_mdbook_it_suggests_is_the_one_the_readme_pins() {
        let readme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
        )
        .unwrap();
        let command = super::MDBOOK_INSTALL.split("   (").next().unwrap();
        assert!(
            readme.contains(command),
            "the README does not say `{command}`"
        );
    }
}
