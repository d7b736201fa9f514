//! Where the user is sent after deciding (RFC 5849 s2.1 `oauth_callback`),
//! and the redirect the provider answers with (s2.2).

use crate::encoding::form_encode;
use crate::error::{Error, ErrorKind, Result};
use crate::url::{write_url_with_query_pairs, RequestUrl};

/// An `oauth_callback` the provider accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// `oob` (case sensitive, s2.1): the verifier is shown to the user,
    /// who types it into the consumer.
    OutOfBand,
    /// An absolute http(s) URL.
    Url(String),
}

impl Callback {
    /// Parses an `oauth_callback` value: `oob` or an absolute http(s) URL
    /// (s2.1). Anything else is refused with `invalid_url`.
    ///
    /// ```
    /// use oauth1::provider::Callback;
    /// assert_eq!(Callback::parse("oob").unwrap(), Callback::OutOfBand);
    /// assert!(Callback::parse("OOB").is_err());
    /// assert!(Callback::parse("/relative").is_err());
    /// ```
    pub fn parse(value: &str) -> Result<Callback> {
        if value == "oob" {
            return Ok(Callback::OutOfBand);
        }
        RequestUrl::parse(value).map_err(|e| {
            Error::new(
                ErrorKind::InvalidUrl,
                format!(
                    "oauth_callback must be an absolute http(s) URL or oob: {}",
                    e.message()
                ),
            )
        })?;
        Ok(Callback::Url(value.to_owned()))
    }

    /// The wire value: `oob` or the URL.
    pub fn as_str(&self) -> &str {
        match self {
            Callback::OutOfBand => "oob",
            Callback::Url(url) => url,
        }
    }

    /// The URL the user is redirected to (s2.2), or `None` for `oob`:
    /// the callback with `oauth_token` and `oauth_verifier` added to its
    /// query, or `oauth_problem=user_refused` when the user denied
    /// (`verifier` is `None`). The pairs go before any fragment, which is
    /// kept; the query is appended to as the consumer's URLs are.
    ///
    /// ```
    /// use oauth1::provider::Callback;
    /// let cb = Callback::parse("https://c.example/cb?x=1#top").unwrap();
    /// assert_eq!(
    ///     cb.redirect_url("rt", Some("v")).unwrap(),
    ///     "https://c.example/cb?x=1&oauth_token=rt&oauth_verifier=v#top"
    /// );
    /// ```
    pub fn redirect_url(&self, request_token: &str, verifier: Option<&str>) -> Option<String> {
        let Callback::Url(url) = self else {
            return None;
        };
        let pairs = match verifier {
            Some(verifier) => {
                form_encode([("oauth_token", request_token), ("oauth_verifier", verifier)])
            }
            None => form_encode([
                ("oauth_token", request_token),
                ("oauth_problem", "user_refused"),
            ]),
        };
        let (base, fragment) = match RequestUrl::parse(url) {
            Ok(parsed) => (
                parsed.without_fragment,
                &url[parsed.without_fragment.len()..],
            ),
            Err(_) => (url.as_str(), ""),
        };
        let mut out = String::with_capacity(url.len() + pairs.len() + 1);
        write_url_with_query_pairs(base, &pairs, &mut out);
        out.push_str(fragment);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(url: &str) -> String {
        Callback::parse(url)
            .expect("valid callback")
            .redirect_url("rt", Some("v 1"))
            .expect("a URL callback")
    }

    #[test]
    fn s2_2_the_verifier_is_added_to_the_callbacks_query() {
        assert_eq!(
            redirect("http://c/cb"),
            "http://c/cb?oauth_token=rt&oauth_verifier=v%201"
        );
        assert_eq!(
            redirect("http://c/cb?x=1"),
            "http://c/cb?x=1&oauth_token=rt&oauth_verifier=v%201"
        );
    }

    #[test]
    fn s2_2_a_query_ending_in_question_mark_or_ampersand_gets_no_empty_pair() {
        assert_eq!(
            redirect("http://c/cb?"),
            "http://c/cb?oauth_token=rt&oauth_verifier=v%201"
        );
        assert_eq!(
            redirect("http://c/cb?x=1&"),
            "http://c/cb?x=1&oauth_token=rt&oauth_verifier=v%201"
        );
        assert_eq!(
            redirect("http://c/cb?x=1&y=2?"),
            "http://c/cb?x=1&y=2?&oauth_token=rt&oauth_verifier=v%201"
        );
    }

    #[test]
    fn s2_2_the_fragment_stays_last() {
        assert_eq!(
            redirect("http://c/cb#f"),
            "http://c/cb?oauth_token=rt&oauth_verifier=v%201#f"
        );
        assert_eq!(
            redirect("http://c/cb?#f?g"),
            "http://c/cb?oauth_token=rt&oauth_verifier=v%201#f?g"
        );
    }

    #[test]
    fn s2_2_a_denial_sends_user_refused() {
        let cb = Callback::parse("http://c/cb").expect("valid");
        assert_eq!(
            cb.redirect_url("rt", None).as_deref(),
            Some("http://c/cb?oauth_token=rt&oauth_problem=user_refused")
        );
        assert_eq!(Callback::OutOfBand.redirect_url("rt", None), None);
    }

    #[test]
    fn s2_1_callback_is_oob_or_an_absolute_http_url() {
        for bad in [
            "",
            "OOB",
            "/cb",
            "ftp://c/",
            "javascript:alert(1)",
            "http://c/a b",
        ] {
            assert_eq!(
                Callback::parse(bad).unwrap_err().kind(),
                ErrorKind::InvalidUrl,
                "{bad:?}"
            );
        }
    }
}
