//! The course manifest (`course.toml`): the one list of exercises.
//!
//! Loading validates everything a checker run relies on, and every error names the file and
//! line that is wrong and what to write instead.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Deserialize;
use toml::Spanned;

pub use crate::kind::Kind;

/// The manifest's file name, at the root of the course.
pub const MANIFEST: &str = "course.toml";

/// `course.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    /// Version of this file's format; only 1 exists.
    format_version: Spanned<u32>,
    /// The course's name, as reports show it.
    course: String,
    /// Limits for every exercise's build and tests.
    #[serde(default)]
    limits: Limits,
    /// The exercises, in the order a learner takes them.
    exercises: Vec<RawExercise>,
}

/// Time and output limits (`[limits]` in course.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Wall time for building one exercise (a cold first build compiles its dependencies).
    pub build_secs: u64,
    /// Default wall time for running one exercise's tests; `time_limit_secs` overrides it.
    pub test_secs: u64,
    /// Output kept per child process, in KiB; the rest is counted and dropped.
    pub output_kib: usize,
    /// Address space per test process, in MiB: learner code that allocates past it fails.
    pub memory_mib: u64,
    /// The largest file a test process may write, in MiB: a loop that fills the disk stops.
    pub file_size_mib: u64,
    /// Whether tests run in a network of their own with only loopback (Linux).
    pub loopback_only: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            build_secs: 900,
            test_secs: 60,
            output_kib: 256,
            memory_mib: 4096,
            file_size_mib: 1024,
            loopback_only: true,
        }
    }
}

/// One `[[exercises]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    /// Unique, kebab-case; also the Cargo package name of the exercise crate.
    id: Spanned<String>,
    /// The book chapter the exercise belongs to.
    chapter: u32,
    /// A one-line title.
    title: String,
    /// The exercise crate's directory, relative to the course root.
    path: Spanned<String>,
    /// How the exercise is built and how its Python tests reach the Rust code.
    kind: Kind,
    /// Points for the whole exercise, split evenly across its tests.
    points: Spanned<u32>,
    /// Shown by `checker hint`: the idea and the book page.
    hint: String,
    /// Shown by `checker hint --more`: the near-code answer.
    #[serde(default)]
    hint_more: Option<String>,
    /// Wall time for the exercise's tests (default: `[limits] test_secs`).
    time_limit_secs: Option<u64>,
    /// Build with optimisations (`--release`): performance targets mean nothing in a debug build.
    #[serde(default)]
    release: bool,
}

/// A validated exercise.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub id: String,
    pub chapter: u32,
    pub title: String,
    /// Relative to the course root, with `/` separators, as written in the manifest.
    pub path: String,
    pub kind: Kind,
    pub points: u32,
    pub hint: String,
    /// The second level of the hint, nearer the code; `None` when the manifest gives one level.
    pub hint_more: Option<String>,
    pub time_limit: Duration,
    /// Built with `--release` (exercises with a performance target).
    pub release: bool,
    /// The exercise's page in the book (`book/<chapter>/ex-<id>.md`), when there is one.
    pub page: Option<String>,
}

impl Exercise {
    /// The crate's directory under `root`.
    pub fn dir(&self, root: &Path) -> PathBuf {
        root.join(&self.path)
    }

    /// The directory of the exercise's Python tests under `root`.
    pub fn python_tests_dir(&self, root: &Path) -> PathBuf {
        self.dir(root).join("python").join("tests")
    }

    /// The directory of the exercise's hidden tests under `root`: pytest files of the authors'
    /// own, left out of every copy learner code runs in or learners get (`sources::copy_course`),
    /// and run, from the authors' course, only when the instructor grades (`Workspace::hidden`).
    pub fn hidden_tests_dir(&self, root: &Path) -> PathBuf {
        self.dir(root).join("python").join("hidden")
    }

    /// The solution's directory under `root`: `solutions/<same folder name>`.
    pub fn solution_dir(&self, root: &Path) -> PathBuf {
        let folder = Path::new(&self.path).file_name().unwrap_or_default();
        root.join("solutions").join(folder)
    }
}

/// The loaded course: its root directory, name, limits and exercises.
#[derive(Debug, Clone)]
pub struct Course {
    pub root: PathBuf,
    pub name: String,
    pub limits: Limits,
    pub exercises: Vec<Exercise>,
}

