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
    let _ = (tx, chunks);
    todo!(
        "send each chunk through `tx`, in order, waiting while the channel is full; stop when \
         sending fails (the receiver is gone) and return how many chunks were sent"
    )
}

/// Receives chunks until the channel is closed, that is until every `Sender` has been dropped,
/// and returns them in the order they came.
pub async fn receive_all(rx: mpsc::Receiver<String>) -> Vec<String> {
    let _ = rx;
    todo!(
        "receive chunks until the channel is closed (every Sender dropped) and return them in \
         the order they came"
    )
}

/// Starts a task of its own that receives chunks until the channel closes, counting them and
/// the words in them (words separated by whitespace), and returns the `Tally`. The caller gets
/// the task's `JoinHandle`, which it awaits for that `Tally`.
pub fn spawn_counter(rx: mpsc::Receiver<String>) -> JoinHandle<Tally> {
    let _ = rx;
    todo!(
        "spawn a task that receives chunks until the channel closes, counts them and their \
         words, and returns the Tally; return that task's JoinHandle"
    )
}

/// The whole pipeline: a channel that holds [`CAPACITY`] chunks, a counting task at its receiving
/// end, and every chunk sent from here. Returns the counting task's `Tally`.
pub async fn count_words(chunks: Vec<String>) -> Tally {
    let _ = chunks;
    todo!(
        "make a channel of CAPACITY, start the counter on its receiver, send every chunk through \
         its sender, leave no Sender alive so that the counter can finish, and return the Tally \
         its JoinHandle gives"
    )
}
