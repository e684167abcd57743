//! Recognises the classic mistakes of Rust-for-Python code from what the tools printed, and
//! explains each: what happened, why, the fix, and where the book tells more.

use crate::result::ExerciseResult;

/// One known mistake: the text that gives it away and what to tell the learner.
pub struct Explanation {
    /// Text printed by Python, rustc, cargo or maturin when this mistake happens.
    clue: &'static str,
    pub what: &'static str,
    pub fix: &'static str,
    pub see: &'static str,
}

const KNOWN: &[Explanation] = &[
    Explanation {
        clue: "dynamic module does not define module export function",
        what: "Python found the compiled module but not its PyInit_<name> function: the #[pymodule] name, \
               the [lib] name in Cargo.toml and maturin's module-name in pyproject.toml must be the same.",
        fix: "make the three names agree (the snake_case of the exercise id), then check again.",
        see: "book/ch3-pyo3/three-names.md",
    },
    Explanation {
        clue: "panic in a function that cannot unwind",
        what: "a panic (a todo!(), an unwrap, an overflow) happened inside an extern \"C\" function; it may not \
               unwind into C, so the whole process aborted.",
        fix: "write the function so it cannot panic, or wrap its body in std::panic::catch_unwind and return \
              an error code or NULL instead.",
        see: "book/ch2-ffi/panics.md",
    },
    Explanation {
        clue: "undefined symbol: Py_",
        what: "the crate was linked without libpython: the deprecated `extension-module` feature of pyo3 is \
               on, which breaks `cargo test`.",
        fix: "remove `extension-module` from the pyo3 features in Cargo.toml; maturin sets what it needs.",
        see: "book/ch3-pyo3/maturin.md",
    },
    Explanation {
        clue: "Address already in use",
        what: "the server tried to listen on a port that another process holds.",
        fix: "bind 127.0.0.1:0 and print the address the system chose; never a fixed port.",
        see: "book/ch4-grpc/tonic.md",
    },
];

/// The known mistakes that this result shows signs of.
pub fn explain(result: &ExerciseResult) -> Vec<&'static Explanation> {
    let texts: Vec<&str> = std::iter::once(result.build_output.as_str())
        .chain(
            result
                .tests
                .iter()
                .flat_map(|t| [t.message.as_str(), t.output.as_str()]),
        )
        .collect();
    KNOWN
        .iter()
        .filter(|known| texts.iter().any(|text| text.contains(known.clue)))
        .collect()
}

/// The three names that must agree for `import` to find a PyO3 module, as they are now in the
/// crate at `dir`: the `#[pymodule]`, Cargo.toml's `[lib] name`, pyproject.toml's `module-name`.
pub fn pyo3_module_names(dir: &std::path::Path) -> String {
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap_or_default();
    let lib_rs = read("src/lib.rs");
    let pymodule = lib_rs
        .lines()
        .skip_while(|line| !line.trim_start().starts_with("#[pymodule"))
        .skip(1)
        .find_map(|line| {
            let line = line
                .trim_start()
                .strip_prefix("pub ")
                .unwrap_or(line.trim_start());
            let rest = line
                .strip_prefix("mod ")
                .or_else(|| line.strip_prefix("fn "))?;
            Some(
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()?
                    .to_string(),
            )
        });
    let toml_value = |text: &str, table: &str, key: &str| -> Option<String> {
        let value: toml::Table = toml::from_str(text).ok()?;
        let mut item = value.get(table.split('.').next()?)?;
        for part in table.split('.').skip(1) {
            item = item.get(part)?;
        }
        item.get(key)?.as_str().map(str::to_string)
    };
    let cargo = read("Cargo.toml");
    let lib = toml_value(&cargo, "lib", "name")
        .or_else(|| toml_value(&cargo, "package", "name").map(|n| n.replace('-', "_")));
    let module = toml_value(&read("pyproject.toml"), "tool.maturin", "module-name")
        .map(|name| name.rsplit('.').next().unwrap_or(&name).to_string());
    let shown = |name: Option<String>| name.map_or("(not found)".to_string(), |n| format!("`{n}`"));
    format!(
        "#[pymodule] {} in src/lib.rs, [lib] name {} in Cargo.toml, module-name {} in pyproject.toml",
        shown(pymodule),
        shown(lib),
        shown(module)
    )
}

