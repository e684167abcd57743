"""What machine the numbers come from: pyperf's metadata (CPU model, cores, OS, Python, load)
plus what pyperf does not know (rustc, maturin, grpcio). One short line of it goes on every
figure; the report lists all of it."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess

import pyperf

# pyperf's metadata keys worth keeping in the JSON (not the host name: the JSON may be committed).
KEEP = ("cpu_model_name", "cpu_count", "cpu_affinity", "cpu_freq", "cpu_config", "platform",
        "python_implementation", "python_version", "python_compiler", "load_avg_1min", "date",
        "boot_time", "mem_max_rss")


def collect(maturin: str) -> dict:
    """Machine metadata: pyperf's, less the host name, plus the Rust side's versions."""
    run = pyperf.Run([1.0], collect_metadata=True)  # a throwaway run, for pyperf's collector
    meta = {k: v for k, v in run.get_metadata().items() if k in KEEP}
    meta.setdefault("cpu_model_name", platform.processor() or platform.machine())
    meta.setdefault("cpu_count", os.cpu_count() or 1)
    meta["usable_cores"] = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else meta["cpu_count"]
    meta["rustc_version"] = _first_line(["rustc", "-V"])
    meta["maturin_version"] = _first_line([maturin, "--version"])
    import grpc

    meta["grpcio_version"] = grpc.__version__
    meta["pyperf_version"] = pyperf.__version__
    if hasattr(os, "getloadavg"):
        meta["load_avg_start"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    now = datetime.datetime.now(datetime.timezone.utc)
    meta["date"] = now.replace(tzinfo=None).isoformat(" ", "seconds")  # the form pyperf reads back
    meta["date_utc"] = now.strftime("%Y-%m-%d %H:%M UTC")
    return meta


def _first_line(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return "not found"
    return (out.strip().splitlines() or ["?"])[0]


def short_cpu(meta: dict) -> str:
    name = " ".join(str(meta["cpu_model_name"]).replace("(R)", "").replace("(TM)", "").split())
    return name


def one_line(meta: dict) -> str:
    """For a figure's footer: CPU, cores, OS, Python, rustc, date."""
    rustc = meta["rustc_version"].split(" (")[0]
    system = platform.system() or meta.get("platform", "")
    release = platform.release().split("-")[0]
    return (f"{short_cpu(meta)}, {meta['cpu_count']} cores · {system} {release} · "
            f"{meta.get('python_implementation', 'cpython').replace('cpython', 'CPython')} "
            f"{meta['python_version'].split(' ')[0]} · {rustc} · {meta['date_utc']}")


def markdown(meta: dict) -> list[str]:
    rustc = meta["rustc_version"]
    return [
        f"- CPU: {meta['cpu_model_name']}, {meta['cpu_count']} logical cores "
        f"({meta['usable_cores']} usable by this process)",
        f"- OS: {meta.get('platform', platform.platform())}",
        f"- Python {meta['python_version']} ({meta.get('python_implementation', '?')}), "
        f"grpcio {meta['grpcio_version']}, {meta['maturin_version']}, pyperf {meta['pyperf_version']}",
        f"- {rustc}, release builds (debug only where the table says so)",
        f"- date: {meta['date_utc']}",
        f"- load average at the start (1, 5, 15 min): {meta.get('load_avg_start', 'n/a')}",
    ]