impl Course {
    /// Loads the course in `dir`, or in the nearest directory upwards from the current one
    /// that holds a `course.toml`.
    pub fn find_and_load(dir: Option<&Path>) -> anyhow::Result<Course> {
        Course::load(&Course::find_root(dir)?)
    }

    /// The course directory: `dir`, or the nearest directory upwards from the current one that
    /// holds a `course.toml`; absolute.
    pub fn find_root(dir: Option<&Path>) -> anyhow::Result<PathBuf> {
        let root = match dir {
            Some(dir) => dir.to_path_buf(),
            None => {
                let cwd = std::env::current_dir().context("cannot read the current directory")?;
                cwd.ancestors()
                    .find(|d| d.join(MANIFEST).is_file())
                    .map(Path::to_path_buf)
                    .with_context(|| {
                        format!(
                            "no {MANIFEST} here or in any parent of {}: run the checker inside the course, or pass --course DIR",
                            cwd.display()
                        )
                    })?
            }
        };
        std::path::absolute(&root)
            .with_context(|| format!("cannot resolve the course directory {}", root.display()))
    }

    /// Loads the course whose root is `root`.
    pub fn load(root: &Path) -> anyhow::Result<Course> {
        let path = root.join(MANIFEST);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Course::parse(root, &text)
    }

    /// Parses and validates the manifest text of the course at `root`.
    pub fn parse(root: &Path, text: &str) -> anyhow::Result<Course> {
        let at = |span: std::ops::Range<usize>| Location::of(text, span.start);
        let raw: RawManifest = toml::from_str(text).map_err(|err| {
            let location = err.span().map(&at).unwrap_or_default();
            let message = err.message().trim_end();
            let advice = if message.starts_with("missing field") {
                " (add it to this table; the comment at the top of course.toml lists every field)"
            } else {
                ""
            };
            anyhow::anyhow!("{MANIFEST}:{location}: {message}{advice}")
        })?;
        if *raw.format_version.get_ref() != 1 {
            bail!(
                "{MANIFEST}:{}: format_version {} is not known to this checker: write `format_version = 1`",
                at(raw.format_version.span()),
                raw.format_version.get_ref()
            );
        }
        if raw.exercises.is_empty() {
            bail!("{MANIFEST}: the course has no exercises: add an [[exercises]] table");
        }

        let mut seen: HashMap<String, Location> = HashMap::new();
        let mut exercises = Vec::new();
        for ex in raw.exercises {
            let id = ex.id.get_ref().clone();
            let id_at = at(ex.id.span());
            if !is_kebab_case(&id) {
                bail!(
                    "{MANIFEST}:{id_at}: exercise id {id:?} is not kebab-case: use lowercase letters, digits and '-', e.g. \"first-word\""
                );
            }
            if let Some(first) = seen.insert(id.clone(), id_at) {
                bail!(
                    "{MANIFEST}:{id_at}: duplicate exercise id {id:?} (first defined at line {}): give each exercise its own id",
                    first.line
                );
            }
            let path = ex.path.get_ref().clone();
            let path_at = at(ex.path.span());
            let dir = root.join(&path);
            let cargo_toml = dir.join("Cargo.toml");
            if !cargo_toml.is_file() {
                bail!(
                    "{MANIFEST}:{path_at}: path {path:?} of exercise {id:?} has no Cargo.toml: write the path of the exercise crate, relative to the course root (e.g. \"exercises/01-first-word\")"
                );
            }
            let package = package_name(&cargo_toml)?;
            if package != id {
                bail!(
                    "{MANIFEST}:{id_at}: exercise id {id:?} differs from the package name {package:?} in {path}/Cargo.toml: the id and the package name must be the same"
                );
            }
            if *ex.points.get_ref() == 0 {
                bail!(
                    "{MANIFEST}:{}: exercise {id:?} has 0 points: give it at least 1",
                    at(ex.points.span())
                );
            }
            exercises.push(Exercise {
                id,
                chapter: ex.chapter,
                title: ex.title,
                path,
                kind: ex.kind,
                points: ex.points.into_inner(),
                hint: ex.hint.trim().to_string(),
                hint_more: ex.hint_more.map(|more| more.trim().to_string()),
                time_limit: Duration::from_secs(ex.time_limit_secs.unwrap_or(raw.limits.test_secs)),
                release: ex.release,
                page: book_page(root, ex.id.get_ref()),
            });
        }
        Ok(Course {
            root: root.to_path_buf(),
            name: raw.course,
            limits: raw.limits,
            exercises,
        })
    }

