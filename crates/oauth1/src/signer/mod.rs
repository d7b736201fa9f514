//! The consumer side: a [`Signer`] built once per set of credentials signs
//! requests and renders every transmission form of RFC 5849 s3.5.
//!
//! `request` holds what a caller passes per request (the request, its
//! options, the body hash policy), `builder` the signer's settings,
//! `sign` the signer and the signing itself, `signed` its result, and
//! `outgoing` the encoded protocol parameters the last two share.

mod builder;
mod outgoing;
mod request;
mod sign;
mod signed;

pub use builder::SignerBuilder;
pub use request::{BodyHash, Generated, Request, SignOptions, CORE_PROTOCOL_PARAMETERS};
pub use sign::Signer;
pub use signed::Signed;
