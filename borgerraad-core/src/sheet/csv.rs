//! CSV sheets: the encoding and the separator detected, then the rows read
//! by the csv crate (quoted cells may hold separators and line breaks).

use std::borrow::Cow;

use super::{not_read, table, Cell, Dialect, Encoding, Options, Origin, Sheet, Table};
use crate::base::error::{foreign_reason, Error, Location, Result};

/// The separators tried, in the order they are named.
const SEPARATORS: [u8; 3] = [b';', b',', b'\t'];

/// How many rows below the header must fit a separator.
const SAMPLE: usize = 20;

pub(super) fn read(source: &str, bytes: &[u8], options: &Options) -> Result<Sheet> {
    let (text, encoding) = decode(source, bytes)?;
    let text = lone_crs_as_line_feeds(text);
    let (first_line, offset) = header_line(&text, options.header_row).ok_or_else(|| {
        let reason = match options.header_row {
            Some(row) => format!("line {row}, the header row asked for, is blank or missing"),
            None => "no header: every line is blank".to_string(),
        };
        not_read(source, &reason)
    })?;
    let body = &text[offset..];
    let separator = separator(source, body, first_line)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| {
        let line = e
            .position()
            .map_or(first_line, |p| line_at(body, first_line, p));
        Error::Parse {
            at: Location::source(source).at_line(line),
            field: None,
            reason: foreign_reason(&e.to_string()),
        }
    })? {
        let line = record
            .position()
            .map_or(first_line, |p| line_at(body, first_line, p));
        let cells = record
            .iter()
            .map(|c| {
                if c.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.into())
                }
            })
            .collect();
        rows.push((u32::try_from(line).unwrap_or(u32::MAX), cells));
    }
    let wide = |line: u32, cells: usize| Error::Parse {
        at: Location::source(source).at_line(u64::from(line)),
        field: None,
        reason: format!(
            "{cells} cells, more than the header's: a {} inside a cell that is not quoted?",
            name(separator)
        ),
    };
    let Table {
        header_row,
        headers,
        rows,
        skipped,
    } = table(rows.into_iter(), None, Some(&wide), || {
        not_read(source, "no header")
    })?;
    Ok(Sheet {
        source: source.into(),
        origin: Origin::Csv(Dialect {
            separator,
            encoding,
        }),
        header_row,
        headers,
        rows,
        skipped,
    })
}

/// The line of the file where the record at `position` of `body` (which
/// starts on line `first_line`) starts. The csv reader places a record
/// after empty lines at the first of them; no record starts with a line
/// break, so these are passed over.
fn line_at(body: &str, first_line: u64, position: &::csv::Position) -> u64 {
    let mut line = first_line + position.line() - 1;
    let mut rest = body.get(position.byte() as usize..).unwrap_or("");
    while let Some(after) = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))
    {
        line += 1;
        rest = after;
    }
    line
}

/// The separator's name in messages.
fn name(separator: u8) -> &'static str {
    match separator {
        b';' => "`;`",
        b',' => "`,`",
        _ => "tab",
    }
}

/// The 1-based line of the first byte that is a control character (no
/// text has them but tab, line feed, carriage return and form feed).
pub(super) fn binary_line(bytes: &[u8]) -> Option<u64> {
    let at = bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))?;
    Some(line_of(bytes, at))
}

/// The 1-based line of byte `at`. A line ends with a line feed, a
/// carriage return and line feed, or a carriage return alone (as Excel
/// for Mac writes CSV).
fn line_of(bytes: &[u8], at: usize) -> u64 {
    1 + (0..at).filter(|&i| line_end(bytes, i)).count() as u64
}

