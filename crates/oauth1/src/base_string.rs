//! Parameter normalization (RFC 5849 s3.4.1.3.2) and the signature base
//! string (s3.4.1.1).
//!
//! The pairs are kept in one buffer already encoded *twice*, as the base
//! string's third part needs them: encoding twice only turns `%` into `%25`,
//! which keeps the byte order of s3.4.1.3.2 (both sides of any comparison
//! expand `%` alike), so sorting the twice-encoded pairs sorts the
//! normalized parameters. The base string is then plain copying.

use crate::encoding::{encode_into, form_pieces, is_unreserved, reencode_form_component, Escape};
use crate::error::Result;
use crate::url::RequestUrl;
use std::cmp::Ordering;

/// The request parameters that go into a base string.
#[derive(Clone, Debug, Default)]
pub struct ParameterList {
    buf: String,
    ranges: Vec<Range>,
    sorted: bool,
}

/// One pair in the buffer, stored as `%26name%3Dvalue` so that the base
/// string is one copy per pair; `start..mid` is the name and `mid + 3..end`
/// the value. The first 8 bytes of the name, as a big-endian number, decide
/// most comparisons while sorting.
#[derive(Clone, Copy, Debug)]
struct Range {
    name_prefix: u64,
    start: usize,
    mid: usize,
    end: usize,
}

impl ParameterList {
    /// An empty list with room for `pairs` parameters of about `bytes` encoded bytes.
    pub fn with_capacity(pairs: usize, bytes: usize) -> Self {
        ParameterList {
            buf: String::with_capacity(bytes),
            ranges: Vec::with_capacity(pairs),
            sorted: false,
        }
    }

    /// Adds one parameter given raw (decoded) name and value.
    pub fn push_raw(&mut self, name: &str, value: &str) {
        let start = self.open_pair();
        encode_into(name, Escape::Twice, &mut self.buf);
        let mid = self.separate();
        encode_into(value, Escape::Twice, &mut self.buf);
        self.push_range(start, mid);
    }

    /// Adds one parameter whose name and value are already s3.6-encoded once.
    pub(crate) fn push_encoded(&mut self, name: &str, value: &str) {
        let start = self.open_pair();
        encode_percent_signs(name, &mut self.buf);
        let mid = self.separate();
        encode_percent_signs(value, &mut self.buf);
        self.push_range(start, mid);
    }

    /// Adds one parameter whose name and value hold only unreserved bytes
    /// (s3.6), which encoding leaves as they are.
    pub(crate) fn push_unreserved(&mut self, name: &str, value: &str) {
        debug_assert!(name.bytes().chain(value.bytes()).all(is_unreserved));
        let start = self.open_pair();
        self.buf.push_str(name);
        let mid = self.separate();
        self.buf.push_str(value);
        self.push_range(start, mid);
    }

    /// Writes the pair separator; returns where the name starts.
    fn open_pair(&mut self) -> usize {
        self.buf.push_str("%26");
        self.buf.len()
    }

    /// Writes the name-value separator; returns where the name ends.
    fn separate(&mut self) -> usize {
        let mid = self.buf.len();
        self.buf.push_str("%3D");
        mid
    }

    /// Adds every pair of `other`.
    pub(crate) fn extend_from(&mut self, other: &ParameterList) {
        let offset = self.buf.len();
        self.buf.push_str(&other.buf);
        self.ranges.extend(other.ranges.iter().map(|r| Range {
            start: r.start + offset,
            mid: r.mid + offset,
            end: r.end + offset,
            ..*r
        }));
        self.sorted = false;
    }

    /// Adds every pair of a form-encoded string (a query or a form body),
    /// decoded strictly. `what` names it in errors.
    pub fn push_form(&mut self, form: &str, what: &str) -> Result<()> {
        for (name, value) in form_pieces(form) {
            let start = self.open_pair();
            reencode_form_component(name, what, Escape::Twice, &mut self.buf)?;
            let mid = self.separate();
            reencode_form_component(value, what, Escape::Twice, &mut self.buf)?;
            self.push_range(start, mid);
        }
        Ok(())
    }

    fn push_range(&mut self, start: usize, mid: usize) {
        let name = &self.buf.as_bytes()[start..mid];
        let mut prefix = [0u8; 8];
        let n = name.len().min(8);
        prefix[..n].copy_from_slice(&name[..n]);
        self.ranges.push(Range {
            name_prefix: u64::from_be_bytes(prefix),
            start,
            mid,
            end: self.buf.len(),
        });
        self.sorted = false;
    }

