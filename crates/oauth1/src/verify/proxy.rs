//! Rebuilding the URL the client signed when the provider sits behind a
//! proxy or load balancer: from the request line's target and `Host`, and
//! from `Forwarded` (RFC 7239) or `X-Forwarded-Proto` / `-Host` / `-Port`
//! only when the caller says those headers come from its own proxy.

use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::url::RequestUrl;

/// How a request reached the provider, to rebuild the absolute URL the
/// client signed (the URL [`crate::IncomingRequest::new`] needs).
///
/// Forwarding headers are ignored unless [`ReceivedUrl::trust_proxy_headers`]
/// is set: anyone can send them, and a provider that believed them from the
/// open internet would verify signatures against a URL of the client's
/// choosing.
///
/// ```
/// use oauth1::ReceivedUrl;
/// // TLS ends at the load balancer; the app sees plain http on port 8080.
/// let url = ReceivedUrl::new(false, "/v1/items?x=1")
///     .with_header("Host", "app.internal:8080")
///     .with_header("X-Forwarded-Proto", "https")
///     .with_header("X-Forwarded-Host", "api.example.com")
///     .trust_proxy_headers(true)
///     .to_url()?;
/// assert_eq!(url, "https://api.example.com/v1/items?x=1");
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReceivedUrl<'a> {
    tls: bool,
    target: &'a str,
    host: Option<&'a str>,
    forwarded: Option<&'a str>,
    x_forwarded_proto: Option<&'a str>,
    x_forwarded_host: Option<&'a str>,
    x_forwarded_port: Option<&'a str>,
    trust_proxy_headers: bool,
}

impl<'a> ReceivedUrl<'a> {
    /// `tls`: whether this server received the request over TLS.
    /// `target`: the request line's target, in origin form (`/path?query`)
    /// or absolute form (`http://host/path?query`, as sent to proxies).
    pub fn new(tls: bool, target: &'a str) -> Self {
        ReceivedUrl {
            tls,
            target,
            ..ReceivedUrl::default()
        }
    }

    /// Takes one received header: `Host`, `Forwarded`, `X-Forwarded-Proto`,
    /// `X-Forwarded-Host` and `X-Forwarded-Port` are kept (names are
    /// case-insensitive; the first of each wins), others ignored.
    pub fn with_header(mut self, name: &str, value: &'a str) -> Self {
        let slot = if name.eq_ignore_ascii_case("host") {
            &mut self.host
        } else if name.eq_ignore_ascii_case("forwarded") {
            &mut self.forwarded
        } else if name.eq_ignore_ascii_case("x-forwarded-proto") {
            &mut self.x_forwarded_proto
        } else if name.eq_ignore_ascii_case("x-forwarded-host") {
            &mut self.x_forwarded_host
        } else if name.eq_ignore_ascii_case("x-forwarded-port") {
            &mut self.x_forwarded_port
        } else {
            return self;
        };
        slot.get_or_insert(value);
        self
    }

    /// Takes every received header, as [`ReceivedUrl::with_header`] does.
    pub fn with_headers<I>(self, headers: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        headers
            .into_iter()
            .fold(self, |url, (name, value)| url.with_header(name, value))
    }

    /// Whether the forwarding headers were set by a proxy this provider
    /// trusts (and that proxy removes any the client sent). Default `false`.
    pub fn trust_proxy_headers(mut self, trusted: bool) -> Self {
        self.trust_proxy_headers = trusted;
        self
    }

    /// The absolute URL: `scheme://host[:port]/path?query`, the default
    /// port left out. Refused with `invalid_url` when the target or a host
    /// cannot be used.
    pub fn to_url(&self) -> Result<String> {
        let (target_origin, path_and_query) = split_target(self.target)?;
        let (mut https, mut authority) = match target_origin {
            // RFC 7230 s5.4: an absolute-form target overrides Host.
            Some(origin) => origin,
            None => {
                let host = self
                    .host
                    .map(str::trim)
                    .filter(|h| !h.is_empty())
                    .ok_or_else(|| {
                        invalid("the request has no Host header and an origin-form target")
                    })?;
                (self.tls, host)
            }
        };
        let mut explicit_port: Option<&str> = None;
        if self.trust_proxy_headers {
            let forwarded = self
                .forwarded
                .map(first_forwarded_element)
                .unwrap_or_default();
            let proto = forwarded
                .proto
                .or_else(|| self.x_forwarded_proto.map(first_list_item));
            if let Some(proto) = proto.filter(|p| !p.is_empty()) {
                https = parse_proto(proto)?;
            }
            let host = forwarded
                .host
                .or_else(|| self.x_forwarded_host.map(first_list_item));
            if let Some(host) = host.filter(|h| !h.is_empty()) {
                authority = host;
            }
            explicit_port = self
                .x_forwarded_port
                .map(first_list_item)
                .filter(|p| !p.is_empty());
        }
        let (host, authority_port) = split_host_port(authority)?;
        let port = match explicit_port.or(authority_port) {
            None => None,
            Some(p) => Some(parse_port(p)?),
        };
        let mut url = String::with_capacity(host.len() + path_and_query.len() + 16);
        url.push_str(if https { "https://" } else { "http://" });
        url.push_str(host);
        if let Some(port) = port.filter(|&p| p != if https { 443 } else { 80 }) {
            url.push(':');
            url.push_str(&port.to_string());
        }
        url.push_str(path_and_query);
        // Whatever went in, what comes out must be a URL the verifier accepts.
        RequestUrl::parse(&url)?;
        Ok(url)
    }
}

