//! Exercise 4.3: errors as gRPC status codes. A Rust error becomes a code and a message that
//! any client, in any language, can act on.

/// The code that `build.rs` generated from `proto/elements.proto`.
pub mod elements {
    tonic::include_proto!("elements");
}

use std::fmt;

use elements::elements_server::Elements;
use elements::{Element, LookupRequest};
use tonic::{Request, Response, Status};

/// The first twenty elements: (symbol, name, atomic number).
const TABLE: [(&str, &str, u32); 20] = [
    ("H", "Hydrogen", 1),
    ("He", "Helium", 2),
    ("Li", "Lithium", 3),
    ("Be", "Beryllium", 4),
    ("B", "Boron", 5),
    ("C", "Carbon", 6),
    ("N", "Nitrogen", 7),
    ("O", "Oxygen", 8),
    ("F", "Fluorine", 9),
    ("Ne", "Neon", 10),
    ("Na", "Sodium", 11),
    ("Mg", "Magnesium", 12),
    ("Al", "Aluminium", 13),
    ("Si", "Silicon", 14),
    ("P", "Phosphorus", 15),
    ("S", "Sulfur", 16),
    ("Cl", "Chlorine", 17),
    ("Ar", "Argon", 18),
    ("K", "Potassium", 19),
    ("Ca", "Calcium", 20),
];

/// Why a lookup failed. The server's own error type: it knows nothing about gRPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// The request is wrong whatever the table holds: the caller must change it.
    InvalidSymbol {
        symbol: String,
        reason: &'static str,
    },
    /// The request is well formed, but there is no such element in the table.
    UnknownSymbol(String),
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::InvalidSymbol { symbol, reason } => {
                write!(f, "{symbol:?} is not an element symbol: {reason}")
            }
            LookupError::UnknownSymbol(symbol) => {
                write!(
                    f,
                    "no element with symbol {symbol:?} among the first twenty"
                )
            }
        }
    }
}

impl std::error::Error for LookupError {}

/// Finds the element whose symbol is `symbol`, in any case.
pub fn find(symbol: &str) -> Result<Element, LookupError> {
    let invalid = |reason| LookupError::InvalidSymbol {
        symbol: symbol.to_string(),
        reason,
    };
    if symbol.is_empty() {
        return Err(invalid("it is empty"));
    }
    if !symbol.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(invalid("a symbol has only letters"));
    }
    if symbol.len() > 2 {
        return Err(invalid("a symbol has one or two letters"));
    }
    TABLE
        .iter()
        .find(|(known, _, _)| known.eq_ignore_ascii_case(symbol))
        .map(|&(symbol, name, number)| Element {
            symbol: symbol.to_string(),
            name: name.to_string(),
            number,
        })
        .ok_or_else(|| LookupError::UnknownSymbol(symbol.to_string()))
}

/// Turns the server's error into what travels over the wire: a status code and a message.
impl From<LookupError> for Status {
    fn from(error: LookupError) -> Status {
        let _ = error;
        todo!(
            "turn `error` into a Status: an InvalidSymbol is the caller's mistake \
             (INVALID_ARGUMENT), an UnknownSymbol is NOT_FOUND, and in both the message is the \
             error's own text, which names the symbol"
        )
    }
}

/// The service. The table is a constant, so it holds no state.
#[derive(Debug, Default)]
pub struct ElementsService;

#[tonic::async_trait]
impl Elements for ElementsService {
    async fn lookup(&self, request: Request<LookupRequest>) -> Result<Response<Element>, Status> {
        let _ = request;
        todo!(
            "look the requested symbol up with `find` and reply with its element, letting `?` \
             turn a LookupError into a Status through your From impl above"
        )
    }
}
