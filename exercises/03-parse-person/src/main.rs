//! Reads `name,age` lines from stdin and prints `NAME is AGE` for each: the bridge for Python's
//! `subprocess`. At the first bad line it prints `error: line N: MESSAGE` to stderr and exits
//! with code 1 (a panic would exit with 101).
use std::error::Error;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use parse_person::parse_person;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for (index, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        let person = parse_person(&line).map_err(|err| format!("line {}: {err}", index + 1))?;
        writeln!(out, "{} is {}", person.name, person.age)?;
    }
    Ok(())
}
