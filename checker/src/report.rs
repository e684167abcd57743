//! Reports rendered from the result model, one module per format.

pub mod human;
pub mod junit;
