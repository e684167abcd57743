//! The book, tested as a reader sees it: built by mdBook with the preprocessor, every internal
//! link and anchor followed, every std-only Rust snippet compiled (`mdbook test`), every page
//! opened in headless Chromium, served over HTTP under the same prefix GitHub Pages uses, and
//! nothing an exercise uses taught after it (`teaching_order.py`).
//!
//! Needs `mdbook` (0.5), `chromium` and Python 3 on PATH. Without one of them the test that
//! needs it says "skipped: ... not installed" and passes, except under `CI=true`, where it fails:
//! `.ci/run` installs mdBook and Chromium (the course needs Python anyway). Artefacts (the build,
//! screenshots of an exercise page and of a figure in dark themes) go to `target/book-test/`.
//! Nothing is downloaded while the tests run: Chromium resolves no host but 127.0.0.1, so a
//! page that contacted another server as it loads (mdBook's playground used to ask
//! play.rust-lang.org for its crates) logs a failed request, a console error here.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The path prefix of the published book (book.toml's `site-url`, a GitHub project site).
const SITE_PREFIX: &str = "/oxidize-python/";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `target/` of this build (the test binary lives in `target/debug/deps/`).
fn target_dir() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_mdbook-oxidize"));
    bin.parent().and_then(Path::parent).unwrap().to_path_buf()
}

fn artefacts() -> PathBuf {
    let dir = target_dir().join("book-test");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        let candidate = dir.join(program);
        let exe = candidate.with_extension(std::env::consts::EXE_EXTENSION);
        [candidate, exe].into_iter().find(|p| p.is_file())
    })
}

/// The tool, or `None` after saying the test is skipped; under `CI=true` a missing tool fails.
fn require(program: &str, install: &str) -> Option<PathBuf> {
    if let Some(path) = on_path(program) {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    if ci {
        panic!("{program} is not installed, and CI=true requires this test to run: {install}");
    }
    skipped(&format!("skipped: {program} not installed ({install})"));
    None
}

/// Says once, on the real stderr (libtest captures `eprintln!` of a passing test), why a test
/// did not run.
fn skipped(notice: &str) {
    static SAID: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    if SAID.lock().unwrap().insert(notice.to_string()) {
        let _ = writeln!(std::io::stderr(), "{notice}");
    }
}

fn mdbook() -> Option<PathBuf> {
    require("mdbook", "cargo install mdbook --locked --version 0.5.4")
}

/// Chromium, or Google Chrome (what GitHub's Linux runners have); `OXIDIZE_CHROMIUM` names
/// another. `OXIDIZE_SKIP_BROWSER=1` skips the browser test even under CI (macOS and Windows
/// CI jobs, which have no Chromium to drive headless without a download).
fn chromium() -> Option<PathBuf> {
    if std::env::var_os("OXIDIZE_SKIP_BROWSER").is_some_and(|v| v == "1") {
        skipped("skipped: chromium not used (OXIDIZE_SKIP_BROWSER=1)");
        return None;
    }
    if let Some(path) = std::env::var_os("OXIDIZE_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let found = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| on_path(name));
    found.or_else(|| {
        require(
            "chromium",
            "apt-get install chromium, or your system's Chromium package",
        )
    })
}

/// mdBook runs our preprocessor from the binary cargo already built for this test: `cargo run`
/// (book.toml's command) would wait for the build lock that `cargo test` holds. The site's
/// prefix is set as ci.yml's book job sets it for Pages.
fn mdbook_command(mdbook: &Path) -> Command {
    let mut cmd = Command::new(mdbook);
    let bin = env!("CARGO_BIN_EXE_mdbook-oxidize");
    cmd.current_dir(root())
        .env("MDBOOK_PREPROCESSOR__OXIDIZE__COMMAND", format!("'{bin}'"))
        .env("MDBOOK_OUTPUT__HTML__SITE_URL", SITE_PREFIX)
        .env_remove("RUST_LOG")
        .stdin(Stdio::null());
    cmd
}

struct Built {
    dir: PathBuf,
    stderr: String,
}

/// One `mdbook build` for all the tests, into `target/book-test/book`.
fn built() -> Option<&'static Built> {
    static BUILT: OnceLock<Option<Built>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let mdbook = mdbook()?;
            let dir = artefacts().join("book");
            let _ = std::fs::remove_dir_all(&dir);
            let started = Instant::now();
            let out = mdbook_command(&mdbook)
                .arg("build")
                .arg("--dest-dir")
                .arg(&dir)
                .output()
                .expect("mdbook runs");
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "mdbook build failed:\n{stderr}");
            eprintln!("mdbook build: {:.1} s", started.elapsed().as_secs_f64());
            Some(Built { dir, stderr })
        })
        .as_ref()
}

