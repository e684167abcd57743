//! Classroom grading: every report format rendered from one graded course state (an exercise
//! passing, one failing, one not compiling, one timing out), tamper evidence, instructor mode.

use std::path::Path;
use std::sync::OnceLock;

use crate::assert_run_snapshot;

use crate::support::{self, TestCourse};

const GRADED: [&str; 4] = ["add", "ffi-add", "py-add", "grpc-echo"];

/// The JSON of `grade` on the fixture course where add passes, ffi-add loops until its time
/// limit, py-add does not compile and grpc-echo is untouched. Graded once.
fn results_json() -> &'static str {
    static RESULTS: OnceLock<String> = OnceLock::new();
    RESULTS.get_or_init(|| {
        let course = TestCourse::fixture();
        course.solve("01-add");
        course.write(
            "exercises/02-ffi-add/src/lib.rs",
            "#[unsafe(no_mangle)]\npub extern \"C\" fn fx_add(a: i64, b: i64) -> i64 {\n    loop { std::hint::black_box((a, b)); }\n}\n",
        );
        course.write("exercises/03-py-add/src/lib.rs", "this is not Rust\n");
        course.set_time_limit("ffi-add", 3);
        let output = course.checker().args(["grade", "--format", "json", "--only"]).args(GRADED).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    })
}

/// A pristine fixture course, kept for the whole test run: where `report` reads the tests'
/// files and code from.
fn pristine() -> &'static TestCourse {
    static PRISTINE: OnceLock<TestCourse> = OnceLock::new();
    PRISTINE.get_or_init(TestCourse::fixture)
}

/// `checker report` on the saved results, in `format`.
fn report(format: &str) -> ReportRun {
    report_of(results_json(), format)
}

/// A `checker report` command, with the folder of the results it reads (removed when dropped).
struct ReportRun {
    cmd: std::process::Command,
    _folder: tempfile::TempDir,
}

impl std::ops::Deref for ReportRun {
    type Target = std::process::Command;
    fn deref(&self) -> &Self::Target {
        &self.cmd
    }
}

impl std::ops::DerefMut for ReportRun {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.cmd
    }
}

/// `checker report` on `results` (a result's JSON), in `format`, with the pristine course.
fn report_of(results: &str, format: &str) -> ReportRun {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("results.json"), results).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_checker"));
    cmd.current_dir(folder.path())
        .arg("--course")
        .arg(pristine().root())
        .args(["report", "results.json", "--format", format])
        .env("NO_COLOR", "1");
    ReportRun {
        cmd,
        _folder: folder,
    }
}

/// The standard output of `cmd`, which must succeed.
fn stdout_of(cmd: &mut std::process::Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The graded result, changed by `edit`.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut json: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    edit(&mut json);
    json.to_string()
}

