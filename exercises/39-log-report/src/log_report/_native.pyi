# Type stub for the compiled module `log_report._native`: what editors and type checkers read,
# since they cannot look inside the `.so`. Keep it in sync with the `#[pyfunction]`s in
# src/lib.rs by hand.

def tally_log(text: str) -> dict:
    """The tally of a whole log file's text, as a dict with the fields of report.py's `Tally`
    (requests, malformed, per_hour, per_status, per_client, seconds, bytes_sent, errors):
    `Tally(**tally_log(text))` is what `tally_lines` returns for the same lines."""
    ...
