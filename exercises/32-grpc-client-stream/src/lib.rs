//! Exercise 4.5: client streaming. The client sends as many chunks as it likes; the server reads
//! them until the client closes its side, and replies once.

/// The code that `build.rs` generated from `proto/readings.proto`.
pub mod readings {
    tonic::include_proto!("readings");
}

use readings::readings_server::Readings;
use readings::{Chunk, Summary};
#[allow(unused_imports)] // `StreamExt` gives streams `next()`: you will need it in `summarize`
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

/// The service. It holds no state: each call reads its own stream.
#[derive(Debug, Default)]
pub struct ReadingsService;

#[tonic::async_trait]
impl Readings for ReadingsService {
    /// The request is a stream: `into_inner()` gives the `Streaming<Chunk>` that the chunks
    /// arrive on, one `Result<Chunk, Status>` at a time, as the client sends them.
    async fn upload(
        &self,
        request: Request<Streaming<Chunk>>,
    ) -> Result<Response<Summary>, Status> {
        let summary = summarize(request.into_inner()).await?;
        Ok(Response::new(summary))
    }
}

/// Reads every chunk until the stream ends (the client closed its side) and sums them up.
///
/// A reading that is not a finite number ends it with `INVALID_ARGUMENT`, the message naming the
/// chunk (counting from 1), without reading on; an error from the stream itself (the client went
/// away) ends it with that error. Any stream of chunks will do, so tests can pass their own.
pub async fn summarize<S>(chunks: S) -> Result<Summary, Status>
where
    S: Stream<Item = Result<Chunk, Status>> + Unpin,
{
    let _ = chunks;
    todo!(
        "read the chunks one by one until the stream ends, counting the chunks and their \
         readings and adding the readings up; end with the stream's own error if one comes, and \
         with INVALID_ARGUMENT naming the chunk (from 1) at the first reading that is not finite; \
         then return the Summary"
    )
}
