//! A capped copy of one output stream: its head and its tail, the middle counted and dropped,
//! so a learner's program that floods its output cannot fill the checker's memory.

use std::io::{self, Read};
use std::sync::mpsc;
use std::thread;

/// One output stream, capped: its head and tail, and how many bytes in between were dropped.
#[derive(Debug, Default)]
pub struct Captured {
    head: Vec<u8>,
    tail: Vec<u8>,
    dropped: u64,
    half_cap: usize,
}

impl Captured {
    pub(super) fn with_cap(cap: usize) -> Captured {
        Captured {
            half_cap: (cap / 2).max(1),
            ..Captured::default()
        }
    }

    pub(super) fn push(&mut self, mut bytes: &[u8]) {
        if self.head.len() < self.half_cap {
            let take = bytes.len().min(self.half_cap - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
        self.tail.extend_from_slice(bytes);
        if self.tail.len() > self.half_cap {
            let excess = self.tail.len() - self.half_cap;
            self.tail.drain(..excess);
            self.dropped += excess as u64;
        }
    }

    /// The kept bytes, as text (invalid UTF-8 replaced), with a note where bytes were dropped.
    pub fn text(&self) -> String {
        let mut text = String::from_utf8_lossy(&self.head).into_owned();
        if self.dropped > 0 {
            text.push_str(&format!(
                "\n[... {} bytes of output dropped ...]\n",
                self.dropped
            ));
        }
        text.push_str(&String::from_utf8_lossy(&self.tail));
        text
    }
}

/// Reads `pipe` to its end on a thread of its own; the receiver gets what was kept. With
/// `lines`, each complete line read is also sent there as it comes (lossy UTF-8).
pub(super) fn read_capped<R: Read + Send + 'static>(
    pipe: Option<R>,
    cap: usize,
    lines: Option<mpsc::Sender<String>>,
) -> mpsc::Receiver<Captured> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut captured = Captured::with_cap(cap);
        let mut partial: Vec<u8> = Vec::new();
        if let Some(mut pipe) = pipe {
            let mut buffer = [0u8; 64 * 1024];
            loop {
                match pipe.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => {
                        captured.push(&buffer[..n]);
                        if let Some(lines) = &lines {
                            partial.extend_from_slice(&buffer[..n]);
                            while let Some(end) = partial.iter().position(|&b| b == b'\n') {
                                let line: Vec<u8> = partial.drain(..=end).collect();
                                let _ = lines
                                    .send(String::from_utf8_lossy(&line).trim_end().to_string());
                            }
                            // A flood without newlines must not grow without bound.
                            if partial.len() > 64 * 1024 {
                                partial.clear();
                            }
                        }
                    }
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        }
        let _ = sender.send(captured);
    });
    receiver
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captured_output_keeps_head_and_tail_and_counts_the_rest() {
        let mut captured = Captured::with_cap(8);
        captured.push(b"abcdefghijklmnop");
        assert_eq!(captured.dropped, 8);
        assert_eq!(
            captured.text(),
            "abcd\n[... 8 bytes of output dropped ...]\nmnop"
        );
    }
}
