//! Percent-encoding (RFC 5849 s3.6) and strict form decoding
//! (`application/x-www-form-urlencoded`, as RFC 5849 s3.4.1.3.1 reads it).

use crate::error::{excerpt, Error, ErrorKind, Result};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use std::borrow::Cow;

/// Every byte but the unreserved `A-Z a-z 0-9 - . _ ~` is encoded (s3.6).
pub const RFC5849_ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `true` for the bytes s3.6 leaves as they are.
#[inline]
pub(crate) fn is_unreserved(b: u8) -> bool {
    UNRESERVED[b as usize]
}

/// A table, because the encoders test every byte they copy.
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_' || b == b'~';
        i += 1;
    }
    table
};

/// Uppercase hex of every byte, two characters each.
const HEX_PAIRS: &str = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF";

/// How an escape is written: `%XX` once, or `%25XX` for text that is
/// percent-encoded twice (the base string's third part, s3.4.1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    Once,
    Twice,
}

impl Escape {
    #[inline]
    fn prefix(self) -> &'static str {
        match self {
            Escape::Once => "%",
            Escape::Twice => "%25",
        }
    }
}

/// Percent-encodes `input` (UTF-8) as RFC 5849 s3.6 requires: uppercase hex.
///
/// ```
/// assert_eq!(oauth1::percent_encode("a b+c~"), "a%20b%2Bc~");
/// ```
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    percent_encode_into(input, &mut out);
    out
}

/// Appends the s3.6 encoding of `input` to `out`.
#[inline]
pub(crate) fn percent_encode_into(input: &str, out: &mut String) {
    encode_into(input, Escape::Once, out);
}

/// Appends the s3.6 encoding of `input`, escapes written as `escape` says.
pub(crate) fn encode_into(input: &str, escape: Escape, out: &mut String) {
    // Runs of unreserved bytes are copied whole; they are ASCII, so both ends
    // of a non-empty run are character boundaries.
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !is_unreserved(b) {
            if i > start {
                out.push_str(&input[start..i]);
            }
            push_escaped(b, escape, out);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push_str(&input[start..]);
    }
}

#[inline]
fn push_escaped(b: u8, escape: Escape, out: &mut String) {
    let i = 2 * b as usize;
    out.push_str(escape.prefix());
    out.push_str(&HEX_PAIRS[i..i + 2]);
}

/// Appends the s3.6 encoding of one *form-encoded* component to `out`, as if
/// it were decoded (`+` is a space, `%XX` a byte) and encoded again, without
/// the intermediate string. Checks the escapes and that the decoded bytes are
/// UTF-8, with the same errors as [`form_decode_component`].
pub(crate) fn reencode_form_component(
    input: &str,
    what: &str,
    escape: Escape,
    out: &mut String,
) -> Result<()> {
    let bytes = input.as_bytes();
    let rollback = out.len();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_unreserved(b) {
            i += 1;
            continue;
        }
        if i > start {
            out.push_str(&input[start..i]);
        }
        match b {
            b'+' => {
                push_escaped(b' ', escape, out);
                i += 1;
            }
            b'%' => match decode_escape_run(bytes, i) {
                Some((decoded, len, next)) => {
                    for &d in &decoded[..len] {
                        if is_unreserved(d) {
                            out.push(d as char);
                        } else {
                            push_escaped(d, escape, out);
                        }
                    }
                    i = next;
                }
                None => {
                    // A bad escape, invalid UTF-8 or a very long run of
                    // escapes: the two-step path checks it and says what is wrong.
                    out.truncate(rollback);
                    let decoded = form_decode_component(input, what)?;
                    encode_into(&decoded, escape, out);
                    return Ok(());
                }
            },
            _ => {
                push_escaped(b, escape, out);
                i += 1;
            }
        }
        start = i;
    }
    if start < bytes.len() {
        out.push_str(&input[start..]);
    }
    Ok(())
}

/// Decodes the run of `%XX` escapes starting at `start` into a stack buffer:
/// `(bytes, how many, index after the run)`. `None` when an escape is bad,
/// the run is longer than the buffer, or its bytes are not UTF-8. A run can
/// be checked alone: the raw text around it is whole characters, so a
/// sequence cannot continue past the run.
fn decode_escape_run(bytes: &[u8], start: usize) -> Option<([u8; 64], usize, usize)> {
    let mut decoded = [0u8; 64];
    let mut len = 0;
    let mut i = start;
    while i < bytes.len() && bytes[i] == b'%' {
        let hi = hex_value(*bytes.get(i + 1)?)?;
        let lo = hex_value(*bytes.get(i + 2)?)?;
        *decoded.get_mut(len)? = hi << 4 | lo;
        len += 1;
        i += 3;
    }
    if decoded[..len].iter().any(|&b| b >= 0x80) {
        std::str::from_utf8(&decoded[..len]).ok()?;
    }
    Some((decoded, len, i))
}

#[inline]
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes one form component: `+` is a space, `%XX` a byte; the result must
/// be UTF-8. `what` names the component in the error ("query", "form body").
pub fn form_decode_component<'a>(input: &'a str, what: &str) -> Result<Cow<'a, str>> {
    decode(input, true, what)
}

/// Decodes `%XX` escapes strictly (no `+` rule), as header values are
/// decoded (RFC 5849 s3.5.1). The result must be UTF-8.
pub fn percent_decode_strict<'a>(input: &'a str, what: &str) -> Result<Cow<'a, str>> {
    decode(input, false, what)
}

