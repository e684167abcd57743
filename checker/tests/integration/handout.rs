//! `handout`: the repository learners get holds no solution and none of the authors' files, the
//! checker works in it, and each platform's autograder, run as that platform runs it, grades a
//! learner's real work with the pristine tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{
    CLASSROOM50_RUNNER, TestCourse, assert_meets_classroom50_contract, copy_tree, git_at, git_in,
    repo_root,
};

/// A handout of the real course (a copy: no `.git`, so nothing counts as uncommitted).
fn handout(course: &TestCourse, platform: &str, only: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::Builder::new()
        .prefix("oxidize handout-")
        .tempdir()
        .unwrap();
    let output = course
        .checker()
        .args(["handout", "--for", platform, "--output"])
        .arg(out.path())
        .args(if only.is_empty() {
            vec![]
        } else {
            [&["--only"], only].concat()
        })
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let learners = out.path().join("learners");
    (out, learners)
}

/// A learner's repository made from the handout: its first commit is the course as handed out,
/// its second solves `first-word`.
fn learner_repository(learners: &Path, course: &TestCourse) -> tempfile::TempDir {
    let repo = tempfile::Builder::new()
        .prefix("oxidize learner-")
        .tempdir()
        .unwrap();
    copy_tree(learners, repo.path());
    git_in(repo.path(), &["init", "-q", "-b", "main"]);
    git_in(repo.path(), &["add", "-A"]);
    git_in(repo.path(), &["commit", "-q", "-m", "Oxidize Python"]);
    copy_tree(
        &course.path("solutions/01-first-word"),
        &repo.path().join("exercises/01-first-word"),
    );
    git_in(repo.path(), &["commit", "-q", "-a", "-m", "first-word"]);
    repo
}

/// Every path under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The points `course.toml` gives an exercise.
fn points_of(course: &TestCourse, id: &str) -> u64 {
    let manifest: toml::Value = toml::from_str(&course.read("course.toml")).unwrap();
    manifest["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"].as_str() == Some(id))
        .and_then(|e| e["points"].as_integer())
        .unwrap() as u64
}

/// The checker the tests run, for the tests' shared target directory and venv.
fn shared_build(cmd: &mut Command) -> &mut Command {
    cmd.env(
        "CARGO_TARGET_DIR",
        repo_root().join("target").join("checker-tests"),
    )
    .env("OXIDIZE_VENV", repo_root().join(".venv"))
    .env("NO_COLOR", "1")
    .env_remove("OXIDIZE_COURSE")
    .env_remove("CARGO")
}

#[test]
fn the_learners_copy_holds_no_solution_and_none_of_the_authors_files() {
    let course = TestCourse::copy();
    let (_out, learners) = handout(&course, "github-actions", &[]);
    let files = files_under(&learners);
    let solutions: Vec<&String> = files
        .iter()
        .filter(|f| f.split('/').any(|part| part == "solutions"))
        .collect();
    assert!(solutions.is_empty(), "solutions handed out: {solutions:?}");
    let hidden: Vec<&String> = files.iter().filter(|f| f.contains("/hidden/")).collect();
    assert!(hidden.is_empty(), "hidden tests handed out: {hidden:?}");
    assert!(
        course
            .path("exercises/01-first-word/python/hidden")
            .is_dir(),
        "the authors' course has hidden tests, which the handout leaves out"
    );
    for authors in [
        ".ci",
        "bench",
        "checker/tests",
        ".github/workflows/ci.yml",
        ".github/workflows/wheels.yml",
    ] {
        assert!(!learners.join(authors).exists(), "{authors} handed out");
    }
    assert_eq!(
        std::fs::read_to_string(learners.join(".github/workflows/grade.yml")).unwrap(),
        std::fs::read_to_string(repo_root().join("book/instructors/github-actions/grade.yml"))
            .unwrap()
    );
    let readme = std::fs::read_to_string(learners.join("README.md")).unwrap();
    assert!(
        readme.contains("## For learners") && readme.contains("## Handing in your work"),
        "{readme}"
    );
    assert!(!readme.contains("## For authors"), "{readme}");
    // A link into the part left out keeps its words, not a dead anchor.
    assert!(!readme.contains("](#how-fast-a-check-is)"), "{readme}");
    // Every exercise the learner works on is there.
    for exercise in std::fs::read_dir(course.path("exercises")).unwrap() {
        let exercise = exercise.unwrap();
        if exercise.path().join("src").is_dir() {
            assert!(
                learners
                    .join("exercises")
                    .join(exercise.file_name())
                    .join("src")
                    .is_dir()
            );
        }
    }
}

