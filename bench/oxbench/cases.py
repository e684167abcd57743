"""What the benchmark compares, section by section, for the bridges of chapters 1-4.

Each section is a list of comparisons; each comparison is timed in interleaved rounds (see
`timing`), its first variant the baseline. Before anything is timed, each bridge is checked to
give the same answer as pure Python: a fast wrong answer is easy to produce.
"""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import dataclass, field
from ctypes import c_double

from . import reference as ref
from .bridges import Bridges, cli
from .timing import Comparison, RemoteTimer, Variant


@dataclass
class Inputs:
    """The data every case works on, made once."""

    text: str  # about 3 MB (1 MB with --quick) of English-like text
    batch: int  # items in the batching section
    words: list[str] = field(init=False)
    lines: list[str] = field(init=False)  # 10,000 short lines of three words

    def __post_init__(self):
        self.words = self.text.split()
        self.lines = [" ".join(self.words[i : i + 3]) for i in range(0, 30_000, 3)]

    @property
    def mb(self) -> str:
        return f"{len(self.text) / 1e6:.1f} MB"


@dataclass
class Section:
    key: str  # also the file name of its table (measured/<key>.md)
    title: str
    intro: str
    comparisons: list[Comparison]
    ratio_header: str = ""


def agree(checks: list[tuple[object, object]]) -> None:
    for got, expected in checks:
        if got != expected:
            sys.exit(f"a bridge disagrees with pure Python: {got!r} != {expected!r}")


def namespace(b: Bridges, inputs: Inputs, **more) -> dict:
    ns = dict(vars(ref), b=b, cli=cli, exe=b.first_word, tally=b.word_tally, count=b.count,
              numbers=b.numbers, numbers_gil=b.numbers_gil, shout=b.shout, stats_lib=b.stats_lib,
              text=inputs.text, lines=inputs.lines, c_double=c_double, gcd=math.gcd,
              subprocess=subprocess, python=sys.executable)
    ns.update(b.modules)
    ns.update(more)
    return ns


def V(label: str, stmt: str, ns: dict, per: int = 1) -> Variant:
    return Variant(label, stmt, ns, per=per)


