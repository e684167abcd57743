"""The program's own tests, as its authors wrote them: they came with log_report, they pass
before you change it, and they must pass after. The checker does not grade them (they pass
before you start); run them yourself, from the course's root, once a check has installed the
package into the course's venv:

    .venv/bin/python -m pytest -p no:cacheprovider exercises/39-log-report/python/program
"""

import io
import json

from log_report import report

LINE = '203.0.113.9 - - [08/Dec/2026:02:57:31 +0100] "GET /api/items/42?page=2 HTTP/1.1" 200 512 0.153'


def test_parse_line_reads_the_fields_the_report_needs():
    assert report.parse_line(LINE) == report.Request(
        "203.0.113.9", "2026-12-08 02:00", "GET /api/items/:id", 200, 512, 0.153
    )


def test_parse_line_rejects_a_line_of_another_shape():
    assert report.parse_line("upstream timed out") is None
    assert report.parse_line(LINE.replace("Dec", "Dez")) is None
    assert report.parse_line(LINE.replace(" 200 ", " 2OO ")) is None


def test_endpoints_group_ids_and_drop_query_strings():
    assert report.endpoint_of("GET", "/a/1/b/22/?x=3") == "GET /a/:id/b/:id/"
    assert report.endpoint_of("GET", "/v2/x") == "GET /v2/x"


def test_percentile_is_the_nearest_rank():
    ordered = [float(n) for n in range(1, 101)]
    assert report.percentile(ordered, 50) == 50.0
    assert report.percentile(ordered, 99) == 99.0
    assert report.percentile([7.0], 95) == 7.0


def test_equal_counts_are_ranked_by_name():
    assert report.by_count({"b": 2, "a": 2, "c": 5}, 2) == [("c", 5), ("a", 2)]


def test_merge_adds_two_tallies():
    first, second = report.tally_lines([LINE]), report.tally_lines([LINE, "junk"])
    first.merge(second)
    assert (first.requests, first.malformed) == (2, 1)
    assert first.seconds == {"GET /api/items/:id": [0.153, 0.153]}


def test_the_report_and_its_json_from_the_command_line(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(LINE + "\n" + LINE.replace(" 200 ", " 503 ") + "\n\nnot a request\n")
    out = io.StringIO()
    assert report.main([str(log)], out=out) == 0
    assert out.getvalue().startswith(
        "Access log report: 1 file(s), 2 requests, 1 malformed lines skipped\n"
        "Period: 2026-12-08 02:00 to 2026-12-08 02:00\n"
    )
    out = io.StringIO()
    assert report.main([str(log), "--json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["status_classes"] == {"2xx": 1, "5xx": 1}
    assert data["busiest"][0]["errors"] == 1


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path, capsys):
    assert report.main([str(tmp_path / "nope.log")], out=io.StringIO()) == 2
    assert "cannot read" in capsys.readouterr().err
