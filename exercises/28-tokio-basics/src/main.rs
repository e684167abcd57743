//! Reads text from stdin and prints how many lines and words it holds, counted by a tokio task
//! that receives the lines through a channel: the bridge for Python's `subprocess`.
use std::io::{self, Read};

#[tokio::main]
async fn main() -> io::Result<()> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    let lines = text.lines().map(String::from).collect();
    let tally = tokio_basics::count_words(lines).await;
    println!("{} {}", tally.chunks, tally.words);
    Ok(())
}
