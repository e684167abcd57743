//! Builds an exercise crate with cargo and finds what it built: the integration-test binaries,
//! the crate's binaries and its shared library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::Context;
use cargo_metadata::{Message, TargetKind};

use crate::activity::Activity;
use crate::run::{self, Finished, Limits, Termination};
use crate::workspace::Workspace;

/// What one `cargo test --no-run` built for a package.
#[derive(Debug, Default)]
pub struct Artifacts {
    /// Integration-test binaries (`tests/*.rs`): the graded Rust tests.
    pub test_binaries: Vec<PathBuf>,
    /// The package's executables (`src/main.rs`, `src/bin/*`).
    pub binaries: Vec<PathBuf>,
    /// The package's `cdylib`, if it has one.
    pub shared_library: Option<PathBuf>,
    /// The compiler's warnings, each whole, as cargo rendered them (for a package it did not
    /// need to compile again, it replays them): `warnings_about` picks the learner's.
    pub warnings: Vec<String>,
}

/// A build that ran: its artifacts when it succeeded, the compiler's words when it did not.
pub enum Build {
    Built(Artifacts),
    Failed { output: String, finished: Finished },
}

/// Builds `package`'s integration tests (`cargo test -p PACKAGE --no-run --test '*'`, with
/// `--release` when `release`), which also builds its library and binaries: the graded tests
/// and what the Python tests use, and not the unit-test harnesses of the lib and the bins,
/// which no exercise has and which would cost two more compilations per check.
pub fn build_with_tests(
    workspace: &Workspace,
    package: &str,
    release: bool,
    limits: Limits,
) -> anyhow::Result<Build> {
    let mut cmd = workspace.cargo();
    cmd.args([
        "test",
        "--no-run",
        "--message-format=json-render-diagnostics",
        "--color=never",
        "-p",
        package,
        "--test",
        "*",
    ]);
    if release {
        cmd.arg("--release");
    }
    let mut activity = Activity::start(&format!("building {package}"));
    let finished = workspace
        .run_build(cmd, limits, &[], &mut activity)
        .context("failed to run `cargo test --no-run`")?;
    drop(activity);
    if !finished.termination.success() {
        let output = compiler_output(&finished.stderr.text());
        return Ok(Build::Failed { output, finished });
    }
    let mut artifacts = parse_artifacts(&finished.stdout.text(), package);
    artifacts.warnings = warnings(&finished.stderr.text());
    Ok(Build::Built(artifacts))
}

/// The warning blocks of a build's stderr, each whole (from its `warning:` line to the next
/// line that starts a message of its own), without cargo's counts and without repeats (a
/// warning of the library shows for each target that builds it).
pub fn warnings(stderr: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in stderr.lines() {
        // A message begins with its level (`warning:`, `error[E0133]:`); a code line of one
        // begins with its line number, and cargo's progress with spaces.
        let first = line.split_whitespace().next().unwrap_or("");
        let progress = line.starts_with(' ') && CARGO_PROGRESS.contains(&first);
        let starts_a_message = line.starts_with(|c: char| c.is_ascii_alphabetic()) || progress;
        if starts_a_message {
            blocks.extend(current.take());
            if line.starts_with("warning: ") && !line.contains(" generated ") {
                current = Some(String::new());
            }
        }
        if let Some(block) = &mut current {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks.extend(current);
    let mut seen = BTreeSet::new();
    blocks
        .into_iter()
        .map(|block| block.trim_end().to_string())
        .filter(|block| seen.insert(block.clone()))
        .collect()
}

/// The warnings about files under `dir` (as cargo names it: relative to the workspace root,
/// such as `exercises/01-first-word/src`): the learner's own code.
pub fn warnings_about<'w>(warnings: &'w [String], dir: &str) -> Vec<&'w String> {
    let place = format!("--> {}/", dir.trim_end_matches('/'));
    warnings.iter().filter(|w| w.contains(&place)).collect()
}

