"""A report on a web server's access log. See report.py, and `python -m log_report --help`."""

from .report import main

__all__ = ["main"]
