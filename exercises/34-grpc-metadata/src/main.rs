//! Serves `Greeter` over gRPC, behind the token check: the bridge for Python's grpcio.
//!
//! Binds the address given as the first argument (or in `OXIDIZE_ADDR`), by default
//! `127.0.0.1:0`: port 0 lets the system pick a free port, so two servers never collide. Then
//! prints `listening on ADDRESS` as its first line on stdout, which is how a client learns the port.
//!
//! Every accepted connection gets TCP_NODELAY: without it, Nagle's algorithm may hold a reply's
//! last small packet back until the client acknowledges the one before, which the client delays
//! by up to 40 ms. (`Server::builder().tcp_nodelay(true)` does not reach a listener passed to
//! `serve_with_incoming`; `TcpIncoming::with_nodelay` does.)
//!
//! `#[tokio::main]` starts a runtime thread per core, or as many as `TOKIO_WORKER_THREADS` says.
//! The tests set it to 1, so that a handler which blocks its thread instead of awaiting holds up
//! every other call on any machine, and the tests see it.
use std::io::Write;

use grpc_metadata::{TOKEN, authenticated};
use tokio::net::TcpListener;
use tonic::transport::Server;
use tonic::transport::server::TcpIncoming;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Built before the port is bound, so a server that cannot build its service exits at once.
    let service = authenticated(TOKEN);
    let addr = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("OXIDIZE_ADDR").ok())
        .unwrap_or_else(|| "127.0.0.1:0".to_string());
    let listener = TcpListener::bind(&addr).await?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {}", listener.local_addr()?)?;
        out.flush()?;
    }
    Server::builder()
        .add_service(service)
        .serve_with_incoming(TcpIncoming::from(listener).with_nodelay(Some(true)))
        .await?;
    Ok(())
}
