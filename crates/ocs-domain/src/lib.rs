#![doc = include_str!("../README.md")]

pub mod access;
pub mod checks;
pub mod codes;
pub mod counters;
pub mod country;
pub mod ids;
pub mod initiative;
pub mod lifecycle;
pub mod mail;
pub mod normalize;
pub mod official_texts;
pub mod residence;
pub mod retention;
pub mod rules;
pub mod statement;

pub use codes::ErrorCode;
pub use counters::{CountSnapshot, Progress};
pub use country::CountryCode;
pub use ids::{DedupTag, InitiativeId, StatementId};
pub use initiative::{CollectionPeriod, Initiative, InitiativeStatus, Organiser, Regime, Slug};
pub use lifecycle::{Action, Lifecycle, LifecycleError, Stage};
pub use mail::EmailAddress;
pub use rules::{CountryRules, CountryTable};
pub use statement::{FieldError, FieldErrors, NewStatement, RawStatement};
