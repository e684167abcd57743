//! Reads lines from stdin and prints the first word of each: the bridge for Python's `subprocess`.
use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in io::stdin().lock().lines() {
        writeln!(out, "{}", first_word::first_word(&line?))?;
    }
    Ok(())
}
