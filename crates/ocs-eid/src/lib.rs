#![doc = include_str!("../README.md")]

//! The crate root re-exports the public items.

pub mod config;
pub mod flow;
pub mod identity;
pub mod oidc;
pub mod replay;
pub mod saml;
pub mod xmldsig;
pub mod xmlenc;
pub mod xmlguard;

pub use config::{LevelOfAssurance, OidcSettings, Protocol, ProviderConfig, ProviderId};
pub use flow::{Callback, EidService, FailureCounts, Finished, ReturnTo, SamlPost, Started};
pub use identity::{EidFailure, EidIdentity};
pub use saml::{SamlSettings, SpSigning};
pub use xmlenc::SpDecryption;
