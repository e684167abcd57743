//! The real course, proved: every exercise fails untouched, test by test, and passes with its
//! solution. The only test that reads the course's own exercises; the checker's behaviour is
//! tested on the fixture course.

use crate::support::TestCourse;

#[test]
fn the_real_course_verifies() {
    let course = TestCourse::copy();
    let output = course.checker().arg("verify").output().unwrap();
    assert!(
        output.status.success(),
        "verify failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The any-server contract of chapter 4 ("Grading another language's server"): each gRPC
/// exercise's Python tests pass against the book's server for it written in Python with grpcio
/// (`book/ch4-grpc/servers/<id>_server.py`), so they test the service, not tonic.
#[test]
fn the_grpc_tests_pass_against_the_books_python_servers() {
    let root = crate::support::repo_root();
    let venv = root.join(".venv");
    let python = if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    };
    // The checker makes the shared venv on first use (the tests' courses all use this one).
    let _ = TestCourse::fixture()
        .checker()
        .args(["check", "add"])
        .output();
    let servers: Vec<_> = std::fs::read_dir(root.join("book/ch4-grpc/servers"))
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with("_server.py"))
        .collect();
    assert!(!servers.is_empty(), "the book has no Python servers");
    for server in servers {
        let name = server.file_name().unwrap().to_string_lossy().into_owned();
        let id = name.trim_end_matches("_server.py").replace('_', "-");
        let folder = std::fs::read_dir(root.join("exercises"))
            .unwrap()
            .flatten()
            .map(|entry| entry.path())
            .find(|dir| {
                dir.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .ends_with(&format!("-{id}"))
            })
            .unwrap_or_else(|| panic!("{name} serves no exercise: there is no exercises/NN-{id}"));
        let output = std::process::Command::new(&python)
            .current_dir(&root)
            .args([
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-c",
                "exercises/pytest.ini",
            ])
            .arg(folder.join("python").join("tests"))
            .env("OXIDIZE_EXERCISE_DIR", &folder)
            .env("OXIDIZE_SERVER", {
                // Split as the gRPC fixture splits it: shlex's POSIX rules, or Windows' quotes.
                let quote = if cfg!(windows) { '"' } else { '\'' };
                format!(
                    "{quote}{}{quote} {quote}{}{quote}",
                    python.display(),
                    server.display()
                )
            })
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{name} fails {id}'s tests:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The editor set-up in `.vscode/`: each task runs a command the checker has, and the settings
/// point rust-analyzer and Python at the venv the checker makes (`.venv`).
#[test]
fn the_vs_code_tasks_run_commands_the_checker_has() {
    let root = crate::support::repo_root();
    // VS Code's JSON allows `//` comments on their own lines, as these files use them.
    let read = |name: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(root.join(".vscode").join(name)).unwrap();
        let json: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        serde_json::from_str(&json).unwrap_or_else(|err| panic!(".vscode/{name}: {err}"))
    };
    let tasks = read("tasks.json");
    let tasks = tasks["tasks"].as_array().unwrap();
    assert!(tasks.len() >= 3);
    for task in tasks {
        let command = task["command"].as_str().unwrap();
        let words: Vec<&str> = command
            .split_whitespace()
            .filter(|word| !word.starts_with("${input:"))
            .collect();
        assert_eq!(words[..2], ["cargo", "checker"], "{command}");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_checker"))
            .args(&words[2..])
            .arg("--help")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`{command}` is not a checker command"
        );
    }
    let settings = read("settings.json");
    for key in [
        "python.defaultInterpreterPath",
        "rust-analyzer.cargo.extraEnv",
    ] {
        let value = settings[key].to_string();
        assert!(
            value.contains("${workspaceFolder}/.venv/"),
            "{key}: {value}"
        );
    }
}

/// The workspace's `rust-version` is the newest that any dependency of a learner's build asks
/// for (normal and build dependencies of every member; the checker's test-only ones aside): no
/// lower, or an older Rust would fail inside a dependency, and no higher than needed.
#[test]
fn the_workspace_asks_for_the_rust_its_dependencies_need() {
    use cargo_metadata::{DependencyKind, MetadataCommand};
    use std::collections::{HashMap, HashSet};

    let root = crate::support::repo_root();
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let declared = manifest["workspace"]["package"]["rust-version"]
        .as_str()
        .expect("[workspace.package] rust-version");
    let metadata = MetadataCommand::new()
        .manifest_path(root.join("Cargo.toml"))
        .exec()
        .unwrap();
    let resolve = metadata.resolve.as_ref().unwrap();
    let nodes: HashMap<_, _> = resolve.nodes.iter().map(|node| (&node.id, node)).collect();
    let mut seen = HashSet::new();
    let mut to_visit: Vec<_> = metadata.workspace_members.iter().collect();
    while let Some(id) = to_visit.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in &nodes[id].deps {
            let built = dep
                .dep_kinds
                .iter()
                .any(|kind| kind.kind != DependencyKind::Development);
            if built {
                to_visit.push(&dep.pkg);
            }
        }
    }
    let needed = metadata
        .packages
        .iter()
        .filter(|package| seen.contains(&package.id))
        .filter_map(|package| Some((package.rust_version.clone()?, package.name.to_string())))
        .max()
        .expect("some dependency declares a rust-version");
    let declared = cargo_metadata::semver::Version::parse(&format!("{declared}.0")).unwrap();
    assert_eq!(
        (declared.major, declared.minor),
        (needed.0.major, needed.0.minor),
        "Cargo.toml's rust-version should be {}.{}, what {} asks for",
        needed.0.major,
        needed.0.minor,
        needed.1
    );
}
