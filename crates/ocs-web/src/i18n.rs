//! The translation layer: Fluent bundles per language, and the language of a request.
//!
//! English ships now; the 24 official languages are a list here and a folder of `.ftl` files
//! each. A key missing in a language falls back to English, never to the key itself.

use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The official EU languages, in the order the switcher shows them.
pub const OFFICIAL_LANGUAGES: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

const SOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en/main.ftl")),
    ("en", include_str!("../locales/en/eid.ftl")),
];

/// Why the translations cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// A `.ftl` file does not parse.
    #[error("translation file for {lang} has syntax errors: {detail}")]
    Syntax {
        /// Language.
        lang: &'static str,
        /// Parser message.
        detail: String,
    },
    /// The language tag is invalid.
    #[error("bad language tag {0}")]
    Tag(&'static str),
}

/// All loaded bundles.
pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl I18n {
    /// Loads every shipped language.
    pub fn load() -> Result<Self, I18nError> {
        let mut bundles = HashMap::new();
        for &(lang, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
                I18nError::Syntax {
                    lang,
                    detail: format!("{errors:?}"),
                }
            })?;
            let tag = lang.parse().map_err(|_| I18nError::Tag(lang))?;
            // Several files per language (main.ftl, eid.ftl, …) go into one bundle.
            let bundle = bundles.entry(lang).or_insert_with(|| {
                let mut bundle = FluentBundle::new_concurrent(vec![tag]);
                // Unicode isolation marks would end up inside HTML attributes and JSON.
                bundle.set_use_isolating(false);
                bundle
            });
            bundle
                .add_resource(resource)
                .map_err(|errors| I18nError::Syntax {
                    lang,
                    detail: format!("{errors:?}"),
                })?;
        }
        Ok(Self { bundles })
    }

    /// Whether a language has a bundle.
    pub fn has(&self, lang: &str) -> bool {
        self.bundles.contains_key(lang)
    }

    /// The languages shipped.
    pub fn languages(&self) -> Vec<&'static str> {
        let mut languages: Vec<_> = self.bundles.keys().copied().collect();
        languages.sort_unstable();
        languages
    }

    /// Every message id of a language (for completeness tests).
    pub fn message_ids(&self, lang: &str) -> Vec<String> {
        SOURCES
            .iter()
            .filter(|(l, _)| *l == lang)
            .flat_map(|(_, source)| source.lines())
            .filter_map(|line| {
                let (id, _) = line.split_once(" =")?;
                let id = id.trim();
                (!id.is_empty()
                    && !line.starts_with(' ')
                    && !line.starts_with('#')
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .then(|| id.to_owned())
            })
            .collect()
    }

    /// Translates `key` into `lang` (English fallback).
    pub fn text(&self, lang: &str, key: &str) -> String {
        self.format(lang, key, None)
    }

    /// Translates `key` with named arguments.
    pub fn text_with(&self, lang: &str, key: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.clone()));
        }
        self.format(lang, key, Some(&fluent_args))
    }

    fn format(&self, lang: &str, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for candidate in [lang, "en"] {
            let Some(bundle) = self.bundles.get(candidate) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if errors.is_empty() {
                return text.into_owned();
            }
            tracing::warn!(key, lang = candidate, "translation has formatting errors");
        }
        tracing::warn!(key, lang, "missing translation");
        key.to_owned()
    }
}

/// The language of a request: `?lang=xx`, then `Accept-Language`, then English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(pub &'static str);

impl Lang {
    /// Picks the language from a query string and an `Accept-Language` value.
    pub fn negotiate(i18n: &I18n, query: Option<&str>, accept: Option<&str>) -> Self {
        let from_query = query.and_then(|q| {
            q.split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(name, _)| *name == "lang")
                .map(|(_, value)| value.to_ascii_lowercase())
        });
        if let Some(lang) = from_query.and_then(|l| Self::supported(i18n, &l)) {
            return lang;
        }
        if let Some(accept) = accept {
            let mut ranked: Vec<(f32, &str)> = accept
                .split(',')
                .filter_map(|part| {
                    let mut pieces = part.trim().split(';');
                    let tag = pieces.next()?.trim();
                    let quality = pieces
                        .find_map(|p| p.trim().strip_prefix("q="))
                        .and_then(|q| q.parse::<f32>().ok())
                        .unwrap_or(1.0);
                    Some((quality, tag))
                })
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (_, tag) in ranked {
                let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
                if let Some(lang) = Self::supported(i18n, &primary) {
                    return lang;
                }
            }
        }
        Self("en")
    }

    fn supported(i18n: &I18n, lang: &str) -> Option<Self> {
        OFFICIAL_LANGUAGES
            .iter()
            .find(|l| **l == lang && i18n.has(l))
            .map(|l| Self(l))
    }
}

impl<S> FromRequestParts<S> for Lang
where
    S: Send + Sync + AsRef<I18n>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let accept = parts
            .headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Ok(Self::negotiate(state.as_ref(), parts.uri.query(), accept))
    }
}

/// A translator bound to one language, handed to templates.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    i18n: &'a I18n,
    /// The language.
    pub lang: &'static str,
}

impl<'a> Tr<'a> {
    /// Binds `i18n` to `lang`.
    pub fn new(i18n: &'a I18n, lang: Lang) -> Self {
        Self { i18n, lang: lang.0 }
    }

    /// Translates a key.
    pub fn t(&self, key: &str) -> String {
        self.i18n.text(self.lang, key)
    }

    /// Translates a key with arguments.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        self.i18n.text_with(self.lang, key, args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_loads_and_falls_back() {
        let i18n = I18n::load().unwrap();
        assert_eq!(i18n.text("en", "site-name"), "OpenOCS");
        assert_eq!(i18n.text("de", "site-name"), "OpenOCS");
        assert_eq!(
            Lang::negotiate(&i18n, Some("lang=xx"), Some("fr-BE, de;q=0.5")),
            Lang("en")
        );
        assert_eq!(Lang::negotiate(&i18n, Some("lang=en"), None), Lang("en"));
    }

    #[test]
    fn every_error_code_and_field_has_an_english_message() {
        let i18n = I18n::load().unwrap();
        let ids = i18n.message_ids("en");
        for code in ocs_domain::ErrorCode::ALL {
            let key = format!("error-{}", code.as_str());
            assert!(ids.contains(&key), "missing {key}");
        }
        for country in ocs_domain::CountryCode::ALL {
            let key = format!("country-{}", country.as_str());
            assert!(ids.contains(&key), "missing {key}");
        }
        for id in &ids {
            assert!(!i18n.text("en", id).trim().is_empty(), "{id} is empty");
        }
    }

    #[test]
    fn every_language_has_the_eid_messages_and_they_parse() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let ids = |text: &str| -> Vec<String> {
            let mut ids: Vec<String> = text
                .lines()
                .filter(|line| !line.starts_with('#') && !line.starts_with(' '))
                .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.to_owned()))
                .collect();
            ids.sort();
            ids
        };
        let english = ids(&std::fs::read_to_string(dir.join("en/eid.ftl")).unwrap());
        assert!(english.len() > 10);
        let languages = [
            "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
            "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
        ];
        for lang in languages {
            let text = std::fs::read_to_string(dir.join(lang).join("eid.ftl")).unwrap();
            assert!(
                FluentResource::try_new(text.clone()).is_ok(),
                "{lang}/eid.ftl"
            );
            assert_eq!(ids(&text), english, "{lang}/eid.ftl");
        }
    }
}
