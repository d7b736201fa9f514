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
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes `input` (UTF-8) as RFC 5849 s3.6 requires: uppercase hex.
///
/// ```
/// assert_eq!(oauth1::percent_encode("a b+c~"), "a%20b%2Bc~");
/// ```
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    percent_encode_into(input.as_bytes(), &mut out);
    out
}

/// Appends the s3.6 encoding of `input` to `out`.
pub(crate) fn percent_encode_into(input: &[u8], out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Fast path: most protocol values are already unreserved.
    let mut start = 0;
    for (i, &b) in input.iter().enumerate() {
        if !is_unreserved(b) {
            // Safety of the slice: everything before `i` is ASCII unreserved.
            out.push_str(ascii_str(&input[start..i]));
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
            start = i + 1;
        }
    }
    out.push_str(ascii_str(&input[start..]));
}

/// Converts bytes known to be ASCII unreserved; never fails on what
/// `percent_encode_into` passes it.
#[inline]
fn ascii_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
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
    if !bytes.iter().any(|&b| b == b'%' || (plus_is_space && b == b'+')) {
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
pub(crate) fn form_pieces(input: &str) -> impl Iterator<Item = (&str, &str)> {
    input
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| piece.split_once('=').unwrap_or((piece, "")))
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
        percent_encode_into(name.as_bytes(), &mut out);
        out.push('=');
        percent_encode_into(value.as_bytes(), &mut out);
    }
    out
}

/// `true` when the media type of a `Content-Type` value (before any `;`,
/// case-insensitive) is `application/x-www-form-urlencoded`.
pub fn is_form_content_type(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| {
        ct.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .eq_ignore_ascii_case("application/x-www-form-urlencoded")
    })
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
}
