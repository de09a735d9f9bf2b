//! Bytes to text: BOM, UTF-16, invalid UTF-8, line endings, NFC; also the
//! whole-file reads and hashes the incremental run needs.

use crate::model::{ArticleId, Finding, FindingKind, Severity};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Reads the incremental cache left in an output folder, if any.
pub fn read_cache(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// xxh3 hash of a file's bytes (a report an `--incremental` run may keep);
/// `None` when it cannot be read.
pub fn file_hash(path: &Path) -> Option<u64> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match std::io::Read::read(&mut f, &mut buf) {
            Ok(0) => return Some(hash.digest()),
            Ok(n) => hash.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// Why bytes were refused as text (the failure's reason is this text).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(super) enum DecodeError {
    #[error("binary file (contains NUL bytes): skipped")]
    NulBytes,
    #[error("binary file (contains NUL characters): skipped")]
    NulChars,
}

/// Text decoded from file bytes.
#[derive(Debug)]
pub(super) struct Decoded {
    pub(super) text: String,
    /// Number of invalid sequences replaced, if any.
    pub(super) repaired: Option<usize>,
    /// Source encoding when transcoded (UTF-16).
    pub(super) transcoded: Option<&'static str>,
    pub(super) empty: bool,
}

/// Decodes bytes: UTF-8 (BOM stripped, invalid bytes replaced) or UTF-16 with
/// a BOM. Binary data (NUL bytes) is refused. Normalises to NFC and LF.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, true)
}

/// Decodes an HTML page as a browser does: a BOM first, then bytes that
/// are valid UTF-8 as UTF-8, else the charset the page declares in its
/// first 1024 bytes (`<meta charset>` or an `http-equiv` content type;
/// `iso-8859-1` reads as windows-1252, as the encoding standard says),
/// else UTF-8 with invalid bytes replaced. Line endings become LF; NFC is
/// left to the extracted text (normalising the whole markup first would
/// only cost time). A few stray NUL bytes (under one in
/// [`STRAY_NUL_RATIO`]) are dropped, as a browser's HTML parser drops
/// them; more make the file binary.
pub(super) fn decode_html(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if stray_nuls(bytes) {
        let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        return decode_html(&kept);
    }
    let bom = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        return decode_with(bytes, false);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return utf8_html(text);
    }
    let Some(enc) = declared_charset(bytes).filter(|e| {
        *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE
    }) else {
        return decode_with(bytes, false);
    };
    if bytes.contains(&0) {
        return Err(DecodeError::NulBytes);
    }
    let (text, _, _) = enc.decode(bytes);
    Ok(Decoded {
        empty: text.trim().is_empty(),
        text: line_feeds(text.into_owned()),
        repaired: None,
        transcoded: Some(enc.name()),
    })
}

/// A page that is valid UTF-8 without a BOM: [`decode_with`]'s result,
/// validated once (most pages take this way).
fn utf8_html(text: &str) -> Result<Decoded, DecodeError> {
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(DecodeError::NulBytes);
    }
    Ok(Decoded {
        empty: text.trim().is_empty(),
        text: line_feeds(text.to_string()),
        repaired: None,
        transcoded: None,
    })
}

/// Bytes per NUL byte an HTML page needs for its NULs to be stray bytes
/// (dropped) rather than a sign of binary data or BOM-less UTF-16.
const STRAY_NUL_RATIO: usize = 1000;

/// True when `bytes` hold NUL bytes, but fewer than one in
/// [`STRAY_NUL_RATIO`], and no UTF-16 BOM (where NULs are text).
fn stray_nuls(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    // One vectorised search first: most pages have no NUL at all.
    if memchr::memchr(0, bytes).is_none() {
        return false;
    }
    let nuls = memchr::memchr_iter(0, bytes).count();
    nuls * STRAY_NUL_RATIO < bytes.len()
}

