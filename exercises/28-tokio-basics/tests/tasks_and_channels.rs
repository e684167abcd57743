//! Tasks and channels, proved without a clock: a future polled once shows whether it must wait,
//! `try_send` shows whether a channel is full. The timeouts only stop a test that hangs, and they
//! run on tokio's paused clock (`start_paused`): when every task is waiting and nothing can wake
//! them, the clock jumps ahead, so a hang fails at once, on any machine, without real waiting.
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::Poll;
use std::time::Duration;

use tokio::sync::mpsc::{self, error::TrySendError};
use tokio_basics::{CAPACITY, Tally, count_words, receive_all, send_all, spawn_counter};

/// A guard against a hang, not a measure of speed: on the paused clock it passes only when no
/// task can make progress any more.
const HANG_GUARD: Duration = Duration::from_secs(30);

fn chunks(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| text.to_string()).collect()
}

/// Polls `future` once: `Ready` with its output if it can finish now, `Pending` if it must wait.
async fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    poll_fn(|cx| Poll::Ready(Pin::new(&mut *future).poll(cx))).await
}

/// Awaits `future`, failing the test with `hung` if it has not finished within the hang guard.
async fn unless_it_hangs<F: Future>(hung: &str, future: F) -> F::Output {
    match tokio::time::timeout(HANG_GUARD, future).await {
        Ok(output) => output,
        Err(_) => panic!("{hung} (every task was waiting, with nothing left to wake it)"),
    }
}

/// What the test itself reads from a channel, without the code under test.
async fn drain(mut rx: mpsc::Receiver<String>) -> Vec<String> {
    let mut received = Vec::new();
    while let Some(chunk) = rx.recv().await {
        received.push(chunk);
    }
    received
}

#[tokio::test(start_paused = true)]
async fn send_all_delivers_every_chunk_in_order() {
    let (tx, rx) = mpsc::channel(16);
    let sent = send_all(tx, chunks(&["one", "two words", "", "three"])).await;
    assert_eq!(sent, 4);
    let received = unless_it_hangs("send_all should drop its Sender when done", drain(rx)).await;
    assert_eq!(received, ["one", "two words", "", "three"]);
}

#[tokio::test(start_paused = true)]
async fn send_all_waits_for_room_while_the_channel_is_full() {
    let (tx, rx) = mpsc::channel(2);
    let probe = tx.clone();
    let mut sending = pin!(send_all(tx, chunks(&["1", "2", "3", "4", "5"])));
    // Two chunks fit. Nobody reads yet, so the third must wait for room.
    assert!(
        poll_once(&mut sending).await.is_pending(),
        "send_all finished although the channel holds only 2 of the 5 chunks and nobody read \
         any: it should wait for room (`send(...).await`), not drop chunks"
    );
    assert!(
        matches!(probe.try_send("extra".into()), Err(TrySendError::Full(_))),
        "the channel should be full: send_all should have sent the first 2 chunks"
    );
    drop(probe);
    // Reading makes room, and every chunk gets through in order.
    let (sent, received) = unless_it_hangs(
        "send_all never finished while the chunks were read",
        async { tokio::join!(sending, drain(rx)) },
    )
    .await;
    assert_eq!(sent, 5);
    assert_eq!(received, ["1", "2", "3", "4", "5"]);
}

#[tokio::test(start_paused = true)]
async fn send_all_stops_when_the_receiver_is_gone() {
    let (tx, rx) = mpsc::channel(4);
    drop(rx);
    let sent = unless_it_hangs("send_all should stop", send_all(tx, chunks(&["a", "b"]))).await;
    assert_eq!(sent, 0, "nothing can be sent once the receiver is dropped");
}

#[tokio::test(start_paused = true)]
async fn receive_all_returns_every_chunk_in_the_order_sent() {
    let (tx, rx) = mpsc::channel(8);
    for chunk in ["first", "second", "third"] {
        tx.try_send(chunk.to_string()).expect("room in the channel");
    }
    drop(tx);
    let received = unless_it_hangs(
        "receive_all did not end after the last Sender was dropped",
        receive_all(rx),
    )
    .await;
    assert_eq!(received, ["first", "second", "third"]);
}

#[tokio::test(start_paused = true)]
async fn receive_all_ends_only_once_every_sender_is_dropped() {
    let (first, rx) = mpsc::channel(8);
    let second = first.clone();
    first
        .try_send("from the first".to_string())
        .expect("room in the channel");
    drop(first);
    second
        .try_send("from the second".to_string())
        .expect("room in the channel");
    let mut receiving = pin!(receive_all(rx));
    // Every chunk sent so far is there, but `second` is alive and may still send more.
    assert!(
        poll_once(&mut receiving).await.is_pending(),
        "receive_all returned while a Sender was still alive: it should wait until `recv` says \
         the channel is closed, not stop when the channel is empty for now"
    );
    second
        .try_send("the last one".to_string())
        .expect("room in the channel");
    drop(second);
    let received = unless_it_hangs(
        "receive_all did not end after the last Sender was dropped",
        receiving,
    )
    .await;
    assert_eq!(
        received,
        ["from the first", "from the second", "the last one"]
    );
}

#[tokio::test(start_paused = true)]
async fn a_spawned_counter_hands_its_tally_back_through_the_join_handle() {
    let (tx, rx) = mpsc::channel(1);
    let counter = spawn_counter(rx);
    // The channel holds one chunk. All five get through only because the counter runs as a task
    // of its own, receiving while this one sends.
    for chunk in ["the cat", "sat", "", "on the", "mat"] {
        unless_it_hangs(
            "nobody received: is the counter a spawned task?",
            tx.send(chunk.to_string()),
        )
        .await
        .expect("the counter should still be receiving");
    }
    drop(tx);
    let tally = unless_it_hangs(
        "the counter did not end after the last Sender was dropped",
        counter,
    )
    .await
    .expect("the counting task should not panic");
    assert_eq!(
        tally,
        Tally {
            chunks: 5,
            words: 6
        }
    );
}

const STILL_A_SENDER: &str = "count_words never returned: the counter keeps waiting while any \
    Sender is alive. Is one still held (the original, or a clone)?";

#[tokio::test(start_paused = true)]
async fn count_words_counts_every_chunk_and_its_words() {
    let tally = unless_it_hangs(
        STILL_A_SENDER,
        count_words(chunks(&["one two", "", "  three\tfour  five "])),
    )
    .await;
    assert_eq!(
        tally,
        Tally {
            chunks: 3,
            words: 5
        }
    );
}

#[tokio::test(start_paused = true)]
async fn count_words_gets_more_chunks_through_than_the_channel_holds() {
    let many: Vec<String> = (0..10 * CAPACITY)
        .map(|i| format!("chunk number {i}"))
        .collect();
    let tally = unless_it_hangs(STILL_A_SENDER, count_words(many)).await;
    assert_eq!(
        tally,
        Tally {
            chunks: 10 * CAPACITY as u64,
            words: 30 * CAPACITY as u64
        }
    );
}

#[tokio::test(start_paused = true)]
async fn count_words_of_no_chunks_ends_with_an_empty_tally() {
    let tally = unless_it_hangs(STILL_A_SENDER, count_words(Vec::new())).await;
    assert_eq!(tally, Tally::default());
}
