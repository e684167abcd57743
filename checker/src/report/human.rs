//! The report for people at a terminal: what passed, what failed and why, what to do next.

use std::fmt::Write;
use std::path::Path;

use owo_colors::{OwoColorize, Stream};

use crate::course::Exercise;
use crate::result::{CourseResult, ExerciseResult, ExerciseStatus, Suite, TestResult, TestStatus};

/// Lines of a failure message shown under "First failure".
const MESSAGE_LINES: usize = 25;

/// The result of `check` on one exercise.
pub fn exercise(exercise: &Exercise, root: &Path, result: &ExerciseResult) -> String {
    let result = &result.for_terminal();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} (chapter {}, {})",
        exercise.id.if_supports_color(Stream::Stdout, |t| t.bold()),
        exercise.title,
        exercise.chapter,
        exercise.path
    );
    if let Some(page) = &exercise.page {
        let _ = writeln!(out, "The task: {page}");
    }
    if matches!(
        result.status,
        ExerciseStatus::BuildError | ExerciseStatus::Timeout
    ) && result.tests.is_empty()
    {
        let _ = writeln!(
            out,
            "\n{}\n",
            result
                .message
                .if_supports_color(Stream::Stdout, |t| t.red())
        );
        let _ = writeln!(out, "{}", first_error(&result.build_output, &exercise.id));
        write_explanations(&mut out, exercise, root, result);
        return out;
    }
    for suite in [Suite::Rust, Suite::Python] {
        let tests: Vec<&TestResult> = result.tests.iter().filter(|t| t.suite == suite).collect();
        if tests.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n  {} tests",
            if suite == Suite::Rust {
                "Rust"
            } else {
                "Python"
            }
        );
        for test in tests {
            let _ = writeln!(out, "    {}", test_line(test));
            // A graded speed target says what it measured, passed or not (the shared conftest
            // prints it): chapter 5 is about the measurement, and a pass would hide it.
            if let Some(measured) = speed_up_line(test) {
                let _ = writeln!(out, "      {measured}");
            }
        }
    }
    let _ = writeln!(out, "\n{}.", capitalized(&result.message));
    // A test stopped by the time limit names the hang, which the failures it caused elsewhere
    // (a gRPC deadline, a program's own time-out) do not; then a plain failure, which usually
    // says more than a crash (which may hide its cause).
    let first_failure = result
        .tests
        .iter()
        .find(|t| t.status == TestStatus::Timeout && t.message.starts_with("timed out"))
        .or_else(|| result.tests.iter().find(|t| t.status == TestStatus::Failed))
        .or_else(|| result.tests.iter().find(|t| t.status != TestStatus::Passed));
    if let Some(first) = first_failure {
        let _ = writeln!(
            out,
            "\nFirst failure: {} ({}):",
            first.name,
            first.suite.title()
        );
        for line in first.message.lines().take(MESSAGE_LINES) {
            let _ = writeln!(out, "  {line}");
        }
        let shown_output = first.output.trim();
        // A crash's message already quotes the panic; its raw output would mostly be backtrace.
        let quoted_panic = first.message.contains(" panicked at ");
        if !shown_output.is_empty() && first.status != TestStatus::Failed && !quoted_panic {
            let _ = writeln!(out, "  Its output ended with:");
            let lines: Vec<&str> = shown_output.lines().collect();
            for line in &lines[lines.len().saturating_sub(10)..] {
                let _ = writeln!(out, "  | {line}");
            }
        }
    }
    write_explanations(&mut out, exercise, root, result);
    out
}

/// The known mistakes this result shows signs of: what happened, the fix, where to read more.
fn write_explanations(out: &mut String, exercise: &Exercise, root: &Path, result: &ExerciseResult) {
    for known in crate::diagnose::explain(result) {
        if known.see.ends_with("three-names.md") {
            let names = crate::diagnose::pyo3_module_names(&exercise.dir(root));
            let _ = writeln!(out, "\nThe three names now: {names}.");
        }
        let _ = writeln!(
            out,
            "\nWhat happened: {}\nThe fix: {}\nRead more: {}",
            known.what, known.fix, known.see
        );
    }
}