#[test]
fn the_graded_state_has_each_status_it_was_built_for() {
    let json: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    let statuses: Vec<&str> = json["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["passed", "timeout", "build_error", "failed"]);
}

#[test]
fn the_json_matches_its_documented_schema() {
    let schema_path = support::repo_root().join("book/instructors/result.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let json: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_format_renders_the_same_result() {
    // A JUnit time is the exercise's wall time: it changes from run to run.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r#"time="\d+\.\d+""#, r#"time="[S]""#);
    settings.bind(|| {
        for format in [
            "human",
            "json",
            "junit",
            "xunit",
            "gradescope",
            "github",
            "exercism",
        ] {
            assert_run_snapshot!(format!("report_{format}"), &mut report(format));
        }
    });
}

#[test]
fn the_retired_classroom_format_says_what_replaced_it_before_grading() {
    let output = report_of(results_json(), "classroom").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("GitHub Classroom was retired"), "{stderr}");
    assert!(stderr.contains("--format classroom50"), "{stderr}");
}

/// exercism's results.json of `results`.
fn exercism_of(results: &str) -> serde_json::Value {
    serde_json::from_str(&stdout_of(&mut report_of(results, "exercism"))).unwrap()
}

#[test]
fn exercism_says_fail_when_tests_ran_and_some_failed_and_pass_when_all_passed() {
    let json = exercism_of(results_json());
    // Tests ran (add's passed): a failed or broken exercise makes it `fail`, not `error`.
    assert_eq!(json["status"], "fail");
    assert!(json.get("message").is_none());
    let passed = edited(|json| {
        json["exercises"].as_array_mut().unwrap().truncate(1);
    });
    assert_eq!(exercism_of(&passed)["status"], "pass");
}

#[test]
fn exercism_says_error_with_a_message_only_when_nothing_ran() {
    let nothing_ran = edited(|json| {
        json["exercises"].as_array_mut().unwrap().remove(0);
        for exercise in json["exercises"].as_array_mut().unwrap() {
            exercise["tests"] = serde_json::json!([]);
            exercise["status"] = "build_error".into();
        }
    });
    let json = exercism_of(&nothing_ran);
    assert_eq!(json["status"], "error");
    let message = json["message"].as_str().unwrap();
    assert!(message.contains("py-add: does not compile"), "{message}");
    assert!(message.contains("expected one of `!` or `::`"), "{message}");
}

#[test]
fn exercism_output_is_at_most_500_characters_and_each_test_has_its_code() {
    let long_output = edited(|json| {
        json["exercises"][0]["tests"][0]["output"] = "ü".repeat(2000).into();
    });
    let json = exercism_of(&long_output);
    for test in json["tests"].as_array().unwrap() {
        if let Some(output) = test.get("output") {
            assert!(output.as_str().unwrap().chars().count() <= 500, "{test}");
        }
        let stand_in = test["name"].as_str().unwrap().ends_with(": build_error");
        assert_eq!(test.get("test_code").is_some(), !stand_in, "{test}");
    }
    let cut = json["tests"][0]["output"].as_str().unwrap();
    assert!(cut.starts_with("üüü") && cut.ends_with("[output cut to 500 characters]"));
    assert_eq!(
        json["tests"][0]["test_code"],
        "fn adds_two_numbers() {\n    assert_eq!(add::add(2, 3), 5);\n}"
    );
}

/// The attributes Jenkins xunit's junit-10.xsd declares, element by element, and which of them
/// it requires (jenkinsci/xunit-plugin, src/main/resources/org/jenkinsci/plugins/xunit/types/
/// model/xsd/junit-10.xsd; `JUnitInputMetric` rejects a report that does not validate). None
/// of its types allows other attributes.
const JUNIT_10: [(&str, &[&str], &[&str]); 7] = [
    (
        "testsuites",
        &["name", "time", "tests", "failures", "errors"],
        &[],
    ),
    (
        "testsuite",
        &[
            "name",
            "tests",
            "failures",
            "errors",
            "group",
            "time",
            "skipped",
            "timestamp",
            "hostname",
            "id",
            "package",
            "file",
            "log",
            "url",
            "version",
        ],
        &["name", "tests", "failures", "errors"],
    ),
    (
        "testcase",
        &["name", "time", "classname", "group"],
        &["name"],
    ),
    ("failure", &["type", "message"], &[]),
    ("error", &["type", "message"], &[]),
    ("system-out", &[], &[]),
    ("system-err", &[], &[]),
];

/// Every element of `xml` with its attributes, in document order.
fn elements(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut found = Vec::new();
    loop {
        match reader
            .read_event()
            .expect("the JUnit report is well-formed XML")
        {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap();
                        (a.key.as_ref().to_string(), value.into_owned())
                    })
                    .collect();
                found.push((e.name().as_ref().to_string(), attributes));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    found
}

/// The junit-10.xsd rules `elements` break: an element it does not know, an attribute it does
/// not allow or lacks, a time that is not its SUREFIRE_TIME (digits, a dot, three decimals).
fn junit_10_violations(elements: &[(String, Vec<(String, String)>)], also: &[&str]) -> Vec<String> {
    let mut violations = Vec::new();
    for (name, attributes) in elements {
        let Some((_, allowed, required)) = JUNIT_10.iter().find(|(n, ..)| n == name) else {
            violations.push(format!("<{name}> is not in junit-10.xsd"));
            continue;
        };
        for (key, value) in attributes {
            let extra = name == "testcase" && also.contains(&key.as_str());
            if !allowed.contains(&key.as_str()) && !extra {
                violations.push(format!("<{name} {key}> is not allowed"));
            }
            let time = |v: &str| {
                v.split_once('.').is_some_and(|(s, ms)| {
                    s.chars().all(|c| c.is_ascii_digit())
                        && ms.len() <= 3
                        && ms.chars().all(|c| c.is_ascii_digit())
                })
            };
            if key == "time" && name != "testcase" && !time(value) {
                violations.push(format!("<{name} time={value:?}> is not a SUREFIRE_TIME"));
            }
        }
        for key in *required {
            if !attributes.iter().any(|(k, _)| k == key) {
                violations.push(format!("<{name}> lacks {key}"));
            }
        }
    }
    violations
}

#[test]
fn the_xunit_report_is_what_jenkins_junit_10_xsd_allows() {
    let xml = stdout_of(&mut report("xunit"));
    let found = elements(&xml);
    assert_eq!(junit_10_violations(&found, &[]), Vec::<String>::new());
}

#[test]
fn every_junit_testcase_has_a_time_and_the_file_and_line_of_its_test() {
    let xml = stdout_of(&mut report("junit"));
    let found = elements(&xml);
    // Beyond junit-10.xsd only the two attributes GitHub's reporters read.
    assert_eq!(
        junit_10_violations(&found, &["file", "line"]),
        Vec::<String>::new()
    );
    let json: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    let exercises = json["exercises"].as_array().unwrap();
    // One testcase per test, and one stand-in for an exercise that has none.
    let expected: usize = exercises
        .iter()
        .map(|e| e["tests"].as_array().unwrap().len().max(1))
        .sum();
    let cases: Vec<_> = found
        .iter()
        .filter(|(name, _)| name == "testcase")
        .collect();
    assert_eq!(
        found.iter().filter(|(name, _)| name == "testsuite").count(),
        exercises.len()
    );
    assert_eq!(cases.len(), expected);
    let timed = ["testsuites", "testsuite", "testcase"];
    for (_, attributes) in found
        .iter()
        .filter(|(name, _)| timed.contains(&name.as_str()))
    {
        // dorny/test-reporter reads each time with parseFloat: none may be missing.
        let time = attributes
            .iter()
            .find(|(k, _)| k == "time")
            .map(|(_, v)| v.as_str());
        assert!(
            time.is_some_and(|t| t.parse::<f64>().is_ok()),
            "{attributes:?}"
        );
    }
    for (_, attributes) in cases {
        let get = |key| {
            attributes
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let file = get("file").unwrap_or_else(|| panic!("no file: {attributes:?}"));
        let line: usize = get("line").unwrap().parse().unwrap();
        // Relative to the repository, as the reporters resolve it, and a real line of it.
        let text = std::fs::read_to_string(pristine().root().join(file)).unwrap();
        assert!(line >= 1 && line <= text.lines().count(), "{attributes:?}");
    }
}

/// The step summary of `results`: without `--output`, it follows the annotations on stdout.
fn step_summary(results: &str) -> String {
    let stdout = stdout_of(&mut report_of(results, "github"));
    stdout
        .lines()
        .filter(|l| !l.starts_with("::"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every piece of raw HTML in `markdown` as GitHub's renderer (CommonMark, GFM tables) reads it.
fn raw_html(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser};
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Some(html.trim().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn no_angle_bracket_of_a_message_reaches_the_step_summary_as_html() {
    let hostile = edited(|json| {
        let test = &mut json["exercises"][3]["tests"][0];
        test["message"] = "expected <number> got </details><b>3</b> | `x` *y*".into();
        json["exercises"][3]["message"] = "0 of 2 <tests> | pass".into();
    });
    let markdown = step_summary(&hostile);
    // Only the summary's own tags are HTML; every `<` of a message is text.
    let ours = |html: &String| {
        let tags = [
            "<details>",
            "</details>",
            "<summary>",
            "</summary>",
            "<code>",
            "</code>",
        ];
        let mut rest = html.as_str();
        while let Some(tag) = tags.iter().find(|t| rest.starts_with(*t)) {
            rest = &rest[tag.len()..];
            rest = &rest[rest.find('<').unwrap_or(rest.len())..];
        }
        rest.is_empty()
    };
    let foreign: Vec<_> = raw_html(&markdown)
        .into_iter()
        .filter(|h| !ours(h))
        .collect();
    assert!(foreign.is_empty(), "{foreign:?}\n{markdown}");
    use pulldown_cmark::{Event, Options, Parser};
    let text: String = Parser::new_ext(&markdown, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("expected <number> got </details><b>3</b> | `x` *y*"),
        "{text}"
    );
    assert!(text.contains("0 of 2 <tests> | pass"), "{text}");
}

#[test]
fn a_build_error_gets_the_compilers_output_in_the_step_summary() {
    let markdown = step_summary(results_json());
    let details = markdown
        .split("<details>")
        .skip(1)
        .find(|d| d.contains("py-add"))
        .unwrap();
    assert!(
        details.contains("```text\nerror: expected one of `!` or `::`, found `is`"),
        "{details}"
    );
}

/// The fixture course with add's Rust tests replaced by one that always passes.
fn with_an_edited_test() -> TestCourse {
    let course = TestCourse::fixture();
    course.write("exercises/01-add/tests/add.rs", "#[test]\nfn passes() {}\n");
    course
}

/// `grade` of the add exercise, with `extra` arguments.
fn grade_json(course: &TestCourse, extra: &[&str]) -> serde_json::Value {
    course.grade_json(&[&["--only", "add"], extra].concat())
}

#[test]
fn editing_a_test_file_makes_grade_mark_the_exercise_tampered() {
    let course = with_an_edited_test();
    let json = grade_json(&course, &[]);
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "tampered");
    assert_eq!(exercise["score"], 0.0);
    assert!(
        exercise["message"]
            .as_str()
            .unwrap()
            .contains("exercises/01-add/tests/add.rs"),
        "{exercise}"
    );
}

#[test]
fn check_and_list_agree_with_grade_that_an_edited_test_scores_nothing() {
    // The edited test passes, and the solution makes every other test pass too.
    let course = with_an_edited_test();
    course.solve("01-add");
    let output = course.checker().args(["check", "add"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "a tampered exercise is not done"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("is done"), "{stdout}");
    // The warning is the last thing said, where the learner sees it.
    let last = stdout.trim_end().rsplit("\n\n").next().unwrap();
    assert!(
        last.starts_with("warning: these files are the grader's")
            && last.contains("exercises/01-add/tests/add.rs"),
        "{stdout}"
    );
    let list = course.checker().arg("list").output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    let row = list.lines().find(|l| l.contains(" add ")).unwrap();
    assert!(row.contains("tampered") && row.contains("0/3"), "{list}");
    assert_eq!(
        grade_json(&course, &[])["exercises"][0]["status"],
        "tampered"
    );
}

#[test]
fn tests_from_a_pristine_copy_ignore_the_edit_and_grade_the_learners_src() {
    let course = with_an_edited_test();
    let pristine = TestCourse::pristine();
    let json = grade_json(
        &course,
        &["--tests-from", pristine.root().to_str().unwrap()],
    );
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "failed", "{exercise}");
    let names = support::test_names(&exercise["tests"]);
    assert!(
        !names.contains(&"passes") && names.contains(&"adds_two_numbers"),
        "{names:?}"
    );

    course.solve("01-add");
    let json = grade_json(
        &course,
        &["--tests-from", pristine.root().to_str().unwrap()],
    );
    assert_eq!(
        json["exercises"][0]["status"], "passed",
        "the learner's solved src/ is what gets graded"
    );
}

/// A solution shaped to the visible tests' small numbers: every visible test passes.
const SHAPED_TO_THE_VISIBLE_TESTS: &str = "pub fn add(a: i64, b: i64) -> i64 {
    if a.abs() < 100 && b.abs() < 100 { a + b } else { a }
}
";

#[test]
fn hidden_tests_run_only_when_the_instructor_grades_and_fail_a_solution_shaped_to_the_visible_ones()
{
    let pristine = TestCourse::pristine();
    let learner = TestCourse::fixture();
    // As handed out: the hidden tests are not in the learner's copy; course.lock names them.
    std::fs::remove_dir_all(learner.path("exercises/01-add/python/hidden")).unwrap();
    learner.write("exercises/01-add/src/lib.rs", SHAPED_TO_THE_VISIBLE_TESTS);

    let own = grade_json(&learner, &[]);
    assert_eq!(own["exercises"][0]["status"], "passed", "{own}");
    let check = learner.checker().args(["check", "add"]).output().unwrap();
    let check = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.contains("This exercise has 1 hidden test too"),
        "{check}"
    );

    let pristine_root = pristine.root().to_str().unwrap();
    let instructors = |seed: &str, format: &str| {
        let output = learner
            .checker()
            .args(["grade", "--only", "add", "--tests-from", pristine_root])
            .args(["--seed", seed, "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let hidden_test = |seed: &str| {
        let json: serde_json::Value = serde_json::from_str(&instructors(seed, "json")).unwrap();
        let exercise = json["exercises"][0].clone();
        assert_eq!(exercise["status"], "failed", "{exercise}");
        let tests = exercise["tests"].as_array().unwrap();
        let (hidden, visible): (Vec<_>, Vec<_>) = tests.iter().partition(|t| t["hidden"] == true);
        assert!(
            visible.iter().all(|t| t["status"] == "passed"),
            "{exercise}"
        );
        assert_eq!(hidden.len(), 1, "{exercise}");
        assert_eq!(hidden[0]["name"], "test_random_sums");
        assert_eq!(hidden[0]["status"], "failed");
        hidden[0]["message"].as_str().unwrap().to_string()
    };
    // The class's seed draws the inputs: the same seed the same, another seed others.
    let first = hidden_test("1");
    assert_eq!(hidden_test("1"), first);
    assert_ne!(hidden_test("2"), first);

    // What learners read names the hidden test and says it failed, and shows none of it.
    let gradescope = instructors("1", "gradescope");
    assert!(gradescope.contains("test_random_sums"), "{gradescope}");
    assert!(gradescope.contains("a hidden test"), "{gradescope}");
    assert!(!gradescope.contains("randint"), "{gradescope}");
    assert!(!gradescope.contains("assert"), "{gradescope}");
}

#[test]
fn a_result_reused_for_the_same_src_equals_a_fresh_one_and_anything_else_is_graded_anew() {
    let pristine = TestCourse::pristine();
    let cache = tempfile::tempdir().unwrap();
    // `grade --tests-from` with the class's results cache: the exercise's JSON, and whether it
    // was reused.
    let grade = |learner: &TestCourse, seed: &str, cached: bool| {
        let mut cmd = learner.checker();
        cmd.args(["grade", "--format", "json", "--only", "add", "--tests-from"])
            .arg(pristine.root())
            .args(["--seed", seed]);
        if cached {
            cmd.arg("--results-cache").arg(cache.path());
        }
        let output = cmd.output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let reused = String::from_utf8_lossy(&output.stderr).contains("that result stands");
        (json["exercises"][0].clone(), reused)
    };
    let without_time = |mut exercise: serde_json::Value| {
        exercise["duration_ms"] = 0.into();
        for test in exercise["tests"].as_array_mut().unwrap() {
            test.as_object_mut().unwrap().remove("duration_ms");
        }
        exercise
    };
    let alice = TestCourse::fixture();
    alice.solve("01-add");
    let (first, reused) = grade(&alice, "1", true);
    assert!(!reused);
    assert_eq!(first["status"], "passed", "{first}");
    let (fresh, _) = grade(&alice, "1", false);
    assert_eq!(without_time(fresh), without_time(first.clone()));

    // Bob's src/ is the same as Alice's: her result, not built again.
    let bob = TestCourse::fixture();
    bob.solve("01-add");
    let (bobs, reused) = grade(&bob, "1", true);
    assert!(reused, "the same src/ is graded once");
    assert_eq!(bobs, first);

    // Another seed, or another src/, is graded anew.
    assert!(
        !grade(&bob, "2", true).1,
        "another seed draws other hidden inputs"
    );
    bob.write("exercises/01-add/src/lib.rs", SHAPED_TO_THE_VISIBLE_TESTS);
    let (shaped, reused) = grade(&bob, "1", true);
    assert!(!reused);
    assert_eq!(shaped["status"], "failed", "{shaped}");
}

#[test]
fn min_score_turns_a_low_score_into_a_failing_exit_code() {
    let course = TestCourse::fixture();
    let below = course
        .checker()
        .args(["grade", "--only", "add", "--min-score", "1"])
        .output()
        .unwrap();
    assert_eq!(below.status.code(), Some(1));
    let at = course
        .checker()
        .args(["grade", "--only", "add", "--min-score", "0"])
        .output()
        .unwrap();
    assert_eq!(at.status.code(), Some(0));
}

#[test]
fn verify_fails_while_course_lock_is_stale() {
    let course = TestCourse::fixture();
    let manifest = course.read("course.toml");
    course.write(
        "course.toml",
        &manifest.replacen("points = 3", "points = 4", 1),
    );
    let output = course.checker().args(["verify", "add"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("course.lock is stale: run `cargo checker lock`"),
        "{stdout}"
    );
    assert!(Path::new(&course.path("course.lock")).is_file());
}

#[test]
fn tests_from_reads_nothing_of_the_learners_but_src_not_even_a_broken_manifest() {
    let course = TestCourse::fixture();
    course.write("course.toml", "points = 'all of them'\n");
    course.write("exercises/conftest.py", "import sys\nsys.exit(0)\n");
    let pristine = TestCourse::pristine();
    course.solve("01-add");
    let json = grade_json(
        &course,
        &["--tests-from", pristine.root().to_str().unwrap()],
    );
    assert_eq!(
        json["exercises"][0]["status"], "passed",
        "{}",
        json["exercises"][0]
    );
}

#[test]
fn instructor_mode_ignores_a_learners_venv_target_cargo_config_and_toolchain() {
    let pristine = TestCourse::pristine();
    // The pristine course's own venv: the repository's, which the tests share.
    #[cfg(unix)]
    std::os::unix::fs::symlink(support::repo_root().join(".venv"), pristine.path(".venv")).unwrap();
    let graded = |course: &TestCourse| {
        let output = course
            .checker()
            .args(["grade", "--format", "json", "--only", "add", "--tests-from"])
            .arg(pristine.root())
            .env_remove("OXIDIZE_VENV")
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let exercise = &json["exercises"][0];
        (exercise["status"].clone(), exercise["score"].clone())
    };
    let honest = TestCourse::fixture();
    let baseline = graded(&honest);
    assert_eq!(baseline.0, "failed", "the untouched exercise fails");

    let hostile = TestCourse::fixture();
    // A venv whose python says every test passed, a target with someone else's build,
    // cargo settings and a toolchain of the learner's choosing.
    std::fs::create_dir_all(hostile.path(".venv/bin")).unwrap();
    hostile.write(
        ".venv/bin/python",
        "#!/bin/sh\necho 'all tests passed'\nexit 0\n",
    );
    std::fs::create_dir_all(hostile.path("target/debug")).unwrap();
    hostile.write("target/debug/add", "not a program");
    std::fs::create_dir_all(hostile.path(".cargo")).unwrap();
    hostile.write(
        ".cargo/config.toml",
        "[build]\nrustflags = [\"--cfg\", \"cheat\"]\n",
    );
    hostile.write(
        "rust-toolchain.toml",
        "[toolchain]\nchannel = \"no-such-toolchain\"\n",
    );
    assert_eq!(graded(&hostile), baseline);
}

/// Classroom 50's result as their own test of a result reads it: exactly the contract's keys,
/// non-empty identity strings, the graded commit's time in UTC, and integer scores that add up
/// to the learner's real score, in a checkout with the runner's variables.
#[test]
fn the_classroom50_result_meets_the_contract_with_the_learners_real_score() {
    let mut run = report("classroom50");
    let checkout = run.get_current_dir().unwrap().to_path_buf();
    support::git_in(&checkout, &["init", "-q"]);
    support::git_in(&checkout, &["add", "results.json"]);
    support::git_in(&checkout, &["commit", "-q", "-m", "my work"]);
    run.envs(support::CLASSROOM50_RUNNER)
        .env_remove("REVIEW_URL")
        .env_remove("GITHUB_SHA");
    let result: serde_json::Value = serde_json::from_str(&stdout_of(&mut run)).unwrap();
    support::assert_meets_classroom50_contract(&result);
    assert_eq!(
        result["review"], result["commit"],
        "no REVIEW_URL: the commit"
    );
    let rows = result["tests"].as_array().unwrap();
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["test-name"].as_str().unwrap())
        .collect();
    assert_eq!(ids, GRADED);
    let graded: serde_json::Value = serde_json::from_str(results_json()).unwrap();
    assert_eq!(
        result["score"].as_f64(),
        graded["score"].as_f64(),
        "{result}"
    );
    assert_eq!(result["max-score"].as_f64(), graded["max_score"].as_f64());
    assert_eq!(rows[0]["passed"], true);
    assert_eq!(rows[1]["passed"], false);
}

#[test]
fn the_classroom50_result_needs_the_runners_variables_and_names_those_missing() {
    let mut run = report("classroom50");
    for (name, _) in support::CLASSROOM50_RUNNER {
        run.env_remove(name);
    }
    run.env("CLASSROOM", "oxidize-2027");
    let output = run.output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("ASSIGNMENT, SUBMISSION_TAG, COMMIT_URL, RELEASE_URL are not set"),
        "{stderr}"
    );
}

#[test]
fn a_lesson_lint_is_an_error_in_the_exercise_and_other_warnings_are_shown_after_a_pass() {
    let course = TestCourse::fixture();
    // An unsafe operation in an `unsafe fn` without its own `unsafe { }`: chapter 2's lesson.
    course.solve("02-ffi-add");
    let solved = course.read("exercises/02-ffi-add/src/lib.rs");
    course.write(
        "exercises/02-ffi-add/src/lib.rs",
        &format!(
            "{solved}\n/// # Safety\n/// `value` points to an i64.\npub unsafe fn read(value: *const i64) -> i64 {{\n    *value\n}}\n"
        ),
    );
    let json = course.grade_json(&["--only", "ffi-add"]);
    let exercise = &json["exercises"][0];
    assert_eq!(exercise["status"], "build_error", "{exercise}");
    let output = exercise["build_output"].as_str().unwrap();
    assert!(
        output.contains("requires unsafe block") && output.contains("unsafe-op-in-unsafe-fn"),
        "{output}"
    );

    // A `Result` let fall: an error too.
    course.solve("01-add");
    course.write(
        "exercises/01-add/src/lib.rs",
        "/// The sum of `a` and `b`.\npub fn add(a: i64, b: i64) -> i64 {\n    \"7\".parse::<i64>();\n    a + b\n}\n",
    );
    let json = course.grade_json(&["--only", "add"]);
    let output = json["exercises"][0]["build_output"].as_str().unwrap();
    assert!(
        output.contains("must be used") && output.contains("unused-must-use"),
        "{output}"
    );

    // Any other warning of the learner's own file costs nothing, and is shown after a pass.
    course.write(
        "exercises/01-add/src/lib.rs",
        "/// The sum of `a` and `b`.\npub fn add(a: i64, b: i64) -> i64 {\n    let mut sum = a + b;\n    sum\n}\n",
    );
    let check = course.checker().args(["check", "add"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("The compiler has advice about your code (a warning)")
            && stdout.contains("variable does not need to be mutable")
            && stdout.contains("--> exercises/01-add/src/lib.rs:3:9"),
        "{stdout}"
    );

    // While a test fails, what was written and never used is named: often the bug itself
    // (here the sum computed into `total` and then left, from the new learner's tryout).
    course.write(
        "exercises/01-add/src/lib.rs",
        "/// The sum of `a` and `b`.\npub fn add(a: i64, b: i64) -> i64 {\n    let total = a + b;\n    a\n}\n",
    );
    let check = course.checker().args(["check", "add"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("The compiler also noticed something you wrote and never used")
            && stdout.contains("unused variable: `total` (exercises/01-add/src/lib.rs:3:9)"),
        "{stdout}"
    );
}
