//! Calls the service's method directly and reads the stream it returns.
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

#[tokio::test]
async fn sends_the_first_tick_without_waiting_for_the_interval() {
    // An hour between ticks: the first must come anyway, long before the guard runs out.
    let mut ticks = Box::pin(count(5, 3_600_000).await);
    let first = tokio::time::timeout(HANG_GUARD, ticks.next())
        .await
        .expect("the first tick should not wait for the interval");
    assert_eq!(first.map(|tick| tick.expect("a tick").remaining), Some(5));
}