/// Every HTML page of the build, relative to its root, with `/` separators.
fn pages(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(base).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[derive(serde::Deserialize)]
struct Course {
    exercises: Vec<CourseExercise>,
}

#[derive(serde::Deserialize)]
struct CourseExercise {
    id: String,
}

fn exercise_ids() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("course.toml")).unwrap();
    let course: Course = toml::from_str(&text).unwrap();
    course.exercises.into_iter().map(|e| e.id).collect()
}

/// The page of each exercise, `chN-.../ex-<id>.html`, from the build.
fn exercise_pages(dir: &Path) -> BTreeMap<String, String> {
    let pages = pages(dir);
    exercise_ids()
        .into_iter()
        .map(|id| {
            let name = format!("/ex-{id}.html");
            let page = pages.iter().find(|p| p.ends_with(&name)).cloned();
            let page = page.unwrap_or_else(|| {
                panic!("exercise `{id}` of course.toml has no book page ex-{id}.md in SUMMARY.md")
            });
            (id, page)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// mdBook's own view: no warnings, every link resolves, snippets compile.

#[test]
fn mdbook_builds_the_book_without_a_warning() {
    let Some(built) = built() else { return };
    let noisy: Vec<&str> = built
        .stderr
        .lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR") || l.contains("warning"))
        .collect();
    assert!(
        noisy.is_empty(),
        "mdbook build warned:\n{}",
        noisy.join("\n")
    );
}

#[test]
fn every_exercise_page_gets_its_header_from_course_toml() {
    let Some(built) = built() else { return };
    for (id, page) in exercise_pages(&built.dir) {
        let html = std::fs::read_to_string(built.dir.join(&page)).unwrap();
        let marker = format!("data-exercise=\"{id}\"");
        assert_eq!(
            html.matches(&marker).count(),
            1,
            "{page}: no header for `{id}` (or two)"
        );
        assert!(
            html.contains(&format!("cargo checker check {id}")),
            "{page}"
        );
        assert!(
            html.contains("✗ "),
            "{page}: the header's sample lists no test"
        );
    }
}

/// `href` and `src` values in an HTML text, with `&amp;` decoded.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

fn ids(html: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for attr in [" id=\"", " name=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.insert(rest[..end].to_string());
            }
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'%'
            && let Some(Ok(b)) = hex.map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `base/rel` with `.` and `..` resolved, or `None` when it climbs out of the book.
fn resolve(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop(); // the page itself
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn every_internal_link_and_anchor_leads_somewhere() {
    let Some(built) = built() else { return };
    let pages = pages(&built.dir);
    let mut ids_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut texts = BTreeMap::new();
    for page in &pages {
        let html = std::fs::read_to_string(built.dir.join(page)).unwrap();
        ids_of.insert(page.clone(), ids(&html));
        texts.insert(page.clone(), html);
    }
    let mut broken = Vec::new();
    for (page, html) in &texts {
        for link in links(html) {
            let external = ["http:", "https:", "mailto:", "javascript:", "data:", "//"]
                .iter()
                .any(|p| link.starts_with(p));
            if external || link.is_empty() {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                Some(page.clone())
            } else if let Some(abs) = path.strip_prefix(SITE_PREFIX) {
                Some(abs.to_string())
            } else if path.starts_with('/') {
                None
            } else {
                resolve(page, &percent_decode(path))
            };
            let Some(mut target) = target else {
                broken.push(format!("{page}: {link} (outside the book)"));
                continue;
            };
            if target.is_empty() || target.ends_with('/') {
                target.push_str("index.html");
            }
            let file = built.dir.join(&target);
            if !file.is_file() {
                if file.is_dir() && file.join("index.html").is_file() {
                    continue;
                }
                broken.push(format!("{page}: {link} (no file {target})"));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let fragment = percent_decode(fragment);
                let known = ids_of
                    .get(&target)
                    .is_some_and(|ids| ids.contains(&fragment));
                if !known {
                    broken.push(format!("{page}: {link} (no id \"{fragment}\" in {target})"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// Chapters 1, 2 and 5 use plain std Rust, so `mdbook test` compiles (and runs) their
/// snippets; `compile_fail` ones must fail with the error code they name. PyO3 and tonic
/// snippets (chapters 3 and 4) need crates that rustdoc cannot link here: they are `ignore`,
/// which the theme marks visibly on the page.
#[test]
fn every_std_rust_snippet_in_the_book_compiles() {
    let Some(mdbook) = mdbook() else { return };
    let started = Instant::now();
    let out = mdbook_command(&mdbook)
        .arg("test")
        .output()
        .expect("mdbook runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "mdbook test failed (a PyO3 or tonic snippet cannot be linked here: mark it `ignore`, or \
         include it from book/snippets, where cargo test compiles it):\n{stdout}\n{stderr}"
    );
    eprintln!("mdbook test: {:.1} s", started.elapsed().as_secs_f64());
}

/// The "How long each chapter takes" table of before-you-start.md counts each chapter's
/// exercises as course.toml lists them (a new exercise changes the count).
#[test]
fn the_chapter_table_counts_the_exercises_course_toml_has() {
    let course: toml::Table = std::fs::read_to_string(root().join("course.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for exercise in course["exercises"].as_array().unwrap() {
        *counts
            .entry(exercise["chapter"].as_integer().unwrap())
            .or_default() += 1;
    }
    let page = std::fs::read_to_string(root().join("book/before-you-start.md")).unwrap();
    let mut table: BTreeMap<i64, usize> = BTreeMap::new();
    for row in page.lines().filter(|line| line.starts_with("| ")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let chapter = cells[1]
            .split('.')
            .next()
            .and_then(|n| n.parse::<i64>().ok());
        if let (Some(chapter), Ok(count)) = (chapter, cells[2].parse::<usize>()) {
            table.insert(chapter, count);
        }
    }
    assert_eq!(
        table, counts,
        "before-you-start.md's chapter table against course.toml"
    );
}

/// Every `compile_fail` snippet names the error it expects (`compile_fail,E0382`), so a snippet
/// that fails for another reason (a typo) does not pass as the lesson.
#[test]
fn every_compile_fail_snippet_names_its_error_code() {
    let mut unnamed = Vec::new();
    let mut stack = vec![root().join("book")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let fence = line.trim_start();
                    if fence.starts_with("```") && fence.contains("compile_fail") {
                        let named = fence.split(',').any(|a| {
                            a.trim().len() == 5
                                && a.trim().starts_with('E')
                                && a.trim()[1..].chars().all(|c| c.is_ascii_digit())
                        });
                        if !named {
                            unnamed.push(format!("{}:{}: {fence}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "compile_fail without an error code:\n{}",
        unnamed.join("\n")
    );
}

/// Python 3 for the authors' scripts: `python` on Windows (where `python3` may be the Store's
/// installer stub), `python3` elsewhere.
fn python() -> Option<PathBuf> {
    let name = if cfg!(windows) { "python" } else { "python3" };
    require(name, "install Python 3.9 or later")
}

/// `book/preprocessor/teaching_order.py` (the standard library only, well under a second): no
/// exercise's solution or given code uses a feature of its table before the page that teaches
/// it, in SUMMARY.md's order, and every page of the table still shows its feature.
#[test]
fn no_exercise_uses_a_feature_before_the_book_teaches_it() {
    let Some(python) = python() else { return };
    let out = Command::new(python)
        .arg(root().join("book/preprocessor/teaching_order.py"))
        .arg("--quiet")
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "teaching_order.py found a feature used before the book teaches it (move the page, or \
         teach it earlier, and update its table):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// A tiny HTTP server: the build under SITE_PREFIX, as GitHub Pages serves it (404.html for a
// missing file). It records every request for a file it does not have.

struct Server {
    port: u16,
    missing: Arc<Mutex<Vec<String>>>,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

fn serve(dir: PathBuf) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let missing = Arc::new(Mutex::new(Vec::new()));
    let log = missing.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            let log = log.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &dir, &log);
            });
        }
    });
    Server { port, missing }
}

fn answer(mut stream: TcpStream, dir: &Path, missing: &Mutex<Vec<String>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let file = path.strip_prefix(SITE_PREFIX).and_then(|rel| {
        let rel = Path::new(rel);
        let safe = rel.components().all(|c| matches!(c, Component::Normal(_)));
        safe.then(|| {
            let f = dir.join(rel);
            if f.is_dir() { f.join("index.html") } else { f }
        })
    });
    let (status, file) = match file.filter(|f| f.is_file()) {
        Some(f) => ("200 OK", f),
        None => {
            missing.lock().unwrap().push(target.clone());
            ("404 Not Found", dir.join("404.html"))
        }
    };
    let body = std::fs::read(&file).unwrap_or_default();
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

// ---------------------------------------------------------------------------------------------
// Chromium over the DevTools protocol: one browser, one tab, every page in turn.

struct Browser {
    child: Child,
    ws: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
    session: String,
    events: Vec<Value>,
    _profile: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for Browser {
    /// Asks Chromium to close (it then ends its helper processes itself); kills it after 5 s.
    fn drop(&mut self) {
        let close = json!({"id": 0, "method": "Browser.close"}).to_string();
        let _ = self.ws.send(tungstenite::Message::Text(close.into()));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn launch(chromium: &Path) -> Browser {
        let profile =
            std::env::temp_dir().join(format!("oxidize-book-chromium-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-extensions",
                "--disable-default-apps",
                "--mute-audio",
                // Nothing leaves this machine: every host but the test's server fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        // Chromium prints the DevTools address on stderr; keep draining it afterwards.
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            let mut reader = BufReader::new(stderr);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                if let Some(i) = line.find("ws://")
                    && let Some(tx) = tx.take()
                {
                    let _ = tx.send(line[i..].trim().to_string());
                }
                line.clear();
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("chromium prints its DevTools address within a minute");
        let (ws, _) = tungstenite::connect(url.as_str()).expect("the DevTools WebSocket opens");
        let mut browser = Browser {
            child,
            ws,
            next_id: 0,
            session: String::new(),
            events: Vec::new(),
            _profile: TempDir(profile),
        };
        let target = browser.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.call(domain, json!({}));
        }
        browser
    }

    fn set_timeout(&mut self, timeout: Duration) {
        if let tungstenite::stream::MaybeTlsStream::Plain(s) = self.ws.get_mut() {
            s.set_read_timeout(Some(timeout)).unwrap();
        }
    }

    /// The next message, or `None` when none came within the read timeout.
    fn receive(&mut self) -> Option<Value> {
        loop {
            match self.ws.read() {
                Ok(tungstenite::Message::Text(text)) => {
                    return Some(serde_json::from_str(text.as_str()).unwrap());
                }
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return None;
                }
                Err(e) => panic!("the DevTools connection broke: {e}"),
            }
        }
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.ws
            .send(tungstenite::Message::Text(message.to_string().into()))
            .expect("a DevTools command is sent");
        self.set_timeout(Duration::from_secs(1));
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            let Some(reply) = self.receive() else {
                continue;
            };
            if reply["id"] == json!(id) {
                if let Some(error) = reply.get("error") {
                    panic!("DevTools {method} failed: {error}");
                }
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
        panic!("DevTools {method}: no answer within a minute");
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(None, method, params)
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    /// Waits for an event of the page's session (keeping the others), up to `timeout`.
    fn wait_for(&mut self, method: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let found = |events: &[Value]| events.iter().any(|e| e["method"] == json!(method));
        while Instant::now() < deadline {
            if found(&self.events) {
                return true;
            }
            self.set_timeout(Duration::from_millis(200));
            if let Some(event) = self.receive() {
                self.events.push(event);
            }
        }
        found(&self.events)
    }

    /// Drains what arrived until nothing comes for `quiet`.
    fn settle(&mut self, quiet: Duration) {
        self.set_timeout(quiet);
        while let Some(event) = self.receive() {
            self.events.push(event);
        }
    }

    /// Opens `url` and waits for its load event; returns the page's events (console and log).
    fn open(&mut self, url: &str) -> Vec<Value> {
        self.events.clear();
        let result = self.call("Page.navigate", json!({"url": url}));
        assert!(result.get("errorText").is_none(), "{url}: {result}");
        assert!(
            self.wait_for("Page.loadEventFired", Duration::from_secs(30)),
            "{url}: the page did not finish loading within 30 s"
        );
        self.settle(Duration::from_millis(150));
        std::mem::take(&mut self.events)
    }

    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("evaluating {expression}: {exception}");
        }
        result["result"]["value"].clone()
    }

    fn viewport(&mut self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
    }

    fn screenshot(&mut self, file: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let data = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(file, data).unwrap();
    }
}

/// The console errors among a page's events: `console.error`, uncaught exceptions, and errors
/// the browser logs (a resource that failed to load: here, any request to another host).
fn console_errors(events: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for event in events {
        let params = &event["params"];
        if params["entry"]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/favicon.ico"))
        {
            continue; // asked for by the browser itself, at the site's root
        }
        let message = match event["method"].as_str().unwrap_or("") {
            "Runtime.consoleAPICalled"
                if matches!(params["type"].as_str(), Some("error" | "assert")) =>
            {
                let args: Vec<String> = params["args"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| a.get("value").unwrap_or(&a["description"]).to_string())
                    .collect();
                format!("console.error: {}", args.join(" "))
            }
            "Runtime.exceptionThrown" => {
                let details = &params["exceptionDetails"];
                let description = details["exception"]["description"].as_str().unwrap_or("");
                format!(
                    "uncaught: {} {description}",
                    details["text"].as_str().unwrap_or("")
                )
            }
            "Log.entryAdded" if params["entry"]["level"] == json!("error") => format!(
                "log: {} {}",
                params["entry"]["text"].as_str().unwrap_or(""),
                params["entry"]["url"].as_str().unwrap_or("")
            ),
            _ => continue,
        };
        out.push(message);
    }
    out
}

/// JavaScript: the elements of the page's text that reach past the right edge of the screen
/// without a scrolling box around them that fits (mdBook's page hides what overflows, so a
/// too-wide element is simply cut off). A few, described, or an empty list.
const CUT_OFF: &str = r#"(() => {
    const width = document.documentElement.clientWidth;
    const cut = [];
    for (const el of document.querySelectorAll('main *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) continue;
        let box = el.parentElement, reachable = false;
        while (box && box.tagName !== 'MAIN') {
            const s = getComputedStyle(box);
            const scrolls = s.overflowX === 'auto' || s.overflowX === 'scroll';
            if (scrolls && box.getBoundingClientRect().right <= width + 1) { reachable = true; break; }
            box = box.parentElement;
        }
        if (!reachable) {
            const text = (el.textContent || '').trim().slice(0, 50);
            cut.push(`<${el.tagName.toLowerCase()}> ${Math.round(r.right - width)} px too wide: ${text}`);
            if (cut.length === 3) break;
        }
    }
    return cut;
})()"#;

/// Every SVG figure of the page, measured as shown: its smallest label in CSS pixels (the
/// smallest font of its text, from the SVG's own source, times the scale it is drawn at), and
/// each one under the minimum named. Independent of the preprocessor that sizes the figures.
const SMALL_LABELS: &str = r#"(async () => {
    const problems = [];
    for (const img of document.querySelectorAll('main img')) {
        const src = img.getAttribute('src') || '';
        if (!src.endsWith('.svg')) continue;
        if (!img.closest('figure.oxidize-figure')) {
            problems.push(`${src}: not sized as a figure (write it as ![alt](file.svg) on a line of its own)`);
            continue;
        }
        const source = await (await fetch(img.src)).text();
        const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
        const viewBox = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
        // Drawn off-screen in this page, each text's computed size counts its attributes, its
        // style and the SVG's own <style> rules.
        const holder = document.createElement('div');
        holder.style.cssText = 'position: absolute; left: -10000px; top: 0; visibility: hidden';
        holder.appendChild(document.importNode(svg, true));
        document.body.appendChild(holder);
        let smallest = Infinity;
        for (const text of holder.querySelectorAll('text, tspan')) {
            if (text.textContent.trim()) {
                smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize));
            }
        }
        holder.remove();
        const scale = img.getBoundingClientRect().width / viewBox[2];
        const shown = smallest * scale;
        if (!(shown >= MIN - 0.05)) {
            problems.push(`${src}: its smallest label is ${shown.toFixed(1)} px as shown (${smallest} drawn at ${scale.toFixed(2)}x), under ${MIN} px`);
        }
    }
    return problems;
})()"#;

/// A word for each chapter, and the folder where search must find it.
const SEARCHES: &[(&str, &str)] = &[
    ("borrowing", "ch1-ownership/"),
    ("ctypes", "ch2-ffi/"),
    ("pyclass", "ch3-pyo3/"),
    ("tonic", "ch4-grpc/"),
    ("batching", "ch5-performance/"),
    // The compiler's error codes, as a learner pastes them from rustc's output.
    ("E0382", "ch1-ownership/moves"),
    ("E0502", "ch1-ownership/borrowing"),
    ("E0106", "ch1-ownership/lifetimes"),
];

#[test]
fn every_page_reads_in_chromium_without_a_console_error() {
    let Some(chromium) = chromium() else { return };
    let Some(built) = built() else { return };
    let started = Instant::now();
    let server = serve(built.dir.clone());
    let base = format!("http://127.0.0.1:{}{SITE_PREFIX}", server.port);
    let mut browser = Browser::launch(&chromium);
    let exercise_pages = exercise_pages(&built.dir);
    let mut problems = Vec::new();

    // Every page, at a phone's width: no console error, nothing wider than the screen, and on
    // an exercise page the header from course.toml.
    browser.viewport(390, 844, true);
    for page in pages(&built.dir) {
        let events = browser.open(&format!("{base}{page}"));
        for error in console_errors(&events) {
            problems.push(format!("{page}: {error}"));
        }
        let facts = browser.eval(&format!(
            "({{ header: document.querySelectorAll('.oxidize-exercise').length, cut: {CUT_OFF} }})"
        ));
        if let Some((id, _)) = exercise_pages.iter().find(|(_, p)| **p == page) {
            let shown = browser.eval(&format!(
                "(() => {{ const h = document.querySelector('.oxidize-exercise[data-exercise=\"{id}\"]'); \
                   return !!h && h.getBoundingClientRect().height > 0 && h.innerText.includes('cargo checker check {id}'); }})()"
            ));
            if shown != json!(true) {
                problems.push(format!("{page}: the header of `{id}` is not shown"));
            }
        } else if page == "print.html" {
            // The whole book on one page: every exercise's header, once each.
            if facts["header"] != json!(exercise_pages.len()) {
                problems.push(format!(
                    "print.html: {} headers for {} exercises",
                    facts["header"],
                    exercise_pages.len()
                ));
            }
        } else if facts["header"] != json!(0) {
            problems.push(format!("{page}: a header on a page that is no exercise's"));
        }
        let small = browser
            .eval(&SMALL_LABELS.replace("MIN", &oxidize_book::figures::MIN_LABEL_PX.to_string()));
        for label in small.as_array().into_iter().flatten() {
            problems.push(format!(
                "{page}: a figure unreadable on a 390 px phone screen: {}",
                label.as_str().unwrap_or("")
            ));
        }
        for cut in facts["cut"].as_array().into_iter().flatten() {
            problems.push(format!(
                "{page}: cut off on a 390 px phone screen (neither wraps nor scrolls): {}",
                cut.as_str().unwrap_or("")
            ));
        }
    }

    // The 404 page, as Pages serves it for a missing path: its styles and scripts load.
    let missing_page = format!("{base}ch1-ownership/no-such-page.html");
    let events = browser.open(&missing_page);
    // The 404 status of the missing page itself is the point; anything else is an error.
    for error in console_errors(&events)
        .into_iter()
        .filter(|e| !e.ends_with(&missing_page))
    {
        problems.push(format!("404 page: {error}"));
    }
    let styled = browser.eval("document.styleSheets.length > 0 && !!document.querySelector('.sidebar, #mdbook-sidebar, nav')");
    if styled != json!(true) {
        problems.push("404 page: its style sheets or navigation did not load".into());
    }

    // Search finds a word of each chapter, and lists a page of that chapter.
    for (word, folder) in SEARCHES {
        browser.open(&format!("{base}index.html?search={word}"));
        let mut hrefs = Value::Null;
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            hrefs = browser.eval(
                "[...document.querySelectorAll('#mdbook-searchresults a')].map(a => a.getAttribute('href'))",
            );
            if hrefs.as_array().is_some_and(|a| !a.is_empty()) {
                break;
            }
            browser.eval("new Promise(r => setTimeout(r, 200))");
        }
        let found = hrefs
            .as_array()
            .is_some_and(|a| a.iter().any(|h| h.as_str().unwrap_or("").contains(folder)));
        if !found {
            problems.push(format!(
                "search for {word:?} lists no page of {folder}: {hrefs}"
            ));
        }
    }

    // A picture of one exercise page, phone and desktop, kept as the test's artefact.
    let first = exercise_ids().into_iter().next().expect("an exercise");
    let page = exercise_pages[&first].clone();
    let shots = artefacts();
    browser.open(&format!("{base}{page}"));
    browser.eval("document.querySelector('.oxidize-exercise details').open = true");
    browser.screenshot(&shots.join("exercise-page-phone.png"));
    browser.viewport(1280, 900, false);
    browser.open(&format!("{base}{page}"));
    browser.eval("document.querySelector('.oxidize-exercise details').open = true");
    browser.screenshot(&shots.join("exercise-page-desktop.png"));

    // A figure in a dark theme, phone and desktop: shown light on dark (inverted, hues kept),
    // not as a white card; in the light theme as drawn.
    let figure_page = "ch1-ownership/moves.html";
    for (theme, filtered) in [("navy", true), ("coal", true), ("light", false)] {
        browser.viewport(390, 844, true);
        // The theme is the reader's choice that mdBook keeps in localStorage, read at load.
        browser.open(&format!("{base}{figure_page}"));
        browser.eval(&format!("localStorage.setItem('mdbook-theme', '{theme}')"));
        browser.open(&format!("{base}{figure_page}"));
        let filter = browser.eval(
            "(() => { const img = document.querySelector('.oxidize-figure img'); \
               img.scrollIntoView({ block: 'center' }); return getComputedStyle(img).filter; })()",
        );
        let inverted = filter.as_str().is_some_and(|f| f.contains("invert"));
        if inverted != filtered {
            problems.push(format!(
                "{figure_page} in the {theme} theme: the figure's filter is {filter}"
            ));
        }
        if theme != "light" {
            browser.screenshot(&shots.join(format!("figure-{theme}-phone.png")));
            browser.viewport(1280, 900, false);
            browser.eval(
                "document.querySelector('.oxidize-figure img').scrollIntoView({ block: 'center' })",
            );
            browser.screenshot(&shots.join(format!("figure-{theme}-desktop.png")));
        }
    }

    let missing: Vec<String> = server.missing.lock().unwrap().clone();
    let missing: Vec<String> = missing
        .into_iter()
        .filter(|m| m != "/favicon.ico")
        .collect();
    let missing: Vec<&String> = missing
        .iter()
        .filter(|m| !m.contains("no-such-page"))
        .collect();
    // Outside the book's prefix: the browser asks the site's root for /favicon.ico on its own
    // (toc.html, the sidebar's fallback, names no icon). Not a file the book links to.
    if !missing.is_empty() {
        problems.push(format!(
            "requests for files the book does not have: {missing:?}"
        ));
    }
    eprintln!(
        "chromium: {} pages read in {:.1} s; screenshots in {}",
        pages(&built.dir).len(),
        started.elapsed().as_secs_f64(),
        shots.display()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
