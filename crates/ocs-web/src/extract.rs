//! Extractors for the openings every handler repeats: the public initiative named by the
//! path's `{slug}` ([`PublicInitiative`]) and the request identifier ([`RequestId`]). The
//! reader's language is [`crate::i18n::Lang`].

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{FromRequestParts, OptionalFromRequestParts, RawPathParams};
use axum::http::request::Parts;
use ocs_domain::{ErrorCode, Slug};
use ocs_service::catalog::CatalogEntry;

use crate::error::WebError;
use crate::state::WebState;

pub use crate::request_id::RequestId;

/// The initiative of the path's `{slug}`, as the public sees it (loaded from the catalogue).
/// An unknown or malformed slug is refused with `INI-001` ([`ErrorCode::InitiativeNotFound`]);
/// a handler that answers otherwise takes an `Option<PublicInitiative>`.
#[derive(Debug, Clone)]
pub struct PublicInitiative(pub Arc<CatalogEntry>);

impl PublicInitiative {
    /// The public initiative called `slug`, if there is one.
    pub fn find(web: &WebState, slug: &str) -> Option<Self> {
        Slug::parse(slug)
            .ok()
            .and_then(|slug| web.signing().public_initiative(&slug))
            .map(Self)
    }
}

impl std::ops::Deref for PublicInitiative {
    type Target = CatalogEntry;

    fn deref(&self) -> &CatalogEntry {
        &self.0
    }
}

/// The raw `{slug}` of the path, if the route has one.
async fn path_slug(parts: &mut Parts, web: &WebState) -> Option<String> {
    let params = RawPathParams::from_request_parts(parts, web).await.ok()?;
    params
        .iter()
        .find(|(name, _)| *name == "slug")
        .map(|(_, value)| value.to_owned())
}

impl FromRequestParts<WebState> for PublicInitiative {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, web: &WebState) -> Result<Self, WebError> {
        <Self as OptionalFromRequestParts<WebState>>::from_request_parts(parts, web)
            .await
            .unwrap_or_else(|never| match never {})
            .ok_or_else(|| WebError::new(ErrorCode::InitiativeNotFound))
    }
}

impl OptionalFromRequestParts<WebState> for PublicInitiative {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        web: &WebState,
    ) -> Result<Option<Self>, Infallible> {
        Ok(path_slug(parts, web)
            .await
            .and_then(|slug| Self::find(web, &slug)))
    }
}

/// The nationality of the path's `{nationality}`; an unknown one is refused with
/// [`ErrorCode::UnknownNationality`]. Put it after [`PublicInitiative`], so an unknown
/// initiative is refused first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nationality(pub ocs_domain::CountryCode);

impl FromRequestParts<WebState> for Nationality {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, web: &WebState) -> Result<Self, WebError> {
        let params = RawPathParams::from_request_parts(parts, web)
            .await
            .map_err(|_| WebError::new(ErrorCode::UnknownNationality))?;
        params
            .iter()
            .find(|(name, _)| *name == "nationality")
            .and_then(|(_, value)| ocs_domain::CountryCode::parse(value).ok())
            .map(Self)
            .ok_or_else(|| WebError::new(ErrorCode::UnknownNationality))
    }
}
