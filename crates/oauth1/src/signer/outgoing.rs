//! The protocol parameters a signature sends, encoded once and shared by
//! the base string, the header and the other transmission forms.

use crate::encoding::percent_encode_into;
/// Appends `name="value"` pairs (values already encoded) to a header being
/// written, with `, ` between them and after what is already there.
pub(super) fn write_header_pairs<'a>(
    out: &mut String,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) {
    for (name, value) in pairs {
        if !out.ends_with(' ') {
            out.push_str(", ");
        }
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(value);
        out.push('"');
    }
}

/// Protocol parameters, encoded, in the order they are sent: the text is the
/// `name=value&...` form (what s3.5.2 and s3.5.3 append), and the spans let
/// the header and the base string use the pairs without splitting it again.
#[derive(Clone, Debug, Default)]
pub(super) struct OutgoingProtocolParams {
    pub(super) text: String,
    /// Per pair: name start, name end (`=` at that index), value end.
    pub(super) spans: Vec<(usize, usize, usize)>,
}

impl OutgoingProtocolParams {
    pub(super) fn with_capacity(bytes: usize) -> Self {
        OutgoingProtocolParams {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(12),
        }
    }

    /// Adds a pair given raw values, encoding both.
    pub(super) fn push(&mut self, name: &str, value: &str) {
        self.push_with(name, |out| percent_encode_into(value, out));
    }

    /// Adds a pair whose value `write_value` appends, already encoded.
    /// Protocol names (`oauth_` and unreserved characters) need no encoding.
    pub(super) fn push_with(&mut self, name: &str, write_value: impl FnOnce(&mut String)) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        let start = self.text.len();
        if name.bytes().all(crate::encoding::is_unreserved) {
            self.text.push_str(name);
        } else {
            percent_encode_into(name, &mut self.text);
        }
        let eq = self.text.len();
        self.text.push('=');
        write_value(&mut self.text);
        self.spans.push((start, eq, self.text.len()));
    }

    pub(super) fn extend_from(&mut self, other: &OutgoingProtocolParams) {
        let offset = self.text.len() + usize::from(!self.text.is_empty());
        if !self.text.is_empty() && !other.text.is_empty() {
            self.text.push('&');
        }
        self.text.push_str(&other.text);
        self.spans.extend(
            other
                .spans
                .iter()
                .map(|&(s, e, v)| (s + offset, e + offset, v + offset)),
        );
    }

    /// The pair at `index`, encoded.
    pub(super) fn pair(&self, index: usize) -> Option<(&str, &str)> {
        self.spans
            .get(index)
            .map(|&(s, e, v)| (&self.text[s..e], &self.text[e + 1..v]))
    }

    pub(super) fn pairs(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.spans
            .iter()
            .map(|&(s, e, v)| (&self.text[s..e], &self.text[e + 1..v]))
    }
}