/// Whether byte `i` of `bytes` ends a line: a line feed, or a carriage
/// return not followed by one.
fn line_end(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The text with each carriage return that ends a line alone (Excel for
/// Mac's CSV) made a line feed, so that lines are counted, and the header
/// line found, as for any other line end. (The csv reader takes a lone
/// carriage return as a line end as well; inside a quoted cell it becomes
/// a line feed.)
fn lone_crs_as_line_feeds(text: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && line_end(bytes, i);
    if !text.contains('\r') || !(0..bytes.len()).any(lone) {
        return text;
    }
    let lf: Vec<u8> = (0..bytes.len())
        .map(|i| if lone(i) { b'\n' } else { bytes[i] })
        .collect();
    // Only ASCII bytes were replaced, by ASCII: still UTF-8.
    Cow::Owned(String::from_utf8(lf).unwrap_or_default())
}

/// The text and its encoding: UTF-8 after a byte order mark, UTF-8, or
/// else Windows-1252; an error names both encodings tried.
fn decode<'a>(source: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8Bom)),
            Err(e) => Err(not_read(
                source,
                &format!(
                    "the file starts as UTF-8 (with a byte order mark) but line {} is not UTF-8",
                    line_of(rest, e.valid_up_to())
                ),
            )),
        };
    }
    let bad = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    let not_utf8 = format!(
        "not UTF-8 (byte 0x{:02X} on line {})",
        bytes[bad],
        line_of(bytes, bad)
    );
    // Æ, Ø, Å, æ, ø, å and the rest of Latin-1 in UTF-8 are C2 or C3 and a
    // byte 80-BF: Windows-1252 text would have them only as mojibake
    // ("Ã¸"), so a file with them and invalid UTF-8 is of two encodings.
    if let Some(at) = bytes
        .windows(2)
        .position(|w| matches!(w[0], 0xC2 | 0xC3) && matches!(w[1], 0x80..=0xBF))
    {
        return Err(not_read(
            source,
            &format!(
                "mixed encodings: line {} is UTF-8, but the file is {not_utf8}; save it again in one encoding (UTF-8)",
                line_of(bytes, at)
            ),
        ));
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut rest = bytes;
    while !rest.is_empty() {
        // Runs of ASCII, nearly all of the text, are copied whole.
        let ascii = rest
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        text.push_str(std::str::from_utf8(&rest[..ascii]).unwrap_or_default());
        let Some(&b) = rest.get(ascii) else { break };
        match windows_1252(b) {
            Some(c) => text.push(c),
            None => {
                let at = bytes.len() - rest.len() + ascii;
                return Err(not_read(
                    source,
                    &format!(
                        "unknown text encoding: {not_utf8}, and not Windows-1252 (byte 0x{b:02X} on line {} has no character); save it as CSV UTF-8",
                        line_of(bytes, at)
                    ),
                ));
            }
        }
        rest = &rest[ascii + 1..];
    }
    Ok((Cow::Owned(text), Encoding::Windows1252))
}

/// The character of byte `b` in Windows-1252 (code page 1252), `None` for
/// the five bytes it leaves undefined (81, 8D, 8F, 90, 9D).
fn windows_1252(b: u8) -> Option<char> {
    /// 80-9F, where Windows-1252 differs from Latin-1 (Unicode's own
    /// mapping table, `cp1252.txt`); `\0` marks the undefined bytes.
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', //
        '\0', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => Some(HIGH[usize::from(b - 0x80)]).filter(|&c| c != '\0'),
        _ => Some(char::from(b)),
    }
}

/// The 1-based number and byte offset of the header line: line
/// `header_row`, or the first line with more than spaces and separators.
fn header_line(text: &str, header_row: Option<u32>) -> Option<(u64, usize)> {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let n = i as u64 + 1;
        let filled = line
            .bytes()
            .any(|b| !b.is_ascii_whitespace() && !SEPARATORS.contains(&b));
        match header_row {
            Some(row) if n == u64::from(row) => return filled.then_some((n, offset)),
            None if filled => return Some((n, offset)),
            _ => offset += line.len(),
        }
    }
    None
}

/// The separator of the CSV text `body` (which starts with the header on
/// line `first_line`): the one the header line holds outside quotes or,
/// if it holds more than one, the one that gives no row among the next
/// [`SAMPLE`] more cells than the header (the most frequent in the header
/// if more than one does).
fn separator(source: &str, body: &str, first_line: u64) -> Result<u8> {
    let header = body.lines().next().unwrap_or("");
    let at = || Location::source(source).at_line(first_line);
    let found: Vec<(usize, u8)> = SEPARATORS
        .iter()
        .map(|&sep| (outside_quotes(header, sep), sep))
        .filter(|&(count, _)| count > 0)
        .collect();
    if let [(_, sep)] = found.as_slice() {
        return Ok(*sep);
    }
    let mut tried = Vec::new();
    let mut fits = Vec::new();
    for (count, sep) in found {
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(sep)
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes());
        let mut records = reader.records().take(SAMPLE + 1);
        let width = records.next().and_then(|r| r.ok()).map_or(0, |r| r.len());
        let wider = records.find_map(|r| match r {
            Ok(r) => {
                let filled = r
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.trim().is_empty())
                    .last();
                let filled = filled.map_or(0, |(i, _)| i + 1);
                let line = r
                    .position()
                    .map_or(first_line, |p| line_at(body, first_line, p));
                (filled > width)
                    .then(|| format!("line {line} has {filled} cells, the header {width}"))
            }
            Err(e) => Some(foreign_reason(&e.to_string())),
        });
        match wider {
            None => fits.push((count, sep)),
            Some(why) => tried.push(format!("with {} {why}", name(sep))),
        }
    }
    fits.sort_by_key(|&(count, _)| std::cmp::Reverse(count));
    match fits.as_slice() {
        [(count, a), (other, b), ..] if other == count => Err(Error::Parse {
            at: at(),
            field: None,
            reason: format!(
                "the separator cannot be told: the header line has {count} of both {} and {}",
                name(*a),
                name(*b)
            ),
        }),
        [(_, sep), ..] => Ok(*sep),
        [] if tried.is_empty() => Err(Error::Parse {
            at: at(),
            field: None,
            reason: "the header line has no `;`, `,` or tab between its columns (tried all three)"
                .into(),
        }),
        [] => Err(Error::Parse {
            at: at(),
            field: None,
            reason: format!("the separator cannot be told: {}", tried.join("; ")),
        }),
    }
}

