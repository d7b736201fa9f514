//! The `realm` attribute as it is written into `Authorization` and
//! `WWW-Authenticate` headers: one rendering for the signer and the
//! verifier's refusals, so every surface sends the same bytes.
//!
//! The realm is an RFC 7235 quoted-string: `"` and `\` are escaped, a
//! horizontal tab is kept (legal `qdtext`), and the other control characters
//! (CR, LF, NUL, ...) are not allowed, since they could split the header.
//! Characters outside ASCII are written as percent-encoded UTF-8
//! (`東京` → `%E6%9D%B1%E4%BA%AC`): a header holding raw non-ASCII bytes is
//! refused by many HTTP clients (Python's http.client only sends Latin-1,
//! Node.js and Go's net/http refuse or mangle such values), while ASCII is
//! sent by all of them. The realm is never signed (RFC 5849 s3.4.1.3.1), so
//! this changes no signature.

use crate::error::{excerpt, Error, ErrorKind, Result};

/// Whether `c` may not appear in a realm: a control character other than HTAB.
fn is_forbidden(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// Appends `realm="..."` to `out`, after checking that the realm holds no
/// forbidden control character.
pub(crate) fn write_realm_attribute(realm: &str, out: &mut String) -> Result<()> {
    if let Some(c) = realm.chars().find(|&c| is_forbidden(c)) {
        return Err(Error::new(
            ErrorKind::InvalidParameter,
            format!(
                "realm {} contains the control character U+{:04X} (only a horizontal tab is allowed in a header's quoted string)",
                excerpt(realm, 60),
                u32::from(c)
            ),
        ));
    }
    write_quoted(realm, out);
    Ok(())
}

/// `realm="..."` with forbidden control characters left out, for a
/// provider's own realm in a refusal (which must not fail).
pub(crate) fn write_realm_attribute_lossy(realm: &str, out: &mut String) {
    if realm.chars().any(is_forbidden) {
        let kept: String = realm.chars().filter(|&c| !is_forbidden(c)).collect();
        write_quoted(&kept, out);
    } else {
        write_quoted(realm, out);
    }
}

fn write_quoted(realm: &str, out: &mut String) {
    out.reserve(realm.len() + 9);
    out.push_str("realm=\"");
    for c in realm.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let mut utf8 = [0u8; 4];
                for b in c.encode_utf8(&mut utf8).bytes() {
                    out.push('%');
                    out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
                    out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(realm: &str) -> Result<String> {
        let mut out = String::new();
        write_realm_attribute(realm, &mut out).map(|()| out)
    }

    #[test]
    fn realm_quotes_and_backslashes_escaped() {
        assert_eq!(
            attribute(r#"Photos, Inc. "EU" \x"#).unwrap(),
            r#"realm="Photos, Inc. \"EU\" \\x""#
        );
    }

    #[test]
    fn realm_horizontal_tab_accepted_rfc7230_qdtext() {
        assert_eq!(attribute("a\tb").unwrap(), "realm=\"a\tb\"");
    }

    #[test]
    fn realm_cr_lf_nul_and_other_controls_refused() {
        for bad in ["a\rb", "a\nb", "a\0b", "a\x1bb", "a\x7fb", "a\u{85}b"] {
            let e = attribute(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidParameter, "{bad:?}");
            assert!(e.message().contains("control character"), "{e}");
        }
    }

    #[test]
    fn realm_outside_ascii_rendered_as_percent_encoded_utf8() {
        assert_eq!(attribute("東京").unwrap(), "realm=\"%E6%9D%B1%E4%BA%AC\"");
        // Latin-1 too: one rule for every non-ASCII character.
        assert_eq!(attribute("café").unwrap(), "realm=\"caf%C3%A9\"");
        assert!(attribute("東京").unwrap().is_ascii());
    }

    #[test]
    fn lossy_realm_drops_controls_keeps_tab() {
        let mut out = String::new();
        write_realm_attribute_lossy("a\r\n\tb", &mut out);
        assert_eq!(out, "realm=\"a\tb\"");
    }
}
