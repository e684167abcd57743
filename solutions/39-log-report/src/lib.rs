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
    let (day, rest) = time.split_once('/')?;
    let (month, rest) = rest.split_once('/')?;
    let (year, clock) = rest.split_once(':')?;
    let mut hms = clock.split(':');
    let (hour, minute, second) = (hms.next()?, hms.next()?, hms.next()?);
    let month = month_number(month)?;
    let two_digits = |t: &str| t.len() == 2 && is_number(t);
    let zone_ok = zone.len() == 5 && zone.starts_with(['+', '-']) && is_number(&zone[1..]);
    let shaped = two_digits(day)
        && year.len() == 4
        && is_number(year)
        && [hour, minute, second].into_iter().all(two_digits)
        && hms.next().is_none()
        && zone_ok;
    if !shaped {
        return None;
    }
    // Every part is digits now: only whether this date and time exist is left.
    let number = |t: &str| t.parse::<u32>().unwrap_or(u32::MAX);
    let exists = number(year) >= 1
        && (1..=days_in_month(number(year), month)).contains(&number(day))
        && number(hour) < 24
        && number(minute) < 60
        && number(second) < 60
        && number(&zone[1..3]) < 24
        && number(&zone[3..]) < 60;
    exists.then(|| format!("{year}-{month:02}-{day} {hour}:00"))
}

/// "GET", "/api/items/42?page=2" -> "GET /api/items/:id": Python's `endpoint_of`.
pub fn endpoint_of(method: &str, target: &str) -> String {
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    let mut endpoint = String::with_capacity(method.len() + 1 + path.len());
    endpoint.push_str(method);
    endpoint.push(' ');
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            endpoint.push('/');
        }
        endpoint.push_str(if i > 0 && is_number(segment) {
            ":id"
        } else {
            segment
        });
    }
    endpoint
}

/// The request on one line of the log, or None when the line does not have the shape of one:
/// every rule of Python's `parse_line`, in the same order.
pub fn parse_line(line: &str) -> Option<Request<'_>> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [
        client,
        _ident,
        _user,
        stamp,
        zone,
        method,
        target,
        protocol,
        status,
        size,
        seconds,
    ] = fields[..]
    else {
        return None;
    };
    let hour = hour_of(stamp.strip_prefix('[')?, zone.strip_suffix(']')?)?;
    let method = method.strip_prefix('"')?;
    let protocol = protocol.strip_suffix('"')?;
    if !METHODS.contains(&method) || !target.starts_with('/') || !protocol.starts_with("HTTP/") {
        return None;
    }
    if status.len() != 3 || !is_number(status) {
        return None;
    }
    let status: u16 = status.parse().ok().filter(|s| (100..=599).contains(s))?;
    let size: u64 = match size {
        "-" => 0,
        digits if is_number(digits) => digits.parse().ok()?,
        _ => return None,
    };
    let (whole, fraction) = seconds.split_once('.')?;
    if !is_number(whole) || !is_number(fraction) {
        return None;
    }
    Some(Request {
        client,
        hour,
        endpoint: endpoint_of(method, target),
        status,
        size,
        seconds: seconds.parse().ok()?,
    })
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
        self.requests += 1;
        add_to(&mut self.per_hour, &request.hour, 1);
        *self.per_status.entry(request.status).or_default() += 1;
        add_to(&mut self.per_client, request.client, 1);
        add_to(&mut self.bytes_sent, &request.endpoint, request.size);
        if request.status >= 500 {
            add_to(&mut self.errors, &request.endpoint, 1);
        }
        // The endpoint is ours: the map keeps it if it is new, and drops it if not.
        self.seconds
            .entry(request.endpoint)
            .or_default()
            .push(request.seconds);
    }
}

/// The tally of a whole log: Python's `tally_lines`, for the text of a file.
pub fn tally_log(text: &str) -> Tally {
    let mut tally = Tally::default();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line) {
            Some(request) => tally.add(request),
            None => tally.malformed += 1,
        }
    }
    tally
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