fn test_line(test: &TestResult) -> String {
    match test.status {
        TestStatus::Passed => format!(
            "{} {}",
            "✓".if_supports_color(Stream::Stdout, |t| t.green()),
            test.name
        ),
        TestStatus::Failed => format!(
            "{} {}",
            "✗".if_supports_color(Stream::Stdout, |t| t.red()),
            test.name
        ),
        TestStatus::Crashed => {
            format!(
                "{} {} (crashed)",
                "✗".if_supports_color(Stream::Stdout, |t| t.red()),
                test.name
            )
        }
        TestStatus::Timeout => {
            format!(
                "{} {} ({})",
                "✗".if_supports_color(Stream::Stdout, |t| t.red()),
                test.name,
                timeout_label(test)
            )
        }
    }
}

/// The "speed-up: ..." line a passing speed test printed, if it printed one.
fn speed_up_line(test: &TestResult) -> Option<&str> {
    if test.status != TestStatus::Passed {
        return None;
    }
    test.output
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with("speed-up: "))
}

/// Whether this test is the one the time limit stopped, or one that got no result because of
/// it: a Rust test left for want of time, or a Python test of a pytest stopped in another.
fn timeout_label(test: &TestResult) -> String {
    if test.message.starts_with("not run") {
        return "not run: no time was left".to_string();
    }
    let stopped_in = test
        .message
        .strip_prefix("timed out in ")
        .and_then(|rest| rest.split(':').next());
    match stopped_in {
        Some(other) if other != test.name && !other.ends_with(&format!("::{}", test.name)) => {
            format!("no result: the time limit stopped the tests in {other}")
        }
        _ => "timed out".to_string(),
    }
}

/// After a pass, the compiler's warnings about the learner's own files: how many, and the first
/// one whole (an unused variable, a needless `mut`, a `Result` let fall). While tests fail the
/// failure comes first, and most warnings of a half-written exercise are noise, but not the
/// ones that say something written is never used: an import never exported (`ImportError`), a
/// value computed and then not used (the bug itself, often). Those are listed, one line each.
pub fn compiler_advice(exercise: &Exercise, result: &ExerciseResult) -> Option<String> {
    if !result.passed() {
        return unused_while_failing(result);
    }
    let first = result.warnings.first()?;
    let count = result.warnings.len();
    let warnings = if count == 1 {
        "a warning".to_string()
    } else {
        format!("{count} warnings")
    };
    Some(format!(
        "The compiler has advice about your code ({warnings}); worth reading, though it costs no \
         points. The first:\n\n{}\n\n{}",
        first
            .lines()
            .map(|line| format!("  {line}"))
            .collect::<Vec<_>>()
            .join("\n"),
        if count > 1 {
            format!(
                "`cargo test -p {id} --no-run` shows them all; `cargo checker polish {id}` adds \
                 clippy's advice.\n",
                id = exercise.id
            )
        } else {
            format!(
                "`cargo checker polish {}` adds clippy's advice.\n",
                exercise.id
            )
        }
    ))
}

/// `book/ch1/traits.md and ex-top-n.md`: the first page whole, the others by their file name
/// (they are in the same chapter's folder).
fn pages_to_read(reading: &[String]) -> Option<String> {
    let (first, rest) = reading.split_first()?;
    let name = |page: &String| {
        Path::new(page)
            .file_name()
            .map_or_else(|| page.clone(), |n| n.to_string_lossy().into_owned())
    };
    Some(match rest {
        [] => first.clone(),
        [.., last] => {
            let middle: Vec<String> = rest[..rest.len() - 1].iter().map(name).collect();
            let mut listed = vec![first.clone()];
            listed.extend(middle);
            format!("{} and {}", listed.join(", "), name(last))
        }
    })
}

/// Whether the learner re-checks by hand (`check`) or `watch` re-checks on every save: what
/// "Next" tells them to do differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loop {
    Check,
    /// `watch` without an id: it goes on to the next exercise after a pass.
    Watch,
    /// `watch ID`: it stays on the exercise the learner named.
    WatchNamed,
}

