//! The parts of a request URL the signature needs, and the base string URI
//! (RFC 5849 s3.4.1.2). Hand-parsed because the path must stay byte for byte
//! as written (general URL libraries re-encode it).

use crate::error::{excerpt, Error, ErrorKind, Result};

/// An absolute `http`/`https` URL split into the parts OAuth signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestUrl<'a> {
    /// `true` for https (scheme is matched case-insensitively).
    pub https: bool,
    /// The host as written (IPv6 keeps its brackets); not yet lowercased.
    pub host: &'a str,
    /// The port, when one was written.
    pub port: Option<u16>,
    /// The path as written; empty when the URL has none.
    pub path: &'a str,
    /// The query without `?`, when there is one.
    pub query: Option<&'a str>,
    /// The URL without its fragment, for rendering a signed URL.
    pub without_fragment: &'a str,
}

fn invalid(url: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::InvalidUrl,
        format!("url {}: {why}", excerpt(url, 120)),
    )
}

impl<'a> RequestUrl<'a> {
    /// Parses an absolute URL. Refuses relative URLs, schemes other than
    /// http and https, an empty host, a bad port, and whitespace or control
    /// characters anywhere.
    pub fn parse(url: &'a str) -> Result<Self> {
        if url.is_empty() {
            return Err(invalid(url, "is empty"));
        }
        // Whitespace and control characters are refused anywhere; the check
        // is a branch-free fold so that it vectorizes.
        let bytes = url.as_bytes();
        if bytes
            .iter()
            .fold(false, |bad, &b| bad | (b <= b' ') | (b == 0x7f))
        {
            let b = bytes
                .iter()
                .copied()
                .find(|&b| b <= b' ' || b == 0x7f)
                .unwrap_or_default();
            let what = if b == b' ' {
                "contains a space (encode it as %20)".to_string()
            } else {
                format!("contains the control character 0x{b:02X}")
            };
            return Err(invalid(url, &what));
        }
        let (https, rest_start) = scheme(url)?;
        // One forward scan splits authority, path, query and fragment.
        let n = bytes.len();
        let mut i = rest_start;
        let mut at = None;
        while i < n {
            match bytes[i] {
                b'/' | b'?' | b'#' => break,
                b'@' => at = Some(i),
                _ => {}
            }
            i += 1;
        }
        let authority_end = i;
        while i < n && bytes[i] != b'?' && bytes[i] != b'#' {
            i += 1;
        }
        let path = &url[authority_end..i];
        let query = if i < n && bytes[i] == b'?' {
            let query_start = i + 1;
            while i < n && bytes[i] != b'#' {
                i += 1;
            }
            Some(&url[query_start..i])
        } else {
            None
        };
        let without_fragment = &url[..i];
        let authority = &url[rest_start..authority_end];
        // Userinfo is dropped from the base string URI (s3.4.1.2).
        let host_port = match at {
            Some(at) => &url[at + 1..authority_end],
            None => authority,
        };
        let (host, port_text) = if host_port.starts_with('[') {
            let close = host_port
                .find(']')
                .ok_or_else(|| invalid(url, "IPv6 host lacks its closing ']'"))?;
            let after = &host_port[close + 1..];
            let port = match after.strip_prefix(':') {
                Some(p) => Some(p),
                None if after.is_empty() => None,
                None => return Err(invalid(url, "unexpected text after the IPv6 host")),
            };
            (&host_port[..=close], port)
        } else {
            match host_port.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (host_port, None),
            }
        };
        if host.is_empty() || host == "[]" {
            return Err(invalid(url, "has no host"));
        }
        let bracketed = host.starts_with('[') && host.ends_with(']');
        if host.contains('@') || (!bracketed && host.contains(['[', ']'])) {
            return Err(invalid(url, "host has invalid characters"));
        }
        let port = match port_text {
            None | Some("") => None,
            Some(p) => {
                if !p.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid(url, &format!("port {p:?} is not a decimal number")));
                }
                Some(
                    p.parse::<u16>()
                        .map_err(|_| invalid(url, &format!("port {p} is out of range 0-65535")))?,
                )
            }
        };
        Ok(RequestUrl {
            https,
            host,
            port,
            path,
            query,
            without_fragment,
        })
    }

    /// Appends the s3.6 encoding of the base string URI to `out`, as the base
    /// string's second part, without building the URI first.
    pub(crate) fn write_encoded_base_string_uri(&self, out: &mut String) {
        out.push_str(if self.https {
            "https%3A%2F%2F"
        } else {
            "http%3A%2F%2F"
        });
        let start = out.len();
        crate::encoding::percent_encode_into(self.host, out);
        // Only ASCII letters change case; escapes added above are uppercase hex,
        // which lowercasing would break, so lowercase the host's letters alone.
        lowercase_host_letters(out, start);
        let default_port = if self.https { 443 } else { 80 };
        if let Some(port) = self.port.filter(|&p| p != default_port) {
            out.push_str("%3A");
            out.push_str(&port.to_string());
        }
        if self.path.is_empty() {
            out.push_str("%2F");
        } else {
            crate::encoding::percent_encode_into(self.path, out);
        }
    }

    /// Appends the base string URI (s3.4.1.2) to `out`: lowercase scheme and
    /// host, default port dropped, path as written (`/` when empty).
    pub(crate) fn write_base_string_uri(&self, out: &mut String) {
        out.push_str(if self.https { "https://" } else { "http://" });
        for c in self.host.chars() {
            out.push(c.to_ascii_lowercase());
        }
        let default_port = if self.https { 443 } else { 80 };
        if let Some(port) = self.port.filter(|&p| p != default_port) {
            out.push(':');
            out.push_str(&port.to_string());
        }
        out.push_str(if self.path.is_empty() { "/" } else { self.path });
    }

    /// The base string URI (s3.4.1.2).
    pub fn base_string_uri(&self) -> String {
        let mut out = String::with_capacity(self.host.len() + self.path.len() + 16);
        self.write_base_string_uri(&mut out);
        out
    }
}

