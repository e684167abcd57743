#!/usr/bin/env python3
"""The book's teaching order, checked against what the exercises use.

For each exercise of course.toml, in course order, this lists the Rust features (from FEATURES,
below) that its solution (solutions/NN-id/src/) and its given code (exercises/NN-id/src/) use,
and reports every feature whose page comes after the exercise's own page in the book's order
(book/SUMMARY.md), or that no page teaches. It exits 1 if there is any. Run it from anywhere,
with Python 3.9 or later and nothing else:

    python3 book/preprocessor/teaching_order.py            # every exercise, then the problems
    python3 book/preprocessor/teaching_order.py --quiet    # the problems only

The book's test (book/preprocessor/tests/book.rs) runs it with --quiet.

FEATURES is curated by hand: a regular expression for the code, and the page that teaches the
feature, found by reading the book. Comments and the text of string literals are blanked out
before the code is searched, so a `todo!("use HashMap::entry")` is not a use. The page must
still show the feature (its own pattern, or `shown` where the page says it in other words), so
a page that stops teaching it is reported too. When you teach a feature on another page, move
an exercise, or use something new in a solution, update the table.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"


@dataclass(frozen=True)
class Feature:
    """A Rust feature the course teaches."""

    name: str
    # Searched in the exercise's code, comments and string contents blanked out.
    pattern: str
    # The page that teaches it (relative to book/), or None while no page does.
    page: str | None
    # What the page must contain to count as teaching it; the pattern itself when None.
    shown: str | None = None


CH1, CH2, CH3, CH4, CH5 = (
    "ch1-ownership/",
    "ch2-ffi/",
    "ch3-pyo3/",
    "ch4-grpc/",
    "ch5-performance/",
)

FEATURES = [
    # Chapter 1: the language.
    Feature("closures |x| ...", r"[(,=]\s*(?:move\s+)?\|", CH1 + "rust-for-python.md", r"\|x: i32\| x \* 2"),
    Feature("HashMap", r"\bHashMap\b", CH1 + "rust-for-python.md"),
    Feature("if let", r"\bif\s+let\b", CH1 + "rust-for-python.md"),
    Feature("#[derive(...)]", r"#\[derive\(", CH1 + "rust-for-python.md", r"#\[derive\(Debug\)\]"),
    Feature("Default", r"\bDefault\b", CH1 + "rust-for-python.md", r"\| `Default`"),
    Feature("? (pass the error on)", r"[\w)\]]\?(?!Sized)", CH1 + "rust-for-python.md", r"`Result` and `\?`"),
    Feature("HashMap::entry", r"\.entry\(", CH1 + "rust-for-python.md"),
    Feature("sort_by with a comparison", r"\.sort_by\(", CH1 + "rust-for-python.md"),
    Feature("Ordering::then / then_with", r"\.then(?:_with)?\(", CH1 + "rust-for-python.md"),
    Feature("impl Drop", r"\bimpl\s+Drop\s+for\b", CH1 + "why-no-gc.md"),
    Feature("Arc", r"\bArc\b", CH1 + "why-no-gc.md"),
    Feature("slices &s[a..b]", r"&[\w.]+\[[^\]\n]*\.\.", CH1 + "borrowing.md", r"## Slices"),
    Feature("lifetime parameters <'a>", r"<'(?!_\b|static\b)[a-z]\w*", CH1 + "lifetimes.md"),
    Feature("elided lifetime '_", r"'_(?![\w'])", CH1 + "lifetimes.md"),
    Feature("impl Display", r"\bimpl\s+(?:(?:std::)?fmt::)?Display\s+for\b", CH1 + "results.md"),
    Feature("impl Error", r"\bimpl\s+(?:std::)?(?:error::)?Error\s+for\b", CH1 + "results.md"),
    Feature("ok_or / map_err", r"\.(?:ok_or|ok_or_else|map_err)\(", CH1 + "results.md"),
    Feature("Box<dyn Trait>", r"\bBox<dyn\b", CH1 + "results.md"),
    Feature("impl Iterator for", r"\bimpl\s+Iterator\s+for\b", CH1 + "iterators.md"),
    Feature("move closures", r"\bmove\s*\|", CH1 + "iterators.md"),
    Feature("impl Trait arguments and results", r"(?:->|:)\s*impl\s+\w", CH1 + "iterators.md", r"impl Iterator<Item"),
    Feature("generic bounds <T: Trait>", r"<\s*[A-Z]\w*\s*:\s*[A-Z?]", CH1 + "traits.md"),
    Feature("where clauses", r"\bwhere\s+[A-Z]\w*\s*:", CH1 + "traits.md", r"`where` clause"),
    Feature("impl Ord / PartialOrd", r"\bimpl\s+(?:Partial)?Ord\s+for\b", CH1 + "traits.md"),
    Feature("impl From", r"\bimpl\s+From<", CH1 + "traits.md"),
    # Chapter 2: the C ABI.
    Feature('extern "C"', r'\bextern\s+"', CH2 + "c-abi.md", r'extern "C"'),
    Feature("#[unsafe(no_mangle)]", r"#\[unsafe\(no_mangle\)\]", CH2 + "c-abi.md"),
    Feature("#[repr(C)]", r"#\[repr\(C\)\]", CH2 + "c-abi.md"),
    Feature("raw pointers *const / *mut", r"\*(?:const|mut)\s+\w", CH2 + "pointers.md"),
    Feature("unsafe blocks", r"\bunsafe\s*\{", CH2 + "pointers.md"),
    Feature("unsafe fn", r"\bunsafe\s+(?:extern\s+\"\"\s+)?fn\b", CH2 + "pointers.md", r'unsafe extern "C" fn'),
    Feature("is_null", r"\.is_null\(\)", CH2 + "pointers.md"),
    Feature("slice::from_raw_parts", r"\bfrom_raw_parts(?:_mut)?\(", CH2 + "pointers.md"),
    Feature("CStr", r"\bCStr\b", CH2 + "strings.md"),
    Feature("CString", r"\bCString\b", CH2 + "strings.md"),
    Feature("ptr::null_mut", r"\bnull_mut\(\)", CH2 + "strings.md"),
    Feature("static items", r"(?m)^\s*(?:pub\s+)?static\s+[A-Z_]", CH2 + "strings.md", r"A `static` is"),
    Feature("atomics", r"\bAtomic(?:Bool|[IU](?:8|16|32|64|size))\b", CH2 + "strings.md", r"AtomicI64"),
    Feature("catch_unwind", r"\bcatch_unwind\b", CH2 + "panics.md"),
    Feature("Box::into_raw / Box::from_raw", r"\bBox::(?:into|from)_raw\b", CH2 + "handles.md"),
    Feature('extern "C" fn pointers', r'\bextern\s+""\s+fn\s*\(', CH2 + "callbacks.md", r'extern "C" fn\('),
    Feature("c_void", r"\bc_void\b", CH2 + "callbacks.md"),
    Feature("let ... else", r"(?<!if\s)(?<!while\s)\blet\s+[A-Z][\w:]*\s*\([^;{}]*\)\s*=[^;{}]*\belse\s*\{", CH2 + "callbacks.md", r"### `let \.\.\. else`"),
    # Chapter 3: PyO3.
    Feature("#[pyfunction]", r"#\[pyfunction\b", CH3 + "pyfunction.md"),
    Feature("#[pymodule] and #[pymodule_export]", r"#\[pymodule_export\]", CH3 + "pyfunction.md"),
    Feature("#[pyo3(signature = ...)]", r"#\[pyo3\(signature\b", CH3 + "pyfunction.md"),
    Feature("Bound<'py, T>", r"\bBound<", CH3 + "conversions.md"),
    Feature("#[pyclass]", r"#\[pyclass\b", CH3 + "pyclass.md"),
    Feature("#[pymethods]", r"#\[pymethods\]", CH3 + "pyclass.md"),
    Feature("#[new]", r"#\[new\]", CH3 + "pyclass.md"),
    Feature("#[getter] / #[setter]", r"#\[(?:getter|setter)\b", CH3 + "pyclass.md"),
    Feature("#[staticmethod]", r"#\[staticmethod\]", CH3 + "pyclass.md"),
    Feature("PyResult and PyValueError::new_err", r"\bnew_err\(", CH3 + "pyclass.md"),
    Feature("#[pyclass(eq, ord, hash, frozen)]", r"#\[pyclass\([^\]]*\b(?:eq|ord|hash|frozen)\b", CH3 + "protocols.md"),
    Feature("operator dunders (__add__, __repr__ ...)", r"\bfn\s+__(?:repr|str|add|sub|mul|rmul|radd|truediv|neg)__\b", CH3 + "protocols.md"),
    Feature("impl From<E> for PyErr", r"\bimpl\s+From<[^>]*>\s+for\s+PyErr\b", CH3 + "protocols.md", r"From<\.\.\.> for PyErr"),
    Feature(".extract()", r"\.extract(?:::<[^>]*>)?\(", CH3 + "protocols.md"),
    Feature("PyRef", r"\bPyRef(?:Mut)?<", CH3 + "protocols.md"),
    Feature("create_exception!", r"\bcreate_exception!", CH3 + "errors.md"),
    Feature("#[pyclass(subclass)] / extends", r"#\[pyclass\([^\]]*\b(?:subclass|extends)\b", CH3 + "inheritance.md"),
    Feature("PyClassInitializer", r"\bPyClassInitializer\b", CH3 + "inheritance.md"),
    Feature("as_super", r"\.as_super\(\)", CH3 + "inheritance.md"),
    Feature("call_method1", r"\.call_method[01]?\(", CH3 + "inheritance.md"),
    Feature("__iter__ / __next__", r"\bfn\s+__(?:iter|next)__\b", CH3 + "iterators.md"),
    Feature("calling a Python callable: call1", r"\.call[01]?\(", CH3 + "callbacks.md"),
    Feature("Py<T> and .bind(py)", r"\bPy<", CH3 + "callbacks.md"),
    Feature("clone_ref", r"\.clone_ref\(", CH3 + "callbacks.md"),
    Feature("__call__ / __len__", r"\bfn\s+__(?:call|len)__\b", CH3 + "pyclass.md", r"`__len__`"),
    Feature(".unbind()", r"\.unbind\(\)", CH3 + "callbacks.md"),
    Feature("py.detach", r"\.detach\(", CH3 + "handles.md", r"`py\.detach\(\|\| \.\.\.\)` runs a closure"),
    Feature("Python::attach", r"\bPython::attach\(", CH3 + "error-chains.md"),
    Feature("NumPy arrays: PyReadonlyArray, into_pyarray", r"\bPy(?:Readonly|Readwrite)Array\d|\binto_pyarray\(", CH3 + "numpy.md", r"PyReadonlyArray"),
    Feature("Mutex", r"\bMutex\b", CH3 + "ex-release-the-gil.md", r"A `Mutex<bool>`"),
    Feature("Condvar", r"\bCondvar\b", CH3 + "ex-release-the-gil.md", r"A `Condvar`"),
    Feature("async fn and .await", r"\basync\s+fn\b|\.await\b", CH3 + "async.md", r"\.await"),
    Feature("async move blocks", r"\basync\s+move\b", CH3 + "async.md"),
    Feature("future_into_py", r"\bfuture_into_py\(", CH3 + "async.md"),
    Feature("tokio::time::timeout", r"\btime::timeout\(", CH3 + "ex-py-async.md", r"tokio::time::timeout"),
    Feature("#[pymodule_init]", r"#\[pymodule_init\]", CH3 + "error-chains.md"),
    Feature("#[pymodule(gil_used = false)]", r"\bgil_used\s*=", CH3 + "free-threading.md"),
    Feature("env!", r"\benv!\(", CH3 + "wheels.md"),
    # Chapter 4: tokio and tonic.
    Feature("#[tokio::main]", r"#\[tokio::main\]", CH4 + "tonic.md"),
    Feature("#[tonic::async_trait]", r"#\[tonic::async_trait\]", CH4 + "tonic.md"),
    Feature("Request / Response::new", r"\bResponse::new\(", CH4 + "tonic.md"),
    Feature("spawn_blocking", r"\bspawn_blocking\(", CH4 + "tonic.md", r"spawn_blocking"),
    Feature("tokio::spawn", r"\btokio::spawn\(", CH4 + "tasks-and-channels.md"),
    Feature("mpsc channels", r"\bmpsc::(?:channel|Sender|Receiver)\b", CH4 + "tasks-and-channels.md"),
    Feature("JoinHandle", r"\bJoinHandle\b", CH4 + "tasks-and-channels.md"),
    Feature("while let", r"\bwhile\s+let\b", CH4 + "tasks-and-channels.md"),
    Feature("'static", r"'static\b", CH3 + "error-chains.md"),
    Feature("include_proto!", r"\binclude_proto!", CH4 + "codegen.md"),
    Feature("Status codes: Status::not_found ...", r"\bStatus::(?:invalid_argument|not_found|unauthenticated|out_of_range|internal|unavailable|permission_denied|deadline_exceeded)\(", CH4 + "status-codes.md", r"Status::not_found"),
    Feature("impl From<E> for Status", r"\bimpl\s+From<[^>]*>\s+for\s+Status\b", CH4 + "status-codes.md"),
    Feature("ReceiverStream", r"\bReceiverStream\b", CH4 + "streaming.md"),
    Feature("tokio::select!", r"\bselect!", CH4 + "streaming.md", r"tokio::select!"),
    Feature("tokio::time::sleep", r"\btime::sleep\(", CH4 + "streaming.md"),
    Feature("Streaming<T> and StreamExt", r"\bStreaming<|\bStreamExt\b", CH4 + "client-streaming.md", r"StreamExt"),
    Feature("Interceptor", r"\bInterceptor\b", CH4 + "metadata.md"),
    Feature("metadata()", r"\.metadata(?:_mut)?\(\)", CH4 + "metadata.md"),
    # Chapter 5: performance.
    Feature("std::mem::swap", r"\bmem::swap\(", CH5 + "ex-hot-loop.md", r"mem::swap"),
    Feature("&[u8] borrowed from bytes", r":\s*&\[u8\]", CH5 + "zero-copy.md", r"&\[u8\]"),
    Feature("#[global_allocator]", r"#\[global_allocator\]", CH5 + "zero-copy.md"),
    Feature("rayon par_iter", r"\b(?:into_)?par_iter(?:_mut)?\(", CH5 + "rayon.md"),
    Feature("rayon ThreadPoolBuilder", r"\bThreadPoolBuilder\b", CH5 + "rayon.md"),
    Feature("OnceLock", r"\bOnceLock\b", CH5 + "rayon.md"),
]

# Line and block comments, raw and plain string literals (b"", c"" too), and char literals;
# a lifetime ('a) is left alone, as it has no closing quote.
_TOKENS = re.compile(
    r"""
      (?P<comment>//[^\n]*|/\*.*?\*/)
    | (?P<raw>(?<!\w)[bc]?r(?P<hashes>\#*)".*?"(?P=hashes))
    | (?P<string>(?<!\w)[bc]?"(?:[^"\\]|\\.)*")
    | (?P<char>'(?:[^'\\\n]|\\(?:u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}|.))')
    """,
    re.S | re.X,
)


def blank(source: str) -> str:
    """The Rust source with comments, string contents and char literals blanked out, and every
    newline kept, so that line numbers stay right."""

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        newlines = "\n" * text.count("\n")
        if match.group("comment") is not None:
            return " " + newlines
        if match.group("char") is not None:
            return "' '"
        opening = text[: text.index('"') + 1]
        closing = text[text.rindex('"') :]
        return opening + newlines + closing

    return _TOKENS.sub(replace, source)


@dataclass
class Exercise:
    number: int
    id: str
    path: str


def exercises() -> list[Exercise]:
    """course.toml's exercises, in course order."""
    text = (ROOT / "course.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ImportError:  # Python before 3.11: the two keys needed, read line by line
        found, current = [], {}
        for line in text.splitlines():
            if line.strip() == "[[exercises]]":
                current = {}
                found.append(current)
            elif found and (m := re.match(r'(id|path) = "([^"]*)"\s*$', line)):
                current.setdefault(m.group(1), m.group(2))
    else:
        found = tomllib.loads(text)["exercises"]
    return [Exercise(n, e["id"], e["path"]) for n, e in enumerate(found, start=1)]


def book_order() -> list[str]:
    """Every page of SUMMARY.md, in the book's order, relative to book/."""
    summary = (BOOK / "SUMMARY.md").read_text(encoding="utf-8")
    return re.findall(r"\]\(([^)\s]+\.md)\)", summary)


@dataclass
class Use:
    feature: Feature
    where: str  # path:line of the first use
    given: bool  # in the starter code the learner is handed, not only in the solution


def uses(exercise: Exercise) -> list[Use]:
    """The features the exercise's solution and given code use, in FEATURES's order."""
    folder = Path(exercise.path).name
    sources = []
    for base, given in ((Path(exercise.path), True), (Path("solutions") / folder, False)):
        for file in sorted((ROOT / base / "src").rglob("*.rs")):
            code = blank(file.read_text(encoding="utf-8"))
            sources.append((file.relative_to(ROOT).as_posix(), code, given))
    found = []
    for feature in FEATURES:
        hits = [
            (f"{name}:{code.count(chr(10), 0, m.start()) + 1}", given)
            for name, code, given in sources
            if (m := re.search(feature.pattern, code))
        ]
        if hits:
            # Given code is named where the learner reads it, in the exercise's own src/.
            given = any(given for _, given in hits)
            where = next(w for w, g in hits if g == given)
            found.append(Use(feature, where, given))
    return found


def table_problems(order: list[str]) -> list[str]:
    """Entries of FEATURES whose page is not in the book, or no longer shows the feature."""
    problems = []
    for feature in FEATURES:
        if feature.page is None:
            continue
        if feature.page not in order:
            problems.append(f"{feature.name}: its page {feature.page} is not in SUMMARY.md")
            continue
        text = (BOOK / feature.page).read_text(encoding="utf-8")
        if not re.search(feature.shown or feature.pattern, text):
            problems.append(
                f"{feature.name}: {feature.page} does not show it "
                f"(looked for /{feature.shown or feature.pattern}/)"
            )
    return problems


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="print the problems only")
    args = parser.parse_args()

    order = book_order()
    position = {page: index for index, page in enumerate(order)}
    problems = table_problems(order)
    used = set()
    for exercise in exercises():
        page = next((p for p in order if Path(p).name == f"ex-{exercise.id}.md"), None)
        if page is None:
            problems.append(f"{exercise.id}: no page ex-{exercise.id}.md in SUMMARY.md")
            continue
        found = uses(exercise)
        used.update(use.feature.name for use in found)
        if not args.quiet:
            names = ", ".join(use.feature.name for use in found) or "(none of the table)"
            print(f"{exercise.number:2} {exercise.id} ({page}): {names}")
        for use in found:
            taught = use.feature.page
            if taught is not None and taught not in position:
                continue  # reported with the table's problems
            if taught is not None and position[taught] <= position[page]:
                continue
            when = (
                "no page teaches it"
                if taught is None
                else f"taught in {taught}, {plural(position[taught] - position[page], 'page')} later"
            )
            kind = "given code" if use.given else "solution"
            problems.append(
                f"{exercise.id} (exercise {exercise.number}, {page}) uses {use.feature.name} "
                f"at {use.where} ({kind}): {when}"
            )
    unused = [f.name for f in FEATURES if f.name not in used]
    if unused and not args.quiet:
        print(f"\nIn the table, used by no exercise: {', '.join(unused)}")
    if problems:
        print(f"\n{plural(len(problems), 'problem')} with the teaching order:")
        for problem in problems:
            print(f"- {problem}")
        return 1
    if not args.quiet:
        print(f"\nEvery feature is taught before the first exercise that uses it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
