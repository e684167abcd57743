//! `grade-class`: a class of submissions made from the fixture course, graded against the
//! pristine course into a gradebook and its pages, and graded again only where a learner's
//! sources changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{self, TestCourse};

/// A pristine course and, beside it in a folder of their own, the learners' repositories.
struct Class {
    pristine: TestCourse,
    /// Holds `class/` (one folder per learner) and the default `gradebook/` beside it.
    base: tempfile::TempDir,
}

impl Class {
    fn new() -> Class {
        let base = tempfile::Builder::new()
            .prefix("oxidize class-")
            .tempdir()
            .unwrap();
        std::fs::create_dir(base.path().join("class")).unwrap();
        Class {
            pristine: TestCourse::pristine(),
            base,
        }
    }

    fn dir(&self) -> PathBuf {
        self.base.path().join("class")
    }

    fn gradebook_dir(&self) -> PathBuf {
        self.base.path().join("gradebook")
    }

    /// A learner's repository as a fork of the course has it: everything but the solutions.
    fn learner(&self, name: &str) -> PathBuf {
        let root = self.dir().join(name);
        let from = self.pristine.root();
        for entry in walkdir::WalkDir::new(from)
            .into_iter()
            .filter_entry(|e| e.file_name() != "solutions")
        {
            let entry = entry.unwrap();
            let target = root.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        root
    }

    /// Puts the solution of `exercises/<folder>` into a learner's repository.
    fn solve(&self, learner: &Path, folder: &str) {
        let solution = support::fixture_solutions().join(folder).join("src");
        for entry in std::fs::read_dir(solution).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(
                entry.path(),
                learner
                    .join("exercises")
                    .join(folder)
                    .join("src")
                    .join(entry.file_name()),
            )
            .unwrap();
        }
    }

    /// `grade-class ARGS`, run in the pristine course.
    fn grade(&self, args: &[&std::ffi::OsStr]) -> Output {
        self.grade_in(self.pristine.root(), args)
    }

