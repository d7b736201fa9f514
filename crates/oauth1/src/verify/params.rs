//! Collecting the parameters of a received request from its three
//! locations, and the placement rules for protocol parameters
//! (VERIFY.md step 2; RFC 5849 s3.1 step 2 and s3.5).

use super::header::REALM;
use super::problem::{Problem, ProblemCode};
use super::request::ParameterLocation;
use crate::base_string::ParameterList;
use crate::encoding::form_decode_component;
use std::borrow::Cow;

/// One received parameter, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Param<'a> {
    pub name: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub location: ParameterLocation,
    /// Name and value hold only unreserved bytes (RFC 5849 s3.6), so they
    /// enter the base string as they are, without encoding.
    pub verbatim: bool,
}

impl<'a> Param<'a> {
    /// A parameter of the `Authorization` header.
    #[inline]
    pub fn header(name: Cow<'a, str>, value: Cow<'a, str>, verbatim: bool) -> Self {
        Param {
            name,
            value,
            location: ParameterLocation::Header,
            verbatim,
        }
    }
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

/// Collects the parameters of the request from the header, a form body
/// and the query: returns every header parameter (the realm included), and
/// every protocol parameter of the body and query, decoded, in the order
/// header, body, query. Other body and query parameters only go to
/// `signed`, the empty list that receives the parameters the signature
/// covers (s3.4.1.3.1): all but the realm and `oauth_signature`. Building
/// it here, while every piece is read once anyway, checks the encoding of
/// the whole request before any other check runs.
pub(crate) fn collect<'a>(
    header: Vec<Param<'a>>,
    form_body: Option<&'a [u8]>,
    query: Option<&'a str>,
    signed: &mut ParameterList,
) -> Result<Vec<Param<'a>>, Problem> {
    let form_body = match form_body {
        None => None,
        Some(body) => Some(std::str::from_utf8(body).map_err(|_| {
            Problem::plain(
                ProblemCode::ParameterRejected,
                "the form-encoded body is not valid UTF-8",
            )
        })?),
    };
    for param in &header {
        if param.is_realm() || param.name == SIGNATURE {
            continue;
        }
        if param.verbatim {
            signed.push_unreserved(&param.name, &param.value);
        } else {
            signed.push_raw(&param.name, &param.value);
        }
    }
    let mut params = header;
    if let Some(body) = form_body {
        read_form(
            body,
            ParameterLocation::Body,
            "form body",
            &mut params,
            signed,
        )?;
    }
    if let Some(query) = query {
        read_form(
            query,
            ParameterLocation::Query,
            "query",
            &mut params,
            signed,
        )?;
    }
    Ok(params)
}

const SIGNATURE: &str = "oauth_signature";