/// The scheme: `(is https, where the authority starts)`. `http://` and
/// `https://` in any case; anything else is refused with what it is.
fn scheme(url: &str) -> Result<(bool, usize)> {
    let bytes = url.as_bytes();
    if bytes.len() >= 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
        return Ok((true, 8));
    }
    if bytes.len() >= 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
        return Ok((false, 7));
    }
    let not_absolute = || invalid(url, "is not absolute (expected http:// or https://)");
    let before_fragment = &url[..url.find('#').unwrap_or(url.len())];
    let scheme_end = before_fragment.find(':').ok_or_else(not_absolute)?;
    let scheme = &url[..scheme_end];
    if !url[scheme_end..].starts_with("://") || scheme.is_empty() || scheme.contains(['/', '?']) {
        return Err(not_absolute());
    }
    Err(invalid(
        url,
        &format!("scheme {scheme:?} is not http or https"),
    ))
}

/// Lowercases the ASCII letters of an encoded host written at `out[start..]`,
/// leaving the hex digits of `%XX` escapes uppercase.
fn lowercase_host_letters(out: &mut String, start: usize) {
    if !out.as_bytes()[start..].iter().any(u8::is_ascii_uppercase) {
        return;
    }
    let encoded = out.split_off(start);
    let mut in_escape = 0;
    for c in encoded.chars() {
        if c == '%' {
            in_escape = 2;
            out.push(c);
        } else if in_escape > 0 {
            in_escape -= 1;
            out.push(c);
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
}

/// Writes `url` (without its fragment) with `pairs`, an already encoded
/// `name=value&...` string, added to its query: after `?` when it has no
/// query, after `&` unless its query is empty or already ends in `&`. Only
/// the first `?` starts the query, so `…?y=2?` gets `&` too (a later `?` is
/// data). The one query-append of the crate: signed URLs (s3.5.3) and
/// authorization URLs (s2.2) alike.
pub(crate) fn write_url_with_query_pairs(url: &str, pairs: &str, out: &mut String) {
    out.reserve(url.len() + pairs.len() + 1);
    out.push_str(url);
    match url.find('?') {
        None => out.push('?'),
        Some(q) if q + 1 == url.len() || url.ends_with('&') => {}
        Some(_) => out.push('&'),
    }
    out.push_str(pairs);
}

/// The base string URI (RFC 5849 s3.4.1.2) of an absolute URL.
///
/// ```
/// assert_eq!(
///     oauth1::base_string_uri("HTTP://Example.COM:80/r%20v/X?id=123#frag").unwrap(),
///     "http://example.com/r%20v/X"
/// );
/// ```
pub fn base_string_uri(url: &str) -> Result<String> {
    Ok(RequestUrl::parse(url)?.base_string_uri())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_4_1_2_ports_and_hosts() {
        let cases = [
            ("http://h:443/", "http://h:443/"),
            ("https://h:443", "https://h/"),
            ("https://u:p@H.example/p/?x#y", "https://h.example/p/"),
            ("http://[2001:DB8::1]:8080/p", "http://[2001:db8::1]:8080/p"),
            ("http://h?x=1", "http://h/"),
        ];
        for (url, want) in cases {
            assert_eq!(base_string_uri(url).unwrap(), want, "{url}");
        }
    }

    #[test]
    fn s3_5_3_query_append_only_first_question_mark_starts_the_query() {
        let with = |url: &str| {
            let mut out = String::new();
            write_url_with_query_pairs(url, "oauth_x=1", &mut out);
            out
        };
        assert_eq!(with("https://a.example/p"), "https://a.example/p?oauth_x=1");
        assert_eq!(
            with("https://a.example/p?"),
            "https://a.example/p?oauth_x=1"
        );
        assert_eq!(
            with("https://a.example/p?a=1&"),
            "https://a.example/p?a=1&oauth_x=1"
        );
        assert_eq!(
            with("https://a.example/p?a=1"),
            "https://a.example/p?a=1&oauth_x=1"
        );
        assert_eq!(
            with("https://a.example/?x=1&y=2?"),
            "https://a.example/?x=1&y=2?&oauth_x=1"
        );
    }

    #[test]
    fn refused_urls() {
        for url in [
            "",
            "/x",
            "h/x",
            "//h/x",
            "ftp://h/",
            "http:///x",
            "http://h:99999/",
            "http://h:80a/",
            "http://h/a b",
            "http://h/?a\r\n",
        ] {
            assert_eq!(
                RequestUrl::parse(url).unwrap_err().kind(),
                ErrorKind::InvalidUrl,
                "{url:?}"
            );
        }
    }
}