/// How often `sep` occurs in `line` outside double quotes.
fn outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == sep && !quoted
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{read, SkipReason};

    fn sheet(bytes: &[u8]) -> Sheet {
        read("r.csv", bytes, &Options::default()).unwrap()
    }

    fn error(bytes: &[u8]) -> String {
        read("r.csv", bytes, &Options::default())
            .unwrap_err()
            .to_string()
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn windows_1252_is_decoded_exactly() {
        // By hand from the code page: E6 æ, F8 ø, E5 å, C6 Æ, D8 Ø, C5 Å,
        // 80 €, 84 „, 93 “, 96 –, 9E ž, A7 §.
        let bytes = b"Navn;Bel\xF8b\n\xE6\xF8\xE5 \xC6\xD8\xC5;\x80 5 \x84x\x93 \x96 \x9E \xA7\n";
        let s = sheet(bytes);
        assert_eq!(
            s.origin,
            Origin::Csv(Dialect {
                separator: b';',
                encoding: Encoding::Windows1252
            })
        );
        assert_eq!(s.headers, ["Navn", "Beløb"]);
        assert_eq!(s.rows[0].cells, [text("æøå ÆØÅ"), text("€ 5 „x“ – ž §")]);
        for undefined in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            assert_eq!(windows_1252(undefined), None);
        }
        let err = error(b"a;b\n\xE6;\x81\n");
        assert_eq!(
            err,
            "r.csv: unknown text encoding: not UTF-8 (byte 0xE6 on line 2), and not Windows-1252 (byte 0x81 on line 2 has no character); save it as CSV UTF-8"
        );
        let err = error(
            "a;b\nø;x\n"
                .as_bytes()
                .iter()
                .chain(b"\xF8;y\n")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert!(err.starts_with("r.csv: mixed encodings: line 2 is UTF-8, but the file is not UTF-8 (byte 0xF8 on line 3)"), "{err}");
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let s = sheet("\u{feff}Løbenr.,Område\n1,Børn og unge\n".as_bytes());
        assert_eq!(
            s.origin,
            Origin::Csv(Dialect {
                separator: b',',
                encoding: Encoding::Utf8Bom
            })
        );
        assert_eq!(s.headers, ["Løbenr.", "Område"]);
        let s = sheet("Løbenr.\tOmråde\n1\tBørn og unge\n".as_bytes());
        assert_eq!(
            s.origin,
            Origin::Csv(Dialect {
                separator: b'\t',
                encoding: Encoding::Utf8
            })
        );
        assert_eq!(s.rows[0].cells, [text("1"), text("Børn og unge")]);
        assert!(error(b"\xEF\xBB\xBFa;b\n\xE6;x\n")
            .contains("UTF-8 (with a byte order mark) but line 2 is not UTF-8"));
    }

    /// Excel for Mac ends CSV lines with a carriage return alone.
    #[test]
    fn lone_carriage_returns_end_lines() {
        // Line 1 the header, 2 a row, 3 a blank row (separators only), 4
        // empty (no row), 5 a row whose quoted cell holds a line break, 7
        // a row; by hand.
        let csv = b"L\xF8benr.;Dato;Kanal\r1;03-01-2022;Telefon\r;;\r\r2;04-01-2022;\"to\rlinjer\"\r3;05-01-2022;Brev\r";
        let s = sheet(csv);
        assert_eq!(s.header_row, 1);
        assert_eq!(s.headers, ["Løbenr.", "Dato", "Kanal"]);
        let rows: Vec<u32> = s.rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, [2, 5, 7]);
        assert_eq!(s.rows[1].cells[2], text("to\nlinjer"));
        assert_eq!(s.skipped[0].row, 3);
        assert_eq!(s.skipped[0].reason, SkipReason::Blank);
        // A header asked for by its line, and errors, count the same lines.
        let s = read(
            "r.csv",
            b"Titel\ra;b\r1;2\r",
            &Options {
                header_row: Some(2),
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!((s.header_row, s.rows[0].row), (2, 3));
        assert_eq!(s.headers, ["a", "b"]);
        assert!(error(b"a;b\r1;2\r1;2;3;4\r").starts_with("r.csv:3: 4 cells"));
        assert!(error(b"a;b\r\xE6;\x81\r").contains("byte 0x81 on line 2"));
        // Windows line ends and line feeds are as before.
        let s = sheet(b"a;b\r\n1;2\r\n\r\n3;4\n");
        assert_eq!((s.rows[0].row, s.rows[1].row), (2, 4));
    }

    #[test]
    fn the_separator_is_the_one_every_row_fits() {
        // The header has a comma in a heading, but `;` is what fits the rows.
        let s = sheet(b"Nr.;Henvist til, hvem;Udfald\n1;Jobcenter, Esbjerg;Afsluttet\n2;;\n");
        assert_eq!(s.headers, ["Nr.", "Henvist til, hvem", "Udfald"]);
        assert_eq!(s.rows[0].cells[1], text("Jobcenter, Esbjerg"));
        // Quoted cells hold separators and line breaks; the next row's line counts them.
        let s = sheet(b"a;b\n\"x;y\";\"two\r\nlines\"\n3;4\n");
        assert_eq!(s.rows[0].cells, [text("x;y"), text("two\r\nlines")]);
        assert_eq!((s.rows[0].row, s.rows[1].row), (2, 4));
        // A decimal comma in a `;` file: `,` would give more cells.
        let s = sheet(b"Nr.;Timer\n1;1,5\n");
        assert_eq!(s.rows[0].cells, [text("1"), text("1,5")]);
        assert_eq!(
            error(b"Nr\n1\n"),
            "r.csv:1: the header line has no `;`, `,` or tab between its columns (tried all three)"
        );
        assert_eq!(
            error(b"a;b,c\n1;2,3\n"),
            "r.csv:1: the separator cannot be told: the header line has 1 of both `;` and `,`"
        );
        assert_eq!(
            error(b"a;b,c,d\n1;2;3;4,5,6,7\n"),
            "r.csv:1: the separator cannot be told: with `;` line 2 has 4 cells, the header 2; with `,` line 2 has 4 cells, the header 3"
        );
    }

    #[test]
    fn rows_are_numbered_as_lines_and_set_aside_with_a_reason() {
        let s = sheet(b"\n\nNr.;Kanal;Antal\n1;Telefon;\n\n;;\nI alt;;2\n2;Mail;\n");
        assert_eq!(s.header_row, 3);
        assert_eq!(s.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [4, 8]);
        assert_eq!(
            s.skipped
                .iter()
                .map(|s| (s.row, s.reason.clone()))
                .collect::<Vec<_>>(),
            [
                (6, SkipReason::Blank),
                (
                    7,
                    SkipReason::Total {
                        label: "I alt".into()
                    }
                )
            ]
        );
        // Short rows are filled up; trailing empty cells beyond the header dropped.
        let s = sheet(b"a;b;c\n1\n2;x;y;;\n");
        assert_eq!(s.rows[0].cells, [text("1"), Cell::Empty, Cell::Empty]);
        assert_eq!(s.rows[1].cells.len(), 3);
        assert_eq!(
            error(b"a;b\n1;2\n1;2;3\n"),
            "r.csv:3: 3 cells, more than the header's: a `;` inside a cell that is not quoted?"
        );
        let options = Options {
            header_row: Some(2),
            ..Options::default()
        };
        let s = read("r.csv", b"Register 2022\nNr.;Kanal\n1;Mail\n", &options).unwrap();
        assert_eq!((s.header_row, s.headers.len(), s.rows[0].row), (2, 2, 3));
        let options = Options {
            header_row: Some(5),
            ..Options::default()
        };
        let err = read("r.csv", b"a;b\n", &options).unwrap_err().to_string();
        assert_eq!(
            err,
            "r.csv: line 5, the header row asked for, is blank or missing"
        );
    }
}
