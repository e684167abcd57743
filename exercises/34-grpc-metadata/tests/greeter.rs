//! Calls the interceptor and the handler directly, the way tonic does when a request arrives:
//! first the interceptor with the call's metadata, then, if it let the call through, the handler.
use grpc_metadata::greeter::GreetRequest;
use grpc_metadata::greeter::greeter_server::Greeter;
use grpc_metadata::{GreeterService, REQUEST_ID, RequireToken, TOKEN};
use tonic::metadata::MetadataValue;
use tonic::service::Interceptor;
use tonic::{Code, Request, Status};

/// A call's metadata as the interceptor sees it: `(key, value)` pairs and no message.
fn call_with(metadata: &[(&'static str, &str)]) -> Request<()> {
    let mut request = Request::new(());
    for &(key, value) in metadata {
        let value = MetadataValue::try_from(value).expect("an ASCII metadata value");
        request.metadata_mut().insert(key, value);
    }
    request
}

fn check(token: &str, metadata: &[(&'static str, &str)]) -> Result<Request<()>, Status> {
    RequireToken::new(token).call(call_with(metadata))
}

fn rejection(token: &str, metadata: &[(&'static str, &str)]) -> Status {
    match check(token, metadata) {
        Ok(_) => panic!("a call with metadata {metadata:?} should be turned away"),
        Err(status) => status,
    }
}

#[test]
fn lets_a_call_with_the_right_bearer_token_through() {
    let request = check(
        TOKEN,
        &[("authorization", "Bearer let-me-in"), (REQUEST_ID, "r-1")],
    )
    .unwrap_or_else(|status| panic!("the right token should pass, got {status:?}"));
    assert_eq!(
        request
            .metadata()
            .get(REQUEST_ID)
            .map(|value| value.to_str().unwrap()),
        Some("r-1"),
        "the call should go on with its metadata"
    );
}

#[test]
fn turns_away_a_call_without_authorization_as_unauthenticated() {
    let status = rejection(TOKEN, &[(REQUEST_ID, "r-2")]);
    assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
    assert!(
        status.message().contains("authorization"),
        "the message should say that `authorization` is missing, got {:?}",
        status.message()
    );
}

#[test]
fn turns_away_a_wrong_token_or_another_scheme_as_unauthenticated() {
    for value in [
        "Bearer let-me-out",
        "Bearer ",
        "Basic let-me-in",
        "let-me-in",
    ] {
        let status = rejection(TOKEN, &[("authorization", value)]);
        assert_eq!(
            status.code(),
            Code::Unauthenticated,
            "{value:?}: {status:?}"
        );
        assert!(!status.message().is_empty(), "{value:?}: say what is wrong");
    }
}

#[test]
fn accepts_the_token_it_was_made_with_and_no_other() {
    assert!(
        check(
            "another-secret",
            &[("authorization", "Bearer another-secret")]
        )
        .is_ok()
    );
    let status = rejection("another-secret", &[("authorization", "Bearer let-me-in")]);
    assert_eq!(status.code(), Code::Unauthenticated);
}

#[tokio::test]
async fn greets_by_name_and_sends_the_request_id_back() {
    for (name, id) in [("Ada", "7f3a-01"), ("Grace", "b2c4-99")] {
        let mut request = Request::new(GreetRequest {
            name: name.to_string(),
        });
        request
            .metadata_mut()
            .insert(REQUEST_ID, id.parse().unwrap());
        let response = GreeterService
            .greet(request)
            .await
            .unwrap_or_else(|status| panic!("the greeting failed with {status:?}"));
        assert_eq!(
            response
                .metadata()
                .get(REQUEST_ID)
                .map(|value| value.to_str().unwrap()),
            Some(id),
            "the reply's metadata should carry the request's x-request-id"
        );
        assert_eq!(response.into_inner().message, format!("Hello, {name}!"));
    }
}
