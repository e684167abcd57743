//! Runnable snippets that contact no server until the reader asks. mdBook's own Run buttons
//! (off in book.toml) ask play.rust-lang.org for its crate list as every page with a snippet
//! loads: console errors and dead buttons in an offline lab. Instead each snippet that
//! `mdbook test` compiles (every ```rust block but `ignore` ones) gets a plain link that opens
//! it in the Rust Playground: nothing is fetched unless it is followed, and then only online.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// `content` with a Playground link under each runnable Rust snippet. `edition` is the book's.
pub fn playground_links(content: &str, edition: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut snippet: Option<(String, Vec<&str>)> = None;
    for line in content.split_inclusive('\n') {
        let fence = line.trim();
        match &mut snippet {
            None => {
                out.push_str(line);
                if let Some(info) = fence.strip_prefix("```")
                    && runnable(info)
                {
                    snippet = Some((info.to_string(), Vec::new()));
                }
            }
            Some((info, code)) if fence == "```" => {
                out.push_str(line);
                let compile_fail = info.split(',').any(|a| a.trim() == "compile_fail");
                out.push_str(&link(&playground_code(code), edition, compile_fail));
                snippet = None;
            }
            Some((_, code)) => {
                out.push_str(line);
                code.push(line);
            }
        }
    }
    out
}

/// A Rust block that `mdbook test` compiles: ```rust, with no `ignore` or `noplayground`.
fn runnable(info: &str) -> bool {
    let mut attributes = info.split(',').map(str::trim);
    attributes.next() == Some("rust")
        && !attributes.any(|a| a == "ignore" || a == "noplayground" || a.starts_with("ignore-"))
}

/// The program the Playground runs: hidden lines (`# `) shown, and wrapped in `fn main` when
/// the snippet has none, as mdBook and rustdoc do.
fn playground_code(lines: &[&str]) -> String {
    let code: String = lines
        .iter()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed == "#\n" || trimmed == "#" {
                "\n"
            } else if let Some(rest) = trimmed.strip_prefix("# ") {
                rest
            } else {
                line
            }
        })
        .collect();
    if code.contains("fn main") {
        code
    } else {
        format!("fn main() {{\n{code}}}\n")
    }
}

fn link(code: &str, edition: &str, compile_fail: bool) -> String {
    let url = format!(
        "https://play.rust-lang.org/?version=stable&mode=debug&edition={edition}&code={}",
        utf8_percent_encode(code, NON_ALPHANUMERIC)
    );
    let what = if compile_fail {
        "See the compiler's error in the Rust Playground"
    } else {
        "Run it in the Rust Playground"
    };
    format!(
        "\n<p class=\"oxidize-playground\"><a href=\"{url}\" target=\"_blank\" rel=\"noopener\">{what}</a> (online)</p>\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runnable_snippet_gets_a_link_with_its_whole_program() {
        let page = "Text.\n\n```rust\n# use std::fmt;\nlet x = 1 + 1;\n```\n\nMore.\n";
        let out = playground_links(page, "2024");
        assert!(out.starts_with("Text.\n\n```rust\n# use std::fmt;\nlet x = 1 + 1;\n```\n"));
        assert!(out.contains("edition=2024&code=fn%20main%28%29%20%7B%0Ause%20std%3A%3Afmt%3B"));
        assert!(out.contains(">Run it in the Rust Playground</a>"));
        assert!(out.ends_with("\nMore.\n"));
    }

    #[test]
    fn a_compile_fail_snippet_offers_its_error_and_ignored_ones_get_nothing() {
        let page = "```rust,compile_fail,E0382\nfn main() { let a = vec![1]; let b = a; a; }\n```\n\
                    ```rust,ignore\nuse pyo3::prelude::*;\n```\n```python\nprint(1)\n```\n";
        let out = playground_links(page, "2024");
        assert_eq!(out.matches("oxidize-playground").count(), 1, "{out}");
        assert!(out.contains("See the compiler's error"));
        // A whole program is not wrapped again.
        assert!(out.contains("code=fn%20main%28%29%20%7B%20let"), "{out}");
    }
}
