use log_report::{Request, endpoint_of, hour_of, parse_line, tally_log};

const LINE: &str = r#"203.0.113.9 - alice [08/Dec/2026:02:57:31 +0100] "GET /api/items/42?page=2 HTTP/1.1" 200 5123 0.153"#;

#[test]
fn reads_a_well_formed_line_as_python_does() {
    assert_eq!(
        parse_line(LINE),
        Some(Request {
            client: "203.0.113.9",
            hour: "2026-12-08 02:00".to_string(),
            endpoint: "GET /api/items/:id".to_string(),
            status: 200,
            size: 5123,
            seconds: 0.153,
        })
    );
}

#[test]
fn writes_the_hour_as_the_log_has_it() {
    assert_eq!(
        hour_of("08/Dec/2026:02:57:31", "+0100").as_deref(),
        Some("2026-12-08 02:00")
    );
    assert_eq!(
        hour_of("31/Jan/2019:23:59:59", "-0500").as_deref(),
        Some("2019-01-31 23:00")
    );
    assert_eq!(
        hour_of("08/Dez/2026:02:57:31", "+0100"),
        None,
        "a German month name"
    );
    assert_eq!(hour_of("08/Dec/2026:02:57", "+0100"), None, "no seconds");
    assert_eq!(
        hour_of("08/Dec/2026:02:57:31", "0100"),
        None,
        "a zone without its sign"
    );
    assert_eq!(
        hour_of("31/Apr/2026:02:57:31", "+0100"),
        None,
        "April has 30 days"
    );
    assert_eq!(
        hour_of("29/Feb/2026:02:57:31", "+0100"),
        None,
        "2026 is no leap year"
    );
    assert_eq!(
        hour_of("29/Feb/2028:02:57:31", "+0100").as_deref(),
        Some("2028-02-29 02:00"),
        "2028 is a leap year"
    );
    assert_eq!(
        hour_of("08/Dec/2026:24:00:00", "+0100"),
        None,
        "hours go to 23"
    );
    assert_eq!(
        hour_of("8/Dec/2026:02:57:31", "+0100"),
        None,
        "a one-digit day"
    );
}

#[test]
fn replaces_digit_only_segments_and_drops_the_query_string() {
    assert_eq!(endpoint_of("GET", "/"), "GET /");
    assert_eq!(
        endpoint_of("PUT", "/api/items/7/reviews/12"),
        "PUT /api/items/:id/reviews/:id"
    );
    assert_eq!(endpoint_of("GET", "/archive/2026/"), "GET /archive/:id/");
    assert_eq!(
        endpoint_of("GET", "/static/v2/app.js?v=3"),
        "GET /static/v2/app.js"
    );
    assert_eq!(endpoint_of("GET", "/search?q=1/2"), "GET /search");
    assert_eq!(endpoint_of("GET", "/wiki/東京/12"), "GET /wiki/東京/:id");
}

#[test]
fn a_dash_for_the_size_means_zero_bytes() {
    let line = LINE.replace(" 5123 ", " - ");
    assert_eq!(parse_line(&line).map(|r| r.size), Some(0));
}

#[test]
fn rejects_every_malformed_line_the_python_parser_rejects() {
    for (broken, why) in [
        (LINE.replace(" 0.153", ""), "ten fields"),
        (format!("{LINE} extra"), "twelve fields"),
        (LINE.replace("[08", "08"), "no bracket before the time"),
        (LINE.replace("Dec", "Dez"), "a German month"),
        (LINE.replace("\"GET", "GET"), "no quote before the method"),
        (LINE.replace("\"GET", "\"FETCH"), "an unknown method"),
        (LINE.replace(" /api", " api"), "a target that is not a path"),
        (LINE.replace("HTTP/1.1\"", "SPDY/3\""), "not HTTP"),
        (LINE.replace(" 200 ", " 2OO "), "a status with letters"),
        (LINE.replace(" 200 ", " 600 "), "a status past 599"),
        (LINE.replace(" 200 ", " 2000 "), "a status of four digits"),
        (LINE.replace(" 5123 ", " 12kB "), "a size with letters"),
        (LINE.replace(" 0.153", " 1e-3"), "seconds in exponent form"),
        (LINE.replace(" 0.153", " .5"), "no digit before the dot"),
        (LINE.replace(" 0.153", " 1"), "no dot"),
    ] {
        assert_eq!(parse_line(&broken), None, "{why}: {broken}");
    }
}

#[test]
fn tallies_a_log_skipping_blank_lines_and_counting_malformed_ones() {
    let error = LINE.replace(" 200 ", " 503 ").replace("/42", "/7");
    let text = format!("{LINE}\n\n   \nnot a request\n{error}\n{LINE}\n");
    let tally = tally_log(&text);
    assert_eq!(
        (tally.requests, tally.malformed),
        (3, 1),
        "(requests, malformed): a blank line is neither"
    );
    assert_eq!(tally.per_status.get(&503), Some(&1));
    assert_eq!(tally.per_client.get("203.0.113.9"), Some(&3));
    assert_eq!(tally.per_hour.get("2026-12-08 02:00"), Some(&3));
    assert_eq!(tally.seconds["GET /api/items/:id"], vec![0.153; 3]);
    assert_eq!(tally.bytes_sent["GET /api/items/:id"], 3 * 5123);
    assert_eq!(
        tally.errors.len(),
        1,
        "only endpoints that had a 5xx are in errors"
    );
    assert_eq!(tally.errors["GET /api/items/:id"], 1);
}
