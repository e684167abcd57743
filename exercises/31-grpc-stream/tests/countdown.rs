//! Calls the service's method directly and reads the stream it returns.
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use grpc_stream::CountdownService;
use grpc_stream::countdown::countdown_server::Countdown;
use grpc_stream::countdown::{CountRequest, Tick};
use tokio_stream::StreamExt;
use tonic::{Request, Status};

/// Far longer than any test should take: a guard against a hang, not a measure of speed.
const HANG_GUARD: Duration = Duration::from_secs(30);

async fn count(
    start: u32,
    interval_ms: u32,
) -> impl tokio_stream::Stream<Item = Result<Tick, Status>> {
    let request = Request::new(CountRequest { start, interval_ms });
    match CountdownService.count(request).await {
        Ok(response) => response.into_inner(),
        Err(status) => panic!("the call failed with {status:?}"),
    }
}

async fn remaining(start: u32, interval_ms: u32) -> Vec<u32> {
    let ticks = count(start, interval_ms)
        .await
        .map(|tick| tick.expect("a tick, not an error").remaining);
    tokio::time::timeout(HANG_GUARD, ticks.collect())
        .await
        .expect("the stream should end after the tick for 0")
}

#[tokio::test]
async fn counts_down_from_start_to_zero() {
    assert_eq!(remaining(3, 0).await, [3, 2, 1, 0]);
}

#[tokio::test]
async fn sends_a_single_tick_when_starting_at_zero() {
    assert_eq!(remaining(0, 0).await, [0]);
}

#[test]
fn sends_the_first_tick_without_waiting_for_the_interval() {
    // An hour between ticks: the first must come anyway, long before the guard runs out. The
    // stream is read on a runtime of one thread, and the test waits for it out here: a countdown
    // that holds that thread (std::thread::sleep) then fails at the guard instead of hanging the
    // test for an hour.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let (first_tx, first_rx) = std::sync::mpsc::channel();
    runtime.spawn(async move {
        let mut ticks = Box::pin(count(5, 3_600_000).await);
        let first = ticks.next().await;
        let _ = first_tx.send(first.map(|tick| tick.map(|tick| tick.remaining)));
    });
    let first = first_rx.recv_timeout(HANG_GUARD);
    // Not waiting for the runtime's thread, which a blocking countdown holds for an hour.
    runtime.shutdown_background();
    let first = match first {
        Ok(first) => first,
        Err(RecvTimeoutError::Disconnected) => panic!("the countdown panicked (see above)"),
        Err(RecvTimeoutError::Timeout) => panic!(
            "no first tick within {HANG_GUARD:?}: it should go out at once, without waiting for \
             the interval. Between ticks, await tokio::time::sleep(interval): std::thread::sleep \
             would hold the runtime's thread, and nothing else, not even the reader of the \
             first tick, could run. See book/ch4-grpc/tonic.md, \"async, and who runs it\"."
        ),
    };
    assert_eq!(first.map(|tick| tick.expect("a tick")), Some(5));
}
