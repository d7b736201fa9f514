//! The client side: the signer builder, the signer, per-request sign
//! options, and the signed request.

mod builder;
mod options;
mod signed;
mod signer;

pub use builder::*;
pub use options::*;
pub use signed::*;
pub use signer::*;
