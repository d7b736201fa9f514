//! The native part of the `oauth1` Python package (`oauth1._oauth1`).
//!
//! It holds no OAuth logic: every function converts its Python arguments
//! (`args`), calls the core crate and converts the result back; the core's
//! error becomes a Python exception in one place (`errors`).
//!
//! - `signer`: `Signer`, `SignedRequest`; `fastcall` parses `Signer.sign`'s
//!   arguments (the hot path) without PyO3's per-call tuple and dict.
//! - `transport`: the one call the requests and httpx integrations make.
//! - `flow`: the three-legged flow's URL, callback and token response.
//! - `verify`: `Verifier` and its credentials and nonce stores.
//! - `provider`: the whole service provider; `profile`: provider profiles
//!   and NetSuite's `TokenPassport`.
//!
//! Thread safety: every class is `frozen` (immutable after construction) and
//! wraps a core value that is `Send + Sync`, so objects can be shared between
//! threads with or without a GIL; the module declares `gil_used = false`.

// Its API is Python's, documented in the `.pyi` stubs; no Rust caller sees it.
#![allow(missing_docs)]

mod args;
mod errors;
mod fastcall;
mod flow;
mod fork;
mod profile;
mod provider;
mod signer;
mod transport;
mod verify;

/// OAuth 1.0a signing on the liboauth1 core (native part; import `oauth1`).
#[pyo3::pymodule(gil_used = false)]
mod _oauth1 {
    use oauth1::{ProblemCode, SignatureMethod};
    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    #[pymodule_export]
    use crate::args::Omit;
    #[pymodule_export]
    use crate::errors::{
        InvalidEncoding, InvalidKey, InvalidParameter, InvalidResponse, InvalidURL, OAuth1Error,
        UnsupportedSignatureMethod, VerificationError,
    };
    #[pymodule_export]
    use crate::flow::{
        authorization_url, is_form_content_type, parse_callback, parse_token_response,
        CallbackParams, TokenResponse,
    };
    #[pymodule_export]
    use crate::profile::{profile, profiles, Profile, TokenPassport, TokenPassportSigner};
    #[pymodule_export]
    use crate::provider::{Provider, ProviderResponse, RedisStore};
    #[pymodule_export]
    use crate::signer::{SignedRequest, Signer};
    #[pymodule_export]
    use crate::transport::TransportSigner;
    #[pymodule_export]
    use crate::verify::credentials::{Consumer, Credentials};
    #[pymodule_export]
    use crate::verify::nonce_store::MemoryNonceStore;
    #[pymodule_export]
    use crate::verify::received_url;
    #[pymodule_export]
    use crate::verify::verified::VerifiedRequest;
    #[pymodule_export]
    use crate::verify::verifier::Verifier;

    /// The constants, the exceptions' class attributes, and the methods
    /// set on classes from other modules.
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        crate::fork::install_fork_notices();
        let py = m.py();
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("core_version", oauth1::VERSION)?;
        m.add(
            "SIGNATURE_METHODS",
            PyTuple::new(py, SignatureMethod::ALL.iter().map(|m| m.as_str()))?,
        )?;
        m.add("DEFAULT_NONCE_LENGTH", oauth1::DEFAULT_NONCE_LENGTH)?;
        m.add("DEFAULT_NONCE_ALPHABET", oauth1::DEFAULT_NONCE_ALPHABET)?;
        m.add("OMIT", Bound::new(py, crate::args::Omit)?)?;
        m.add(
            "PROBLEM_CODES",
            PyTuple::new(py, ProblemCode::ALL.iter().map(|c| c.as_str()))?,
        )?;
        m.add("DEFAULT_TIMESTAMP_WINDOW", oauth1::DEFAULT_TIMESTAMP_WINDOW)?;
        crate::errors::init(m)?;
        crate::signer::SIGN_METHOD.install::<crate::signer::Signer>(py)?;
        crate::profile::init(m)?;
        Ok(())
    }
}