    /// The exercise with this id, or an error listing the ids that exist.
    pub fn exercise(&self, id: &str) -> anyhow::Result<&Exercise> {
        self.exercises.iter().find(|e| e.id == id).with_context(|| {
            if let Some(near) = self.closest_id(id) {
                return format!(
                    "there is no exercise {id:?}: did you mean {near}? (`cargo checker list` shows them all)"
                );
            }
            let ids: Vec<&str> = self.exercises.iter().map(|e| e.id.as_str()).collect();
            format!(
                "there is no exercise {id:?}; the exercises are: {}",
                ids.join(", ")
            )
        })
    }

    /// The id nearest to `typed` (`first_word`, `First-Word`, `frist-word` -> first-word), if
    /// one is near enough to be what was meant.
    fn closest_id(&self, typed: &str) -> Option<&str> {
        let typed = typed.trim().to_lowercase().replace(['_', ' '], "-");
        self.exercises
            .iter()
            .map(|e| (strsim::damerau_levenshtein(&typed, &e.id), e.id.as_str()))
            .filter(|(distance, id)| *distance <= (id.len() / 4).max(1))
            .min()
            .map(|(_, id)| id)
    }

    /// The exercise whose folder holds `dir` (or is it), if any.
    pub fn exercise_containing(&self, dir: &Path) -> Option<&Exercise> {
        let dir = std::path::absolute(dir).ok()?;
        self.exercises
            .iter()
            .find(|e| dir.starts_with(e.dir(&self.root)))
    }

    /// The pages to read before `exercise`, in the book's order (`book/SUMMARY.md`): the pages
    /// of its chapter since the exercise before it (the ideas it needs), then its own page; its
    /// own page alone when the summary does not list it, and none when it has no page.
    pub fn reading_for(&self, exercise: &Exercise) -> Vec<String> {
        let Some(page) = &exercise.page else {
            return Vec::new();
        };
        let summary =
            std::fs::read_to_string(self.root.join("book").join("SUMMARY.md")).unwrap_or_default();
        let links: Vec<String> = summary
            .lines()
            .filter_map(|line| {
                let start = line.find("](")? + 2;
                let end = start + line[start..].find(')')?;
                Some(format!("book/{}", &line[start..end]))
            })
            .collect();
        let Some(at) = links.iter().position(|link| link == page) else {
            return vec![page.clone()];
        };
        let folder = |link: &str| Path::new(link).parent().map(Path::to_path_buf);
        let is_exercise = |link: &str| {
            Path::new(link)
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("ex-"))
        };
        let mut first = at;
        while first > 0
            && !is_exercise(&links[first - 1])
            && folder(&links[first - 1]) == folder(page)
        {
            first -= 1;
        }
        links[first..=at].to_vec()
    }

    /// The exercises with these ids, in course order; all of them when `ids` is empty.
    pub fn select(&self, ids: &[String]) -> anyhow::Result<Vec<&Exercise>> {
        for id in ids {
            self.exercise(id)?;
        }
        Ok(self
            .exercises
            .iter()
            .filter(|e| ids.is_empty() || ids.contains(&e.id))
            .collect())
    }

    /// The maximum score of the whole course.
    pub fn max_score(&self) -> u32 {
        self.exercises.iter().map(|e| e.points).sum()
    }
}

/// A line and column in the manifest, 1-based.
#[derive(Debug, Clone, Copy, Default)]
struct Location {
    line: usize,
    column: usize,
}

