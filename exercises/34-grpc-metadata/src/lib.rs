//! Exercise 4.7: metadata and an interceptor. A check in front of the service turns away calls
//! without the right token; the handler reads a request's metadata and sends some back.

/// The code that `build.rs` generated from `proto/greeter.proto`.
pub mod greeter {
    tonic::include_proto!("greeter");
}

use greeter::greeter_server::{Greeter, GreeterServer};
use greeter::{GreetRequest, Greeting};
use tonic::service::{Interceptor, interceptor::InterceptedService};
use tonic::{Request, Response, Status};

/// The token the course's servers accept. A real service reads its secret from the environment
/// or a secret store at start; the course fixes it so that the tests and every server agree.
pub const TOKEN: &str = "let-me-in";

/// An interceptor: it sees each call's metadata before the service does, and lets the call
/// through only with `authorization: Bearer <the token>`.
#[derive(Debug, Clone)]
pub struct RequireToken {
    token: String,
}

impl RequireToken {
    /// Accepts exactly `token`.
    pub fn new(token: &str) -> Self {
        RequireToken {
            token: token.to_string(),
        }
    }
}

impl Interceptor for RequireToken {
    fn call(&mut self, request: Request<()>) -> Result<Request<()>, Status> {
        let _ = (request, &self.token);
        todo!(
            "let the request through only if its `authorization` metadata is `Bearer ` followed \
             by self.token; otherwise fail with UNAUTHENTICATED and a message that says what is \
             wrong: no `authorization` at all, not the `Bearer <token>` form, or the wrong token"
        )
    }
}

/// The service, as the server serves it: every call goes through `RequireToken` first.
pub type AuthenticatedGreeter = InterceptedService<GreeterServer<GreeterService>, RequireToken>;

/// The `Greeter` service behind a `RequireToken` interceptor that accepts `token`.
pub fn authenticated(token: &str) -> AuthenticatedGreeter {
    let _ = token;
    todo!(
        "wrap GreeterService in its generated server together with a RequireToken for `token`, \
         so that every call meets the interceptor first"
    )
}

/// The metadata key of the caller's request id, echoed back in the reply.
pub const REQUEST_ID: &str = "x-request-id";

/// The service. It holds no state.
#[derive(Debug, Default)]
pub struct GreeterService;

#[tonic::async_trait]
impl Greeter for GreeterService {
    async fn greet(&self, request: Request<GreetRequest>) -> Result<Response<Greeting>, Status> {
        let _ = request;
        todo!(
            "reply with the Greeting \"Hello, NAME!\", and when the request's metadata has an \
             `x-request-id` (REQUEST_ID), put the same value into the reply's metadata"
        )
    }
}
