//! Exercise 4.4: server streaming. One request, many replies, sent as they are ready; the
//! client's deadline ends a stream that is too slow.

/// The code that `build.rs` generated from `proto/countdown.proto`.
pub mod countdown {
    tonic::include_proto!("countdown");
}

use std::time::Duration;

use countdown::countdown_server::Countdown;
use countdown::{CountRequest, Tick};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status};

/// The service. It holds no state: each call gets its own task and channel.
#[derive(Debug, Default)]
pub struct CountdownService;

#[tonic::async_trait]
impl Countdown for CountdownService {
    /// What the method returns: the receiving end of a channel, as a `Stream` of ticks.
    type CountStream = ReceiverStream<Result<Tick, Status>>;

    async fn count(
        &self,
        request: Request<CountRequest>,
    ) -> Result<Response<Self::CountStream>, Status> {
        let CountRequest { start, interval_ms } = request.into_inner();
        let interval = Duration::from_millis(interval_ms.into());
        let (tx, rx) = mpsc::channel(4);
        tokio::spawn(async move {
            for remaining in (0..=start).rev() {
                // No sleep at all for a zero interval: tokio's timer counts whole milliseconds,
                // and a zero sleep still waits for its next tick (about 1 ms a message).
                if remaining != start && !interval.is_zero() {
                    // Wake up early if the client hangs up (a deadline, a cancel): nobody is
                    // left to send to, so the task should not sleep on.
                    tokio::select! {
                        _ = tokio::time::sleep(interval) => {}
                        _ = tx.closed() => return,
                    }
                }
                if tx.send(Ok(Tick { remaining })).await.is_err() {
                    return;
                }
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}