/// What to do after `check`: fix and re-check, ask for a hint, or go on. `reading`: the pages
/// to read before the next exercise (`Course::reading_for`).
pub fn next_step(
    exercise: &Exercise,
    result: &ExerciseResult,
    next: Option<&Exercise>,
    reading: &[String],
    how: Loop,
) -> String {
    let id = &exercise.id;
    if result.passed() {
        let done = format!(
            "{} {id} is done!",
            "✓".if_supports_color(Stream::Stdout, |t| t.green())
        );
        return match next {
            Some(next) => {
                let pages = pages_to_read(reading);
                match how {
                    Loop::Check => format!(
                        "{done}\nNext: {}run `cargo checker check {}` ({}).",
                        pages
                            .map(|p| format!("read {p}, then "))
                            .unwrap_or_default(),
                        next.id,
                        next.title
                    ),
                    Loop::Watch => format!(
                        "{done}\nNext: {}watch goes on to {} ({}): its files are in {}/src/.",
                        pages.map(|p| format!("read {p}; ")).unwrap_or_default(),
                        next.id,
                        next.title,
                        next.path
                    ),
                    Loop::WatchNamed => format!(
                        "{done}\nNext: {}watch stays on {id}, as you named it: Ctrl-C, then \
                         `cargo checker watch` goes on to {} ({}).",
                        pages.map(|p| format!("read {p}; ")).unwrap_or_default(),
                        next.id,
                        next.title
                    ),
                }
            }
            None => format!("{done}\nEvery exercise passes: you finished the course. Well done!"),
        };
    }
    let again = match how {
        Loop::Check => format!("then run `cargo checker check {id}` again"),
        Loop::Watch | Loop::WatchNamed => "and save: watch checks it again".to_string(),
    };
    if result.status == ExerciseStatus::Tampered {
        return format!(
            "Next: put the grader's files back (the warning below names them), {again}."
        );
    }
    let what = match result.status {
        ExerciseStatus::BuildError => "fix the first error above (the compiler says where)",
        _ => "make the failing tests pass",
    };
    format!(
        "Next: edit the files in {}/src/ to {what}, {again}.\nStuck? `cargo checker hint {id}` gives a hint.",
        exercise.path
    )
}

/// The compiler's first error, whole, and how many more there are: one error at a time is
/// what a learner fixes, and the warnings of a half-written exercise (an unused parameter of a
/// `todo!()`) are noise next to it. Output with no error of rustc's is shown as it is.
fn first_error(build_output: &str, id: &str) -> String {
    let starts_diagnostic = |line: &str| line.starts_with("error") || line.starts_with("warning");
    let is_error =
        |line: &str| line.starts_with("error") && !line.starts_with("error: aborting due to");
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in build_output.trim_end().lines() {
        match blocks.last_mut() {
            Some(block) if !starts_diagnostic(line) => block.push(line),
            _ => blocks.push(vec![line]),
        }
    }
    let errors: Vec<&Vec<&str>> = blocks.iter().filter(|b| is_error(b[0])).collect();
    let Some(first) = errors.first() else {
        return build_output.trim_end().to_string();
    };
    let mut shown = first.join("\n").trim_end().to_string();
    match errors.len() - 1 {
        0 => {}
        more => {
            let s = if more == 1 { "" } else { "s" };
            shown += &format!(
                "\n\n(and {more} more error{s}: fix this one first, or see them all with \
                 `cargo build -p {id}`)"
            );
        }
    }
    shown
}

