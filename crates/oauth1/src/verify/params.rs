//! Collecting the parameters of a received request from its three
//! locations, and the placement rules for protocol parameters
//! (VERIFY.md step 2; RFC 5849 s3.1 step 2 and s3.5).

use super::header::{HeaderParam, REALM};
use super::problem::{Problem, ProblemCode};
use super::request::ParameterLocation;
use crate::encoding::{form_decode_component, form_pieces};
use std::borrow::Cow;

/// One received parameter, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Param<'a> {
    pub name: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub location: ParameterLocation,
}

impl Param<'_> {
    /// A protocol parameter: any `oauth_*` name, wherever it was sent.
    #[inline]
    pub fn is_protocol(&self) -> bool {
        self.name.starts_with("oauth_")
    }

    /// The `realm` of the `Authorization` header, which is never signed.
    #[inline]
    pub fn is_realm(&self) -> bool {
        self.location == ParameterLocation::Header && self.name == REALM
    }
}

/// Every parameter of the request, in the order header, body, query.
pub(crate) fn collect<'a>(
    header: Vec<HeaderParam<'a>>,
    form_body: Option<&'a [u8]>,
    query: Option<&'a str>,
) -> Result<Vec<Param<'a>>, Problem> {
    let mut params = Vec::with_capacity(header.len() + 8);
    params.extend(header.into_iter().map(|p| Param {
        name: p.name,
        value: p.value,
        location: ParameterLocation::Header,
    }));
    if let Some(body) = form_body {
        let body = std::str::from_utf8(body).map_err(|_| {
            Problem::plain(
                ProblemCode::ParameterRejected,
                "the form-encoded body is not valid UTF-8",
            )
        })?;
        push_form(&mut params, body, ParameterLocation::Body, "form body")?;
    }
    if let Some(query) = query {
        push_form(&mut params, query, ParameterLocation::Query, "query")?;
    }
    Ok(params)
}

fn push_form<'a>(
    params: &mut Vec<Param<'a>>,
    form: &'a str,
    location: ParameterLocation,
    what: &str,
) -> Result<(), Problem> {
    let bad =
        |e: crate::Error| Problem::plain(ProblemCode::ParameterRejected, e.message().to_owned());
    for (name, value) in form_pieces(form) {
        params.push(Param {
            name: form_decode_component(name, what).map_err(bad)?,
            value: form_decode_component(value, what).map_err(bad)?,
            location,
        });
    }
    Ok(())
}

/// Applies the placement rules: a name may appear once, in one location.
/// Returns the location of the protocol parameters, `None` when there are
/// none.
///
/// * A repeated name (any name inside the header, where RFC 7235 allows
///   each once; an `oauth_*` name anywhere) gives `parameter_rejected`
///   with the repeated names, sorted.
/// * Protocol parameters split over locations give `parameter_rejected`
///   with the names found outside the first location, sorted.
pub(crate) fn check_placement(params: &[Param<'_>]) -> Result<Option<ParameterLocation>, Problem> {
    let mut names: Vec<&str> = params
        .iter()
        .filter(|p| p.location == ParameterLocation::Header || p.is_protocol())
        .map(|p| &*p.name)
        .collect();
    names.sort_unstable();
    let mut repeated: Vec<&str> = names
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect();
    if !repeated.is_empty() {
        repeated.dedup();
        return Err(Problem::new(
            ProblemCode::ParameterRejected,
            repeated.iter().copied(),
            format!(
                "{} sent more than once; each protocol parameter may appear once (RFC 5849 s3.1)",
                repeated.join(", ")
            ),
        ));
    }

    let Some(first) = params.iter().find(|p| p.is_protocol()).map(|p| p.location) else {
        return Ok(None);
    };
    let mut outside: Vec<&str> = params
        .iter()
        .filter(|p| p.is_protocol() && p.location != first)
        .map(|p| &*p.name)
        .collect();
    if !outside.is_empty() {
        outside.sort_unstable();
        return Err(Problem::new(
            ProblemCode::ParameterRejected,
            outside.iter().copied(),
            format!(
                "protocol parameters must all be sent in one place (RFC 5849 s3.5); they start in the {} but {} {} elsewhere",
                first.as_str(),
                outside.join(", "),
                if outside.len() == 1 { "is" } else { "are" }
            ),
        ));
    }
    Ok(Some(first))
}

/// The protocol parameters the checks read, borrowed from the collected list.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ProtocolParams<'p> {
    pub consumer_key: Option<&'p str>,
    pub token: Option<&'p str>,
    pub signature_method: Option<&'p str>,
    pub signature: Option<&'p str>,
    pub timestamp: Option<&'p str>,
    pub nonce: Option<&'p str>,
    pub version: Option<&'p str>,
    pub body_hash: Option<&'p str>,
    /// How many protocol parameters there are, and their total length.
    pub count: usize,
    pub bytes: usize,
}

