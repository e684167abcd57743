//! Exercise 6.1, the capstone: the hot part of `log_report`, in Rust.
//!
//! The profile of `python -m log_report` (book/ch6-capstone/the-profile.md) puts nine tenths of
//! the time in the loop over the log's lines: `parse_line` (and `strptime` under it) and
//! `Tally.add`, once per line. This module does that whole loop in one call: the text of a log
//! file goes in, the tally comes out, and Python builds the report from it as before. Every
//! rule of Python's `parse_line` holds here too, so that the report stays the same to the byte.

use std::collections::HashMap;

use pyo3::prelude::*;

/// One line of the log, as the report needs it: Python's `Request`. The client is a slice of
/// the line; the hour and the endpoint are new strings, since the log does not hold them as
/// they are written in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Request<'a> {
    /// The client's address, as written.
    pub client: &'a str,
    /// The hour the request came in, as the log writes it: "2026-12-08 02:00".
    pub hour: String,
    /// Method and path, query string dropped, digit-only segments replaced: "GET /api/items/:id".
    pub endpoint: String,
    /// The HTTP status code, 100 to 599.
    pub status: u16,
    /// Bytes sent in the response body ("-" in the log: 0).
    pub size: u64,
    /// How long the request took.
    pub seconds: f64,
}

/// Python's `Tally`: everything the report is made of. `IntoPyObject` turns it into a dict
/// whose keys are the field names, so `Tally(**_native.tally_log(text))` makes Python's own.
#[derive(Debug, Default, PartialEq, IntoPyObject)]
pub struct Tally {
    pub requests: usize,
    pub malformed: usize,
    pub per_hour: HashMap<String, usize>,
    pub per_status: HashMap<u16, usize>,
    pub per_client: HashMap<String, usize>,
    /// Per endpoint: the seconds of each of its requests, in the order of the log.
    pub seconds: HashMap<String, Vec<f64>>,
    pub bytes_sent: HashMap<String, u64>,
    /// Per endpoint: how many of its requests ended in a server error (5xx); only endpoints
    /// that had one are in it.
    pub errors: HashMap<String, usize>,
}

/// The methods Python's `METHODS` lists.
pub const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// The number of an English month's three-letter name, as `strptime`'s `%b` reads it.
pub fn month_number(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

/// The days of `month` (1 to 12) in `year`: February has 29 in a leap year (divisible by 4,
/// and not by 100 unless by 400), as Python's calendar counts them.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Only ASCII digits, at least one: Python's `is_number`.
pub fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// "08/Dec/2026:02:57:31" and "+0000" -> "2026-12-08 02:00", or None when Python's `parse_line`
/// rejects them: not two digits each for day, hour, minute and second, four for the year, a
/// month name and a sign with four digits for the zone; or a date or time that does not exist
/// (31/Apr, 29/Feb/2026, 24:00, :60, a zone of 24 hours or more, year 0).
pub fn hour_of(time: &str, zone: &str) -> Option<String> {
    let _ = (time, zone);
    todo!(
        "split `time` at its '/' and ':' (split_once), check each part's shape (two digits for \
         day, hour, minute and second, four for the year, month_number for the month; a zone \
         of a sign and four digits) and that it exists (hour < 24, minute and second < 60, the \
         day within its month: days_in_month; zone hours < 24, minutes < 60; year >= 1), and \
         return the hour as the report writes it: \"2026-12-08 02:00\""
    )
}

/// "GET", "/api/items/42?page=2" -> "GET /api/items/:id": Python's `endpoint_of`.
pub fn endpoint_of(method: &str, target: &str) -> String {
    let _ = (method, target);
    todo!(
        "drop the query string (from the first '?'), then write the method, a space, and the \
         path's segments joined by '/', each segment that is_number (the first excepted, which \
         is empty) written as \":id\""
    )
}

/// The request on one line of the log, or None when the line does not have the shape of one:
/// every rule of Python's `parse_line`, in the same order.
pub fn parse_line(line: &str) -> Option<Request<'_>> {
    let _ = line;
    todo!(
        "split the line on whitespace into exactly eleven fields (a slice pattern on the \
         collected Vec), then check them in the order of Python's parse_line, returning None \
         at the first rule broken (`?` on an Option does that), and build the Request"
    )
}

/// Adds `amount` to `key`'s total, copying the key into the map only the first time it is
/// seen (`entry` would need a `String` for every line, found or not).
pub fn add_to<V: std::ops::AddAssign>(map: &mut HashMap<String, V>, key: &str, amount: V) {
    match map.get_mut(key) {
        Some(total) => *total += amount,
        None => {
            map.insert(key.to_owned(), amount);
        }
    }
}

impl Tally {
    /// Counts one request: Python's `Tally.add`.
    pub fn add(&mut self, request: Request<'_>) {
        let _ = request;
        todo!(
            "count the request into every field as Python's Tally.add does: add_to for the \
             maps keyed by a string, entry(...).or_default() for per_status and for seconds \
             (whose endpoint key you can move in, last)"
        )
    }
}

/// The tally of a whole log: Python's `tally_lines`, for the text of a file.
pub fn tally_log(text: &str) -> Tally {
    let _ = text;
    todo!(
        "Python's tally_lines: for each line of `text`, skip it if it is blank, else add \
         parse_line's request to a Tally::default(), or count it as malformed"
    )
}

/// `_native.tally_log(text)` in Python: the whole file in one call, the tally as a dict.
#[pyfunction(name = "tally_log")]
fn py_tally_log(text: &str) -> Tally {
    tally_log(text)
}

/// The compiled module `log_report._native`.
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::py_tally_log;
}
