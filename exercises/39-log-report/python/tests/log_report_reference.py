"""A report on a web server's access log: how many requests, how they ended, which endpoints
are busiest and slowest, who sent the most, and how the load spread over the hours.

    python -m log_report access.log [more.log access.log.1.gz ...] [--top 10] [--json]

Each line of the log is one request, in the Common Log Format with the request's duration in
seconds added at the end (nginx's `$request_time`, Apache's `%D` turned into seconds):

    203.0.113.9 - alice [08/Dec/2026:02:57:31 +0000] "GET /api/items/42?page=2 HTTP/1.1" 200 5123 0.153

A line that does not have that shape is counted as malformed and otherwise left out; a blank
line is skipped. Files ending in `.gz` are read through gzip.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Iterable, NamedTuple, TextIO

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

# A path segment made only of digits is an id: /api/items/42 and /api/items/7 are one endpoint.
_ID_SEGMENT = re.compile(r"/[0-9]+(?=/|$)")
_SECONDS = re.compile(r"[0-9]+\.[0-9]+")
# The time's exact shape: two digits for the day, hour, minute and second, and a zone of a sign
# and four digits. strptime alone would also take "8/dec/2026", "Z" or "+00:00"; after this
# check it says whether that date and time exist (no 31/Apr, no 25:00, no 29/Feb/2026).
_STAMP = re.compile(r"\[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2}")
_ZONE = re.compile(r"[+-][0-9]{4}\]")


class Request(NamedTuple):
    """One line of the log, as the report needs it."""

    client: str  # the client's address, as written
    hour: str  # the hour the request came in, as the log writes it: "2026-12-08 02:00"
    endpoint: str  # method and path, query string dropped, ids replaced: "GET /api/items/:id"
    status: int  # the HTTP status code, 100 to 599
    size: int  # bytes sent in the response body ("-" in the log: 0)
    seconds: float  # how long the request took


def endpoint_of(method: str, target: str) -> str:
    """ "GET", "/api/items/42?page=2" -> "GET /api/items/:id"."""
    path = target.split("?", 1)[0]
    return f"{method} {_ID_SEGMENT.sub('/:id', path)}"


def is_number(text: str) -> bool:
    """Only ASCII digits, at least one (str.isdigit alone would take "²" and "٣")."""
    return text.isascii() and text.isdigit()


def parse_line(line: str) -> Request | None:
    """The request on one line of the log, or None when the line does not have the shape of
    one. The fields are separated by whitespace; there must be exactly eleven:

        client ident user [day/Mon/year:hh:mm:ss zone] "METHOD target HTTP/x" status size seconds

    The line is malformed when: the count of fields is not eleven; the time is not in square
    brackets, not two digits for each of day, hour, minute and second, an English month name,
    four for the year and a +hhmm or -hhmm zone, or not a date and time that exist
    (`%d/%b/%Y:%H:%M:%S %z` to strptime); the request is not
    in double quotes, its method not one of METHODS, its target not starting with "/" or its
    protocol not starting with "HTTP/"; the status is not three digits from 100 to 599; the
    size is neither digits nor "-"; the seconds are not digits, a dot and digits.
    """
    fields = line.split()
    if len(fields) != 11:
        return None
    client, _ident, _user, stamp, zone, method, target, protocol, status, size, seconds = fields
    if not (_STAMP.fullmatch(stamp) and _ZONE.fullmatch(zone)):
        return None
    try:
        when = datetime.strptime(f"{stamp[1:]} {zone[:-1]}", "%d/%b/%Y:%H:%M:%S %z")
    except ValueError:
        return None
    if not (method.startswith('"') and protocol.endswith('"')):
        return None
    method, protocol = method[1:], protocol[:-1]
    if method not in METHODS or not target.startswith("/") or not protocol.startswith("HTTP/"):
        return None
    if not (len(status) == 3 and is_number(status) and 100 <= int(status) <= 599):
        return None
    if not (size == "-" or is_number(size)):
        return None
    if not _SECONDS.fullmatch(seconds):
        return None
    return Request(
        client=client,
        hour=when.strftime("%Y-%m-%d %H:00"),
        endpoint=endpoint_of(method, target),
        status=int(status),
        size=0 if size == "-" else int(size),
        seconds=float(seconds),
    )


@dataclass
class Tally:
    """Everything the report is made of, counted over the log's lines."""

    requests: int = 0
    malformed: int = 0
    per_hour: dict[str, int] = field(default_factory=dict)
    per_status: dict[int, int] = field(default_factory=dict)
    per_client: dict[str, int] = field(default_factory=dict)
    # Per endpoint: the seconds of each of its requests, in the order of the log.
    seconds: dict[str, list[float]] = field(default_factory=dict)
    bytes_sent: dict[str, int] = field(default_factory=dict)
    # Per endpoint: how many of its requests ended in a server error (5xx); only endpoints
    # that had one are in it.
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, request: Request) -> None:
        self.requests += 1
        self.per_hour[request.hour] = self.per_hour.get(request.hour, 0) + 1
        self.per_status[request.status] = self.per_status.get(request.status, 0) + 1
        self.per_client[request.client] = self.per_client.get(request.client, 0) + 1
        self.seconds.setdefault(request.endpoint, []).append(request.seconds)
        self.bytes_sent[request.endpoint] = self.bytes_sent.get(request.endpoint, 0) + request.size
        if request.status >= 500:
            self.errors[request.endpoint] = self.errors.get(request.endpoint, 0) + 1

    def merge(self, other: Tally) -> None:
        """Adds another file's tally to this one."""
        self.requests += other.requests
        self.malformed += other.malformed
        for mine, theirs in (
            (self.per_hour, other.per_hour),
            (self.per_status, other.per_status),
            (self.per_client, other.per_client),
            (self.bytes_sent, other.bytes_sent),
            (self.errors, other.errors),
        ):
            for key, count in theirs.items():
                mine[key] = mine.get(key, 0) + count
        for endpoint, seconds in other.seconds.items():
            self.seconds.setdefault(endpoint, []).extend(seconds)