/// The encoding a page declares in its first 1024 bytes, if it names one
/// the encoding standard knows.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.match_indices("charset").find_map(|(i, _)| {
        let rest = head[i + "charset".len()..].trim_start().strip_prefix('=')?;
        let label = rest
            .trim_start()
            .trim_start_matches(['"', '\''])
            .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ';' | '>' | '/'))
            .next()?;
        encoding_rs::Encoding::for_label(label.as_bytes())
    })
}

/// CRLF and lone CR to LF, a leading BOM stripped; text with neither is
/// returned as it is, and text with CRs is copied once.
fn line_feeds(mut s: String) -> String {
    if s.starts_with('\u{feff}') {
        s.drain(..'\u{feff}'.len_utf8());
    }
    if memchr::memchr(b'\r', s.as_bytes()).is_none() {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    out
}

/// [`decode`], with NFC when `nfc`.
fn decode_with(bytes: &[u8], nfc: bool) -> Result<Decoded, DecodeError> {
    let (raw, repaired, transcoded) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, u16::from_le_bytes), None, Some("UTF-16LE"))
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, u16::from_be_bytes), None, Some("UTF-16BE"))
    } else {
        if memchr::memchr(0, bytes).is_some() {
            return Err(DecodeError::NulBytes);
        }
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None, None),
            Err(_) => {
                let s = String::from_utf8_lossy(bytes).into_owned();
                let bad = s.matches('\u{FFFD}').count();
                (s, Some(bad.max(1)), None)
            }
        }
    };
    if transcoded.is_some() && raw.contains('\0') {
        return Err(DecodeError::NulChars);
    }
    Ok(Decoded {
        empty: raw.trim().is_empty(),
        text: if nfc {
            normalized(raw)
        } else {
            line_feeds(raw)
        },
        repaired,
        transcoded,
    })
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// CRLF and lone CR to LF, strip a leading BOM, NFC.
pub(super) fn normalize_text(s: &str) -> String {
    normalized(s.to_string())
}

/// [`normalize_text`] of text already owned, copied only when it changes.
fn normalized(s: String) -> String {
    let lf = line_feeds(s);
    // ASCII is NFC: one vectorised test instead of a table lookup per char.
    if lf.is_ascii()
        || unicode_normalization::is_nfc_quick(lf.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        lf
    } else {
        lf.nfc().collect()
    }
}

