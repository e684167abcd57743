//! Calls `summarize` directly with streams made here: a list of chunks, a channel the test
//! feeds, a stream that breaks. No network; the Python tests add that.
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::Poll;
use std::time::Duration;

use grpc_client_stream::readings::{Chunk, Summary};
use grpc_client_stream::summarize;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Code, Status};

/// Far longer than any test should take: a guard against a hang, not a measure of speed.
const HANG_GUARD: Duration = Duration::from_secs(30);

fn chunk(values: &[f64]) -> Result<Chunk, Status> {
    Ok(Chunk {
        values: values.to_vec(),
    })
}

async fn summary_of(chunks: Vec<Result<Chunk, Status>>) -> Result<Summary, Status> {
    tokio::time::timeout(HANG_GUARD, summarize(tokio_stream::iter(chunks)))
        .await
        .expect("summarize should end when the stream does")
}

fn expect_summary(result: Result<Summary, Status>) -> Summary {
    result.unwrap_or_else(|status| panic!("expected a summary, got {status:?}"))
}

fn expect_status(result: Result<Summary, Status>) -> Status {
    match result {
        Ok(summary) => panic!("expected an error status, got {summary:?}"),
        Err(status) => status,
    }
}

/// Polls `future` once: `Ready` with its output if it can finish now, `Pending` if it must wait.
async fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    poll_fn(|cx| Poll::Ready(Pin::new(&mut *future).poll(cx))).await
}

#[tokio::test]
async fn sums_up_every_reading_of_every_chunk() {
    let summary = expect_summary(
        summary_of(vec![
            chunk(&[1.5, 2.0]),
            chunk(&[-4.0]),
            chunk(&[0.25, 0.25, 10.0]),
        ])
        .await,
    );
    assert_eq!(
        summary,
        Summary {
            chunks: 3,
            count: 6,
            sum: 10.0
        }
    );
}

#[tokio::test]
async fn a_chunk_without_readings_still_counts_as_a_chunk() {
    let summary = expect_summary(summary_of(vec![chunk(&[]), chunk(&[7.0]), chunk(&[])]).await);
    assert_eq!(
        summary,
        Summary {
            chunks: 3,
            count: 1,
            sum: 7.0
        }
    );
}

#[tokio::test]
async fn an_empty_stream_is_summed_up_as_nothing() {
    let summary = expect_summary(summary_of(Vec::new()).await);
    assert_eq!(
        summary,
        Summary {
            chunks: 0,
            count: 0,
            sum: 0.0
        }
    );
}

#[tokio::test]
async fn replies_only_once_the_client_has_closed_its_side() {
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    tx.try_send(chunk(&[1.0, 2.0]))
        .expect("room in the channel");
    tx.try_send(chunk(&[3.0])).expect("room in the channel");
    let mut summing = pin!(summarize(ReceiverStream::new(rx)));
    // Both chunks are there, but the client has not closed its side: more may come.
    assert!(
        poll_once(&mut summing).await.is_pending(),
        "summarize replied before the stream ended: read until `next()` gives None"
    );
    tx.try_send(chunk(&[4.0])).expect("room in the channel");
    drop(tx); // the client's last chunk is sent: its side is closed
    let summary = expect_summary(
        tokio::time::timeout(HANG_GUARD, summing)
            .await
            .expect("summarize should end when the stream does"),
    );
    assert_eq!(
        summary,
        Summary {
            chunks: 3,
            count: 4,
            sum: 10.0
        }
    );
}

#[tokio::test]
async fn a_reading_that_is_not_a_number_is_an_invalid_argument_naming_its_chunk() {
    let status = expect_status(
        summary_of(vec![chunk(&[1.0]), chunk(&[2.0]), chunk(&[3.0, f64::NAN])]).await,
    );
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert!(
        status.message().contains("chunk 3"),
        "the message should name chunk 3: {:?}",
        status.message()
    );
}

#[tokio::test]
async fn an_infinite_reading_is_invalid_too() {
    let status = expect_status(summary_of(vec![chunk(&[f64::NEG_INFINITY])]).await);
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert!(
        status.message().contains("chunk 1"),
        "the message should name chunk 1: {:?}",
        status.message()
    );
}

#[tokio::test]
async fn stops_reading_at_the_invalid_chunk() {
    let valid_then_invalid = tokio_stream::iter(vec![chunk(&[1.0]), chunk(&[f64::INFINITY])]);
    let never_to_be_read =
        tokio_stream::iter(std::iter::from_fn(|| -> Option<Result<Chunk, Status>> {
            panic!("summarize read on after the invalid chunk: the call is over, reply at once")
        }));
    let result = summarize(valid_then_invalid.chain(never_to_be_read)).await;
    assert_eq!(expect_status(result).code(), Code::InvalidArgument);
}

#[tokio::test]
async fn a_broken_stream_ends_the_call_with_its_own_error() {
    let gone = Status::cancelled("the client went away");
    let status = expect_status(summary_of(vec![chunk(&[1.0]), Err(gone)]).await);
    assert_eq!(
        status.code(),
        Code::Cancelled,
        "the stream's error should be passed on: {status:?}"
    );
}
