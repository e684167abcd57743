//! Feeds `running_totals` through a channel, the way tonic feeds it the client's stream, and
//! reads the totals it streams back.
use std::time::Duration;

use grpc_bidi::running_totals;
use grpc_bidi::totals::{Number, Total};
use tokio::sync::mpsc;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Code, Status};

/// Far longer than any answer should take: a guard against a hang, not a measure of speed.
const HANG_GUARD: Duration = Duration::from_secs(5);

/// The client's side of a call: `send` a number, or drop it to close the side.
type Outbox = mpsc::Sender<Result<Number, Status>>;
/// The server's side: the totals it streams back.
type Replies = ReceiverStream<Result<Total, Status>>;

fn call() -> (Outbox, Replies) {
    let (outbox, inbound) = mpsc::channel(16);
    (outbox, running_totals(ReceiverStream::new(inbound)))
}

async fn send(outbox: &Outbox, value: i64) {
    outbox
        .send(Ok(Number { value }))
        .await
        .expect("the server should still be reading numbers");
}

/// The next item of the server's stream: `None` once it has ended.
async fn next(replies: &mut Replies, waiting_for: &str) -> Option<Result<Total, Status>> {
    tokio::time::timeout(HANG_GUARD, replies.next())
        .await
        .unwrap_or_else(|_| {
            panic!(
                "no answer came while waiting for {waiting_for} (the test gave up after \
                 {HANG_GUARD:?}): does the task wait for more numbers, or for the end of the \
                 inbound stream, before it answers? Or keep its sender alive after the end?"
            )
        })
}

async fn next_total(replies: &mut Replies, waiting_for: &str) -> Total {
    match next(replies, waiting_for).await {
        Some(Ok(total)) => total,
        Some(Err(status)) => panic!("expected {waiting_for}, the stream failed with {status:?}"),
        None => panic!("expected {waiting_for}, the stream ended"),
    }
}

#[tokio::test]
async fn answers_each_number_with_the_total_so_far() {
    let (outbox, mut replies) = call();
    for value in [5, -2, 10] {
        send(&outbox, value).await;
    }
    drop(outbox);
    let mut totals = Vec::new();
    while let Some(item) = next(&mut replies, "the end of the stream").await {
        let total = item.expect("a total, not an error");
        totals.push((total.sum, total.count));
    }
    assert_eq!(totals, [(5, 1), (3, 2), (13, 3)]);
}

#[tokio::test]
async fn answers_a_number_before_the_next_one_is_sent() {
    // The client keeps its side open and waits for each answer before it sends the next
    // number: a server that waits for the end of the stream never answers at all.
    let (outbox, mut replies) = call();
    send(&outbox, 7).await;
    assert_eq!(next_total(&mut replies, "the total for 7").await.sum, 7);
    send(&outbox, 8).await;
    assert_eq!(next_total(&mut replies, "the total after 8").await.sum, 15);
    drop(outbox);
}

#[tokio::test]
async fn ends_its_stream_when_the_client_closes_its_side() {
    let (outbox, mut replies) = call();
    send(&outbox, 1).await;
    assert_eq!(next_total(&mut replies, "the total for 1").await.count, 1);
    drop(outbox);
    assert!(
        next(&mut replies, "the end of the stream").await.is_none(),
        "after the client closed its side, the stream should end, with no error"
    );

    let (outbox, mut replies) = call();
    drop(outbox);
    assert!(
        next(&mut replies, "the end of a call with no numbers")
            .await
            .is_none(),
        "a call with no numbers gets no totals and ends"
    );
}

#[tokio::test]
async fn a_total_past_the_largest_i64_ends_the_stream_with_out_of_range() {
    let (outbox, mut replies) = call();
    send(&outbox, i64::MAX).await;
    assert_eq!(
        next_total(&mut replies, "the total for i64::MAX").await.sum,
        i64::MAX
    );
    send(&outbox, 1).await;
    match next(&mut replies, "the answer to an overflow").await {
        Some(Err(status)) => assert_eq!(status.code(), Code::OutOfRange, "{status:?}"),
        other => panic!("an overflowing total should be an OUT_OF_RANGE status, got {other:?}"),
    }
    assert!(
        next(&mut replies, "the end after the error")
            .await
            .is_none(),
        "nothing comes after the error"
    );
}

#[tokio::test]
async fn stops_at_an_error_on_the_way_in() {
    let (outbox, mut replies) = call();
    send(&outbox, 2).await;
    outbox
        .send(Err(Status::cancelled("the client went away")))
        .await
        .expect("the server should still be reading");
    // Should the server read on, this number would give a total of 5.
    let _ = outbox.send(Ok(Number { value: 3 })).await;
    drop(outbox);
    assert_eq!(next_total(&mut replies, "the total for 2").await.sum, 2);
    // The error may be passed on, or the stream may simply end; no total may follow.
    let mut after = Vec::new();
    while let Some(item) = next(&mut replies, "the end after the error").await {
        after.push(item);
    }
    assert!(
        after.iter().all(Result::is_err),
        "no total should come after an inbound error, got {after:?}"
    );
}