fn invalid(why: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidUrl, why)
}

/// Splits the target into its origin (absolute form) and `/path?query`.
#[allow(clippy::type_complexity)]
fn split_target(target: &str) -> Result<(Option<(bool, &str)>, &str)> {
    if target.starts_with('/') {
        return Ok((None, target));
    }
    let Some((scheme, rest)) = target.split_once("://") else {
        return Err(invalid(format!(
            "request target {} is neither origin form (/path) nor absolute form (http://host/path)",
            excerpt(target, 80)
        )));
    };
    let https = parse_proto(scheme)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    // Userinfo is not part of what the client signed.
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let path = &rest[end..];
    Ok((
        Some((https, authority)),
        if path.is_empty() { "/" } else { path },
    ))
}

fn parse_proto(proto: &str) -> Result<bool> {
    let proto = proto.trim();
    if proto.eq_ignore_ascii_case("https") {
        Ok(true)
    } else if proto.eq_ignore_ascii_case("http") {
        Ok(false)
    } else {
        Err(invalid(format!(
            "scheme {} is not http or https",
            excerpt(proto, 20)
        )))
    }
}

/// The first item of a comma-separated header (the one the client-facing
/// proxy wrote), trimmed.
fn first_list_item(value: &str) -> &str {
    value.split(',').next().unwrap_or_default().trim()
}

/// `proto` and `host` of the first element of a `Forwarded` header.
#[derive(Clone, Copy, Debug, Default)]
struct ForwardedElement<'a> {
    proto: Option<&'a str>,
    host: Option<&'a str>,
}

/// Reads the first element of `Forwarded` (RFC 7239 s4): `;`-separated
/// `name=value` pairs, names case-insensitive, values tokens or
/// quoted-strings. Quoted values holding `,` or `;` end the element early;
/// hosts and protocols never contain them.
fn first_forwarded_element(value: &str) -> ForwardedElement<'_> {
    let mut element = ForwardedElement::default();
    let first = value.split(',').next().unwrap_or_default();
    for pair in first.split(';') {
        let Some((name, raw)) = pair.split_once('=') else {
            continue;
        };
        let raw = raw.trim();
        let unquoted = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(raw);
        match name.trim() {
            n if n.eq_ignore_ascii_case("proto") => {
                element.proto.get_or_insert(unquoted);
            }
            n if n.eq_ignore_ascii_case("host") => {
                element.host.get_or_insert(unquoted);
            }
            _ => {}
        }
    }
    element
}

