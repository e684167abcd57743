//! Recognises the classic mistakes of Rust-for-Python code from what the tools printed, and
//! explains each: what happened, why, the fix, and where the book tells more.

use crate::result::ExerciseResult;

/// One known mistake: the text that gives it away and what to tell the learner.
pub struct Explanation {
    /// Texts printed by Python, rustc, cargo or maturin when this mistake happens (any one).
    clues: &'static [&'static str],
    pub what: &'static str,
    pub fix: &'static str,
    pub see: &'static str,
}

const KNOWN: &[Explanation] = &[
    Explanation {
        clues: &["dynamic module does not define module export function"],
        what: "Python found the compiled module but not its PyInit_<name> function: the #[pymodule] name, \
               the [lib] name in Cargo.toml and maturin's module-name in pyproject.toml must be the same.",
        fix: "make the three names agree (the snake_case of the exercise id). Only src/lib.rs is yours: \
              rename the #[pymodule] to match the other two, then check again.",
        see: "book/ch3-pyo3/three-names.md",
    },
    Explanation {
        clues: &["panic in a function that cannot unwind"],
        what: "a panic (a todo!(), an unwrap, an overflow) happened inside an extern \"C\" function; it may not \
               unwind into C, so the whole process aborted.",
        fix: "write the function so it cannot panic, or wrap its body in std::panic::catch_unwind and match \
              on what it returns: Ok(value) is the answer, Err(_) becomes an error code or NULL. An .unwrap() \
              or .expect() on that Result panics again, outside the catch, and aborts just the same.",
        see: "book/ch2-ffi/panics.md",
    },
    Explanation {
        clues: &["undefined symbol: Py_"],
        what: "the crate was linked without libpython: the deprecated `extension-module` feature of pyo3 is \
               on, which breaks `cargo test`.",
        fix: "remove `extension-module` from the pyo3 features in Cargo.toml; maturin sets what it needs.",
        see: "book/ch3-pyo3/maturin.md",
    },
    Explanation {
        // ctypes on Linux, and on macOS.
        clues: &[
            "undefined symbol: oxi_",
            "symbol not found",
            "function 'oxi_",
        ],
        what: "Python looked in the library for a function it does not export under that name: without \
               #[unsafe(no_mangle)] Rust gives the function a mangled name that C (and ctypes) cannot find.",
        fix: "write #[unsafe(no_mangle)] above each `pub extern \"C\" fn` that Python calls, and keep its name \
              the one the test uses.",
        see: "book/ch2-ffi/c-abi.md",
    },
    Explanation {
        clues: &[
            "cannot find type `Py",
            "undeclared type `Py",
            "cannot find struct, variant or union type `Py",
        ],
        what: "a PyO3 type is used without being imported: the exception types (PyValueError, PyOverflowError, \
               ...) live in pyo3::exceptions, not in the prelude.",
        fix: "import it: `use pyo3::exceptions::PyOverflowError;` (or write the full path \
              pyo3::exceptions::PyOverflowError::new_err(...)).",
        see: "book/ch3-pyo3/errors.md",
    },
    Explanation {
        clues: &["`?` couldn't convert the error to"],
        what: "`?` returns the error early, converting it with From into the function's error type, and there is \
               no From impl for this error; rustc's suggestion to change the return type is rarely what you want.",
        fix: "convert it where it happens, `.map_err(|_| YourError::Variant)?`, or write \
              `impl From<TheirError> for YourError` once.",
        see: "book/ch1-ownership/results.md",
    },
    Explanation {
        // `#[pymodule_export] use super::f;` where f has no #[pyfunction] (or a struct no #[pyclass]).
        clues: &["is not a crate or module"],
        what: "the module exports a name PyO3 cannot find its glue for: only a #[pyfunction] (or a \
               #[pyclass]) can be exported with #[pymodule_export]; a plain fn or struct has no glue.",
        fix: "put #[pyfunction] on the function (#[pyclass] on the struct) that the module's \
              `use super::...` line names, then check again.",
        see: "book/ch3-pyo3/pyfunction.md",
    },
    Explanation {
        clues: &["required by a bound in `pyo3::Python::<'py>::detach`"],
        what: "the closure given to py.detach uses something that needs the GIL (a Bound, a &PyAny, \
               the Python token itself): while detached, no Python object may be touched.",
        fix: "take what the work needs out first as plain Rust values (`let text: String = \
              obj.extract()?;`, or a Py<T> from `.unbind()`), move those into the closure, and turn \
              the result back into Python objects after it returns.",
        see: "book/ch3-pyo3/gil.md",
    },
    Explanation {
        // PyO3's tp_new for a class without a #[new].
        clues: &["TypeError: cannot create '"],
        what: "Python called the class to make an instance, and the class has no constructor: \
               without a #[new] method, a #[pyclass] cannot be created from Python.",
        fix: "write a `#[new] fn new(...) -> Self` in the class's #[pymethods] block.",
        see: "book/ch3-pyo3/pyclass.md",
    },
    Explanation {
        clues: &["Address already in use"],
        what: "the server tried to listen on a port that another process holds.",
        fix: "bind 127.0.0.1:0 and print the address the system chose; never a fixed port.",
        see: "book/ch4-grpc/tonic.md",
    },
];

