//! Documents: JSON configuration (taxonomies, rule sets, regimes, deadline
//! tables) and files. This layer knows nothing of inquiries; the record
//! format lives in `record`.

mod json;

pub use json::from_json;
pub(crate) use json::{parse_error, serde_error, Bad, Json, Read, STOP};

use crate::base::error::{Error, Location, Result};

/// Reads a whole file; the error names the path.
pub fn read(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads a whole UTF-8 text file; invalid UTF-8 is a `ParseError`, and
/// errors name the path.
pub fn read_text(path: &std::path::Path) -> Result<String> {
    String::from_utf8(read(path)?).map_err(|e| Error::Parse {
        at: Location::source(path.display().to_string()),
        field: None,
        reason: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })
}

/// Creates (or truncates) a file for buffered writing; the error names the path.
pub(crate) fn create(path: &std::path::Path) -> Result<std::io::BufWriter<std::fs::File>> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|e| Error::io(path, e))
}
