//! Bytes -> String. Stub: replaced by the decoding work.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Decoded text, BOM removed, CRLF and lone CR turned into `\n`.
    pub text: String,
    /// Name of the encoding used (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Non-fatal problems, e.g. "invalid UTF-8 replaced".
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0})")]
    Binary(&'static str),
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(Decoded {
        text: String::from_utf8_lossy(bytes).replace("\r\n", "\n"),
        encoding: "UTF-8",
        warnings: Vec::new(),
    })
}
