//! Exercise 4.4: server streaming. One request, many replies, sent as they are ready; the
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
            "stream the ticks `start` down to 0, the first at once and then one every \
             `interval_ms`, sent from a spawned task through a channel; return the stream straight \
             away, and stop sending once the client is gone"
        )
    }
}