impl Location {
    fn of(text: &str, offset: usize) -> Location {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        Location { line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// `book/<chapter folder>/ex-<id>.md`, relative to the course root, if it exists.
fn book_page(root: &Path, id: &str) -> Option<String> {
    let chapters = std::fs::read_dir(root.join("book")).ok()?;
    chapters.flatten().find_map(|chapter| {
        let page = chapter.path().join(format!("ex-{id}.md"));
        page.is_file()
            .then(|| format!("book/{}/ex-{id}.md", chapter.file_name().to_string_lossy()))
    })
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The `[package] name` of a Cargo.toml.
fn package_name(cargo_toml: &Path) -> anyhow::Result<String> {
    #[derive(Deserialize)]
    struct Manifest {
        package: Package,
    }
    #[derive(Deserialize)]
    struct Package {
        name: String,
    }
    let text = std::fs::read_to_string(cargo_toml)
        .with_context(|| format!("cannot read {}", cargo_toml.display()))?;
    let manifest: Manifest = toml::from_str(&text)
        .with_context(|| format!("{} has no [package] name", cargo_toml.display()))?;
    Ok(manifest.package.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_columns_from_one() {
        let text = "a = 1\nbb = 2\n";
        assert_eq!(Location::of(text, 0).to_string(), "1:1");
        assert_eq!(Location::of(text, 9).to_string(), "2:4");
    }

    /// What loading the fixture course says when its manifest is edited by `edit`.
    fn error_of(edit: impl Fn(&str) -> String) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
        let text = std::fs::read_to_string(root.join(MANIFEST)).unwrap();
        format!("{:#}", Course::parse(&root, &edit(&text)).unwrap_err())
    }

    #[test]
    fn the_pages_to_read_before_an_exercise_are_its_chapters_since_the_one_before() {
        let course = Course::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).unwrap();
        let reading = |id: &str| course.reading_for(course.exercise(id).unwrap());
        assert_eq!(
            reading("generic-top-n"),
            [
                "book/ch1-ownership/traits.md",
                "book/ch1-ownership/ex-generic-top-n.md"
            ]
        );
        // Right after the exercise before it: its own page.
        assert_eq!(
            reading("word-tally"),
            ["book/ch1-ownership/ex-word-tally.md"]
        );
        // The first of a chapter: from the chapter's opening page, not the last chapter's.
        let first = reading("ffi-numbers");
        assert_eq!(
            first.first().map(String::as_str),
            Some("book/ch2-ffi/index.md")
        );
        assert_eq!(
            first.last().map(String::as_str),
            Some("book/ch2-ffi/ex-ffi-numbers.md")
        );
    }

    #[test]
    fn an_id_typed_almost_right_suggests_the_one_meant() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../");
        let course = Course::load(&root).unwrap();
        let error = |id: &str| format!("{:#}", course.exercise(id).unwrap_err());
        for typed in ["first_word", "First-Word", "frist-word", "first word"] {
            assert!(
                error(typed).contains("did you mean first-word?"),
                "{typed}: {}",
                error(typed)
            );
        }
        assert!(error("ffi_callbak").contains("did you mean ffi-callback?"));
        // Nothing near: the list of every id.
        let far = error("quantum");
        assert!(
            far.contains("the exercises are: first-word, word-tally"),
            "{far}"
        );
    }

    #[test]
    fn the_fixture_manifest_loads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
        let course = Course::load(&root).unwrap();
        assert_eq!(course.exercises.len(), 4);
        assert_eq!(course.exercises[0].hint_more.as_deref(), Some("`a + b`"));
    }

    #[test]
    fn an_unknown_key_is_named_with_the_keys_that_exist() {
        insta::assert_snapshot!(error_of(|m| m.replacen(
            "time_limit_secs = 60",
            "time_limit = 60",
            1
        )));
    }

    #[test]
    fn a_missing_field_is_named() {
        insta::assert_snapshot!(error_of(|m| m.replacen("kind = \"rust\"\n", "", 1)));
    }

    #[test]
    fn an_unknown_kind_lists_the_kinds_that_exist() {
        insta::assert_snapshot!(error_of(|m| m.replacen(
            "kind = \"rust\"",
            "kind = \"cpython\"",
            1
        )));
    }

    #[test]
    fn a_duplicate_id_names_both_lines() {
        insta::assert_snapshot!(error_of(|m| m.replacen(
            "id = \"ffi-add\"",
            "id = \"add\"",
            1
        )));
    }

    #[test]
    fn a_path_that_does_not_exist_is_named() {
        insta::assert_snapshot!(error_of(|m| m.replacen(
            "exercises/01-add",
            "exercises/01-dad",
            1
        )));
    }

    #[test]
    fn a_toml_syntax_error_names_its_line() {
        insta::assert_snapshot!(error_of(|m| m.replacen("points = 3", "points = ", 1)));
    }

    #[test]
    fn kebab_case_ids_are_lowercase_words_joined_by_dashes() {
        assert!(is_kebab_case("first-word"));
        assert!(!is_kebab_case("First_Word"));
        assert!(!is_kebab_case("-x"));
    }
}
