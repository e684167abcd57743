//! A small command-line front end for the library: the bridge for Python's `subprocess`.
//!
//! - `iter-adapters fib N`: the first N Fibonacci numbers (fewer if the sequence ends), one a line.
//! - `iter-adapters even-sum LIMIT`: the sum of the even Fibonacci numbers below LIMIT.
//! - `iter-adapters long-words MIN`: the words of stdin of at least MIN characters, numbered.
use std::io::{self, Read, Write};
use std::process::ExitCode;

use iter_adapters::{Fibonacci, even_sum_below, long_words, numbered};

const USAGE: &str = "usage: iter-adapters fib N | even-sum LIMIT | long-words MIN < text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, number) = match args.as_slice() {
        [command, number] => match number.parse::<u64>() {
            Ok(number) => (command.as_str(), number),
            Err(err) => return usage(&format!("{number:?} is not a whole number: {err}")),
        },
        _ => return usage("expected two arguments"),
    };
    let result = match command {
        "fib" => print_lines(
            Fibonacci::new()
                .take(number as usize)
                .map(|n| n.to_string()),
        ),
        "even-sum" => print_lines(std::iter::once(even_sum_below(number).to_string())),
        "long-words" => {
            let mut text = String::new();
            io::stdin().read_to_string(&mut text).and_then(|_| {
                let words = long_words(text.split_whitespace(), number as usize);
                print_lines(numbered(words).into_iter())
            })
        }
        other => return usage(&format!("unknown command {other:?}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn print_lines(lines: impl Iterator<Item = String>) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n{USAGE}");
    ExitCode::from(2)
}