/// Builds what `build_with_tests` builds for each package of `groups`, one cargo run per group,
/// so that cargo spreads the work over every core (one cargo at a time may use the target
/// directory). A group of one is left to the package's own build. A package that does not
/// compile does not stop the others (`--keep-going`); its own build, run next, reports its
/// errors. This only warms the target, but for one thing: a group that ran out of time did
/// so because of the packages it had neither built nor failed to build, and their time is
/// spent. They are returned, to be graded as out of time rather than built again: one build
/// limit per exercise, not two.
pub fn prebuild(
    workspace: &Workspace,
    groups: &[Vec<&str>],
    release: bool,
    limits: Limits,
) -> BTreeSet<String> {
    let mut out_of_time = BTreeSet::new();
    for group in groups.iter().filter(|group| group.len() > 1) {
        let mut cmd = workspace.cargo();
        cmd.args([
            "build",
            "--keep-going",
            "--color=never",
            "--message-format=json-render-diagnostics",
            "--test",
            "*",
        ]);
        for package in group {
            cmd.args(["-p", package]);
        }
        if release {
            cmd.arg("--release");
        }
        let mut activity = Activity::start(&format!("building {} exercises", group.len()));
        let mut failed = BTreeSet::new();
        let mut show = run::showing(&mut activity);
        let mut watch = |line: Option<&str>| {
            if let Some(package) = line.and_then(package_that_failed) {
                failed.insert(package.to_string());
            }
            show(line)
        };
        // Cargo's stdout holds only what it built (rustc's words go to stderr): all of it kept.
        let limits = Limits {
            output_cap: limits.output_cap.max(16 << 20),
            ..limits
        };
        let Ok(finished) = workspace.run_build_watched(cmd, limits, &[], &mut watch) else {
            continue;
        };
        if finished.termination == Termination::TimedOut {
            let built = parse_built(&finished.stdout.text());
            out_of_time.extend(
                group
                    .iter()
                    .filter(|package| !built.contains(**package) && !failed.contains(**package))
                    .map(|package| package.to_string()),
            );
        }
    }
    out_of_time
}

/// The package that cargo's `error: could not compile `NAME` (lib) ...` line names.
fn package_that_failed(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("error: could not compile `")?;
    rest.split('`').next()
}

/// The workspace packages whose integration tests cargo's JSON messages say it built.
fn parse_built(json_lines: &str) -> BTreeSet<String> {
    Message::parse_stream(json_lines.as_bytes())
        .flatten()
        .filter_map(|message| match message {
            Message::CompilerArtifact(artifact)
                if artifact.profile.test && artifact.target.kind.contains(&TargetKind::Test) =>
            {
                package_name(&artifact.package_id.repr).map(str::to_string)
            }
            _ => None,
        })
        .collect()
}

/// `packages` in groups that one cargo run can build with nothing the packages' own builds
/// would build again. Cargo unifies the features of a shared dependency over the packages a
/// run selects: one run of every exercise would build pyo3, tokio and syn with the features of
/// all of them, which no exercise built alone asks for. Packages whose manifests declare the
/// same dependencies (with the same features) and the same features of their own resolve
/// alike, alone or together. One group of all when cargo cannot say.
pub fn dependency_groups<'p>(
    workspace: &Workspace,
    packages: &[&'p str],
    limits: Limits,
) -> Vec<Vec<&'p str>> {
    let mut cmd = workspace.cargo();
    cmd.args(["metadata", "--no-deps", "--format-version", "1"]);
    let metadata = run::run(cmd, limits)
        .ok()
        .and_then(|finished| cargo_metadata::MetadataCommand::parse(finished.stdout.text()).ok());
    match metadata {
        Some(metadata) => grouped_by_declarations(&metadata, packages),
        None => vec![packages.to_vec()],
    }
}

fn grouped_by_declarations<'p>(
    metadata: &cargo_metadata::Metadata,
    packages: &[&'p str],
) -> Vec<Vec<&'p str>> {
    let mut groups: BTreeMap<String, Vec<&'p str>> = BTreeMap::new();
    for &package in packages {
        let declared = metadata
            .workspace_packages()
            .into_iter()
            .find(|p| p.name.as_str() == package)
            .map(|p| {
                let mut dependencies: Vec<String> = p
                    .dependencies
                    .iter()
                    .filter_map(|d| serde_json::to_string(d).ok())
                    .collect();
                dependencies.sort();
                serde_json::json!([dependencies, p.features]).to_string()
            })
            .unwrap_or_default();
        groups.entry(declared).or_default().push(package);
    }
    groups.into_values().collect()
}