def cost_per_call(b: Bridges, inputs: Inputs) -> Section:
    m = b.modules
    short = "the quick brown fox"
    batch_input = "\n".join(inputs.lines) + "\n"
    rs, ps = m["running_stats"].RunningStats(), ref.PyRunningStats()
    rs.extend([1.0, 2.0, 3.5])
    ps.extend([1.0, 2.0, 3.5])
    agree([
        (b.numbers.oxi_gcd(12, 18), ref.py_gcd(12, 18)),
        (b.shout("hello"), "HELLO!"),
        (m["durations"].parse_duration("1h30m"), ref.py_parse_duration("1h30m")),
        (m["word_tools"].word_counts("the Cat the"), ref.py_word_counts("the Cat the")),
        (rs.mean(), ps.mean()),
        (b.count(short), ref.py_wc(short)),
        (cli(b.first_word, "hello world\n"), "hello\n"),
        (cli(b.first_word, batch_input).splitlines(), [ref.py_first_word(l) for l in inputs.lines]),
    ])
    ns = namespace(b, inputs, short=short, batch_input=batch_input, rs=rs, ps=ps)
    n = len(inputs.lines)
    py = "pure Python"
    return Section("cost-per-call", "One small call through each bridge",
        "The work is tiny on purpose, so what the bridge's row shows is mostly the bridge. "
        "The ratio: how many times longer the call through the bridge takes than the same work "
        "in pure Python, timed in the same rounds (below 1×: the bridge wins).",
        [
            Comparison("call/noop", "a Python function call (the yardstick)",
                       [V(f"{py}: `noop()`", "noop()", ns)]),
            Comparison("call/process", "first word of one line", [
                V(f"{py}: `line.partition(' ')[0]`", "py_first_word('hello world')", ns),
                V("a process per call (ch. 1): `first-word`", "cli(exe, 'hello world\\n')", ns)], clock="wall"),
            Comparison("call/process-batch", f"first word of {n:,} lines, per line", [
                V(f"{py}: a list comprehension", "[py_first_word(l) for l in lines]", ns, per=n),
                V(f"one process (ch. 1): `first-word` with {n:,} lines", "cli(exe, batch_input)", ns, per=n)], clock="wall"),
            Comparison("call/ctypes-gcd", "`gcd(12, 18)`", [
                V(f"{py}: `py_gcd(12, 18)`", "py_gcd(12, 18)", ns),
                V("C ABI, ctypes (ch. 2): `oxi_gcd(12, 18)`", "numbers.oxi_gcd(12, 18)", ns)]),
            Comparison("call/ctypes-shout", "`shout('hello')`, a string each way", [
                V(f"{py}: `'hello'.upper() + '!'`", "'hello'.upper() + '!'", ns),
                V("C ABI, ctypes (ch. 2): `oxi_shout`, `string_at`, `oxi_string_free`", "shout('hello')", ns)]),
            Comparison("call/pyo3-duration", "`parse_duration('1h30m')`", [
                V(f"{py}: `py_parse_duration('1h30m')`", "py_parse_duration('1h30m')", ns),
                V("PyO3 (ch. 3): `durations.parse_duration('1h30m')`", "durations.parse_duration('1h30m')", ns)]),
            Comparison("call/pyo3-word-counts", "`word_counts('the cat the')`, a dict back", [
                V(f"{py}: `py_word_counts('the cat the')`", "py_word_counts('the cat the')", ns),
                V("PyO3 (ch. 3): `word_tools.word_counts('the cat the')`", "word_tools.word_counts('the cat the')", ns)]),
            Comparison("call/pyo3-method", "`stats.mean()`, a method", [
                V(f"{py}: a class with `__slots__`", "ps.mean()", ns),
                V("PyO3 (ch. 3): `RunningStats.mean()`", "rs.mean()", ns)]),
            Comparison("call/grpc", "`Count('the quick brown fox')`", [
                V(f"{py}: `py_wc(short)`", "py_wc(short)", ns),
                V("gRPC unary on loopback (ch. 4): `stub.Count`", "count(short)", ns)], clock="wall"),
        ], "÷ pure Python")


def anatomy(b: Bridges, inputs: Inputs) -> Section:
    pb2 = b.pb2
    values = [float((i * 7919) % 10007) for i in range(1000)]
    few = ["ab", "abc", "abcd"]
    ns = namespace(b, inputs, request=pb2.CountRequest(text="the quick brown fox"),
                   reply_bytes=pb2.CountReply(lines=1, words=4, chars=19).SerializeToString(),
                   CountReply=pb2.CountReply, values=values, array=(c_double * 1000)(*values),
                   **{f"words_{n}": (few * n)[:n] for n in (10, 1_000, 100_000)})
    agree([(b.modules["word_tools"].first_longer_than(ns["words_1000"], 2), "abc")])
    comparisons = [
        Comparison("anatomy/ctypes-gil", "`oxi_gcd(0, 0)`: a C call with no work", [
            V("ctypes `CDLL`: lets go of the GIL and takes it back", "numbers.oxi_gcd(0, 0)", ns),
            V("ctypes `PyDLL`: keeps the GIL", "numbers_gil.oxi_gcd(0, 0)", ns)]),
        Comparison("anatomy/pyo3-empty", "`word_counts('')`: no work, an empty dict back", [
            V("pure Python: `py_word_counts('')`", "py_word_counts('')", ns),
            V("PyO3: `word_tools.word_counts('')`", "word_tools.word_counts('')", ns)]),
        Comparison("anatomy/grpc", "a gRPC call with no work, and its protobuf", [
            V("gRPC: `Count('')`", "count('')", ns),
            V("protobuf: encode the request, in Python", "request.SerializeToString()", ns),
            V("protobuf: decode the reply, in Python", "CountReply.FromString(reply_bytes)", ns)], clock="wall"),
        Comparison("anatomy/process-start", "start a program with empty input and wait for it", [
            V("the `first-word` program (Rust, release)", "cli(exe, '')", ns),
            V("a Python interpreter (`python -c pass`)", "subprocess.run([python, '-c', 'pass'], check=True)", ns)], clock="wall"),
    ]
    for n in (10, 1_000, 100_000):
        comparisons.append(Comparison(
            f"anatomy/first-longer-than-{n}", f"`first_longer_than(words, 2)`, {n:,} words, the answer the 2nd", [
                V("pure Python: stops at the answer", f"py_first_longer_than(words_{n}, 2)", ns),
                V("PyO3: the list copied into a `Vec<String>` first", f"word_tools.first_longer_than(words_{n}, 2)", ns)]))
    comparisons.append(Comparison("anatomy/ctypes-array", "count, mean, min, max of 1,000 floats", [
        V("pure Python: `len`, `sum`, `min`, `max` of the list",
          "(len(values), sum(values) / len(values), min(values), max(values))", ns),
        V("ctypes: copy the list into a `double[1000]`", "(c_double * 1000)(*values)", ns),
        V("ctypes: `oxi_stats` on that ready array", "stats_lib.oxi_stats(array, 1000)", ns)]))
    return Section("anatomy", "What the cost is made of", "The ratio is against each comparison's first row.",
                   comparisons, "÷ the first row")