fn decode<'a>(input: &'a str, plus_is_space: bool, what: &str) -> Result<Cow<'a, str>> {
    let bytes = input.as_bytes();
    if !bytes
        .iter()
        .any(|&b| b == b'%' || (plus_is_space && b == b'+'))
    {
        return Ok(Cow::Borrowed(input));
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_value);
                let lo = bytes.get(i + 2).copied().and_then(hex_value);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                    _ => {
                        let end = (i + 3).min(bytes.len());
                        let bad = String::from_utf8_lossy(&bytes[i..end]);
                        return Err(Error::new(
                            ErrorKind::InvalidEncoding,
                            format!(
                                "{what}: '%' must be followed by two hex digits, found {bad:?} in {}",
                                excerpt(input, 80)
                            ),
                        ));
                    }
                }
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map(Cow::Owned).map_err(|_| {
        Error::new(
            ErrorKind::InvalidEncoding,
            format!(
                "{what}: percent-escapes do not decode to valid UTF-8 in {}",
                excerpt(input, 80)
            ),
        )
    })
}

/// Splits a form-encoded string into its `name=value` pieces: on `&` only
/// (`;` is data), skipping empty pieces; a piece without `=` has an empty value.
/// The pieces are still encoded.
pub(crate) fn form_pieces(input: &str) -> FormPieces<'_> {
    FormPieces { rest: input }
}

/// Iterator of [`form_pieces`]; a byte scan, since the pieces are short and
/// a general substring search costs more than it saves here.
pub(crate) struct FormPieces<'a> {
    rest: &'a str,
}

impl<'a> Iterator for FormPieces<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let bytes = self.rest.as_bytes();
            let end = bytes.iter().position(|&b| b == b'&').unwrap_or(bytes.len());
            let piece = &self.rest[..end];
            self.rest = if end < bytes.len() {
                &self.rest[end + 1..]
            } else {
                ""
            };
            if piece.is_empty() {
                continue;
            }
            return Some(match piece.as_bytes().iter().position(|&b| b == b'=') {
                Some(eq) => (&piece[..eq], &piece[eq + 1..]),
                None => (piece, ""),
            });
        }
    }
}

/// Decodes a whole form-encoded string into `(name, value)` pairs.
///
/// ```
/// let pairs = oauth1::form_decode("a=1&b=x+y&c", "query").unwrap();
/// assert_eq!(pairs, vec![("a".into(), "1".into()), ("b".into(), "x y".into()), ("c".into(), "".into())]);
/// ```
pub fn form_decode(input: &str, what: &str) -> Result<Vec<(String, String)>> {
    form_pieces(input)
        .map(|(n, v)| {
            Ok((
                form_decode_component(n, what)?.into_owned(),
                form_decode_component(v, what)?.into_owned(),
            ))
        })
        .collect()
}

/// Renders `(name, value)` pairs as an s3.6-encoded `a=1&b=2` string.
pub fn form_encode<'a, I>(pairs: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        percent_encode_into(name, &mut out);
        out.push('=');
        percent_encode_into(value, &mut out);
    }
    out
}

/// `true` when the media type of a `Content-Type` value (before any `;`,
/// case-insensitive) is `application/x-www-form-urlencoded`.
pub fn is_form_content_type(content_type: Option<&str>) -> bool {
    const FORM: &[u8] = b"application/x-www-form-urlencoded";
    let Some(ct) = content_type else {
        return false;
    };
    let media_type = ct
        .as_bytes()
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default();
    media_type.trim_ascii().eq_ignore_ascii_case(FORM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_set_matches_unreserved() {
        for b in 0u8..128 {
            let s = (b as char).to_string();
            let ours = percent_encode(&s);
            let theirs = percent_encoding::utf8_percent_encode(&s, RFC5849_ENCODE_SET).to_string();
            assert_eq!(ours, theirs, "byte {b}");
        }
    }

    #[test]
    fn strict_decoding_refuses_bad_escapes() {
        for bad in ["%", "%4", "ab%zz", "%FF%FE"] {
            let err = form_decode_component(bad, "query").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidEncoding, "{bad}");
        }
        assert_eq!(form_decode_component("%2b+", "q").unwrap(), "+ ");
    }

    #[test]
    fn reencoding_equals_decode_then_encode() {
        for input in [
            "a+b",
            "%2b%2F%7e",
            "caf%C3%A9",
            "%e6%97%a5",
            "*!'()",
            "a%20b~",
            "",
            "%41%5A",
        ] {
            let mut direct = String::new();
            reencode_form_component(input, "q", Escape::Once, &mut direct).unwrap();
            let two_step = percent_encode(&form_decode_component(input, "q").unwrap());
            assert_eq!(direct, two_step, "{input}");
            let mut twice = String::new();
            reencode_form_component(input, "q", Escape::Twice, &mut twice).unwrap();
            assert_eq!(twice, percent_encode(&two_step), "{input}");
        }
        for bad in ["%", "%4", "%zz", "%FF", "%C3", "%C3a", "a%E6%97"] {
            let mut out = String::new();
            assert!(
                reencode_form_component(bad, "q", Escape::Once, &mut out).is_err(),
                "{bad}"
            );
        }
    }
}
