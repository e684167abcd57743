"""Hidden tests: logs drawn from the seed the instructor sets (OXIDIZE_SEED), of sizes and
shares of malformed lines the visible tests do not try, so that a tally shaped to the visible
logs fails. The same checks as the visible tests: the Rust tally line for line, and the report
to the byte, as text and as JSON."""

import os
import sys

import pytest


@pytest.fixture
def checks(exercise_dir):
    """The visible tests' helpers (python/tests/ of the exercise), imported once it is built."""
    sys.path.insert(0, os.path.join(exercise_dir, "python", "tests"))
    import log_samples
    import report_check

    yield log_samples, report_check


def test_tallies_and_reports_seeded_logs_as_the_original_does(rng, checks, tmp_path):
    log_samples, report_check = checks
    logs = []
    for number in range(3):
        text = log_samples.make_log(
            rng, rng.randint(1, 2500), malformed=rng.uniform(0, 0.5), blank=rng.uniform(0, 0.1)
        )
        report_check.check_tally(text)
        name = f"access.log.{number}" + (".gz" if rng.random() < 0.5 else "")
        logs.append(report_check.write_log(tmp_path, name, text))
    report_check.check_report(logs, "--top", str(rng.randint(1, 15)))
    report_check.check_report(logs, "--json", "--slow-min", str(rng.randint(1, 50)))
