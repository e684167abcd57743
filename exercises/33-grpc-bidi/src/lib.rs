//! Exercise 4.6: bidirectional streaming. The client streams numbers, the server streams back a
//! running total for each one as it arrives, and ends its stream when the client closes its side.

/// The code that `build.rs` generated from `proto/totals.proto`.
pub mod totals {
    tonic::include_proto!("totals");
}

use tokio_stream::Stream;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};
use totals::totals_server::Totals;
use totals::{Number, Total};

/// Answers each number of `inbound` with the running total, as soon as the number arrives.
///
/// `inbound` is any stream of numbers: in the server it is the call's `Streaming<Number>`, in
/// the tests a channel. The returned stream ends when `inbound` ends (the client closed its
/// side), or with an error: `OUT_OF_RANGE` when the total overflows, or the inbound error.
pub fn running_totals<S>(inbound: S) -> ReceiverStream<Result<Total, Status>>
where
    S: Stream<Item = Result<Number, Status>> + Send + Unpin + 'static,
{
    let _ = inbound;
    todo!(
        "spawn a task that reads `inbound` one number at a time and sends the running total \
         for each into a channel at once; return the channel's receiving end as a \
         ReceiverStream straight away. End with OUT_OF_RANGE when the total overflows i64, stop \
         at an inbound error, and let the stream end (drop the sender) when `inbound` ends"
    )
}

/// The service. It holds no state: each call's total lives in that call's task.
#[derive(Debug, Default)]
pub struct TotalsService;

#[tonic::async_trait]
impl Totals for TotalsService {
    /// What the method returns: the receiving end of a channel, as a `Stream` of totals.
    type RunningStream = ReceiverStream<Result<Total, Status>>;

    async fn running(
        &self,
        request: Request<Streaming<Number>>,
    ) -> Result<Response<Self::RunningStream>, Status> {
        let _ = request;
        todo!(
            "reply with running_totals of the client's stream of numbers (the request's inner \
             value is that stream)"
        )
    }
}