def real_work(b: Bridges, inputs: Inputs) -> Section:
    text, wt = inputs.text, b.modules["word_tools"]
    agree([
        (wt.word_counts(text), ref.py_word_counts(text)),
        (dict(ref.py_word_counts_counter(text)), ref.py_word_counts(text)),
        (cli(b.word_tally, text), ref.py_tally_lines(text)),
        (b.count(text), ref.py_wc(text)),
    ])
    ns = namespace(b, inputs)
    return Section("real-work", f"Real work: {inputs.mb} of text ({len(inputs.words):,} words) in one call",
        "Speed-up: the pure-Python time divided by the other's, round by round.", [
            Comparison("work/word-counts", "word counts, lower-cased (→ dict)", [
                V("pure Python: `Counter(text.lower().split())`", "py_word_counts_counter(text)", ns),
                V("pure Python: a loop with `dict.get`", "py_word_counts(text)", ns),
                V("PyO3 (ch. 3): `word_counts`", "word_tools.word_counts(text)", ns)], "speedup"),
            Comparison("work/tally", "word tally, sorted (→ text)", [
                V("pure Python: `Counter` and `sorted`", "py_tally_lines(text)", ns),
                V("a process (ch. 1): `word-tally`", "cli(tally, text)", ns)], "speedup", clock="wall"),
            Comparison("work/wc", "lines, words, chars (→ 3 ints)", [
                V("pure Python: `splitlines`, `split`, `len`", "py_wc(text)", ns),
                V("gRPC (ch. 4): `Count`", "count(text)", ns)], "speedup", clock="wall"),
        ], "speed-up")


def crossover(b: Bridges, inputs: Inputs) -> list[Section]:
    words = []
    texts = {f"text_{n}": " ".join(inputs.words[:n]) for n in (1, 10, 100, 1_000, 10_000, 100_000)}
    ns = namespace(b, inputs, **texts)
    for n in (1, 10, 100, 1_000, 10_000, 100_000):
        words.append(Comparison(f"crossover/words-{n}", f"{n:,} word{'s' if n > 1 else ''}", [
            V("pure Python `Counter`", f"py_word_counts_counter(text_{n})", ns),
            V("pure Python loop", f"py_word_counts(text_{n})", ns),
            V("PyO3 `word_counts`", f"word_tools.word_counts(text_{n})", ns)], "speedup"))
    gcds = []
    for n in (1, 10, 30, 60, 90):
        a, c = ref.fibonacci_pair(n)
        agree([(b.numbers.oxi_gcd(a, c), ref.py_gcd(a, c)), (math.gcd(a, c), ref.py_gcd(a, c))])
        ns_n = dict(ns, a=a, c=c)
        gcds.append(Comparison(f"crossover/gcd-{n}", f"{n} Euclid step{'s' if n > 1 else ''}", [
            V("pure Python `py_gcd`", "py_gcd(a, c)", ns_n),
            V("ctypes `oxi_gcd`", "numbers.oxi_gcd(a, c)", ns_n),
            V("Python's own `math.gcd` (C)", "gcd(a, c)", ns_n)], "speedup"))
    return [
        Section("crossover-words", "Where Rust starts to win: word counts of the first n words",
                "Speed-up over `Counter`, round by round.", words, "speed-up over `Counter`"),
        Section("crossover-gcd", "Where Rust starts to win: gcd of F(n) and F(n+1)",
                "Euclid's algorithm takes n steps on two consecutive Fibonacci numbers. "
                "Speed-up over pure Python, round by round.", gcds, "speed-up over pure Python"),
    ]


