//! The strict `Authorization: OAuth ...` parser (RFC 5849 s3.5.1 over the
//! RFC 7235 credentials grammar), VERIFY.md step 1.

use super::params::Param;
use crate::encoding::percent_decode_strict;
use std::borrow::Cow;

/// Why a header cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HeaderError {
    /// The grammar does not hold (unquoted value, missing comma,
    /// unterminated quote, stray list element): `parameter_rejected []`.
    Malformed(String),
    /// A name or value has a bad `%` escape or is not UTF-8 once decoded.
    /// Carries the parameter name when it could be decoded.
    BadEncoding(Option<String>, String),
}

/// The name under which the realm is reported, whatever case it was sent in
/// (RFC 7235 s2.1: parameter names are case-insensitive).
pub(crate) const REALM: &str = "realm";

#[inline]
fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

const TCHAR: u8 = 1;
const QDTEXT: u8 = 2;
const QUOTABLE: u8 = 4;
const UNRESERVED: u8 = 8;

/// Character classes of RFC 7230, one table lookup per byte: `tchar`
/// (s3.2.6), `qdtext` and what a `quoted-pair` may escape. Bytes >= 0x80
/// are `obs-text`. Also RFC 5849's unreserved bytes (s3.6), a subset of
/// both `tchar` and `qdtext`: a name or value made only of them needs no
/// decoding and no encoding, which is what clients send but for the
/// signature, so the parser scans for them first.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let tchar = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        let visible_or_blank = c == b'\t' || c == b' ' || (c >= 0x21 && c <= 0x7E) || c >= 0x80;
        let qdtext = visible_or_blank && c != b'"' && c != b'\\';
        let unreserved = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        table[b] = (tchar as u8 * TCHAR)
            | (qdtext as u8 * QDTEXT)
            | (visible_or_blank as u8 * QUOTABLE)
            | (unreserved as u8 * UNRESERVED);
        b += 1;
    }
    table
};

/// Where the run of bytes of `class` starting at `pos` ends. Eight bytes
/// are tested at a time, their classes ANDed, while the run lasts: names
/// and values are mostly runs of a dozen bytes or more.
#[inline]
fn run_end(bytes: &[u8], mut pos: usize, class: u8) -> usize {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        if chunk.iter().fold(class, |all, &b| all & CLASS[b as usize]) == 0 {
            break;
        }
        pos += 8;
    }
    while pos < bytes.len() && CLASS[bytes[pos] as usize] & class != 0 {
        pos += 1;
    }
    pos
}

#[inline]
fn is_qdtext(b: u8) -> bool {
    CLASS[b as usize] & QDTEXT != 0
}

#[inline]
fn is_quotable(b: u8) -> bool {
    CLASS[b as usize] & QUOTABLE != 0
}

/// Parses an `Authorization` value. `Ok(None)` when its scheme is not
/// OAuth (the header is then ignored); otherwise the parameters in the
/// order sent, names and values percent-decoded except the realm's value,
/// which is only unescaped, under the name `realm`.
pub(crate) fn parse_authorization(value: &str) -> Result<Option<Vec<Param<'_>>>, HeaderError> {
    let bytes = value.as_bytes();
    let mut pos = skip_ows(bytes, 0);
    let scheme_start = pos;
    while pos < bytes.len() && !is_ows(bytes[pos]) {
        pos += 1;
    }
    if !value[scheme_start..pos].eq_ignore_ascii_case("OAuth") {
        return Ok(None);
    }
    let mut params = Vec::with_capacity(8);
    loop {
        pos = skip_ows(bytes, pos);
        match bytes.get(pos) {
            None => break,
            // Empty list elements are allowed (RFC 7230 s7).
            Some(b',') => {
                pos += 1;
                continue;
            }
            Some(_) => {}
        }
        let name_start = pos;
        let plain_end = run_end(bytes, pos, UNRESERVED);
        pos = run_end(bytes, plain_end, TCHAR);
        let plain_name = plain_end == pos;
        if pos == name_start {
            return Err(malformed(value, pos, "expected a parameter name"));
        }
        let raw_name = &value[name_start..pos];
        pos = skip_ows(bytes, pos);
        if bytes.get(pos) != Some(&b'=') {
            return Err(malformed(
                value,
                pos,
                "expected '=' after the parameter name",
            ));
        }
        pos = skip_ows(bytes, pos + 1);
        if bytes.get(pos) != Some(&b'"') {
            return Err(malformed(value, pos, "values must be quoted strings"));
        }
        let (raw_value, after) = quoted_string(value, pos + 1)?;
        pos = skip_ows(bytes, after);
        match bytes.get(pos) {
            None => {}
            Some(b',') => pos += 1,
            Some(_) => return Err(malformed(value, pos, "expected ',' between parameters")),
        }
        params.push(match raw_value {
            RawValue::Plain(raw_value) if plain_name => plain_param(raw_name, raw_value),
            RawValue::Plain(raw_value) => decode_param(raw_name, Cow::Borrowed(raw_value))?,
            RawValue::Other(raw_value) => decode_param(raw_name, raw_value)?,
        });
    }
    Ok(Some(params))
}

