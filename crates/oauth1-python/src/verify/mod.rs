//! The provider side for Python: `Verifier`, its credentials (`Credentials`,
//! `Consumer`, or any Python object with `consumer()` and `token()`), its
//! nonce store (`MemoryNonceStore`, or any Python callable), the verified
//! request, and the proxy-aware URL rebuild.
//!
//! Every check is the core's; these modules only convert arguments and
//! adapt Python lookups to the core's traits. A refusal becomes
//! `VerificationError` (`crate::errors::problem_error`).

use pyo3::prelude::*;

use crate::args::{header_pairs, header_strs, str_arg};
use crate::errors::CoreError;

pub(crate) mod callbacks;
pub(crate) mod credentials;
pub(crate) mod nonce_store;
pub(crate) mod verified;
pub(crate) mod verifier;

/// Rebuilds the absolute URL the client signed from the request line's
/// target and the Host header; the forwarding headers count only when
/// trust_proxy_headers is True.
#[pyfunction]
#[pyo3(signature = (target, *, headers = None, tls = false, trust_proxy_headers = false))]
pub(crate) fn received_url(
    target: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    tls: bool,
    trust_proxy_headers: bool,
) -> PyResult<String> {
    let target = str_arg(target, "target")?;
    let pairs = header_pairs(headers)?;
    let mut url = oauth1::ReceivedUrl::new(tls, target).trust_proxy_headers(trust_proxy_headers);
    for (name, value) in header_strs(&pairs)? {
        url = url.with_header(name, value);
    }
    Ok(url.to_url().map_err(CoreError)?)
}
