"""The benchmark of chapter 5, one module per job.

- `venv`: the benchmark's own virtual environment (stdlib only; runs before anything else).
- `build`: copies the repository, lays the reference solutions over it, builds in release mode.
- `machine`: names the machine (CPU, cores, OS, Python, rustc) for the report and every figure.
- `reference`: the pure-Python side of every comparison, and the inputs.
- `bridges`: loads the four bridges (a process, ctypes, PyO3 modules, a gRPC server).
- `cases`: what is compared, section by section (cost per call, anatomy, batching, ...).
- `exercises`: the registry of per-exercise speed-ups, one entry per exercise, and the
  parallel claims with their control.
- `timing`: interleaved rounds (A B A B), ratios per round, pyperf's data model and JSON.
- `report`: Markdown tables.  `plots`: SVG figures with matplotlib.
"""