impl<'p> ProtocolParams<'p> {
    /// Reads them in one pass; `check_placement` has ruled out repeats.
    pub fn read(params: &'p [Param<'_>]) -> Self {
        let mut out = ProtocolParams::default();
        for p in params.iter().filter(|p| p.is_protocol()) {
            out.count += 1;
            out.bytes += p.name.len() + p.value.len();
            let value = Some(&*p.value);
            match &*p.name {
                "oauth_consumer_key" => out.consumer_key = value,
                "oauth_token" => out.token = value,
                "oauth_signature_method" => out.signature_method = value,
                "oauth_signature" => out.signature = value,
                "oauth_timestamp" => out.timestamp = value,
                "oauth_nonce" => out.nonce = value,
                "oauth_version" => out.version = value,
                "oauth_body_hash" => out.body_hash = value,
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParameterLocation::{Body, Header, Query};

    fn param(name: &'static str, location: ParameterLocation) -> Param<'static> {
        Param {
            name: Cow::Borrowed(name),
            value: Cow::Borrowed("v"),
            location,
        }
    }

    fn rejected(params: &[Param<'_>]) -> Vec<String> {
        let problem = check_placement(params).unwrap_err();
        assert_eq!(problem.code(), ProblemCode::ParameterRejected);
        problem.parameters().to_vec()
    }

    #[test]
    fn step2_one_location_is_fine() {
        let params = [
            param("a", Query),
            param("a", Query),
            param("oauth_nonce", Body),
            param("oauth_token", Body),
        ];
        assert_eq!(check_placement(&params), Ok(Some(Body)));
        assert_eq!(check_placement(&[param("a", Query)]), Ok(None));
    }

    #[test]
    fn step2_repeats_inside_the_header_or_across_locations_are_sorted() {
        let params = [
            param("oauth_token", Header),
            param("realm", Header),
            param("oauth_nonce", Header),
            param("oauth_token", Header),
            param("realm", Header),
            param("oauth_nonce", Query),
        ];
        assert_eq!(rejected(&params), ["oauth_nonce", "oauth_token", "realm"]);
    }

    #[test]
    fn step2_split_names_those_outside_the_first_location() {
        let params = [
            param("oauth_consumer_key", Body),
            param("oauth_timestamp", Query),
            param("oauth_nonce", Query),
        ];
        assert_eq!(rejected(&params), ["oauth_nonce", "oauth_timestamp"]);
    }

    #[test]
    fn step2_non_protocol_names_may_repeat_outside_the_header() {
        let params = [param("a", Header), param("a", Body), param("a", Query)];
        assert_eq!(check_placement(&params), Ok(None));
    }

    #[test]
    fn step2_bad_form_encoding_is_rejected() {
        let problem = collect(Vec::new(), Some(b"a=%zz"), None).unwrap_err();
        assert_eq!(problem.code(), ProblemCode::ParameterRejected);
        let problem = collect(Vec::new(), Some(b"a=\xff"), None).unwrap_err();
        assert_eq!(problem.code(), ProblemCode::ParameterRejected);
        let problem = collect(Vec::new(), None, Some("a=%FF%FE")).unwrap_err();
        assert_eq!(problem.code(), ProblemCode::ParameterRejected);
    }
}