/// What a signal that killed learner code means, and what to look at, by the signal's name
/// (numbers differ between systems: 7 is SIGBUS on Linux, SIGEMT on macOS).
pub fn signal_meaning(name: &str) -> &'static str {
    match name {
        // A bad pointer: catch_unwind cannot help with that.
        "SIGSEGV" | "SIGBUS" => {
            "an invalid memory access: a NULL or dangling pointer dereferenced, or a buffer read \
             past its end; check each pointer (`p.is_null()`) before `unsafe { *p }`, and that \
             the caller passes what the function expects"
        }
        // Rust aborts on a panic inside extern "C"; catch_unwind is the cure there.
        "SIGABRT" => {
            "an abort: most often a panic inside an extern \"C\" function, which \
             std::panic::catch_unwind can turn into an error code, or a failed allocation"
        }
        "SIGFPE" => "an arithmetic fault",
        "SIGXFSZ" => "a file grew past the file-size limit (`[limits] file_size_mib`)",
        "SIGKILL" => "killed, perhaps for using too much memory",
        _ => "a fatal signal",
    }
}

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
        .filter(|known| {
            known
                .clues
                .iter()
                .any(|clue| texts.iter().any(|text| text.contains(clue)))
        })
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

/// `path:line:column` (with or without a trailing colon) -> (path, line), the path's parts
/// joined with `/` as every report writes them: on Windows rustc says `src\lib.rs`.
fn file_and_line(text: &str) -> Option<(String, u32)> {
    let mut parts = text.trim_end_matches(':').rsplitn(3, ':');
    let _column = parts.next()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.replace('\\', "/"), line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::{ExerciseStatus, Suite, TestResult, TestStatus};

    /// The pages explain() points to for a result with this build output and test message.
    fn pages_for(build_output: &str, message: &str) -> Vec<&'static str> {
        let result = ExerciseResult {
            id: "x".into(),
            status: ExerciseStatus::Failed,
            score: 0.0,
            max_score: 1.0,
            duration_ms: 0,
            message: String::new(),
            build_output: build_output.into(),
            warnings: Vec::new(),
            tests: vec![
                TestResult::new("t", Suite::Python, TestStatus::Failed).with_message(message),
            ],
        };
        explain(&result).iter().map(|e| e.see).collect()
    }

    #[test]
    fn a_missing_no_mangle_is_recognised_from_what_ctypes_says() {
        let linux = "AttributeError: /t/libffi_numbers.so: undefined symbol: oxi_checked_add";
        let macos = "AttributeError: dlsym(0x1, oxi_checked_add): symbol not found";
        assert_eq!(pages_for("", linux), ["book/ch2-ffi/c-abi.md"]);
        assert_eq!(pages_for("", macos), ["book/ch2-ffi/c-abi.md"]);
    }

    #[test]
    fn a_pyo3_exception_type_without_its_import_is_explained() {
        let rustc = "error[E0433]: failed to resolve: use of undeclared type `PyOverflowError`";
        assert_eq!(pages_for(rustc, ""), ["book/ch3-pyo3/errors.md"]);
    }

    #[test]
    fn a_question_mark_on_a_foreign_error_is_explained() {
        let rustc = "error[E0277]: `?` couldn't convert the error to `ParseError`";
        assert_eq!(pages_for(rustc, ""), ["book/ch1-ownership/results.md"]);
    }

    #[test]
    fn pyo3_glue_mistakes_are_explained_from_what_rustc_and_python_say() {
        let export = "error[E0433]: cannot find module or crate `top_words` in this scope\n  \
                      |     ^^^^^^^^^ function `top_words` is not a crate or module";
        assert_eq!(pages_for(export, ""), ["book/ch3-pyo3/pyfunction.md"]);
        let detach = "note: required by a bound in `pyo3::Python::<'py>::detach`";
        assert_eq!(pages_for(detach, ""), ["book/ch3-pyo3/gil.md"]);
        let no_new = "E   TypeError: cannot create 'running_stats.RunningStats' instances";
        assert_eq!(pages_for("", no_new), ["book/ch3-pyo3/pyclass.md"]);
    }

    #[test]
    fn a_segfault_points_at_pointers_and_an_abort_at_catch_unwind() {
        assert!(signal_meaning("SIGSEGV").contains("is_null()"));
        assert!(!signal_meaning("SIGSEGV").contains("catch_unwind"));
        assert!(signal_meaning("SIGABRT").contains("catch_unwind"));
    }

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

    #[test]
    fn windows_locations_are_written_with_forward_slashes() {
        assert_eq!(
            panic_location("thread 'a' panicked at exercises\\x y\\tests\\t.rs:9:5:\nboom"),
            Some(("exercises/x y/tests/t.rs".to_string(), 9))
        );
        assert_eq!(
            compiler_error_location(" --> exercises\\x\\src\\lib.rs:2:18\n"),
            Some(("exercises/x/src/lib.rs".to_string(), 2))
        );
    }
}