def batching(b: Bridges, inputs: Inputs) -> Section:
    n = inputs.batch
    items = [float(i % 97) for i in range(n)]
    batch_lines = inputs.lines[:n]
    joined = "\n".join(batch_lines)
    stats = b.modules["running_stats"].RunningStats
    agree([(b.count(joined)[1], sum(b.count(l)[1] for l in batch_lines))])
    ns = namespace(b, inputs, items=items, batch_lines=batch_lines, joined=joined, RunningStats=stats)
    one_by_one = "s = {cls}()\nfor v in items: s.extend((v,))"
    at_once = "s = {cls}()\ns.extend(items)"
    return Section("batching", f"Batching: {n:,} items, one call each or one call for all",
        "Times per item; the speed-up is over the first row of each bridge, one call per item.", [
            Comparison("batch/pyo3", f"running statistics of {n:,} floats", [
                V(f"PyO3: `extend` {n:,} times, one number each", one_by_one.format(cls="RunningStats"), ns, per=n),
                V(f"PyO3: `extend` once, with the list of {n:,}", at_once.format(cls="RunningStats"), ns, per=n),
                V(f"pure Python class: `extend` {n:,} times", one_by_one.format(cls="PyRunningStats"), ns, per=n),
                V("pure Python class: `extend` once", at_once.format(cls="PyRunningStats"), ns, per=n)], "speedup"),
            Comparison("batch/grpc", f"lines, words, chars of {n:,} lines", [
                V(f"gRPC: `Count` {n:,} times, a line each", "for l in batch_lines: count(l)", ns, per=n),
                V(f"gRPC: `Count` once, the {n:,} lines joined", "count(joined)", ns, per=n)], "speedup", clock="wall"),
            Comparison("batch/process", f"the first word of {n:,} lines", [
                V(f"a process: `first-word` {n:,} times, a line each", "for l in batch_lines: cli(exe, l)", ns, per=n),
                V(f"a process: `first-word` once, with {n:,} lines", "cli(exe, joined)", ns, per=n)], "speedup", clock="wall"),
        ], "speed-up over one call per item")


def debug_release(b: Bridges, inputs: Inputs, text_file) -> tuple[Section, RemoteTimer]:
    text_file.write_text(inputs.text, encoding="utf-8")
    setup = (f"import sys\nsys.path.insert(0, {str(b.built.site_debug)!r})\nimport word_tools\n"
             f"assert word_tools.__file__.startswith({str(b.built.site_debug)!r})\n"
             f"text = open({str(text_file)!r}, encoding='utf-8').read()\n")
    debug = RemoteTimer(setup, "word_tools.word_counts(text)")
    ns = namespace(b, inputs)
    section = Section("debug-release", f"Debug or release: word counts of {inputs.mb}",
        "The debug build is timed in a child process of its own (both builds are `word_tools`, "
        "and a module imports once per process), in the same rounds.", [
            Comparison("build/word-counts", f"word counts of {inputs.mb}", [
                V("pure Python loop", "py_word_counts(text)", ns),
                Variant("PyO3, debug build (`maturin develop`, what the checker runs)", timer=debug),
                V("PyO3, release build (`maturin develop --release`)", "word_tools.word_counts(text)", ns),
            ], "speedup"),
        ], "speed-up over the Python loop")
    return section, debug