/// The panic messages in a crashed process's output, without the backtraces: each
/// `thread '…' panicked at …:` line and the message lines under it.
pub fn panic_excerpt(stderr: &str) -> String {
    let mut excerpt = Vec::new();
    let mut inside = false;
    for line in stderr.lines() {
        if line.starts_with("thread '") && line.contains(" panicked at ") {
            inside = true;
            // A panic raised inside the standard library says where in it: no help to a learner.
            if !line.contains(" panicked at /rustc/") {
                excerpt.push(without_thread_id(line));
            }
        } else if inside
            && (line.is_empty()
                || line.starts_with("note:")
                || line.starts_with("stack backtrace:"))
        {
            inside = false;
        } else if inside {
            excerpt.push(line.to_string());
        }
    }
    excerpt.join("\n")
}

/// Every line of `text` without its thread id (see `without_thread_id`).
pub fn without_thread_ids(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(without_thread_id).collect();
    let mut joined = lines.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// `thread 'adds' (4242) panicked at` -> `thread 'adds' panicked at`: the id changes every run.
pub fn without_thread_id(message: &str) -> String {
    let Some(open) = message.find("' (") else {
        return message.to_string();
    };
    let rest = &message[open + 3..];
    match rest.find(") panicked") {
        Some(close) if rest[..close].chars().all(|c| c.is_ascii_digit()) => {
            format!("{}'{}", &message[..open], &rest[close + 1..])
        }
        _ => message.to_string(),
    }
}

/// Where a panic happened: `panicked at src/lib.rs:9:5:` -> ("src/lib.rs", 9).
pub fn panic_location(message: &str) -> Option<(String, u32)> {
    let rest = &message[message.find(" panicked at ")? + " panicked at ".len()..];
    file_and_line(rest.lines().next()?)
}

/// Where the first compiler error is: its ` --> src/lib.rs:2:18` line.
pub fn compiler_error_location(output: &str) -> Option<(String, u32)> {
    output
        .lines()
        .find_map(|line| file_and_line(line.trim_start().strip_prefix("--> ")?))
}

/// `path:line:column` (with or without a trailing colon) -> (path, line).
fn file_and_line(text: &str) -> Option<(String, u32)> {
    let mut parts = text.trim_end_matches(':').rsplitn(3, ':');
    let _column = parts.next()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_excerpt_keeps_the_messages_and_drops_the_backtrace() {
        let stderr = "thread 'a' (7) panicked at src/lib.rs:4:5:\nnot yet implemented: write it\nnote: run with `RUST_BACKTRACE=1`\n\nthread 'a' (7) panicked at /rustc/abc/library/core/src/panicking.rs:225:5:\npanic in a function that cannot unwind\nstack backtrace:\n   0: 0x1 - trace\n";
        assert_eq!(
            panic_excerpt(stderr),
            "thread 'a' panicked at src/lib.rs:4:5:\nnot yet implemented: write it\npanic in a function that cannot unwind"
        );
    }

    #[test]
    fn thread_ids_are_removed_from_panic_lines() {
        assert_eq!(
            without_thread_id("thread 'x' (12) panicked at a.rs:1:1:"),
            "thread 'x' panicked at a.rs:1:1:"
        );
        assert_eq!(
            without_thread_id("thread 'x' panicked at a.rs:1:1:"),
            "thread 'x' panicked at a.rs:1:1:"
        );
    }

    #[test]
    fn locations_are_read_from_panics_and_compiler_errors() {
        assert_eq!(
            panic_location(
                "thread 'a' panicked at exercises/x/src/lib.rs:9:5:\nnot yet implemented"
            ),
            Some(("exercises/x/src/lib.rs".to_string(), 9))
        );
        assert_eq!(
            compiler_error_location(
                "error[E0308]: mismatched types\n --> exercises/x/src/lib.rs:2:18\n"
            ),
            Some(("exercises/x/src/lib.rs".to_string(), 2))
        );
        assert_eq!(panic_location("no panic here"), None);
    }
}
