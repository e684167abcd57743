//! Exercise 4.6: bidirectional streaming. The client streams numbers, the server streams back a
//! running total for each one as it arrives, and ends its stream when the client closes its side.

/// The code that `build.rs` generated from `proto/totals.proto`.
pub mod totals {
    tonic::include_proto!("totals");
}

use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};
use totals::totals_server::Totals;
use totals::{Number, Total};

/// Answers each number of `inbound` with the running total, as soon as the number arrives.
///
/// `inbound` is any stream of numbers: in the server it is the call's `Streaming<Number>`, in
/// the tests a channel. The returned stream ends when `inbound` ends (the client closed its
/// side), or with an error: `OUT_OF_RANGE` when the total overflows, or the inbound error.
pub fn running_totals<S>(mut inbound: S) -> ReceiverStream<Result<Total, Status>>
where
    S: Stream<Item = Result<Number, Status>> + Send + Unpin + 'static,
{
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        let (mut sum, mut count) = (0i64, 0u32);
        while let Some(item) = inbound.next().await {
            let reply = match item {
                Ok(Number { value }) => match sum.checked_add(value) {
                    Some(total) => {
                        (sum, count) = (total, count + 1);
                        Ok(Total { sum, count })
                    }
                    None => Err(Status::out_of_range(format!(
                        "the running total overflows a 64-bit integer: {sum} + {value}"
                    ))),
                },
                // The client's side broke (a cancel, a message that would not decode).
                Err(status) => Err(status),
            };
            let last = reply.is_err();
            if tx.send(reply).await.is_err() || last {
                return; // the client is gone, or the call is over
            }
        }
        // The client closed its side: dropping `tx` here ends our stream with OK.
    });
    ReceiverStream::new(rx)
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
        Ok(Response::new(running_totals(request.into_inner())))
    }
}
