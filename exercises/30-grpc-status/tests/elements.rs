//! Calls the service's method directly, the way tonic does when a request arrives.
use grpc_status::elements::elements_server::Elements;
use grpc_status::elements::{Element, LookupRequest};
use grpc_status::{ElementsService, LookupError};
use tonic::{Code, Request, Status};

async fn lookup(symbol: &str) -> Result<Element, Status> {
    let request = Request::new(LookupRequest {
        symbol: symbol.to_string(),
    });
    ElementsService
        .lookup(request)
        .await
        .map(|response| response.into_inner())
}

#[tokio::test]
async fn finds_an_element_by_its_symbol() {
    let element = lookup("He").await.expect("helium is in the table");
    assert_eq!(
        (
            element.symbol.as_str(),
            element.name.as_str(),
            element.number
        ),
        ("He", "Helium", 2)
    );
}

#[tokio::test]
async fn a_symbol_with_a_digit_is_an_invalid_argument() {
    let status = lookup("H2O").await.expect_err("H2O is not a symbol");
    assert_eq!(status.code(), Code::InvalidArgument);
}

#[tokio::test]
async fn an_unknown_symbol_is_not_found() {
    let status = lookup("Zz").await.expect_err("there is no element Zz");
    assert_eq!(status.code(), Code::NotFound);
}

#[test]
fn the_status_message_is_the_error_message() {
    let error = LookupError::UnknownSymbol("Zz".to_string());
    let status = Status::from(error.clone());
    assert_eq!(status.message(), error.to_string());
}