    /// The names of the pairs from the `from`-th on, as stored: encoded
    /// twice, which leaves unreserved characters as they are.
    pub(crate) fn encoded_names_from(&self, from: usize) -> impl Iterator<Item = &str> + '_ {
        let ranges = self.ranges.get(from..).unwrap_or_default();
        ranges.iter().map(|r| &self.buf[r.start..r.mid])
    }

    /// Drops the pairs from the `len`-th on. For a list being filled: the
    /// pairs must still be in the order they were added.
    pub(crate) fn truncate(&mut self, len: usize) {
        debug_assert!(!self.sorted);
        if let Some(first) = self.ranges.get(len) {
            // Each pair starts with its `%26` separator.
            self.buf.truncate(first.start - 3);
            self.ranges.truncate(len);
        }
    }

    /// Empties the list, keeping its memory.
    pub(crate) fn clear(&mut self) {
        self.buf.clear();
        self.ranges.clear();
        self.sorted = false;
    }

    /// The bytes the buffer holds without growing.
    pub(crate) fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// `true` when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Sorts by encoded name, then encoded value, in byte order (s3.4.1.3.2).
    fn sort(&mut self) {
        if self.sorted {
            return;
        }
        let bytes = self.buf.as_bytes();
        self.ranges.sort_unstable_by(|a, b| {
            // Zero padding in the prefix sorts a shorter name first, as byte order does.
            a.name_prefix.cmp(&b.name_prefix).then_with(|| {
                let (an, av) = (&bytes[a.start..a.mid], &bytes[a.mid + 3..a.end]);
                let (bn, bv) = (&bytes[b.start..b.mid], &bytes[b.mid + 3..b.end]);
                match an.cmp(bn) {
                    Ordering::Equal => av.cmp(bv),
                    other => other,
                }
            })
        });
        self.sorted = true;
    }

    /// Appends the third part of the base string: the normalized parameters,
    /// encoded once more.
    fn write_encoded_normalized(&mut self, out: &mut String) {
        self.sort();
        for (i, r) in self.ranges.iter().enumerate() {
            // Each pair carries its leading `%26`; the first one goes without.
            let from = if i == 0 { r.start } else { r.start - 3 };
            out.push_str(&self.buf[from..r.end]);
        }
    }

    /// The normalized parameter string (s3.4.1.3.2): sorted, `name=value`
    /// joined with `&`.
    pub fn normalized(&mut self) -> String {
        let mut encoded = String::with_capacity(self.buf.len() + 6 * self.ranges.len());
        self.write_encoded_normalized(&mut encoded);
        decode_once(&encoded)
    }

    /// Appends the signature base string (s3.4.1.1) to `out`.
    pub fn write_base_string(&mut self, method: &str, url: &RequestUrl<'_>, out: &mut String) {
        // The method in uppercase; a custom one "MUST be encoded (Section
        // 3.6)" (s3.4.1.1 step 1): a token may hold `&` or `%`, which would
        // otherwise run into the other two parts.
        if method.bytes().all(crate::encoding::is_unreserved) {
            for c in method.chars() {
                out.push(c.to_ascii_uppercase());
            }
        } else {
            crate::encoding::percent_encode_into(&method.to_ascii_uppercase(), out);
        }
        out.push('&');
        url.write_encoded_base_string_uri(out);
        out.push('&');
        self.write_encoded_normalized(out);
    }

    /// The signature base string (s3.4.1.1) for `method` and `url`.
    pub fn base_string(&mut self, method: &str, url: &RequestUrl<'_>) -> String {
        let capacity = method.len()
            + 24
            + url.host.len()
            + url.path.len() * 3 / 2
            + self.buf.len()
            + 6 * self.ranges.len();
        let mut out = String::with_capacity(capacity);
        self.write_base_string(method, url, &mut out);
        out
    }
}

/// Turns each `%` of once-encoded text into `%25`.
fn encode_percent_signs(encoded: &str, out: &mut String) {
    let mut start = 0;
    for (i, &b) in encoded.as_bytes().iter().enumerate() {
        if b == b'%' {
            out.push_str(&encoded[start..i]);
            out.push_str("%25");
            start = i + 1;
        }
    }
    out.push_str(&encoded[start..]);
}

/// Decodes s3.6-encoded text once. The input is always this module's or the
/// signer's own output, so it cannot hold a bad escape.
fn decode_once(encoded: &str) -> String {
    crate::encoding::percent_decode_strict(encoded, "base string")
        .map(|c| c.into_owned())
        .unwrap_or_default()
}

/// Decodes the third part of a base string once: the normalized parameters.
pub(crate) fn normalized_from_base_string(base_string: &str) -> String {
    decode_once(base_string.splitn(3, '&').nth(2).unwrap_or_default())
}

/// The raw text of a name or value stored encoded twice, for messages.
pub(crate) fn decode_twice_encoded(encoded: &str) -> String {
    decode_once(&decode_once(encoded))
}