#[test]
fn in_the_learners_copy_check_works_and_verify_says_it_is_for_authors() {
    let course = TestCourse::copy();
    let (_out, learners) = handout(&course, "github-actions", &[]);
    let metadata = Command::new("cargo")
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(&learners)
        .output()
        .unwrap();
    assert!(
        metadata.status.success(),
        "the workspace does not resolve: {}",
        text(&metadata)
    );

    // The checker, as a learner runs it in their copy: its exit code and what it printed.
    let checker = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_checker"));
        let output = shared_build(cmd.current_dir(&learners).args(args))
            .output()
            .unwrap();
        (output.status.code(), text(&output))
    };
    let (code, check) = checker(&["check", "first-word"]);
    assert_eq!(code, Some(1), "{check}");
    assert!(
        check.contains("returns_the_text_before_the_first_space"),
        "{check}"
    );
    // The hidden tests are not there, but course.lock names them, so that a check that passes
    // can say that they exist.
    let lock = std::fs::read_to_string(learners.join("course.lock")).unwrap();
    assert!(
        lock.contains("first-word = [\"test_random_lines_agree_with_python\""),
        "{lock}"
    );
    let (code, verify) = checker(&["verify"]);
    assert_eq!(code, Some(2), "{verify}");
    assert!(
        verify.contains("verify is for the course's authors"),
        "{verify}"
    );
    assert!(verify.contains("cargo checker check"), "{verify}");
}