fn skip_ows(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && is_ows(bytes[pos]) {
        pos += 1;
    }
    pos
}

/// The message names the position, never the header's text: it may hold a
/// PLAINTEXT signature, that is, the secrets.
fn malformed(value: &str, pos: usize, why: &str) -> HeaderError {
    HeaderError::Malformed(format!(
        "Authorization header is malformed at byte {pos} of {}: {why} (RFC 5849 s3.5.1: name=\"value\" pairs separated by ',')",
        value.len()
    ))
}

/// The content of a quoted-string.
enum RawValue<'a> {
    /// Only unreserved bytes (RFC 5849 s3.6), between the quotes as sent.
    Plain(&'a str),
    /// Anything else, backslash escapes removed.
    Other(Cow<'a, str>),
}

/// Reads a quoted-string whose opening quote is just before `start`;
/// returns its unescaped content and the position after the closing quote.
fn quoted_string(value: &str, start: usize) -> Result<(RawValue<'_>, usize), HeaderError> {
    let bytes = value.as_bytes();
    // Fast path: unreserved bytes only, the whole value in the usual case.
    let plain_end = run_end(bytes, start, UNRESERVED);
    if bytes.get(plain_end) == Some(&b'"') {
        return Ok((RawValue::Plain(&value[start..plain_end]), plain_end + 1));
    }
    let (text, after) = quoted_text(value, start, run_end(bytes, plain_end, QDTEXT))?;
    Ok((RawValue::Other(text), after))
}

/// The general case of [`quoted_string`]: `pos` is where the run of plain
/// `qdtext` from `start` ends; backslash escapes are removed from there on.
fn quoted_text(
    value: &str,
    start: usize,
    mut pos: usize,
) -> Result<(Cow<'_, str>, usize), HeaderError> {
    let bytes = value.as_bytes();
    let mut unescaped: Option<Vec<u8>> = None;
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'"' => {
                let text = match unescaped {
                    None => Cow::Borrowed(&value[start..pos]),
                    // Only ASCII backslashes were removed, so this is still UTF-8.
                    Some(buf) => Cow::Owned(
                        String::from_utf8(buf)
                            .map_err(|_| malformed(value, pos, "quoted string is not UTF-8"))?,
                    ),
                };
                return Ok((text, pos + 1));
            }
            b'\\' => {
                let escaped = match bytes.get(pos + 1) {
                    Some(&e) if is_quotable(e) => e,
                    _ => {
                        return Err(malformed(
                            value,
                            pos,
                            "bad backslash escape in a quoted string",
                        ))
                    }
                };
                unescaped
                    .get_or_insert_with(|| bytes[start..pos].to_vec())
                    .push(escaped);
                pos += 2;
            }
            b if is_qdtext(b) => {
                if let Some(buf) = unescaped.as_mut() {
                    buf.push(b);
                }
                pos += 1;
            }
            _ => {
                return Err(malformed(
                    value,
                    pos,
                    "control character in a quoted string",
                ))
            }
        }
    }
    Err(malformed(value, pos, "unterminated quoted string"))
}

/// A parameter whose name and value hold only unreserved bytes: nothing to
/// decode, and the same bytes in the base string.
fn plain_param<'a>(name: &'a str, value: &'a str) -> Param<'a> {
    if name.eq_ignore_ascii_case(REALM) {
        return Param::header(Cow::Borrowed(REALM), Cow::Borrowed(value), false);
    }
    Param::header(Cow::Borrowed(name), Cow::Borrowed(value), true)
}

