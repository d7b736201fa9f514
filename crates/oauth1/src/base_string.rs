//! Parameter normalization (RFC 5849 s3.4.1.3.2) and the signature base
//! string (s3.4.1.1). Parameters are kept encoded in one buffer, so a
//! signature costs two allocations here, however many parameters there are.

use crate::encoding::{form_decode_component, form_pieces, percent_encode_into};
use crate::error::Result;
use crate::url::RequestUrl;
use std::cmp::Ordering;

/// The request parameters that go into a base string, kept s3.6-encoded.
#[derive(Clone, Debug, Default)]
pub struct ParameterList {
    buf: String,
    /// Per pair: start of name, end of name (= start of value), end of value.
    ranges: Vec<(usize, usize, usize)>,
}

impl ParameterList {
    /// An empty list with room for `pairs` parameters of `bytes` encoded bytes.
    pub fn with_capacity(pairs: usize, bytes: usize) -> Self {
        ParameterList {
            buf: String::with_capacity(bytes),
            ranges: Vec::with_capacity(pairs),
        }
    }

    /// Adds one parameter given raw (decoded) name and value.
    pub fn push_raw(&mut self, name: &str, value: &str) {
        let start = self.buf.len();
        percent_encode_into(name.as_bytes(), &mut self.buf);
        let mid = self.buf.len();
        percent_encode_into(value.as_bytes(), &mut self.buf);
        self.ranges.push((start, mid, self.buf.len()));
    }

    /// Adds one parameter whose name and value are already s3.6-encoded.
    pub(crate) fn push_encoded(&mut self, name: &str, value: &str) {
        let start = self.buf.len();
        self.buf.push_str(name);
        let mid = self.buf.len();
        self.buf.push_str(value);
        self.ranges.push((start, mid, self.buf.len()));
    }

    /// Adds every pair of a form-encoded string (a query or a form body),
    /// decoded strictly and encoded again. `what` names it in errors.
    pub fn push_form(&mut self, form: &str, what: &str) -> Result<()> {
        for (name, value) in form_pieces(form) {
            let name = form_decode_component(name, what)?;
            let value = form_decode_component(value, what)?;
            self.push_raw(&name, &value);
        }
        Ok(())
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// `true` when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    fn pair(&self, r: (usize, usize, usize)) -> (&str, &str) {
        (&self.buf[r.0..r.1], &self.buf[r.1..r.2])
    }

    /// Sorts by encoded name, then encoded value, in byte order (s3.4.1.3.2).
    fn sort(&mut self) {
        let buf = &self.buf;
        self.ranges.sort_unstable_by(|a, b| {
            let (an, av) = (&buf.as_bytes()[a.0..a.1], &buf.as_bytes()[a.1..a.2]);
            let (bn, bv) = (&buf.as_bytes()[b.0..b.1], &buf.as_bytes()[b.1..b.2]);
            match an.cmp(bn) {
                Ordering::Equal => av.cmp(bv),
                other => other,
            }
        });
    }

    /// The normalized parameter string (s3.4.1.3.2): sorted, `name=value`
    /// joined with `&`.
    pub fn normalized(&mut self) -> String {
        self.sort();
        let mut out = String::with_capacity(self.buf.len() + 2 * self.ranges.len());
        for (i, &r) in self.ranges.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            let (n, v) = self.pair(r);
            out.push_str(n);
            out.push('=');
            out.push_str(v);
        }
        out
    }

    /// Appends the signature base string (s3.4.1.1) to `out`.
    pub fn write_base_string(&mut self, method: &str, url: &RequestUrl<'_>, out: &mut String) {
        self.sort();
        for c in method.chars() {
            out.push(c.to_ascii_uppercase());
        }
        out.push('&');
        let mut uri = String::with_capacity(url.host.len() + url.path.len() + 16);
        url.write_base_string_uri(&mut uri);
        percent_encode_into(uri.as_bytes(), out);
        out.push('&');
        for (i, &r) in self.ranges.iter().enumerate() {
            if i > 0 {
                out.push_str("%26");
            }
            let (n, v) = self.pair(r);
            encode_encoded(n, out);
            out.push_str("%3D");
            encode_encoded(v, out);
        }
    }

    /// The signature base string (s3.4.1.1) for `method` and `url`.
    pub fn base_string(&mut self, method: &str, url: &RequestUrl<'_>) -> String {
        let mut out = String::with_capacity(64 + url.path.len() + self.buf.len() * 3 / 2);
        self.write_base_string(method, url, &mut out);
        out
    }
}

/// Encodes an already-encoded string once more: only `%` is not unreserved.
fn encode_encoded(encoded: &str, out: &mut String) {
    let mut rest = encoded;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        out.push_str("%25");
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Decodes the third part of a base string once: the normalized parameters.
pub(crate) fn normalized_from_base_string(base_string: &str) -> String {
    let third = base_string.splitn(3, '&').nth(2).unwrap_or_default();
    crate::encoding::percent_decode_strict(third, "base string")
        .map(|c| c.into_owned())
        .unwrap_or_default()
}
