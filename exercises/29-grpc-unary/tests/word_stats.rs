//! Calls the service's method directly, the way tonic does when a request arrives.
use grpc_unary::WordStatsService;
use grpc_unary::wordstats::word_stats_server::WordStats;
use grpc_unary::wordstats::{CountReply, CountRequest};
use tonic::Request;

async fn count(text: &str) -> CountReply {
    let request = Request::new(CountRequest {
        text: text.to_string(),
        delay_ms: 0,
    });
    match WordStatsService.count(request).await {
        Ok(response) => response.into_inner(),
        Err(status) => panic!("the call failed with {status:?}"),
    }
}

#[tokio::test]
async fn counts_the_lines_words_and_chars_of_a_short_text() {
    let reply = count("one two\nthree\n").await;
    assert_eq!((reply.lines, reply.words, reply.chars), (2, 3, 14));
}

#[tokio::test]
async fn counts_nothing_in_an_empty_text() {
    let reply = count("").await;
    assert_eq!((reply.lines, reply.words, reply.chars), (0, 0, 0));
}

#[tokio::test]
async fn counts_characters_not_bytes() {
    let reply = count("héllo wörld").await;
    assert_eq!(reply.chars, 11);
}
