//! The provider side: verifier settings, credentials (a table or C
//! lookups), nonce stores (in memory or a C callback), verification, and
//! what it answers (the verified request, or the problem to report).
//!
//! Every rule of verification is the core's (`oauth1::Verifier`); these
//! files convert arguments and adapt C callbacks to the core's traits.

mod callbacks;
mod credentials;
mod nonce_store;
mod problem;
mod verified;
mod verifier;

pub use callbacks::*;
pub use credentials::*;
pub use nonce_store::*;
pub use problem::*;
pub use verified::*;
pub use verifier::*;
pub(crate) use verifier::{arg_received, Received};
