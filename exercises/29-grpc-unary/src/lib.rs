//! Exercise 4.2: a unary gRPC service. Python sends a text, the Rust server waits as long as the
//! request asks (awaiting, so that other calls go on meanwhile), then counts it.

/// The code that `build.rs` generated from `proto/wordstats.proto`: the messages
/// (`CountRequest`, `CountReply`) and, in `word_stats_server`, the `WordStats` trait.
pub mod wordstats {
    tonic::include_proto!("wordstats");
}

use tonic::{Request, Response, Status};
use wordstats::word_stats_server::WordStats;
use wordstats::{CountReply, CountRequest};

/// The service. It holds no state, so every call starts from nothing.
#[derive(Debug, Default)]
pub struct WordStatsService;

#[tonic::async_trait]
impl WordStats for WordStatsService {
    async fn count(&self, request: Request<CountRequest>) -> Result<Response<CountReply>, Status> {
        let _ = request;
        todo!(
            "wait out the request's delay_ms without blocking the runtime thread (await it), then \
             reply with the number of lines, words (separated by whitespace) and characters (not \
             bytes) in the request's text"
        )
    }
}