/// The "never used" warnings of a failing exercise, as "what: where", at most three.
fn unused_while_failing(result: &ExerciseResult) -> Option<String> {
    let unused: Vec<String> = result
        .warnings
        .iter()
        .filter_map(|warning| {
            let mut lines = warning.lines();
            let what = lines.next()?.strip_prefix("warning: ")?;
            let never_used = what.starts_with("unused ")
                || what.contains("never read")
                || what.contains("never used")
                || what.contains("never constructed");
            let place = lines
                .find_map(|line| line.trim_start().strip_prefix("--> "))
                .unwrap_or("");
            never_used.then(|| format!("  {what} ({place})"))
        })
        .collect();
    let first = unused.first()?;
    let more = match unused.len() {
        1 => String::new(),
        n => format!("\n{}", unused[1..n.min(3)].join("\n")),
    };
    Some(format!(
        "The compiler also noticed something you wrote and never used; it is often the bug:\n\
         {first}{more}\n"
    ))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The result of `grade`: one line per exercise and the total.
pub fn course(result: &CourseResult) -> String {
    let result = &result.for_terminal();
    let width = result
        .exercises
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for exercise in &result.exercises {
        let status = exercise.status.as_str();
        let _ = writeln!(
            out,
            "{:width$}  {:11}  {:>5}/{:<3}  {}",
            exercise.id, status, exercise.score, exercise.max_score, exercise.message
        );
    }
    let _ = writeln!(out, "\nScore: {} of {}", result.score, result.max_score);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_to_read_are_named_first_in_full_then_by_file() {
        let pages =
            |list: &[&str]| pages_to_read(&list.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        assert_eq!(pages(&[]), None);
        assert_eq!(pages(&["book/ch1/ex-a.md"]).unwrap(), "book/ch1/ex-a.md");
        assert_eq!(
            pages(&["book/ch1/traits.md", "book/ch1/ex-a.md"]).unwrap(),
            "book/ch1/traits.md and ex-a.md"
        );
        assert_eq!(
            pages(&["book/ch2/index.md", "book/ch2/c-abi.md", "book/ch2/ex-b.md"]).unwrap(),
            "book/ch2/index.md, c-abi.md and ex-b.md"
        );
    }

    #[test]
    fn a_build_error_shows_the_first_error_whole_and_counts_the_others() {
        let output = "warning: unused variable: `text`\n --> src/lib.rs:3:5\n\n\
                      error[E0308]: mismatched types\n --> src/lib.rs:9:5\n  |\n9 |     5\n\n\
                      error[E0425]: cannot find value `x`\n --> src/lib.rs:12:5\n\n\
                      error: aborting due to 2 previous errors";
        let shown = first_error(output, "first-word");
        assert!(shown.starts_with("error[E0308]: mismatched types\n --> src/lib.rs:9:5"));
        assert!(shown.contains("9 |     5"), "{shown}");
        assert!(!shown.contains("unused variable") && !shown.contains("E0425"));
        assert!(shown.ends_with("(and 1 more error: fix this one first, or see them all with `cargo build -p first-word`)"), "{shown}");
    }

    #[test]
    fn only_the_test_that_hung_is_labelled_timed_out() {
        let hung = "timed out in test_b: an endless loop, or a blocking call? (the exercise's time \
                    limit ran out while it ran, and the tests after it did not run)";
        let label = |name: &str, message: &str| {
            timeout_label(
                &TestResult::new(name, Suite::Python, TestStatus::Timeout).with_message(message),
            )
        };
        assert_eq!(label("test_b", hung), "timed out");
        assert_eq!(
            label("test_c", hung),
            "no result: the time limit stopped the tests in test_b"
        );
        assert_eq!(
            label(
                "adds",
                "not run: the exercise's time limit ran out before this test"
            ),
            "not run: no time was left"
        );
        assert_eq!(label("adds", "timed out after 60 s"), "timed out");
    }

    #[test]
    fn a_passing_speed_test_shows_what_it_measured() {
        let mut test = TestResult::new("test_faster", Suite::Python, TestStatus::Passed);
        test.output = "----- Captured Out -----\nspeed-up: 12.6x faster (median of 11 interleaved rounds; 9.8x to 14.0x); target 2x\n".into();
        assert_eq!(
            speed_up_line(&test),
            Some(
                "speed-up: 12.6x faster (median of 11 interleaved rounds; 9.8x to 14.0x); target 2x"
            )
        );
        test.output = "nothing measured".into();
        assert_eq!(speed_up_line(&test), None);
    }

    #[test]
    fn output_without_a_rustc_error_is_shown_whole() {
        let output = "maturin failed\n  Caused by: no Python";
        assert_eq!(first_error(output, "x"), output);
    }
}
