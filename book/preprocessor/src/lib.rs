//! The book's mdBook preprocessor: every exercise page (`ex-<id>.md`) gets a header box generated
//! from `course.toml`, so the book and the manifest cannot disagree about an exercise's id,
//! chapter, points, kind, files, commands, or the tests the checker will run.

pub mod figures;
pub mod playground;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use serde::Deserialize;

/// The parts of `course.toml` the book shows. Other keys are the checker's business.
#[derive(Debug, Deserialize)]
pub struct Course {
    #[serde(default)]
    pub exercises: Vec<Exercise>,
}

/// One `[[exercises]]` table, as far as the book needs it.
#[derive(Debug, Clone, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub chapter: u32,
    pub title: String,
    pub path: String,
    pub kind: String,
    pub points: u32,
    #[serde(default)]
    pub hint_more: Option<String>,
}

impl Course {
    /// Reads the manifest at `path`.
    pub fn load(path: &Path) -> Result<Course> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("parsing {}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Course> {
        Ok(toml::from_str(text)?)
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

/// What the header shows about an exercise besides the manifest: the files a learner edits and
/// the names of its tests, per suite, as the checker lists them (sorted).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ExerciseFiles {
    /// Paths relative to the course root, e.g. `exercises/01-first-word/src/lib.rs`.
    pub edit: Vec<String>,
    pub rust_tests: Vec<String>,
    pub python_tests: Vec<String>,
}

impl ExerciseFiles {
    /// Reads the exercise's tests from `tests/*.rs` and `python/tests/test_*.py`, and the files
    /// to edit from its solution (`solutions/NN-id/src/`, which holds only those), or, without
    /// a solution, from the exercise's own `src/`.
    pub fn scan(root: &Path, exercise: &Exercise) -> Result<ExerciseFiles> {
        let dir = root.join(&exercise.path);
        let mut files = ExerciseFiles::default();
        for path in files_in(&dir.join("tests"), |name| name.ends_with(".rs"))? {
            files.rust_tests.extend(rust_test_names(&read(&path)?));
        }
        for path in files_in(&dir.join("python/tests"), |name| {
            name.starts_with("test_") && name.ends_with(".py")
        })? {
            files.python_tests.extend(python_test_names(&read(&path)?));
        }
        files.rust_tests.sort();
        files.python_tests.sort();

        let folder = Path::new(&exercise.path)
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_default();
        let solution_src = root.join("solutions").join(&folder).join("src");
        let src = if solution_src.is_dir() {
            solution_src.clone()
        } else {
            dir.join("src")
        };
        let mut edit = Vec::new();
        collect_files(&src, &src, &mut edit)?;
        edit.sort();
        files.edit = edit
            .into_iter()
            .map(|rel| format!("{}/src/{}", exercise.path.trim_end_matches('/'), rel))
            .collect();
        Ok(files)
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        let keep_it =
            path.is_file() && path.file_name().and_then(|n| n.to_str()).is_some_and(&keep);
        if keep_it {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn collect_files(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(base, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// The names of the test functions in a Rust test file: each `fn` that follows a `#[test]` or
/// `#[tokio::test...]` attribute (other attributes may come between).
pub fn rust_test_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = false;
    for line in source.lines() {
        let line = line.trim();
        if line.starts_with("#[test]") || line.starts_with("#[tokio::test") {
            pending = true;
        } else if pending && !line.starts_with("#[") && !line.starts_with("//") {
            if let Some(name) = fn_name(line) {
                names.push(name.to_string());
            }
            pending = false;
        }
    }
    names
}

fn fn_name(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("pub ").unwrap_or(line);
    let rest = rest.strip_prefix("async ").unwrap_or(rest);
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    (end > 0).then(|| &rest[..end])
}

/// The names of the module-level test functions in a pytest file (`def test_...` and
/// `async def test_...` at the start of a line).
pub fn python_test_names(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("async ").unwrap_or(line);
            let rest = rest.strip_prefix("def ")?;
            let end = rest.find('(')?;
            let name = &rest[..end];
            name.starts_with("test_").then(|| name.to_string())
        })
        .collect()
}

/// What a kind of exercise is, in a few words.
pub fn kind_words(kind: &str) -> &'static str {
    match kind {
        "rust" => "a Rust crate; Python runs its program",
        "ffi" => "a C-ABI library that Python loads with ctypes",
        "pyo3" => "a Python module written with PyO3, built by maturin",
        "grpc" => "a tonic gRPC server that Python calls",
        _ => "an exercise crate",
    }
}

/// Escapes text for HTML (element content and attribute values).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The checker's output for the untouched exercise, as far as it is known before running it:
/// the first line and every test with ✗ (the checker sorts tests by name, per suite).
pub fn sample_output(exercise: &Exercise, files: &ExerciseFiles) -> String {
    let mut out = format!(
        "{} {} (chapter {}, {})\n",
        exercise.id,
        exercise.title,
        exercise.chapter,
        exercise.path.trim_end_matches('/')
    );
    for (suite, tests) in [
        ("Rust tests", &files.rust_tests),
        ("Python tests", &files.python_tests),
    ] {
        if tests.is_empty() {
            continue;
        }
        let _ = write!(out, "\n  {suite}\n");
        for test in tests {
            let _ = writeln!(out, "    ✗ {test}");
        }
    }
    let total = files.rust_tests.len() + files.python_tests.len();
    let _ = write!(out, "\n0 of {total} tests pass.");
    out
}

/// The header box of an exercise page, as one HTML block. It holds no blank line, so Markdown
/// keeps it in one piece; the sample's line breaks are written as `&#10;` for the same reason.
pub fn render_header(exercise: &Exercise, files: &ExerciseFiles) -> String {
    let id = escape(&exercise.id);
    let folder = format!("{}/src/", escape(exercise.path.trim_end_matches('/')));
    let edit = if files.edit.is_empty() {
        format!("<code>{folder}</code>")
    } else {
        files
            .edit
            .iter()
            .map(|f| format!("<code>{}</code>", escape(f)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut hints = format!("<code>cargo checker hint {id}</code>");
    if exercise.hint_more.is_some() {
        let _ = write!(
            hints,
            ", then <code>cargo checker hint {id} --more</code> for the answer nearly as code"
        );
    }
    let total = files.rust_tests.len() + files.python_tests.len();
    let sample = escape(&sample_output(exercise, files)).replace('\n', "&#10;");
    let mut html = String::new();
    let _ = writeln!(
        html,
        "<div class=\"oxidize-exercise\" id=\"exercise-header\" data-exercise=\"{id}\">"
    );
    let _ = writeln!(html, "<dl class=\"oxidize-facts\">");
    let rows = [
        (
            "Exercise",
            format!("<code>{id}</code>: {}", escape(&exercise.title)),
        ),
        ("Chapter", exercise.chapter.to_string()),
        (
            "Points",
            format!(
                "{} (split over its {total} test{})",
                exercise.points,
                if total == 1 { "" } else { "s" }
            ),
        ),
        (
            "Kind",
            format!(
                "<code>{}</code>: {}",
                escape(&exercise.kind),
                kind_words(&exercise.kind)
            ),
        ),
        ("Edit", format!("{edit} (only in <code>{folder}</code>)")),
        ("Check", format!("<code>cargo checker check {id}</code>")),
        ("Hints", hints),
    ];
    for (term, value) in rows {
        let _ = writeln!(html, "<dt>{term}</dt><dd>{value}</dd>");
    }
    let _ = writeln!(html, "</dl>");
    let _ = writeln!(
        html,
        "<details class=\"oxidize-sample\"><summary>What <code>cargo checker check {id}</code> \
         shows before you write anything</summary>"
    );
    let _ = writeln!(
        html,
        "<pre class=\"oxidize-sample-output\"><samp>{sample}</samp></pre>"
    );
    let _ = writeln!(
        html,
        "<p>Then the first failure's message (the text of its <code>todo!()</code>) and what to \
         do next.</p>"
    );
    let _ = writeln!(html, "</details>");
    html.push_str("</div>");
    html
}

/// Inserts `block` under the first `# ` heading of a Markdown page (at the top when there is
/// none), with blank lines around it.
pub fn insert_under_first_heading(content: &str, block: &str) -> String {
    let mut offset = 0;
    let mut in_fence = false;
    for line in content.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let end = offset + line.len();
        if !in_fence && line.starts_with("# ") {
            let (head, tail) = content.split_at(end);
            let newline = if head.ends_with('\n') { "" } else { "\n" };
            return format!(
                "{head}{newline}\n{block}\n\n{}",
                tail.trim_start_matches('\n')
            );
        }
        offset = end;
    }
    format!("{block}\n\n{content}")
}

/// The exercise id a page is about, from its file name `ex-<id>.md`.
pub fn exercise_id_of(path: &Path) -> Option<&str> {
    path.file_name()?
        .to_str()?
        .strip_prefix("ex-")?
        .strip_suffix(".md")
}

/// The preprocessor itself (name `oxidize`, for the HTML renderer).
pub struct Oxidize;

impl Oxidize {
    /// Adds the header to every exercise page of `book`, and makes every figure legible
    /// (`figures`); `root` is the course root, `src` the book's sources.
    pub fn process(
        course: &Course,
        root: &Path,
        src: &Path,
        edition: &str,
        book: &mut Book,
    ) -> Result<()> {
        let mut cache: BTreeMap<String, String> = BTreeMap::new();
        let mut problems = Vec::new();
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            let Some(path) = chapter.source_path.clone().or_else(|| chapter.path.clone()) else {
                return;
            };
            let page_dir = src.join(path.parent().unwrap_or(Path::new("")));
            match figures::legible_figures(&chapter.content, &page_dir) {
                Ok(content) => chapter.content = content,
                Err(e) => problems.push(format!("{}: {e:#}", path.display())),
            }
            chapter.content = playground::playground_links(&chapter.content, edition);
            let Some(id) = exercise_id_of(&path) else {
                return;
            };
            let Some(exercise) = course.exercise(id) else {
                problems.push(format!(
                    "book page {} is named after exercise `{id}`, which course.toml does not have",
                    path.display()
                ));
                return;
            };
            let header = match cache.get(id) {
                Some(h) => h.clone(),
                None => match ExerciseFiles::scan(root, exercise) {
                    Ok(files) => {
                        let h = render_header(exercise, &files);
                        cache.insert(id.to_string(), h.clone());
                        h
                    }
                    Err(e) => {
                        problems.push(format!("{id}: {e:#}"));
                        return;
                    }
                },
            };
            chapter.content = insert_under_first_heading(&chapter.content, &header);
        });
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        Ok(())
    }
}

impl Preprocessor for Oxidize {
    fn name(&self) -> &str {
        "oxidize"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let manifest = ctx
            .config
            .get::<String>("preprocessor.oxidize.course")
            .ok()
            .flatten()
            .unwrap_or_else(|| "course.toml".to_string());
        let course = Course::load(&ctx.root.join(manifest))?;
        let src = ctx.root.join(&ctx.config.book.src);
        // The Playground runs snippets in the edition `mdbook test` compiles them with.
        let edition = ctx
            .config
            .get::<String>("rust.edition")
            .ok()
            .flatten()
            .unwrap_or_else(|| "2024".to_string());
        Self::process(&course, &ctx.root, &src, &edition, &mut book)?;
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(renderer == "html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise() -> Exercise {
        Exercise {
            id: "first-word".into(),
            chapter: 1,
            title: "Borrow a slice <not a copy>".into(),
            path: "exercises/01-first-word".into(),
            kind: "rust".into(),
            points: 5,
            hint_more: Some("more".into()),
        }
    }

    fn files() -> ExerciseFiles {
        ExerciseFiles {
            edit: vec!["exercises/01-first-word/src/lib.rs".into()],
            rust_tests: vec!["a_test".into(), "b_test".into()],
            python_tests: vec!["test_cli".into()],
        }
    }

    #[test]
    fn the_header_names_id_chapter_points_kind_files_and_commands() {
        let html = render_header(&exercise(), &files());
        for needle in [
            "data-exercise=\"first-word\"",
            "<dt>Chapter</dt><dd>1</dd>",
            "<dt>Points</dt><dd>5 (split over its 3 tests)</dd>",
            "<code>rust</code>: a Rust crate",
            "<code>exercises/01-first-word/src/lib.rs</code>",
            "<code>exercises/01-first-word/src/</code>",
            "<code>cargo checker check first-word</code>",
            "<code>cargo checker hint first-word</code>",
            "<code>cargo checker hint first-word --more</code>",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in\n{html}");
        }
    }

    #[test]
    fn the_header_escapes_html_in_the_title() {
        let html = render_header(&exercise(), &files());
        assert!(html.contains("Borrow a slice &lt;not a copy&gt;"), "{html}");
        assert!(!html.contains("<not a copy>"));
    }

    #[test]
    fn the_header_has_no_blank_line_so_markdown_keeps_it_one_html_block() {
        let html = render_header(&exercise(), &files());
        assert!(!html.lines().any(|l| l.trim().is_empty()), "{html}");
        assert!(html.starts_with("<div") && html.ends_with("</div>"));
    }

    #[test]
    fn the_sample_lists_every_test_as_failing_per_suite_like_the_checker() {
        let sample = sample_output(&exercise(), &files());
        assert_eq!(
            sample,
            "first-word Borrow a slice <not a copy> (chapter 1, exercises/01-first-word)\n\
             \n  Rust tests\n    ✗ a_test\n    ✗ b_test\n\
             \n  Python tests\n    ✗ test_cli\n\
             \n0 of 3 tests pass."
        );
        let html = render_header(&exercise(), &files());
        assert!(
            html.contains("    ✗ a_test&#10;    ✗ b_test&#10;"),
            "{html}"
        );
    }

    #[test]
    fn without_a_second_hint_level_the_header_offers_only_the_first() {
        let mut e = exercise();
        e.hint_more = None;
        let html = render_header(&e, &files());
        assert!(html.contains("cargo checker hint first-word</code>"));
        assert!(!html.contains("--more"));
    }

    #[test]
    fn a_suite_without_tests_is_left_out_of_the_sample() {
        let mut f = files();
        f.python_tests.clear();
        let sample = sample_output(&exercise(), &f);
        assert!(!sample.contains("Python tests"));
        assert!(sample.ends_with("0 of 2 tests pass."));
    }

    #[test]
    fn rust_test_names_are_the_fns_after_test_attributes() {
        let source = "use x;\n\n#[test]\nfn moves_keep_the_buffer() {\n}\n\nfn helper() {}\n\n\
                      #[tokio::test(flavor = \"multi_thread\")]\n#[ignore]\nasync fn streams_ticks() {}\n";
        assert_eq!(
            rust_test_names(source),
            ["moves_keep_the_buffer", "streams_ticks"]
        );
    }

    #[test]
    fn python_test_names_are_the_module_level_test_functions() {
        let source = "import x\n\ndef helper():\n    pass\n\ndef test_one(run_cli):\n    \
                      def test_inner():\n        pass\n\nasync def test_two():\n    pass\n";
        assert_eq!(python_test_names(source), ["test_one", "test_two"]);
    }

    #[test]
    fn the_header_goes_under_the_first_heading() {
        let page = "# Exercise: `x`\n\n**Idea:** y\n";
        let out = insert_under_first_heading(page, "<div>H</div>");
        assert_eq!(out, "# Exercise: `x`\n\n<div>H</div>\n\n**Idea:** y\n");
    }

    #[test]
    fn a_heading_inside_a_code_fence_is_not_the_first_heading() {
        let page = "```sh\n# a comment\n```\n# Title\ntext\n";
        let out = insert_under_first_heading(page, "<div>H</div>");
        assert_eq!(
            out,
            "```sh\n# a comment\n```\n# Title\n\n<div>H</div>\n\ntext\n"
        );
    }

    #[test]
    fn exercise_pages_are_recognised_by_their_file_name() {
        assert_eq!(
            exercise_id_of(Path::new("ch1/ex-first-word.md")),
            Some("first-word")
        );
        assert_eq!(exercise_id_of(Path::new("ch1/moves.md")), None);
    }

    #[test]
    fn a_page_named_after_an_unknown_exercise_is_an_error() {
        let course = Course::parse(
            "[[exercises]]\nid = \"a\"\nchapter = 1\ntitle = \"A\"\n\
                                    path = \"exercises/01-a\"\nkind = \"rust\"\npoints = 1\n",
        )
        .unwrap();
        let mut book = Book::new();
        book.push_item(mdbook_preprocessor::book::Chapter::new(
            "Exercise: b",
            "# Exercise: b\n".into(),
            "ch1/ex-b.md",
            vec![],
        ));
        let err = Oxidize::process(
            &course,
            Path::new("/nonexistent"),
            Path::new("/nonexistent"),
            "2024",
            &mut book,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("`b`, which course.toml does not have"),
            "{err}"
        );
    }

    #[test]
    fn the_real_course_gives_every_exercise_tests_and_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let course = Course::load(&root.join("course.toml")).unwrap();
        assert!(!course.exercises.is_empty());
        for exercise in &course.exercises {
            let files = ExerciseFiles::scan(&root, exercise).unwrap();
            assert!(
                !files.rust_tests.is_empty(),
                "{}: no Rust tests found",
                exercise.id
            );
            assert!(
                !files.python_tests.is_empty(),
                "{}: no Python tests found",
                exercise.id
            );
            assert!(
                !files.edit.is_empty(),
                "{}: no files to edit found",
                exercise.id
            );
        }
    }
}