    /// `grade-class ARGS`, run in `dir`.
    fn grade_in(&self, dir: &Path, args: &[&std::ffi::OsStr]) -> Output {
        let output = self
            .pristine
            .checker()
            .current_dir(dir)
            .arg("grade-class")
            .args(args)
            .env("OXIDIZE_SERVER_START_TIMEOUT", "3")
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn gradebook_text(&self) -> String {
        std::fs::read_to_string(self.gradebook_dir().join("gradebook.csv")).unwrap()
    }

    /// The gradebook as the `csv` crate reads it: learner -> column -> cell.
    fn gradebook(&self) -> BTreeMap<String, BTreeMap<String, String>> {
        self.gradebook_with(&[])
    }

    /// The gradebook, whose columns after `total` begin with `extra` (`--deadline`'s).
    fn gradebook_with(&self, extra: &[&str]) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut reader =
            csv::Reader::from_path(self.gradebook_dir().join("gradebook.csv")).unwrap();
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let mut expected = vec!["learner", "add", "ffi-add", "py-add", "grpc-echo", "total"];
        expected.extend(extra);
        expected.extend(["same_src_as", "flags"]);
        assert_eq!(header, expected, "one column per exercise, in course order");
        reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                let cells: BTreeMap<String, String> = header
                    .iter()
                    .cloned()
                    .zip(record.iter().map(String::from))
                    .collect();
                (cells["learner"].clone(), cells)
            })
            .collect()
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The five learners of the class: points per exercise (add 3, ffi-add 2, py-add 2,
/// grpc-echo 2) as they should be graded.
fn a_class_of_five() -> Class {
    let class = Class::new();
    let solved = class.learner("solved");
    for folder in ["01-add", "02-ffi-add", "03-py-add", "04-grpc-echo"] {
        class.solve(&solved, folder);
    }
    class.learner("unsolved");
    let half = class.learner("half-solved");
    class.solve(&half, "01-add");
    class.solve(&half, "03-py-add");
    // Tests rewritten to pass gain nothing: the pristine tests are run. The honest work counts.
    let tampered = class.learner("tampered");
    std::fs::write(
        tampered.join("exercises/01-add/tests/add.rs"),
        "#[test]\nfn passes() {}\n",
    )
    .unwrap();
    class.solve(&tampered, "02-ffi-add");
    // No src/ for add, a file where grpc-echo's src/ should be: those score 0, with the reason.
    let broken = class.learner("missing-src");
    std::fs::remove_dir_all(broken.join("exercises/01-add/src")).unwrap();
    std::fs::remove_dir_all(broken.join("exercises/04-grpc-echo/src")).unwrap();
    std::fs::write(broken.join("exercises/04-grpc-echo/src"), "fn main() {}\n").unwrap();
    class.solve(&broken, "03-py-add");
    class
}

fn points(gradebook: &BTreeMap<String, BTreeMap<String, String>>, learner: &str) -> Vec<String> {
    let row = &gradebook[learner];
    ["add", "ffi-add", "py-add", "grpc-echo", "total"]
        .iter()
        .map(|column| row[*column].clone())
        .collect()
}

#[test]
fn a_class_is_graded_into_a_gradebook_then_only_a_changed_submission_is_graded_again() {
    let class = a_class_of_five();
    let first = class.grade(&[class.dir().as_os_str()]);
    assert!(
        stdout(&first).contains("5 submissions: 0 unchanged, 5 graded, 0 not graded"),
        "{}",
        stdout(&first)
    );

    let gradebook = class.gradebook();
    assert_eq!(
        gradebook.keys().collect::<Vec<_>>(),
        [
            "half-solved",
            "missing-src",
            "solved",
            "tampered",
            "unsolved"
        ]
    );
    assert_eq!(points(&gradebook, "solved"), ["3", "2", "2", "2", "9"]);
    assert_eq!(points(&gradebook, "unsolved"), ["0", "0", "0", "0", "0"]);
    assert_eq!(points(&gradebook, "half-solved"), ["3", "0", "2", "0", "5"]);
    assert_eq!(points(&gradebook, "tampered"), ["0", "2", "0", "0", "2"]);
    assert_eq!(points(&gradebook, "missing-src"), ["0", "0", "2", "0", "2"]);
    for honest in ["solved", "unsolved", "half-solved"] {
        assert_eq!(gradebook[honest]["flags"], "", "{honest}");
    }
    // Every solved add is the fixture's one solution: each names the others. The untouched
    // starter code is the same for all, and names nobody.
    assert!(
        gradebook["half-solved"]["same_src_as"].contains("add: same src/ as solved (identical)"),
        "{:?}",
        gradebook["half-solved"]
    );
    assert_eq!(gradebook["unsolved"]["same_src_as"], "");
    // The whole gradebook, as an instructor opens it.
    let text = class.gradebook_text().replace('\\', "/");
    insta::assert_snapshot!("gradebook", text);

    // Each learner's JSON is `grade --format json`'s, with the reason of every 0.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(class.gradebook_dir().join("missing-src.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["score"], 2.0);
    let add = &json["exercises"][0];
    assert_eq!(add["id"], "add");
    assert_eq!(add["status"], "build_error");
    assert!(
        add["message"]
            .as_str()
            .unwrap()
            .contains("has no exercises"),
        "{add}"
    );

    // Beside it, the class at a glance, its rates over the five, and each learner's page.
    let index = std::fs::read_to_string(class.gradebook_dir().join("index.html")).unwrap();
    for seen in [
        "5 learners graded. Every rate on this page is over the 5 learners graded. Their mean score is 3.6 of 9 points, the median 2.",
        "<span>2 of 5 passed (40%)</span></td><td>1.2 of 3</td>",
        "<span>2 of 5 passed (40%)</span></td><td>0.8 of 2</td>",
        "<span>3 of 5 passed (60%)</span></td><td>1.2 of 2</td>",
        "<span>1 of 5 passed (20%)</span></td><td>0.4 of 2</td>",
    ] {
        assert!(index.contains(seen), "{seen}\n{index}");
    }
    for learner in gradebook.keys() {
        let page = class
            .gradebook_dir()
            .join(format!("feedback/{learner}.html"));
        assert!(page.is_file(), "{}", page.display());
    }

    let second = class.grade(&[class.dir().as_os_str()]);
    assert!(
        stdout(&second).contains("5 submissions: 5 unchanged, 0 graded, 0 not graded"),
        "nothing is graded a second time: {}",
        stdout(&second)
    );
    assert_eq!(class.gradebook_text().replace('\\', "/"), text);

    // The same class named by a list file, graded from outside the pristine course into the
    // same gradebook, all paths relative: the same learners, the same results.
    class.solve(&class.dir().join("unsolved"), "01-add");
    std::fs::write(
        class.base.path().join("class.txt"),
        "# spring term\nclass/half-solved\nclass/missing-src\nclass/solved\nclass/tampered\nclass/unsolved\n",
    )
    .unwrap();
    let third = class.grade_in(
        class.base.path(),
        &[
            "--list".as_ref(),
            "class.txt".as_ref(),
            "--output".as_ref(),
            "gradebook".as_ref(),
            "--tests-from".as_ref(),
            class.pristine.root().as_os_str(),
        ],
    );
    assert!(
        stdout(&third).contains("5 submissions: 4 unchanged, 1 graded, 0 not graded"),
        "only the learner whose src/ changed is graded again: {}",
        stdout(&third)
    );
    let log = String::from_utf8_lossy(&third.stderr);
    assert!(log.contains("unsolved: 3/9 points"), "{log}");
    assert!(!log.contains("grading solved"), "{log}");
    assert_eq!(
        points(&class.gradebook(), "unsolved"),
        ["3", "0", "0", "0", "3"]
    );

    // A real consumer reads it back: Python's csv module, as a spreadsheet script would.
    let script = "import csv, sys\n\
        rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
        print(' '.join(r['learner'] + '=' + r['total'] for r in rows))\n";
    let python = support::repo_root().join(if cfg!(windows) {
        ".venv/Scripts/python.exe"
    } else {
        ".venv/bin/python"
    });
    let read_back = std::process::Command::new(python)
        .args(["-c", script])
        .arg(class.gradebook_dir().join("gradebook.csv"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&read_back.stdout).trim(),
        "half-solved=5 missing-src=2 solved=9 tampered=2 unsolved=3",
        "{}",
        String::from_utf8_lossy(&read_back.stderr)
    );
}

#[test]
fn submissions_inside_the_pristine_course_are_refused_before_anything_is_graded() {
    let pristine = TestCourse::fixture();
    std::fs::create_dir_all(pristine.path("submissions/alice")).unwrap();
    let output = pristine
        .checker()
        .args(["grade-class", "submissions", "--output"])
        .arg(tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is inside the pristine course") && stderr.contains("alice"),
        "{stderr}"
    );
}

#[test]
fn grade_class_outside_a_course_without_tests_from_cannot_run() {
    let class = Class::new();
    class.learner("alice");
    let output = class
        .pristine
        .checker()
        .current_dir(class.base.path())
        .args(["grade-class", "class"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no course.toml"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_submission_whose_grading_outlasts_its_time_limit_is_left_ungraded_and_retried() {
    let class = Class::new();
    class.learner("honest");
    let slow = class.learner("slow");
    let run = |extra: &[&str]| {
        class
            .pristine
            .checker()
            .arg("grade-class")
            .arg(class.dir())
            .args(extra)
            .env("OXIDIZE_SERVER_START_TIMEOUT", "3")
            .output()
            .unwrap()
    };
    assert!(run(&[]).status.success());
    // A changed submission is graded again, and grading it whole takes more than a second.
    class.solve(&slow, "01-add");
    let first = run(&["--learner-time-limit", "1"]);
    assert_eq!(first.status.code(), Some(1), "{}", stdout(&first));
    assert!(
        stdout(&first).contains("2 submissions: 1 unchanged, 0 graded, 1 not graded"),
        "{}",
        stdout(&first)
    );
    let gradebook = class.gradebook();
    assert_eq!(points(&gradebook, "honest"), ["0", "0", "0", "0", "0"]);
    assert_eq!(points(&gradebook, "slow"), ["", "", "", "", ""]);
    assert!(
        gradebook["slow"]["flags"].starts_with("not graded: grading took longer than"),
        "{:?}",
        gradebook["slow"]
    );

    let second = run(&[]);
    assert!(
        stdout(&second).contains("2 submissions: 1 unchanged, 1 graded, 0 not graded"),
        "what could not be graded is tried again: {}",
        stdout(&second)
    );
    assert_eq!(
        points(&class.gradebook(), "slow"),
        ["3", "0", "0", "0", "3"]
    );
}

/// Learner folder names are data: none becomes a spreadsheet formula or a terminal command,
/// and a named pipe in src/ (a tar or zip upload can hold one) neither hangs the class nor
/// is opened: that exercise scores nothing, and the gradebook says why. The class's pages show
/// the names, and markup a learner's panic message plants, as text (`class_pages_in_chromium`).
#[cfg(unix)]
#[test]
fn hostile_names_and_a_named_pipe_in_src_are_graded_as_data() {
    let class = Class::new();
    let formula = "=HYPERLINK(\"evil.example\",\"x\")";
    let with_pipe = class.learner(formula);
    let made = std::process::Command::new("mkfifo")
        .arg(with_pipe.join("exercises/01-add/src/pipe.rs"))
        .status()
        .unwrap();
    assert!(made.success());
    let planting = class.learner("-rf");
    std::fs::write(
        planting.join("exercises/01-add/src/lib.rs"),
        format!(
            "pub fn add(a: i64, b: i64) -> i64 {{\n    let _ = (a, b);\n    panic!(\"{{}}\", {PLANTED:?})\n}}\n"
        ),
    )
    .unwrap();
    class.learner("eve\x1b]0;owned\x07");
    let output = class.grade(&[class.dir().as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains('\x1b'), "{stderr}");
    assert!(stderr.contains("eve\\u{1b}]0;owned\\u{7}"), "{stderr}");
    let text = class.gradebook_text();
    assert!(!text.contains('\x1b'), "{text}");
    let gradebook = class.gradebook();
    let names: Vec<&String> = gradebook.keys().collect();
    assert_eq!(
        names,
        [
            &"'-rf".to_string(),
            &format!("'{formula}"),
            &"eve\\u{1b}]0;owned\\u{7}".to_string()
        ]
    );
    let piped = &gradebook[&format!("'{formula}")];
    assert_eq!(piped["add"], "0");
    assert!(
        piped["flags"].contains("exercises/01-add/src/pipe.rs is a named pipe"),
        "{piped:?}"
    );
    class_pages_in_chromium(&class, &output);
}

/// Markup meant to run, as a learner's panic message: on a page it would set a global and
/// the title, through a tag, an attribute or by closing the `<details>` it is shown in.
#[cfg(unix)]
const PLANTED: &str = "<img src=x onerror=\"window.planted=1;document.title='PLANTED-RAN'\"></details><script>window.planted=2;document.title='PLANTED-RAN'</script>";

/// What a hidden test would give away: its input.
#[cfg(unix)]
const SECRET: &str = "SECRET-INPUT-7f3a";

/// What every report a learner reads says in place of a hidden test's message.
#[cfg(unix)]
const HIDDEN_DETAILS: &str =
    "a hidden test: the instructor's own, run only when they grade; its details are not shown";

/// The class's pages, read from disk as an instructor and a learner open them: the index
/// links every learner's page (hostile names and all), a hidden test is named and never
/// quoted, and in Chromium, on a 390 px phone and a desk: nothing is fetched but the page, no
/// console error, the planted markup runs nothing and shows as text, every chart has a title
/// and text of at least 11 px, nothing is wider than the phone. Screenshots of the index (light
/// on the phone, dark on the desk) and of the two hostile learners' pages go to
/// `target/debug/class-pages/`.
#[cfg(unix)]
fn class_pages_in_chromium(class: &Class, graded: &Output) {
    use serde_json::{Value, json};

    let dir = class.gradebook_dir();
    let index = dir.join("index.html");
    assert!(
        stdout(graded).contains(&format!("the class at a glance is {}", index.display())),
        "{}",
        stdout(graded)
    );
    // add's hidden test failed for eve, and her JSON (the instructor's) keeps its message; a
    // marker in it, and in its output, shows whether a page quotes either. Her sources are
    // unchanged, so the next run takes this result as it is.
    let eve = dir.join("eve\x1b]0;owned\x07.json");
    let mut result: Value = serde_json::from_str(&std::fs::read_to_string(&eve).unwrap()).unwrap();
    let shown = result.to_string();
    let test = result["exercises"][0]["tests"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["hidden"] == json!(true))
        .unwrap_or_else(|| panic!("the fixture's add has a hidden test: {shown}"));
    let hidden = test["name"].as_str().unwrap().to_string();
    let message = test["message"].as_str().unwrap().to_string();
    assert!(!message.is_empty(), "it failed, and says why: {test}");
    test["message"] = json!(format!("E   assert add({SECRET}) == 3\n{message}"));
    test["output"] = json!(format!("called with {SECRET}"));
    std::fs::write(&eve, result.to_string()).unwrap();
    let again = class.grade(&[class.dir().as_os_str()]);
    assert!(stdout(&again).contains("3 unchanged"), "{}", stdout(&again));

    let page_of = |name: &str| dir.join("feedback").join(format!("{name}.html"));
    let html = |path: &Path| std::fs::read_to_string(path).unwrap();
    let index_text = html(&index);
    assert!(!index_text.contains(SECRET), "{index_text}");
    let eve_page = html(&page_of("eve\x1b]0;owned\x07"));
    assert!(
        !eve_page.contains(SECRET) && eve_page.contains(&hidden),
        "{eve_page}"
    );
    let planted_page = html(&page_of("-rf"));
    assert!(
        !planted_page.contains("<script")
            && planted_page.contains("&lt;/details&gt;&lt;script&gt;"),
        "{planted_page}"
    );

    let Some(chromium) = crate::browser::chromium() else {
        return;
    };
    let shots = Path::new(env!("CARGO_BIN_EXE_checker"))
        .parent()
        .unwrap()
        .join("class-pages");
    std::fs::create_dir_all(&shots).unwrap();
    let mut browser = crate::browser::Browser::launch(&chromium);
    let mut problems = Vec::new();
    for (width, height, scheme) in [(390, 844, "light"), (1280, 900, "dark")] {
        browser.viewport(width, height, width < 500);
        browser.color_scheme(scheme);
        let url = crate::browser::file_url(&index);
        let facts = read_page(&mut browser, &url, width, &mut problems);
        if facts["svgTexts"].as_u64().unwrap_or(0) == 0 {
            problems.push(format!("{width} px: the index draws no chart with text"));
        }
        browser.screenshot(&shots.join(format!("index-{width}-{scheme}.png")));
        // Each learner's page, through the index's own links (names percent-encoded).
        let links = browser
            .eval("[...document.querySelectorAll('a[href^=\"feedback/\"]')].map(a => a.href)");
        let links: Vec<String> = links
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(links.len(), 3, "a link to each learner's page: {links:?}");
        for link in links {
            let facts = read_page(&mut browser, &link, width, &mut problems);
            let text = facts["text"].as_str().unwrap_or("");
            if link.ends_with("/-rf.html") {
                if !text.contains(PLANTED) {
                    problems.push(format!("{link}: the planted markup is not shown as text"));
                }
                browser.screenshot(&shots.join(format!("feedback-planted-{width}-{scheme}.png")));
            }
            if link.contains("/eve%1B%5D0%3Bowned%07.html") {
                let html = facts["html"].as_str().unwrap_or("");
                if html.contains(SECRET) || !text.contains(&hidden) {
                    problems.push(format!("{link}: the hidden test is quoted, or not named"));
                }
                if !text.contains(HIDDEN_DETAILS) {
                    problems.push(format!("{link}: the hidden test is not said to be hidden"));
                }
                browser.screenshot(&shots.join(format!("feedback-hidden-{width}-{scheme}.png")));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Opens `url`, checks what every page must be (see `class_pages_in_chromium`), with each
/// `<details>` opened, and returns the page's facts: its text, its HTML, its charts.
#[cfg(unix)]
fn read_page(
    browser: &mut crate::browser::Browser,
    url: &str,
    width: u32,
    problems: &mut Vec<String>,
) -> serde_json::Value {
    let events = browser.open(url);
    let requests = crate::browser::requests(&events);
    if requests.iter().any(|r| r != url) {
        problems.push(format!(
            "{url}: requests for more than the page: {requests:?}"
        ));
    }
    for error in crate::browser::console_errors(&events) {
        problems.push(format!("{url} at {width} px: {error}"));
    }
    let facts = browser.eval(
        "(() => {
            document.querySelectorAll('details').forEach(d => d.open = true);
            const svgs = [...document.querySelectorAll('svg')];
            const texts = [...document.querySelectorAll('svg text')];
            const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
            return {
                title: document.title,
                planted: typeof window.planted,
                active: document.querySelectorAll('script, img, iframe, object, embed, link').length,
                svgs: svgs.length,
                untitled: svgs.filter(s => !(s.querySelector(':scope > title')?.textContent.trim())).length,
                svgTexts: texts.length,
                smallest: sizes.length ? Math.min(...sizes) : null,
                tooWide: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                resources: performance.getEntriesByType('resource').length,
                text: document.body.innerText,
                html: document.documentElement.outerHTML,
            };
        })()",
    );
    let mut problem = |what: String| problems.push(format!("{url} at {width} px: {what}"));
    if facts["planted"] != "undefined"
        || facts["title"]
            .as_str()
            .unwrap_or("")
            .contains("PLANTED-RAN")
    {
        problem(format!(
            "the planted markup ran: {} {}",
            facts["planted"], facts["title"]
        ));
    }
    if facts["active"] != 0 || facts["resources"] != 0 {
        problem(format!(
            "elements that run or load: {} {}",
            facts["active"], facts["resources"]
        ));
    }
    if facts["untitled"] != 0 {
        problem(format!(
            "{} of {} charts have no <title>",
            facts["untitled"], facts["svgs"]
        ));
    }
    if let Some(smallest) = facts["smallest"].as_f64()
        && width <= 390
        && smallest < 11.0
    {
        problem(format!("chart text of {smallest} px"));
    }
    if facts["tooWide"].as_f64().unwrap_or(0.0) > 0.0 {
        problem(format!("{} px wider than the screen", facts["tooWide"]));
    }
    if !facts["title"]
        .as_str()
        .unwrap_or("")
        .starts_with("fixture: ")
    {
        problem(format!("not a page of the class: {}", facts["title"]));
    }
    facts
}

/// `git add -A && git commit` in a learner's repository, dated `when`: the commit's hash.
fn commit_at(repo: &Path, when: &str, message: &str) -> String {
    if !repo.join(".git").exists() {
        support::git_at(repo, when, &["init", "-q"]);
    }
    support::git_at(repo, when, &["add", "-A"]);
    support::git_at(repo, when, &["commit", "-q", "-m", message]);
    support::git_at(repo, when, &["rev-parse", "HEAD"])
}

#[test]
fn a_deadline_grades_each_repository_at_its_last_commit_by_then_and_counts_what_came_later() {
    let class = Class::new();
    // Untouched on the 1st, add solved on the 10th: the work tree has it solved.
    let late = class.learner("late");
    let before = commit_at(&late, "2026-12-01T10:00:00Z", "start");
    class.solve(&late, "01-add");
    let after = commit_at(&late, "2026-12-10T10:00:00Z", "add");
    // Its only commit is after the deadline; another folder is no repository at all.
    let started_late = class.learner("started-late");
    commit_at(&started_late, "2026-12-08T09:30:00Z", "start");
    class.learner("no-git");

    let deadline = |time: &str, missed: usize| {
        let output = class.grade(&[
            class.dir().as_os_str(),
            "--deadline".as_ref(),
            time.as_ref(),
        ]);
        let out = stdout(&output);
        assert!(
            out.contains(&format!("{missed} with nothing to grade at the deadline")),
            "{out}\n{}",
            class.gradebook_text()
        );
        class.gradebook_with(&["graded_commit", "commits_after_deadline"])
    };
    let gradebook = deadline("2026-12-05T23:59:00+01:00", 2);
    let row = &gradebook["late"];
    assert_eq!(row["add"], "0", "graded as of the 1st: {row:?}");
    assert_eq!(row["graded_commit"], before);
    assert_eq!(row["commits_after_deadline"], "1");
    let row = &gradebook["started-late"];
    assert_eq!((row["add"].as_str(), row["total"].as_str()), ("", ""));
    assert!(
        row["flags"].contains("no commit at or before the deadline 2026-12-05T23:59:00+01:00")
            && row["flags"].contains("2026-12-08T09:30:00"),
        "{row:?}"
    );
    assert!(
        gradebook["no-git"]["flags"].contains("not a git repository"),
        "{:?}",
        gradebook["no-git"]
    );

    // By the 10th, the late starter has a commit to grade too.
    let gradebook = deadline("2026-12-10T10:00:00Z", 1);
    let row = &gradebook["late"];
    assert_eq!(row["add"], "3", "a commit at the deadline counts: {row:?}");
    assert_eq!(row["graded_commit"], after);
    assert_eq!(row["commits_after_deadline"], "0");

    // A deadline git would guess at is refused before anything is graded.
    let output = class
        .pristine
        .checker()
        .args(["grade-class", "--deadline", "friday"])
        .arg(class.dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("such as 2026-12-18T23:59:00+01:00"));
}

#[test]
fn an_assignment_is_exported_for_jplag_and_dolos_with_the_starter_code_as_their_base() {
    let class = Class::new();
    for name in ["alice", "bob"] {
        let learner = class.learner(name);
        class.solve(&learner, "01-add");
    }
    class.learner("untouched");
    let export = class.base.path().join("similarity");
    let submissions = class.dir();
    let grade = |export: &Path| {
        let mut args = vec![submissions.as_os_str()];
        args.extend(["--only", "add", "--export-similarity"].map(std::ffi::OsStr::new));
        args.push(export.as_os_str());
        class.grade(&args)
    };
    let output = grade(&export);
    assert!(
        stdout(&output).contains("2 submissions of 1 exercises exported"),
        "{}",
        stdout(&output)
    );
    // Graded once each: the starter code first, then alice; bob's src/ is alice's, and the
    // untouched learner's is the starter code's, graded before any learner.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("grading the starter code first")
            && stderr.contains("bob: the same src/ as alice, so the same result: 3/3 points"),
        "{stderr}"
    );
    let result = |name: &str| {
        std::fs::read_to_string(class.gradebook_dir().join(format!("{name}.json"))).unwrap()
    };
    assert_eq!(result("bob"), result("alice"));
    let untouched_log =
        std::fs::read_to_string(class.gradebook_dir().join("untouched.log")).unwrap();
    assert!(
        untouched_log.contains("graded before from the same src/, that result stands"),
        "{untouched_log}"
    );
    // --only: the assignment's exercises are the gradebook's columns.
    let mut reader = csv::Reader::from_path(class.gradebook_dir().join("gradebook.csv")).unwrap();
    let header: Vec<&str> = reader
        .headers()
        .unwrap()
        .iter()
        .collect::<Vec<_>>()
        .to_vec();
    assert_eq!(header[..3], ["learner", "add", "total"], "{header:?}");

    // JPlag: the starter code as the base, one folder per learner who changed it.
    let jplag = export.join("add/jplag");
    assert_eq!(
        std::fs::read_to_string(jplag.join("base/lib.rs")).unwrap(),
        class.pristine.read("exercises/01-add/src/lib.rs")
    );
    let mut exported: Vec<String> = std::fs::read_dir(jplag.join("submissions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    exported.sort();
    assert_eq!(
        exported,
        ["alice", "bob"],
        "the untouched starter code is no submission"
    );
    assert!(jplag.join("submissions/alice/lib.rs").is_file());

    // Dolos: info.csv lists one file per learner, and the starter code as the file to ignore.
    let dolos = export.join("add/dolos");
    let rows: Vec<Vec<String>> = csv::Reader::from_path(dolos.join("info.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["starter.rs", "starter code", "true"],
            ["alice.rs", "alice", "false"],
            ["bob.rs", "bob", "false"],
        ]
    );
    let alice = std::fs::read_to_string(dolos.join("alice.rs")).unwrap();
    assert!(
        alice.contains("// src/lib.rs\n") && alice.contains("a + b"),
        "{alice}"
    );
    assert!(export.join("README.md").is_file());

    // Exported again, the export is replaced; a folder of anything else is refused, untouched.
    grade(&export);
    let elsewhere = class.base.path().join("notes");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("mine.txt"), "keep me").unwrap();
    let refused = class
        .pristine
        .checker()
        .current_dir(class.pristine.root())
        .arg("grade-class")
        .arg(class.dir())
        .args(["--only", "add", "--export-similarity"])
        .arg(&elsewhere)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("holds files that no export wrote"),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("mine.txt")).unwrap(),
        "keep me"
    );
}