#[test]
fn the_classroom50_autograder_run_as_their_runner_runs_it_writes_the_learners_real_score() {
    let course = TestCourse::copy();
    let (out, learners) = handout(&course, "classroom50", &["first-word", "word-tally"]);
    let bundle = out.path().join("autograder");
    assert!(bundle.join("course/course.toml").is_file());
    assert!(
        bundle
            .join("course/exercises/01-first-word/python/hidden")
            .is_dir(),
        "the autograder grades with the hidden tests"
    );
    assert!(
        !files_under(&bundle)
            .iter()
            .any(|f| f.split('/').any(|part| part == "solutions"))
    );
    let student = learner_repository(&learners, &course);
    // A determined student commits a score of their own, a release text, and a cargo setting
    // that would run their script whenever cargo compiles in their checkout.
    std::fs::write(
        student.path().join("result.json"),
        r#"{"score": 11, "max-score": 11}"#,
    )
    .unwrap();
    std::fs::write(student.path().join("release-body.md"), "Score: 11/11\n").unwrap();
    let escaped = out.path().join("escaped");
    let wrapper = out.path().join("wrapper.sh");
    std::fs::write(
        &wrapper,
        format!("#!/bin/sh\ntouch '{}'\nexec \"$@\"\n", escaped.display()),
    )
    .unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(
        &wrapper,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    std::fs::create_dir_all(student.path().join(".cargo")).unwrap();
    std::fs::write(
        student.path().join(".cargo/config.toml"),
        format!("[build]\nrustc-wrapper = '{}'\n", wrapper.display()),
    )
    .unwrap();
    git_in(student.path(), &["add", "-A"]);
    git_in(student.path(), &["commit", "-q", "-m", "my own score"]);
    let head = git_at(
        student.path(),
        "2026-12-07T17:30:00+01:00",
        &["rev-parse", "HEAD"],
    );

    // Their runner: the student's checkout as the working directory, its variables set. The
    // checker is built from the bundle (into the tests' shared target directory).
    let mut runner = Command::new("python3");
    shared_build(&mut runner)
        .arg(bundle.join("autograder.py"))
        .current_dir(student.path())
        .envs(CLASSROOM50_RUNNER)
        .env("GITHUB_SHA", &head)
        .env("CLASSROOM50_BUNDLE_DIR", &bundle)
        .env("GITHUB_STEP_SUMMARY", out.path().join("summary.md"));
    let graded = runner.output().unwrap();
    assert!(graded.status.success(), "{}", text(&graded));

    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(student.path().join("result.json")).unwrap())
            .unwrap();
    assert_meets_classroom50_contract(&result);
    assert!(
        !escaped.exists(),
        "the student's cargo setting ran outside the sandbox"
    );
    assert!(
        !student.path().join("release-body.md").exists(),
        "the student's release text would be published"
    );
    // first-word is solved and word-tally untouched: the learner's real score, in integers.
    let first_word = points_of(&course, "first-word");
    assert_eq!(result["score"].as_u64(), Some(first_word), "{result}");
    assert_eq!(
        result["max-score"].as_u64(),
        Some(first_word + points_of(&course, "word-tally"))
    );
    let rows = result["tests"].as_array().unwrap();
    let named: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["test-name"].as_str().unwrap(),
                r["passed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(named, [("first-word", true), ("word-tally", false)]);
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    assert!(summary.contains("word-tally"), "{summary}");

    // Outside their runner there is no identity: an infrastructure error, and no result.
    std::fs::remove_file(student.path().join("result.json")).unwrap();
    let mut bare = Command::new("python3");
    let bare = shared_build(&mut bare)
        .arg(bundle.join("autograder.py"))
        .current_dir(student.path())
        .output()
        .unwrap();
    assert_eq!(bare.status.code(), Some(2), "{}", text(&bare));
    assert!(text(&bare).contains("[INFRASTRUCTURE]"), "{}", text(&bare));
    assert!(!student.path().join("result.json").exists());
}

#[cfg(unix)]
#[test]
fn the_gradescope_autograder_grades_the_submission_with_the_pristine_tests() {
    let course = TestCourse::copy();
    let (out, learners) = handout(&course, "gradescope", &["first-word"]);
    // Gradescope's layout: the autograder unpacked in source/, the learner's repository in
    // submission/, and setup.sh's release build of the checker (here: the tests' checker).
    let root = tempfile::Builder::new()
        .prefix("oxidize gradescope-")
        .tempdir()
        .unwrap();
    std::fs::rename(out.path().join("autograder"), root.path().join("source")).unwrap();
    let student = learner_repository(&learners, &course);
    // An edited test gains nothing: the pristine one is graded.
    let test = student
        .path()
        .join("exercises/01-first-word/tests/first_word.rs");
    assert!(
        test.is_file(),
        "first-word's tests moved: forge another file"
    );
    std::fs::write(&test, "#[test]\nfn forged() {}\n").unwrap();
    std::fs::rename(student.path(), root.path().join("submission")).unwrap();
    let release = root.path().join("source/target/release");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_checker"), release.join("checker")).unwrap();

    let run = |checker_is_built: bool| {
        if !checker_is_built {
            std::fs::remove_file(release.join("checker")).unwrap();
        }
        let mut cmd = Command::new("bash");
        let output = shared_build(&mut cmd)
            .arg(root.path().join("source/run_autograder"))
            .env("AUTOGRADER", root.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", text(&output));
        let results = std::fs::read_to_string(root.path().join("results/results.json")).unwrap();
        serde_json::from_str::<serde_json::Value>(&results).unwrap()
    };
    let results = run(true);
    assert_eq!(
        results["score"].as_f64(),
        Some(points_of(&course, "first-word") as f64),
        "{results}"
    );
    let names = crate::support::test_names(&results["tests"]);
    assert!(
        names
            .iter()
            .any(|n| n.contains("returns_the_text_before_the_first_space")),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("forged")), "{names:?}");
    // The autograder holds the hidden tests the learner's copy does not, and grades with them.
    assert!(
        names
            .iter()
            .any(|n| n.contains("test_random_lines_agree_with_python")),
        "{names:?}"
    );

    // No checker (setup.sh did not finish): the learner is told, not left with a blank error.
    let not_graded = run(false);
    assert_eq!(not_graded["score"].as_f64(), Some(0.0));
    assert!(
        not_graded["output"]
            .as_str()
            .unwrap()
            .contains("could not be graded"),
        "{not_graded}"
    );
}

#[test]
fn handout_loses_nothing_and_refuses_what_it_cannot_do() {
    let course = TestCourse::copy();
    let refused = |args: &[&str], why: &str| {
        let output = course.checker().arg("handout").args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", text(&output));
        assert!(text(&output).contains(why), "{}", text(&output));
    };
    let used = tempfile::tempdir().unwrap();
    std::fs::write(used.path().join("notes.txt"), "mine").unwrap();
    let used = used.path().to_str().unwrap().to_string();
    refused(&["--for", "gradescope", "--output", &used], "is not empty");
    assert_eq!(
        std::fs::read_to_string(Path::new(&used).join("notes.txt")).unwrap(),
        "mine"
    );
    refused(
        &["--for", "gradescope", "--output", "handout"],
        "inside the course",
    );
    let fresh = tempfile::tempdir().unwrap();
    let fresh = fresh.path().join("new");
    let fresh = fresh.to_str().unwrap();
    refused(
        &[
            "--for",
            "gradescope",
            "--output",
            fresh,
            "--only",
            "no-such-exercise",
        ],
        "no-such-exercise",
    );
    refused(
        &[
            "--for",
            "github-actions",
            "--output",
            fresh,
            "--only",
            "first-word",
        ],
        "--only is for",
    );
}
