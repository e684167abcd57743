//! Exercise 4.1: tokio tasks and channels, before any gRPC. One task sends chunks of text through
//! a channel, another counts their words until the channel closes, and hands its count back
//! through its `JoinHandle`.

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How many chunks may wait in the channel of [`count_words`] before its sender has to wait.
pub const CAPACITY: usize = 4;

/// What the counting task found: how many chunks it received, and how many words they held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub chunks: u64,
    pub words: u64,
}

/// Sends every chunk through `tx`, in order, waiting for room whenever the channel is full.
///
/// Returns how many chunks were sent: fewer than all of them when the receiver is gone.
pub async fn send_all(tx: mpsc::Sender<String>, chunks: Vec<String>) -> usize {
    let mut sent = 0;
    for chunk in chunks {
        // `send` waits while the channel is full, and fails only once the receiver is dropped.
        if tx.send(chunk).await.is_err() {
            break;
        }
        sent += 1;
    }
    sent
    // `tx` is dropped here: if it was the last Sender, the channel closes.
}

/// Receives chunks until the channel is closed, that is until every `Sender` has been dropped,
/// and returns them in the order they came.
pub async fn receive_all(mut rx: mpsc::Receiver<String>) -> Vec<String> {
    let mut received = Vec::new();
    // `recv` waits for the next chunk, and gives `None` only once no Sender is left.
    while let Some(chunk) = rx.recv().await {
        received.push(chunk);
    }
    received
}

/// Starts a task of its own that receives chunks until the channel closes, counting them and
/// the words in them (words separated by whitespace), and returns the `Tally`. The caller gets
/// the task's `JoinHandle`, which it awaits for that `Tally`.
pub fn spawn_counter(mut rx: mpsc::Receiver<String>) -> JoinHandle<Tally> {
    tokio::spawn(async move {
        let mut tally = Tally::default();
        while let Some(chunk) = rx.recv().await {
            tally.chunks += 1;
            tally.words += chunk.split_whitespace().count() as u64;
        }
        tally
    })
}

/// The whole pipeline: a channel that holds [`CAPACITY`] chunks, a counting task at its receiving
/// end, and every chunk sent from here. Returns the counting task's `Tally`.
pub async fn count_words(chunks: Vec<String>) -> Tally {
    let (tx, rx) = mpsc::channel(CAPACITY);
    let counter = spawn_counter(rx);
    // `send_all` takes `tx` by value and drops it when it is done: the last Sender is gone, so
    // the counter's `recv` returns `None` and its loop ends.
    send_all(tx, chunks).await;
    counter.await.expect("the counting task panicked")
}
