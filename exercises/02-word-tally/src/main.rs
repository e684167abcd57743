//! Reads text from stdin and prints each word with its count, the most frequent first:
//! the bridge for Python's `subprocess`.
use std::io::{self, Read, Write};

fn main() -> io::Result<()> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    let words: Vec<String> = text.split_whitespace().map(String::from).collect();

    let stdout = io::stdout();
    let mut out = stdout.lock();
    // `words` moves into `tally`: it cannot be used after this line, and nothing is copied.
    for (word, count) in word_tally::tally(words) {
        writeln!(out, "{word} {count}")?;
    }
    Ok(())
}
