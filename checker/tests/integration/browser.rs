//! Headless Chromium over the DevTools protocol, for the tests that read a page the checker
//! writes as a person would: one browser, one tab, a page opened from disk and asked questions
//! in JavaScript. The same client as the book's test (`book/preprocessor/tests/book.rs`), cut
//! to what reading a local file needs, plus the page's requests.
//!
//! Needs `chromium` (or `chromium-browser`, `google-chrome`) on PATH, or `OXIDIZE_CHROMIUM`.
//! Without one the test says "skipped: chromium not installed" and passes, except under
//! `CI=true`, where it fails (`.ci/run` installs it). `OXIDIZE_SKIP_BROWSER=1` skips it even
//! under CI, as the book's test does. Nothing leaves the machine: Chromium resolves no host.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        let candidate = dir.join(program);
        let exe = candidate.with_extension(std::env::consts::EXE_EXTENSION);
        [candidate, exe].into_iter().find(|p| p.is_file())
    })
}

/// Says, on the real stderr (libtest captures `eprintln!` of a passing test), why a test did
/// not run.
fn skipped(notice: &str) {
    let _ = writeln!(std::io::stderr(), "{notice}");
}

/// Chromium, or `None` after saying the test is skipped; under `CI=true` a missing one fails.
pub fn chromium() -> Option<PathBuf> {
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
    if found.is_none() {
        let install = "apt-get install chromium, or your system's Chromium package";
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        if ci {
            panic!("chromium is not installed, and CI=true requires this test to run: {install}");
        }
        skipped(&format!("skipped: chromium not installed ({install})"));
    }
    found
}

/// The `file://` URL of an absolute path, each byte that is not plainly safe percent-encoded.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

pub struct Browser {
    child: Child,
    ws: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
    session: String,
    events: Vec<Value>,
    /// Removed when the browser is dropped.
    _profile: tempfile::TempDir,
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
    pub fn launch(chromium: &Path) -> Browser {
        let profile = tempfile::Builder::new()
            .prefix("oxidize-chromium-")
            .tempdir()
            .unwrap();
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
                // Nothing leaves this machine: no host name resolves.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
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
            _profile: profile,
        };
        let target = browser.send(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.send(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
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

    /// A command to the tab.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    /// Waits for an event of the tab (keeping the others), up to `timeout`.
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

    /// Opens `url` and waits for its load event; returns the events of its loading (console,
    /// log, network).
    pub fn open(&mut self, url: &str) -> Vec<Value> {
        self.events.clear();
        let result = self.call("Page.navigate", json!({"url": url}));
        assert!(result.get("errorText").is_none(), "{url}: {result}");
        assert!(
            self.wait_for("Page.loadEventFired", Duration::from_secs(30)),
            "{url}: the page did not finish loading within 30 s"
        );
        self.settle(Duration::from_millis(300));
        std::mem::take(&mut self.events)
    }

    /// The value of a JavaScript expression in the page (a promise is awaited).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("evaluating {expression}: {exception}");
        }
        result["result"]["value"].clone()
    }

    pub fn viewport(&mut self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
    }

    /// The reader's colour scheme: `light` or `dark`.
    pub fn color_scheme(&mut self, scheme: &str) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
    }

    /// A picture of the whole page, as long as it is.
    pub fn screenshot(&mut self, file: &Path) {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        );
        let data = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(file, data).unwrap();
    }
}

/// The URLs a page's loading asked for (the page itself among them).
pub fn requests(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e["method"] == json!("Network.requestWillBeSent"))
        .filter_map(|e| e["params"]["request"]["url"].as_str().map(String::from))
        .collect()
}

/// The console errors among a page's events: `console.error`, uncaught exceptions, and errors
/// the browser logs (a resource that failed to load, a script the page's policy refused).
pub fn console_errors(events: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for event in events {
        let params = &event["params"];
        let message = match event["method"].as_str().unwrap_or("") {
            "Runtime.consoleAPICalled"
                if matches!(params["type"].as_str(), Some("error" | "assert")) =>
            {
                format!("console.error: {}", params["args"])
            }
            "Runtime.exceptionThrown" => format!("uncaught: {}", params["exceptionDetails"]),
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
