"""Access logs made up for the tests: realistic lines, drawn from a seeded generator, with the
malformed lines a real log has now and then. The same generator makes the hidden tests' logs
(from the seed the instructor sets), so it holds no line that the book does not describe."""

import random

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ENDPOINTS = [
    ("GET", "/"), ("GET", "/api/items"), ("GET", "/api/items/{id}"), ("PUT", "/api/items/{id}"),
    ("DELETE", "/api/items/{id}"), ("GET", "/api/items/{id}/reviews"),
    ("GET", "/api/items/{id}/reviews/{id}"), ("POST", "/api/items/{id}/reviews"),
    ("GET", "/api/users/{id}"), ("PATCH", "/api/users/{id}"), ("POST", "/api/login"),
    ("GET", "/api/search"), ("GET", "/static/app.js"), ("GET", "/static/v2/style.css"),
    ("GET", "/archive/{id}/"), ("HEAD", "/health"), ("OPTIONS", "/api/items"),
    ("GET", "/wiki/Café"), ("GET", "/wiki/東京/{id}"),
]
# Some endpoints and some clients far busier than others, as in a real log.
ENDPOINT_WEIGHTS = [12, 30, 40, 3, 1, 8, 4, 2, 10, 1, 6, 15, 20, 20, 2, 25, 1, 3, 2]
CLIENT_WEIGHTS = [1 / rank for rank in range(1, 71)]
STATUSES = [200] * 40 + [201, 204, 301, 302, 304, 304, 400, 401, 403, 404, 404, 429, 500, 502, 503]


def _target(rng: random.Random, template: str) -> str:
    path = template
    while "{id}" in path:
        path = path.replace("{id}", str(rng.randint(1, 99999)), 1)
    if rng.random() < 0.2:
        path += f"?page={rng.randint(1, 9)}&q={rng.choice(['a', '1/2', 'x%20y'])}"
    return path


def request_line(rng: random.Random, clients: list[str], when: tuple) -> str:
    """One well-formed line."""
    day, month, year, hour, minute, second, zone = when
    method, template = rng.choices(ENDPOINTS, weights=ENDPOINT_WEIGHTS)[0]
    client = rng.choices(clients, weights=CLIENT_WEIGHTS[: len(clients)])[0]
    user = rng.choice(["-", "-", "-", "alice", "bob"])
    status = rng.choice(STATUSES)
    size = "-" if status in (204, 304) or rng.random() < 0.02 else str(rng.randint(0, 200_000))
    seconds = f"{rng.lognormvariate(-3, 1.2):.3f}"
    protocol = rng.choice(["HTTP/1.1", "HTTP/1.1", "HTTP/2.0", "HTTP/1.0"])
    separator = "\t" if rng.random() < 0.01 else " "
    return separator.join([
        client, "-", user,
        f"[{day:02}/{MONTHS[month - 1]}/{year}:{hour:02}:{minute:02}:{second:02}", f"{zone}]",
        f'"{method}', _target(rng, template), f'{protocol}"', str(status), size, seconds,
    ])


def malformed_line(rng: random.Random, good: str) -> str:
    """A line the report must count as malformed (or, for a cut line, sometimes still read)."""
    kind = rng.randrange(9)
    fields = good.split()
    if kind == 0:  # cut short, as when the server died while writing it
        return good[: rng.randint(1, len(good) - 1)]
    if kind == 1:  # a status that is not a number
        fields[8] = rng.choice(["-", "2OO", "20", "2000", "099", "600"])
    elif kind == 2:  # a month name in another language
        fields[3] = fields[3].replace(fields[3][4:7], rng.choice(["Dez", "Mär", "Okt", "Mai"]))
    elif kind == 3:  # the request of a client that sent garbage
        return " ".join(fields[:5] + ['"-"'] + fields[8:])
    elif kind == 4:  # an unknown method, or no quotes around the request
        fields[5] = rng.choice(['"FETCH', '"get', "GET"])
    elif kind == 5:  # seconds or size that are not numbers
        if rng.random() < 0.5:
            fields[10] = rng.choice(["-", "1", ".5", "0,153", "1e-3"])
        else:
            fields[9] = rng.choice(["12kB", "-1", "+7"])
    elif kind == 6:  # a target that is not a path, or a protocol that is not HTTP
        if rng.random() < 0.5:
            fields[6] = rng.choice(["*", "http://example.com/", "api/items"])
        else:
            fields[7] = rng.choice(['SPDY/3"', 'HTTP/1.1'])
    elif kind == 7:  # a time of the wrong shape, or one that does not exist
        if rng.random() < 0.75:
            stamp = fields[3]  # [dd/Mon/yyyy:hh:mm:ss
            fields[3] = rng.choice([
                "[" + stamp[1:4] + stamp[4:7].lower() + stamp[7:],  # dec
                "[" + str(int(stamp[1:3])) + stamp[3:],  # 8/Dec: one digit
                "[31/Apr" + stamp[7:], "[29/Feb/2026" + stamp[12:], "[32" + stamp[3:],
                "[00" + stamp[3:], stamp[:13] + "24" + stamp[15:], stamp[:16] + "60" + stamp[18:],
                stamp[:19] + "60", stamp[:8] + "0000" + stamp[12:],
            ])
        else:
            fields[4] = rng.choice(["Z]", "+00:00]", "+2400]", "-0060]", "+000]", "0000]"])
    else:  # not a request at all
        return rng.choice([
            "upstream timed out (110: Connection timed out) while reading response header",
            "2026/12/08 02:57:31 [error] 1234#0: *5 open() failed",
            "-",
            "# log rotated",
        ])
    return " ".join(fields)


def make_log(rng: random.Random, lines: int, malformed: float = 0.02, blank: float = 0.005) -> str:
    """A log of `lines` lines (and a final newline), hours apart at times, some malformed."""
    clients = [
        f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        for _ in range(60)
    ] + ["2001:db8::" + format(rng.randrange(65536), "x") for _ in range(10)]
    year, month, day = rng.randint(2019, 2027), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute, second = rng.randint(0, 14), rng.randint(0, 59), rng.randint(0, 59)
    zone = rng.choice(["+0000", "+0100", "-0500", "+0530"])
    out = []
    for _ in range(lines):
        second += rng.choice([0, 0, 0, 1])
        if rng.random() < 0.0003:
            hour += 1  # the logs cross hours now and then
        minute, second = minute + second // 60, second % 60
        hour, minute = hour + minute // 60, minute % 60
        hour = min(hour, 23)
        good = request_line(rng, clients, (day, month, year, hour, minute, second, zone))
        roll = rng.random()
        if roll < blank:
            out.append(rng.choice(["", "   "]))
        elif roll < blank + malformed:
            out.append(malformed_line(rng, good))
        else:
            out.append(good)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    # A log to profile the program on (book/ch6-capstone/the-profile.md):
    #     python exercises/39-log-report/python/tests/log_samples.py access.log 100000
    import sys

    out, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(out, "w", encoding="utf-8") as log:
        log.write(make_log(random.Random(seed), count))