/// Splits `host[:port]` (an IPv6 host keeps its brackets) and checks the
/// host holds nothing that would change the URL's structure.
fn split_host_port(authority: &str) -> Result<(&str, Option<&str>)> {
    let authority = authority.trim();
    let (host, port) = if authority.starts_with('[') {
        let close = authority
            .find(']')
            .ok_or_else(|| invalid("IPv6 host lacks its closing ']'"))?;
        let port = match &authority[close + 1..] {
            "" => None,
            rest => Some(
                rest.strip_prefix(':')
                    .ok_or_else(|| invalid("unexpected text after the IPv6 host"))?,
            ),
        };
        (&authority[..=close], port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let bad = |b: u8| b <= b' ' || b == 0x7f || b"/?#@\\\"".contains(&b);
    if host.is_empty() || host.bytes().any(bad) {
        return Err(invalid(format!(
            "host {} cannot be used in a URL",
            excerpt(host, 80)
        )));
    }
    Ok((host, port.filter(|p| !p.is_empty())))
}

fn parse_port(port: &str) -> Result<u16> {
    let port = port.trim();
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!(
            "port {} is not a decimal number",
            excerpt(port, 20)
        )));
    }
    port.parse::<u16>().map_err(|_| {
        invalid(format!(
            "port {} is out of range 0-65535",
            excerpt(port, 20)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(received: ReceivedUrl<'_>) -> String {
        received.to_url().unwrap()
    }

    #[test]
    fn origin_form_uses_host_and_the_connection_scheme() {
        let r = ReceivedUrl::new(false, "/a%20b?x=1&y").with_header("HOST", "api.example.com:8080");
        assert_eq!(url(r), "http://api.example.com:8080/a%20b?x=1&y");
        let r = ReceivedUrl::new(true, "/").with_header("host", "api.example.com:443");
        assert_eq!(url(r), "https://api.example.com/");
        let r = ReceivedUrl::new(true, "/p").with_header("Host", "[2001:db8::1]:8443");
        assert_eq!(url(r), "https://[2001:db8::1]:8443/p");
    }

    #[test]
    fn absolute_form_overrides_host() {
        let r = ReceivedUrl::new(false, "https://user@api.example.com/p?q")
            .with_header("Host", "other.example");
        assert_eq!(url(r), "https://api.example.com/p?q");
        let r = ReceivedUrl::new(false, "http://api.example.com").with_header("Host", "x");
        assert_eq!(url(r), "http://api.example.com/");
    }

    #[test]
    fn forwarding_headers_are_ignored_unless_trusted() {
        let r = ReceivedUrl::new(false, "/p")
            .with_header("Host", "app.internal:8080")
            .with_header("X-Forwarded-Proto", "https")
            .with_header("X-Forwarded-Host", "evil.example")
            .with_header("Forwarded", "proto=https;host=evil.example");
        assert_eq!(url(r), "http://app.internal:8080/p");
    }

    #[test]
    fn x_forwarded_headers_when_trusted() {
        let base = ReceivedUrl::new(false, "/p?q=1")
            .with_header("Host", "app.internal:8080")
            .trust_proxy_headers(true);
        let r = base
            .with_header("X-Forwarded-Proto", "https, http")
            .with_header("X-Forwarded-Host", "api.example.com, lb.internal");
        assert_eq!(url(r), "https://api.example.com/p?q=1");
        let r = base
            .with_header("X-Forwarded-Proto", "HTTPS")
            .with_header("X-Forwarded-Host", "api.example.com")
            .with_header("X-Forwarded-Port", "8443");
        assert_eq!(url(r), "https://api.example.com:8443/p?q=1");
        // Only the scheme is forwarded: Host (and its port) stay.
        let r = base.with_header("X-Forwarded-Proto", "https");
        assert_eq!(url(r), "https://app.internal:8080/p?q=1");
    }

    #[test]
    fn forwarded_header_when_trusted_wins_over_x_forwarded() {
        let r = ReceivedUrl::new(false, "/p")
            .with_header("Host", "app.internal")
            .with_header(
                "Forwarded",
                "for=192.0.2.60;Proto=https;host=\"api.example.com:8443\", for=10.0.0.1;proto=http",
            )
            .with_header("X-Forwarded-Proto", "http")
            .with_header("X-Forwarded-Host", "other.example")
            .trust_proxy_headers(true);
        assert_eq!(url(r), "https://api.example.com:8443/p");
        let r = ReceivedUrl::new(true, "/p")
            .with_header("Host", "app.internal")
            .with_header("Forwarded", "for=\"[2001:db8::17]\";host=[2001:db8::1]")
            .trust_proxy_headers(true);
        assert_eq!(url(r), "https://[2001:db8::1]/p");
    }

    #[test]
    fn unusable_inputs_are_refused() {
        let cases = [
            ReceivedUrl::new(false, "/p"),
            ReceivedUrl::new(false, "*").with_header("Host", "h"),
            ReceivedUrl::new(false, "h:443").with_header("Host", "h"),
            ReceivedUrl::new(false, "ftp://h/p"),
            ReceivedUrl::new(false, "/p").with_header("Host", "h:80a"),
            ReceivedUrl::new(false, "/p").with_header("Host", "h:99999"),
            ReceivedUrl::new(false, "/p").with_header("Host", "a b"),
            ReceivedUrl::new(false, "/p").with_header("Host", "evil.example/x?"),
            ReceivedUrl::new(false, "/p x").with_header("Host", "h"),
            ReceivedUrl::new(false, "/p")
                .with_header("Host", "h")
                .with_header("X-Forwarded-Proto", "gopher")
                .trust_proxy_headers(true),
            ReceivedUrl::new(false, "/p")
                .with_header("Host", "h")
                .with_header("X-Forwarded-Port", "-1")
                .trust_proxy_headers(true),
        ];
        for case in cases {
            let err = case.to_url().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidUrl, "{case:?}");
        }
    }
}