/// Reads one form-encoded string, split as `form_pieces` splits it: on `&`,
/// empty pieces skipped. The usual query or body has no protocol parameter
/// and is re-encoded into the signed list in one go; should a name in it
/// turn out to be an `oauth_` one, those pairs are taken back and the
/// pieces read one by one: protocol parameters are decoded and kept, every
/// other piece is re-encoded straight into the signed list.
fn read_form<'a>(
    form: &'a str,
    location: ParameterLocation,
    what: &str,
    params: &mut Vec<Param<'a>>,
    signed: &mut ParameterList,
) -> Result<(), Problem> {
    let bad =
        |e: crate::Error| Problem::plain(ProblemCode::ParameterRejected, e.message().to_owned());
    let mark = signed.len();
    signed.push_form(form, what).map_err(bad)?;
    // Encoding leaves `oauth_` as it is, so the stored names tell.
    if !signed
        .encoded_names_from(mark)
        .any(|name| name.starts_with("oauth_"))
    {
        return Ok(());
    }
    signed.truncate(mark);
    for piece in form.split('&').filter(|piece| !piece.is_empty()) {
        let (raw_name, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
        // An `oauth_` name may arrive escaped (`oauth%5Fnonce`), so the name
        // is decoded; that borrows unless it holds `%` or `+`.
        let name = form_decode_component(raw_name, what).map_err(bad)?;
        if !name.starts_with("oauth_") {
            signed.push_form(piece, what).map_err(bad)?;
            continue;
        }
        let value = form_decode_component(raw_value, what).map_err(bad)?;
        if name != SIGNATURE {
            signed.push_raw(&name, &value);
        }
        params.push(Param {
            name,
            value,
            location,
            verbatim: false,
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
    if has_repeat(params) {
        return Err(repeated(params));
    }
    let Some(first) = params.iter().find(|p| p.is_protocol()).map(|p| p.location) else {
        return Ok(None);
    };
    if params
        .iter()
        .all(|p| !p.is_protocol() || p.location == first)
    {
        return Ok(Some(first));
    }
    let mut outside: Vec<&str> = params
        .iter()
        .filter(|p| p.is_protocol() && p.location != first)
        .map(|p| &*p.name)
        .collect();
    outside.sort_unstable();
    Err(Problem::new(
        ProblemCode::ParameterRejected,
        outside.iter().copied(),
        format!(
            "protocol parameters must all be sent in one place (RFC 5849 s3.5); they start in the {} but {} {} elsewhere",
            first.as_str(),
            outside.join(", "),
            if outside.len() == 1 { "is" } else { "are" }
        ),
    ))
}

/// Whether any name of the header, or any protocol name, appears twice.
/// Quadratic, without allocating: requests carry a dozen such names; a
/// longer list (only a hostile one) is sorted instead.
fn has_repeat(params: &[Param<'_>]) -> bool {
    let counted = |p: &&Param<'_>| p.location == ParameterLocation::Header || p.is_protocol();
    if params.len() <= 32 {
        return params
            .iter()
            .enumerate()
            .filter(|(_, p)| counted(p))
            .any(|(i, p)| {
                params[i + 1..]
                    .iter()
                    .filter(counted)
                    .any(|q| q.name == p.name)
            });
    }
    let mut names: Vec<&str> = params.iter().filter(counted).map(|p| &*p.name).collect();
    names.sort_unstable();
    names.windows(2).any(|pair| pair[0] == pair[1])
}

/// `parameter_rejected` with the repeated names, sorted.
fn repeated(params: &[Param<'_>]) -> Problem {
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
    repeated.dedup();
    Problem::new(
        ProblemCode::ParameterRejected,
        repeated.iter().copied(),
        format!(
            "{} sent more than once; each protocol parameter may appear once (RFC 5849 s3.1)",
            repeated.join(", ")
        ),
    )
}

/// The protocol parameters the checks read, borrowed from the collected list.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ReceivedProtocolParams<'p> {
    pub consumer_key: Option<&'p str>,
    pub token: Option<&'p str>,
    pub signature_method: Option<&'p str>,
    pub signature: Option<&'p str>,
    pub timestamp: Option<&'p str>,
    pub nonce: Option<&'p str>,
    pub version: Option<&'p str>,
    pub body_hash: Option<&'p str>,
    /// The total length of the protocol parameters' names and values.
    pub bytes: usize,
}

impl<'p> ReceivedProtocolParams<'p> {
    /// Reads them in one pass; `check_placement` has ruled out repeats.
    pub fn read(params: &'p [Param<'_>]) -> Self {
        let mut out = ReceivedProtocolParams::default();
        for p in params.iter().filter(|p| p.is_protocol()) {
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
            verbatim: true,
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
    fn step2_escaped_protocol_names_are_found() {
        // Reads a query after a header parameter; checks that the signed
        // list holds them all but the signature.
        let read = |form: &str| {
            let mut signed = ParameterList::default();
            signed.push_raw("h", "1");
            let params = collect(Vec::new(), None, Some(form), &mut signed)
                .ok()
                .unwrap();
            let mut expected = ParameterList::default();
            expected.push_raw("h", "1");
            for (name, value) in crate::form_decode(form, "query").unwrap() {
                if name != SIGNATURE {
                    expected.push_raw(&name, &value);
                }
            }
            let url = crate::RequestUrl::parse("http://h/").unwrap();
            let base_string = signed.base_string("GET", &url);
            assert_eq!(base_string, expected.base_string("GET", &url), "{form}");
            params
                .iter()
                .map(|p| (p.name.to_string(), p.value.to_string()))
                .collect::<Vec<_>>()
        };
        let pair = |n: &str, v: &str| (n.to_owned(), v.to_owned());
        assert_eq!(read("oauth_nonce=1"), [pair("oauth_nonce", "1")]);
        assert_eq!(
            read("a=1&oauth%5Fnonce=n&b=%41"),
            [pair("oauth_nonce", "n")]
        );
        assert_eq!(read("%6Fauth_nonce=1&&x"), [pair("oauth_nonce", "1")]);
        assert_eq!(
            read("oauth_signature=s%2B&oauth_x=%20"),
            [pair("oauth_signature", "s+"), pair("oauth_x", " ")]
        );
        for form in [
            "offset=100",
            "q=caf%C3%A9&b=oauth_x",
            "oauth=1&x",
            "o+auth_x=1",
            "ab%20",
            "",
        ] {
            assert_eq!(read(form), []);
        }
    }

    #[test]
    fn step2_bad_form_encoding_is_rejected() {
        let bad: [(Option<&[u8]>, Option<&str>); 3] = [
            (Some(b"a=%zz"), None),
            (Some(b"a=\xff"), None),
            (None, Some("a=%FF%FE")),
        ];
        for (body, query) in bad {
            let mut signed = ParameterList::default();
            let problem = collect(Vec::new(), body, query, &mut signed).err().unwrap();
            assert_eq!(problem.code(), ProblemCode::ParameterRejected);
        }
    }
}