def tally_lines(lines: Iterable[str]) -> Tally:
    """Reads the log line by line: each request counted, each malformed line counted apart."""
    tally = Tally()
    for line in lines:
        if not line.strip():
            continue
        request = parse_line(line)
        if request is None:
            tally.malformed += 1
        else:
            tally.add(request)
    return tally


def open_log(path: Path) -> TextIO:
    """The log as text; through gzip when its name ends in .gz. Bytes that are not UTF-8 become
    U+FFFD instead of stopping the report."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def tally_file(path: Path) -> Tally:
    """The tally of one log file."""
    with open_log(path) as log:
        return tally_lines(log)


# --- The report ----------------------------------------------------------------------------


def percentile(ordered: list[float], p: float) -> float:
    """The nearest-rank percentile `p` (0-100) of a sorted, non-empty list."""
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def by_count(counts: dict, top: int) -> list[tuple]:
    """The `top` keys with the highest counts, highest first; equal counts by key, so the
    report never depends on the order of the log."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


@dataclass
class EndpointStats:
    endpoint: str
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    megabytes: float


def endpoint_stats(tally: Tally) -> list[EndpointStats]:
    """Per endpoint, its counts and latency percentiles in milliseconds, busiest first."""
    stats = []
    for endpoint, seconds in tally.seconds.items():
        ordered = sorted(seconds)
        stats.append(
            EndpointStats(
                endpoint=endpoint,
                requests=len(ordered),
                errors=tally.errors.get(endpoint, 0),
                p50_ms=percentile(ordered, 50) * 1000,
                p95_ms=percentile(ordered, 95) * 1000,
                p99_ms=percentile(ordered, 99) * 1000,
                megabytes=tally.bytes_sent.get(endpoint, 0) / 1e6,
            )
        )
    stats.sort(key=lambda s: (-s.requests, s.endpoint))
    return stats


def summary(tally: Tally, files: int, top: int, slow_min: int) -> dict:
    """The report as plain data: what --json prints, and what the text report shows."""
    stats = endpoint_stats(tally)
    classes: dict[str, int] = {}
    for status, count in tally.per_status.items():
        name = f"{status // 100}xx"
        classes[name] = classes.get(name, 0) + count
    slowest = sorted(
        (s for s in stats if s.requests >= slow_min), key=lambda s: (-s.p95_ms, s.endpoint)
    )[:top]
    hours = sorted(tally.per_hour.items())
    return {
        "files": files,
        "requests": tally.requests,
        "malformed": tally.malformed,
        "period": [hours[0][0], hours[-1][0]] if hours else None,
        "status_classes": dict(sorted(classes.items())),
        "busiest": [vars(s) for s in stats[:top]],
        "slowest": [vars(s) for s in slowest],
        "clients": [list(pair) for pair in by_count(tally.per_client, top)],
        "per_hour": dict(hours),
    }


def render(data: dict) -> str:
    """The text report."""
    total = data["requests"]
    lines = [
        f"Access log report: {data['files']} file(s), {total} requests, "
        f"{data['malformed']} malformed lines skipped"
    ]
    if not total:
        lines.append("No requests.")
        return "\n".join(lines) + "\n"
    first, last = data["period"]
    lines += [f"Period: {first} to {last}", "", "Status classes"]
    for name, count in data["status_classes"].items():
        lines.append(f"  {name}  {count:>9}  {count / total:6.1%}")

    header = (
        f"  {'endpoint':<36} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'MB sent':>9}"
    )
    for title, rows in (("Busiest endpoints", data["busiest"]), ("Slowest endpoints (p95)", data["slowest"])):
        lines += ["", title, header]
        for row in rows:
            lines.append(
                f"  {row['endpoint'][:36]:<36} {row['requests']:>9} {row['errors']:>7} "
                f"{row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} "
                f"{row['megabytes']:>9.2f}"
            )

    lines += ["", "Top clients"]
    for client, count in data["clients"]:
        lines.append(f"  {client:<40} {count:>9}  {count / total:6.1%}")

    lines += ["", "Requests per hour"]
    busiest_hour = max(data["per_hour"].values())
    for hour, count in data["per_hour"].items():
        bar = "#" * max(1, round(40 * count / busiest_hour))
        lines.append(f"  {hour}  {count:>9}  {bar}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, out: IO[str] | None = None) -> int:
    """Reads the logs named on the command line and writes the report to `out` (stdout)."""
    out = out if out is not None else sys.stdout
    parser = argparse.ArgumentParser(prog="log_report", description=__doc__.split("\n\n")[0])
    parser.add_argument("logs", nargs="+", type=Path, help="access log files (.gz read too)")
    parser.add_argument("--top", type=int, default=10, help="rows per table (default 10)")
    parser.add_argument(
        "--slow-min", type=int, default=20,
        help="requests an endpoint needs to be ranked among the slowest (default 20)",
    )
    parser.add_argument("--json", action="store_true", help="the report as JSON")
    args = parser.parse_args(argv)

    tally = Tally()
    for path in args.logs:
        try:
            tally.merge(tally_file(path))
        except OSError as error:
            print(f"log_report: cannot read {path}: {error.strerror}", file=sys.stderr)
            return 2
    data = summary(tally, files=len(args.logs), top=args.top, slow_min=args.slow_min)
    if args.json:
        out.write(json.dumps(data, indent=2) + "\n")
    else:
        out.write(render(data))
    return 0