/// The notes a whole-file article gets for its decoding: a warning for
/// replaced invalid UTF-8, then an info note for a clean transcode.
pub(super) fn encoding_notes(decoded: &Decoded, rel: &str) -> Vec<Finding> {
    let mut notes = Vec::new();
    if let Some(bad) = decoded.repaired {
        notes.push(
            Finding::new(ArticleId(0), FindingKind::EncodingRepaired)
                .message(format!(
                    "{bad} invalid UTF-8 sequence(s) replaced with U+FFFD"
                ))
                .evidence(rel.to_string()),
        );
    }
    if let Some(e) = &decoded.transcoded {
        // A clean transcode is not a defect: an info note, not a warning.
        let mut note = Finding::new(ArticleId(0), FindingKind::EncodingRepaired)
            .message(format!("transcoded from {e}"))
            .evidence(rel.to_string());
        note.severity = Severity::Info;
        notes.push(note);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_feeds_turn_crlf_and_lone_cr_into_lf_and_drop_a_bom() {
        for (from, to) in [
            ("a\r\nb\rc\n\r\r\nd\r", "a\nb\nc\n\n\nd\n"),
            ("\u{feff}x\r\n", "x\n"),
            ("\u{feff}", ""),
            ("no breaks", "no breaks"),
            ("é\r\u{feff}", "é\n\u{feff}"),
        ] {
            assert_eq!(line_feeds(from.to_string()), to, "{from:?}");
            assert_eq!(normalize_text(from), to, "{from:?}");
        }
    }

    #[test]
    fn decode_handles_bom_crlf_utf16_and_binary() {
        let r = decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!(r.text, "a\nb\nc");
        assert!(r.repaired.is_none());
        let r = decode(b"ok \xFF\xFE bad").unwrap();
        assert_eq!(r.repaired, Some(2));
        let mut u16le = vec![0xFF, 0xFE];
        for u in "Héllo".encode_utf16() {
            u16le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&u16le).unwrap().text, "Héllo");
        assert!(decode(b"ab\0cd").is_err());
        // NFC: e + combining acute becomes é.
        assert_eq!(decode("e\u{301}".as_bytes()).unwrap().text, "\u{e9}");
    }

    #[test]
    fn html_reads_the_declared_charset_when_not_utf8() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body>";
        let d = decode_html(page).unwrap();
        assert!(d.text.ends_with("caf\u{e9}</body>"));
        assert_eq!((d.repaired, d.transcoded), (None, Some("windows-1252")));
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>\x93\xfa";
        assert_eq!(decode_html(page).unwrap().transcoded, Some("Shift_JIS"));
        // Valid UTF-8 wins over a wrong declaration; no declaration repairs.
        let d = decode_html("<meta charset=latin1>café".as_bytes()).unwrap();
        assert!(d.text.ends_with("café") && d.transcoded.is_none());
        let d = decode_html(b"<p>caf\xe9</p>").unwrap();
        assert_eq!(d.repaired, Some(1));
        let d = decode_html(b"<meta charset=bogus>caf\xe9").unwrap();
        assert_eq!(d.repaired, Some(1));
        assert!(decode_html(b"<meta charset=latin1>\xe9\0").is_err());
    }

    #[test]
    fn html_with_stray_nul_bytes_is_read_without_them() {
        // A saved page with a run of NUL bytes after an image tag: the HTML
        // parser drops them, so the page is text, not binary data.
        let mut page = b"<html><body><p>".to_vec();
        page.extend(std::iter::repeat_n(b'x', 4000));
        page.extend_from_slice(b"</p><img src=a.gif>\0\0\0<p>Story.</p></body></html>");
        let d = decode_html(&page).unwrap();
        assert!(d
            .text
            .ends_with("<img src=a.gif><p>Story.</p></body></html>"));
        // Many NULs (one in ten bytes) are still binary.
        assert!(decode_html(b"<p>a\0b</p>").is_err());
        assert!(!stray_nuls(&[0xFF, 0xFE, b'a', 0]));
    }

    #[test]
    fn decode_errors_keep_their_reasons() {
        let err = decode(b"ab\0cd").unwrap_err();
        assert_eq!(err, DecodeError::NulBytes);
        assert_eq!(err.to_string(), "binary file (contains NUL bytes): skipped");
        let err = decode(&[0xFE, 0xFF, 0, b'a', 0, 0]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "binary file (contains NUL characters): skipped"
        );
    }

    #[test]
    fn encoding_notes_warn_on_repair_and_inform_on_transcode() {
        let clean = decode(b"plain").unwrap();
        assert!(encoding_notes(&clean, "a.txt").is_empty());
        let repaired = decode(b"ok \xFF bad").unwrap();
        let notes = encoding_notes(&repaired, "a.txt");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].severity, Severity::Warning);
        assert_eq!(
            notes[0].message,
            "1 invalid UTF-8 sequence(s) replaced with U+FFFD"
        );
        assert_eq!(notes[0].evidence, "a.txt");
        let transcoded = decode(&[0xFE, 0xFF, 0, b'h', 0, b'i']).unwrap();
        let notes = encoding_notes(&transcoded, "b.txt");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].severity, Severity::Info);
        assert_eq!(notes[0].message, "transcoded from UTF-16BE");
    }

    #[test]
    fn file_hash_matches_xxh3_and_missing_files_have_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, b"a,b\r\n").unwrap();
        assert_eq!(
            file_hash(&path),
            Some(xxhash_rust::xxh3::xxh3_64(b"a,b\r\n"))
        );
        assert_eq!(file_hash(&dir.path().join("none")), None);
        assert_eq!(read_cache(&path).as_deref(), Some(&b"a,b\r\n"[..]));
    }
}
