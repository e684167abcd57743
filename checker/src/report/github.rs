//! GitHub Actions: a Markdown summary for `$GITHUB_STEP_SUMMARY`, and `::error` workflow
//! commands that annotate the line where a test failed or the code did not compile.

use std::fmt::Write;

use crate::diagnose;
use crate::result::{CourseResult, TestStatus};

/// A table of exercises and scores, then each exercise's failing tests, and the compiler's
/// output of each exercise that does not build. Whatever comes from a test or a compiler is
/// escaped: GitHub's sanitizer drops anything that looks like an HTML tag (`<number>`), and
/// Markdown would read `|`, `*` or a backtick in it as markup.
pub fn summary(result: &CourseResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Oxidize Python: {} of {} points\n",
        result.score, result.max_score
    );
    let _ = writeln!(
        out,
        "| exercise | status | points | tests |\n|---|---|---:|---|"
    );
    for exercise in &result.exercises {
        let mark = if exercise.passed() { "✅" } else { "❌" };
        let _ = writeln!(
            out,
            "| {mark} `{}` | {} | {} / {} | {} |",
            exercise.id,
            exercise.status.as_str(),
            exercise.score,
            exercise.max_score,
            markdown_text(&exercise.message)
        );
    }
    for exercise in result.exercises.iter().filter(|e| !e.passed()) {
        let failing: Vec<_> = exercise
            .tests
            .iter()
            .filter(|t| t.status != TestStatus::Passed)
            .collect();
        if failing.is_empty() && exercise.build_output.trim().is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n<details><summary><code>{}</code>: {}</summary>\n",
            html_text(&exercise.id),
            html_text(&exercise.message)
        );
        for test in failing {
            let _ = writeln!(
                out,
                "- `{}` ({}): {}",
                test.name,
                test.suite.as_str(),
                markdown_text(test.headline())
            );
        }
        if !exercise.build_output.trim().is_empty() {
            let _ = writeln!(out, "{}", code_block(exercise.build_output.trim_end()));
        }
        let _ = writeln!(out, "\n</details>");
    }
    out
}

/// `text` as plain text inside Markdown (a table cell, a list item): HTML's specials as
/// entities, Markdown's as backslash escapes, on one line.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` inside an HTML element, where Markdown's escapes do not apply.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

/// `text` verbatim in a fenced code block, its fence longer than any run of backticks in it.
fn code_block(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    format!("{fence}text\n{text}\n{fence}")
}

/// `::error file=…,line=…,title=…::message` for every failing test whose location is known,
/// and for the first compiler error of an exercise that does not build.
pub fn annotations(result: &CourseResult) -> String {
    let mut out = String::new();
    for exercise in &result.exercises {
        if exercise.tests.is_empty() {
            let location = diagnose::compiler_error_location(&exercise.build_output);
            let title = super::qualified(&exercise.id, &exercise.message);
            let message = exercise
                .build_output
                .lines()
                .next()
                .unwrap_or(&exercise.message);
            let _ = writeln!(out, "{}", command(location.as_ref(), &title, message));
            continue;
        }
        for test in exercise
            .tests
            .iter()
            .filter(|t| t.status != TestStatus::Passed)
        {
            let location = test.file.clone().zip(test.line);
            let title = super::qualified(&exercise.id, &test.name);
            let _ = writeln!(out, "{}", command(location.as_ref(), &title, &test.message));
        }
    }
    out
}

fn command(location: Option<&(String, u32)>, title: &str, message: &str) -> String {
    let place = match location {
        Some((file, line)) => format!("file={},line={},", escape_property(file), line),
        None => String::new(),
    };
    format!(
        "::error {place}title={}::{}",
        escape_property(title),
        escape_data(message)
    )
}

/// The escaping GitHub's workflow commands require in a message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping GitHub's workflow commands require in a property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_values_are_escaped() {
        assert_eq!(
            command(Some(&("a,b.rs".into(), 3)), "x: y", "50%\nmore"),
            "::error file=a%2Cb.rs,line=3,title=x%3A y::50%25%0Amore"
        );
    }
}