/// Sorts what cargo's JSON messages say it built for `package` into tests, binaries and the
/// shared library; other packages' artifacts and every other message are passed over.
fn parse_artifacts(json_lines: &str, package: &str) -> Artifacts {
    let mut artifacts = Artifacts::default();
    for message in Message::parse_stream(json_lines.as_bytes()).flatten() {
        let Message::CompilerArtifact(artifact) = message else {
            continue;
        };
        if !is_package(&artifact.package_id.repr, package) {
            continue;
        }
        let kinds = &artifact.target.kind;
        let executable = artifact.executable.map(PathBuf::from);
        if artifact.profile.test && kinds.as_slice() == [TargetKind::Test] {
            artifacts.test_binaries.extend(executable);
        } else if !artifact.profile.test && kinds.as_slice() == [TargetKind::Bin] {
            artifacts.binaries.extend(executable);
        } else if !artifact.profile.test && kinds.contains(&TargetKind::CDyLib) {
            artifacts.shared_library = artifact
                .filenames
                .into_iter()
                .map(PathBuf::from)
                .find(|f| is_shared_library(f));
        }
    }
    artifacts.test_binaries.sort();
    artifacts.binaries.sort();
    artifacts
}

/// Package ids look like `path+file:///…/exercises/01-first-word#first-word@0.1.0`.
pub fn is_package(package_id: &str, package: &str) -> bool {
    package_name(package_id) == Some(package)
}

/// The package's name in its id (`first-word` in `…/01-first-word#first-word@0.1.0`).
fn package_name(package_id: &str) -> Option<&str> {
    let after_hash = package_id.rsplit('#').next().unwrap_or(package_id);
    after_hash.split('@').next()
}

pub fn is_shared_library(path: &std::path::Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("so" | "dylib" | "dll")
    )
}

/// The first words of cargo's progress lines (indented: `   Compiling serde v1.0.0`).
const CARGO_PROGRESS: [&str; 8] = [
    "Compiling",
    "Checking",
    "Finished",
    "Blocking",
    "Building",
    "Running",
    "Executable",
    "Updating",
];

