//! Exercise 4.3: server streaming. One request, many replies, sent as they are ready; the
//! client's deadline ends a stream that is too slow.

/// The code that `build.rs` generated from `proto/countdown.proto`.
pub mod countdown {
    tonic::include_proto!("countdown");
}

use countdown::countdown_server::Countdown;
use countdown::{CountRequest, Tick};
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
        let _ = request;
        todo!(
            "make a channel with `tokio::sync::mpsc::channel(4)`; `tokio::spawn` a task that, \
             for each `remaining` in `(0..=start).rev()`, sleeps `interval_ms` (not before the \
             first tick) with `tokio::time::sleep`, then `tx.send(Ok(Tick {{ remaining }})).await` \
             and returns if that fails (the client is gone); return \
             `Ok(Response::new(ReceiverStream::new(rx)))` at once, without waiting for the task"
        )
    }
}
