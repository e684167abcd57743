//! Exercise 4.2: a unary gRPC service. Python sends a text, the Rust server waits as long as the
//! request asks (awaiting, so that other calls go on meanwhile), then counts it.

/// The code that `build.rs` generated from `proto/wordstats.proto`: the messages
/// (`CountRequest`, `CountReply`) and, in `word_stats_server`, the `WordStats` trait.
pub mod wordstats {
    tonic::include_proto!("wordstats");
}

use std::time::Duration;

use tonic::{Request, Response, Status};
use wordstats::word_stats_server::WordStats;
use wordstats::{CountReply, CountRequest};

/// The service. It holds no state, so every call starts from nothing.
#[derive(Debug, Default)]
pub struct WordStatsService;

#[tonic::async_trait]
impl WordStats for WordStatsService {
    async fn count(&self, request: Request<CountRequest>) -> Result<Response<CountReply>, Status> {
        let CountRequest { text, delay_ms } = request.into_inner();
        // Awaited: the runtime thread serves other calls while this one waits. (std::thread::sleep
        // would hold the thread, and every call queued on it would wait too.) Not for 0 ms:
        // tokio's timer counts whole milliseconds, and a zero sleep still waits for its next
        // tick, about a millisecond, five times the rest of the call on loopback.
        if delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(delay_ms.into())).await;
        }
        Ok(Response::new(CountReply {
            lines: text.lines().count() as u64,
            words: text.split_whitespace().count() as u64,
            chars: text.chars().count() as u64,
        }))
    }
}
