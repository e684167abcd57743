//! A small command-line front end for the library: the bridge for Python's `subprocess`.
//!
//! - `generic-top-n words N`: the N most frequent words of stdin, printed as `word: count`.
//! - `generic-top-n numbers N`: the N largest of the whole numbers on stdin, one a line.
//!
//! Both use the same generic `top_n`: once with `Score`s, once with `i64`s.
use std::io::{self, Read, Write};
use std::process::ExitCode;

use generic_top_n::{top_n, top_words};

const USAGE: &str = "usage: generic-top-n words N < text | numbers N < numbers";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, n) = match args.as_slice() {
        [command, n] => match n.parse::<usize>() {
            Ok(n) => (command.clone(), n),
            Err(err) => return usage(&format!("{n:?} is not a whole number: {err}")),
        },
        _ => return usage("expected two arguments"),
    };
    if command != "words" && command != "numbers" {
        return usage(&format!("unknown command {command:?}"));
    }
    match run(&command, n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: &str, n: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if command == "words" {
        for score in top_words(&text, n) {
            writeln!(out, "{score}")?; // `{}` is the Display impl
        }
    } else {
        let numbers = text
            .split_whitespace()
            .map(|word| {
                word.parse::<i64>()
                    .map_err(|err| format!("{word:?}: {err}"))
            })
            .collect::<Result<Vec<i64>, String>>()?;
        for number in top_n(&numbers, n) {
            writeln!(out, "{number}")?;
        }
    }
    Ok(())
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n{USAGE}");
    ExitCode::from(2)
}
