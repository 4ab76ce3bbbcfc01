//! Log output that can never show the bot token.

use std::io::{self, Write};
use tracing_subscriber::fmt::MakeWriter;

/// Writes log lines to stderr with every occurrence of a secret replaced.
#[derive(Debug, Clone)]
pub struct Redacting {
    secret: String,
}

impl Redacting {
    /// A writer hiding `secret` (ignored when shorter than 8 characters, to keep logs readable).
    pub fn new(secret: &str) -> Redacting {
        Redacting {
            secret: secret.to_string(),
        }
    }

    /// `text` with the secret replaced by `<redacted>`.
    pub fn redact(&self, text: &str) -> String {
        if self.secret.len() < 8 {
            text.to_string()
        } else {
            text.replace(&self.secret, "<redacted>")
        }
    }
}

/// One log event being written.
#[derive(Debug)]
pub struct RedactingWriter<'a> {
    parent: &'a Redacting,
    buf: Vec<u8>,
}

impl Write for RedactingWriter<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let text = self.parent.redact(&String::from_utf8_lossy(&self.buf));
        self.buf.clear();
        let mut err = io::stderr().lock();
        err.write_all(text.as_bytes())?;
        err.flush()
    }
}

impl Drop for RedactingWriter<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

impl<'a> MakeWriter<'a> for Redacting {
    type Writer = RedactingWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            parent: self,
            buf: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_replaced() {
        let r = Redacting::new("MTIz.secret.token");
        assert_eq!(r.redact("auth MTIz.secret.token ok"), "auth <redacted> ok");
        assert_eq!(Redacting::new("ab").redact("ab"), "ab");
    }
}