/// Percent-decodes a name, and the value unless the name is the realm.
fn decode_param<'a>(raw_name: &'a str, raw_value: Cow<'a, str>) -> Result<Param<'a>, HeaderError> {
    // Most names and values hold no escape: skip the decoder for them.
    let name = if raw_name.as_bytes().contains(&b'%') {
        percent_decode_strict(raw_name, "Authorization header parameter name")
            .map_err(|e| HeaderError::BadEncoding(None, e.message().to_owned()))?
    } else {
        Cow::Borrowed(raw_name)
    };
    if name.eq_ignore_ascii_case(REALM) {
        // s3.4.1.3.1: the realm is neither decoded nor signed.
        return Ok(Param::header(Cow::Borrowed(REALM), raw_value, false));
    }
    let value = match raw_value {
        Cow::Borrowed(v) if !v.as_bytes().contains(&b'%') => Ok(Cow::Borrowed(v)),
        Cow::Borrowed(v) => percent_decode_strict(v, "Authorization header value"),
        Cow::Owned(v) => percent_decode_strict(&v, "Authorization header value").map(|c| Cow::Owned(c.into_owned())),
    }
    .map_err(|_| {
        HeaderError::BadEncoding(
            Some(name.to_string()),
            format!("Authorization header: the value of {name} has a bad '%' escape or is not UTF-8 once decoded"),
        )
    })?;
    Ok(Param::header(name, value, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(header: &str) -> Vec<(String, String)> {
        parse_authorization(header)
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|p| (p.name.into_owned(), p.value.into_owned()))
            .collect()
    }

    fn p(n: &str, v: &str) -> (String, String) {
        (n.to_owned(), v.to_owned())
    }

    #[test]
    fn step1_other_schemes_are_ignored() {
        assert_eq!(parse_authorization("Bearer abc"), Ok(None));
        assert_eq!(parse_authorization("OAuthx a=\"1\""), Ok(None));
        assert_eq!(parse_authorization(""), Ok(None));
    }

    #[test]
    fn step1_scheme_is_case_insensitive() {
        assert_eq!(pairs("oauth a=\"1\""), vec![p("a", "1")]);
        assert_eq!(pairs("OAUTH a=\"1\""), vec![p("a", "1")]);
        assert_eq!(pairs("OAuth"), vec![]);
    }

    #[test]
    fn step1_bws_around_equals_and_ows_around_commas() {
        assert_eq!(
            pairs("OAuth a = \"1\"  ,\t b\t=\t\"2\"\t"),
            vec![p("a", "1"), p("b", "2")]
        );
    }

    #[test]
    fn step1_empty_list_elements_are_accepted() {
        assert_eq!(
            pairs("OAuth , a=\"1\",,b=\"2\", ,"),
            vec![p("a", "1"), p("b", "2")]
        );
    }

    #[test]
    fn step1_backslash_escapes_and_realm_kept_raw() {
        assert_eq!(
            pairs(r#"OAuth realm="Photos, Inc. \"EU\" %41", oauth_x="a\%41b""#),
            vec![p("realm", "Photos, Inc. \"EU\" %41"), p("oauth_x", "aAb")]
        );
        assert_eq!(pairs(r#"OAuth Realm="x""#), vec![p("realm", "x")]);
    }

    #[test]
    fn step1_names_and_values_percent_decoded_either_hex_case() {
        assert_eq!(
            pairs("OAuth oauth%5fcallback=\"https%3a%2F%2Fc.example%2fcb%3fx%3d1\""),
            vec![p("oauth_callback", "https://c.example/cb?x=1")]
        );
        assert_eq!(pairs("OAuth a=\"caf%c3%a9\""), vec![p("a", "café")]);
    }

    #[test]
    fn only_unreserved_names_and_values_are_verbatim() {
        let header = r#"OAuth realm="r", a="x-1.~_", b="x%41", c="a b", d%41="1", e="""#;
        let params = parse_authorization(header).unwrap().unwrap();
        let verbatim: Vec<bool> = params.iter().map(|p| p.verbatim).collect();
        assert_eq!(verbatim, [false, true, false, false, false, true]);
        assert_eq!(params[2].value, "xA");
        assert_eq!(params[4].name, "dA");
    }

    #[test]
    fn step1_malformed_headers() {
        for header in [
            "OAuth a=1",
            "OAuth a=\"1\" b=\"2\"",
            "OAuth a=\"1",
            "OAuth a=\"1\", @@@, b=\"2\"",
            "OAuth a",
            "OAuth a=",
            "OAuth =\"1\"",
            "OAuth a=\"1\\",
            "OAuth a=\"x\ny\"",
            "OAuth abc123==",
        ] {
            assert!(
                matches!(parse_authorization(header), Err(HeaderError::Malformed(_))),
                "{header:?}"
            );
        }
    }

    #[test]
    fn step1_bad_percent_escape_names_the_parameter() {
        assert_eq!(
            parse_authorization("OAuth oauth_nonce=\"%zz\"").unwrap_err(),
            HeaderError::BadEncoding(
                Some("oauth_nonce".into()),
                "Authorization header: the value of oauth_nonce has a bad '%' escape or is not UTF-8 once decoded".into()
            )
        );
        assert!(matches!(
            parse_authorization("OAuth oauth%zz=\"1\""),
            Err(HeaderError::BadEncoding(None, _))
        ));
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        let alphabet = [
            "OAuth ", "a", "=", "\"", "\\", ",", " ", "\t", "%", "é", "\u{7f}", "2",
        ];
        // Every string of up to 5 pieces.
        let mut inputs = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for s in &inputs {
                for piece in alphabet {
                    next.push(format!("{s}{piece}"));
                }
            }
            inputs = next;
        }
        for input in inputs {
            let _ = parse_authorization(&input);
            let _ = parse_authorization(&format!("OAuth {input}"));
        }
    }
}