/// rustc's messages without cargo's progress and summary lines, which say nothing about the
/// learner's code.
pub fn compiler_output(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|line| {
            let first = line.split_whitespace().next().unwrap_or("");
            let progress = line.starts_with(' ') && CARGO_PROGRESS.contains(&first);
            let summary = line.starts_with("error: could not compile")
                || line.starts_with("warning: build failed");
            !(progress || summary)
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learners_warnings_are_picked_whole_from_the_build_output() {
        let stderr = "   Compiling first-word v0.1.0 (/c/exercises/01-first-word)
warning: unused variable: `x`
 --> exercises/01-first-word/src/lib.rs:3:9
  |
3 |     let x = 5;
  |         ^ help: if this is intentional, prefix it with an underscore: `_x`
  |
  = note: `#[warn(unused_variables)]` on by default

warning: unused import: `std::fmt`
 --> exercises/01-first-word/tests/first_word.rs:1:5
  |
1 | use std::fmt;
  |     ^^^^^^^^

warning: `first-word` (lib) generated 1 warning
warning: unused variable: `x`
 --> exercises/01-first-word/src/lib.rs:3:9
  |
3 |     let x = 5;
  |         ^ help: if this is intentional, prefix it with an underscore: `_x`
  |
  = note: `#[warn(unused_variables)]` on by default

    Finished `test` profile [unoptimized + debuginfo] target(s) in 0.5s
";
        let all = warnings(stderr);
        assert_eq!(all.len(), 2, "{all:#?}");
        let learners = warnings_about(&all, "exercises/01-first-word/src");
        assert_eq!(learners.len(), 1);
        assert!(learners[0].starts_with("warning: unused variable: `x`"));
        assert!(learners[0].ends_with("on by default"), "{}", learners[0]);
    }

    #[test]
    #[cfg_attr(
        oxidize_under_wine,
        ignore = "runs `cargo metadata`, and there is no Windows cargo under wine"
    )]
    fn packages_are_grouped_by_what_their_manifests_declare() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        let manifest = |name: &str, rest: &str| {
            std::fs::create_dir_all(root.join(name).join("src")).unwrap();
            std::fs::write(root.join(name).join("src/lib.rs"), "").unwrap();
            let head =
                format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n");
            std::fs::write(root.join(name).join("Cargo.toml"), head + rest).unwrap();
        };
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nresolver = \"3\"\nmembers = [\"a\", \"b\", \"c\", \"d\", \"e\"]\n",
        )
        .unwrap();
        manifest("a", "[features]\nextra = []\n");
        manifest("b", "");
        manifest("c", "[dependencies]\na = { path = \"../a\" }\n");
        manifest(
            "d",
            "[dependencies]\na = { path = \"../a\", features = [\"extra\"] }\n",
        );
        manifest("e", "");
        let workspace = Workspace {
            root: root.to_path_buf(),
            target_dir: root.join("target"),
            venv: root.join(".venv"),
            reuses_installs: true,
            hidden: None,
        };
        let limits = Limits {
            wall: std::time::Duration::from_secs(60),
            output_cap: 1 << 20,
        };
        let mut groups = dependency_groups(&workspace, &["a", "b", "c", "d", "e"], limits);
        groups.sort();
        assert_eq!(groups, [vec!["a"], vec!["b", "e"], vec!["c"], vec!["d"]]);
    }

    /// A `compiler-artifact` line as cargo writes it.
    fn artifact(package: &str, kind: &str, test: bool, executable: &str, files: &[&str]) -> String {
        let executable = if executable.is_empty() {
            "null".to_string()
        } else {
            format!("{executable:?}")
        };
        format!(
            r#"{{"reason":"compiler-artifact","package_id":"{package}","manifest_path":"/c/Cargo.toml","target":{{"kind":[{kind}],"crate_types":[{kind}],"name":"x","src_path":"/c/src/lib.rs","edition":"2024","doc":true,"doctest":false,"test":true}},"profile":{{"opt_level":"0","debuginfo":2,"debug_assertions":true,"overflow_checks":true,"test":{test}}},"features":[],"filenames":{files:?},"executable":{executable},"fresh":false}}"#
        )
    }

    #[test]
    fn artifacts_are_sorted_into_tests_binaries_and_libraries() {
        let x = "path+file:///c/exercises/01-x#x@0.1.0";
        let lines = [
            artifact(x, r#""test""#, true, "/t/debug/deps/x-1", &[]),
            artifact(x, r#""bin""#, false, "/t/debug/x", &[]),
            // The bin's own unit-test harness: not a graded test binary.
            artifact(x, r#""bin""#, true, "/t/debug/deps/x-2", &[]),
            artifact(
                x,
                r#""cdylib","rlib""#,
                false,
                "",
                &["/t/debug/libx.so", "/t/debug/libx.rlib"],
            ),
            artifact(
                "registry+https://github.com/rust-lang/crates.io-index#libc@0.2.1",
                r#""lib""#,
                false,
                "",
                &[],
            ),
            r#"{"reason":"build-finished","success":true}"#.to_string(),
        ];
        let artifacts = parse_artifacts(&lines.join("\n"), "x");
        assert_eq!(
            artifacts.test_binaries,
            [PathBuf::from("/t/debug/deps/x-1")]
        );
        assert_eq!(artifacts.binaries, [PathBuf::from("/t/debug/x")]);
        assert_eq!(
            artifacts.shared_library,
            Some(PathBuf::from("/t/debug/libx.so"))
        );
    }

    #[test]
    fn compiler_output_drops_cargo_progress_but_keeps_errors() {
        let stderr = "   Compiling x v0.1.0\nerror[E0308]: mismatched types\n  --> src/lib.rs:1:1\nerror: could not compile `x`";
        assert_eq!(
            compiler_output(stderr),
            "error[E0308]: mismatched types\n  --> src/lib.rs:1:1"
        );
    }
}
