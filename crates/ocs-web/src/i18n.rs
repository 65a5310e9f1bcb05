//! The translation layer: Fluent bundles per language, and the language of a request.
//!
//! Every `locales/<lang>/<feature>.ftl` is embedded by `build.rs`: a new file is loaded without a
//! code change. Each language gets one bundle whose locale is that language, so plural
//! selection follows CLDR's rules for it (Irish has five forms, Polish three, and so on).
//! Numbers passed as numbers are grouped the language's way (from the CLDR table in `cldr.rs`).
//! A key missing in a language falls back to English, never to the key itself; the tests below
//! make sure nothing is missing.

use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::l10n;

/// The official EU languages, in code order (the order the switcher shows them).
pub const OFFICIAL_LANGUAGES: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

/// Every embedded translation file: language, file name without `.ftl`, source text.
pub const SOURCES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Why the translations cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// A `.ftl` file does not parse, or repeats a message of another file.
    #[error("translation file {lang}/{file}.ftl has errors: {detail}")]
    Syntax {
        /// Language.
        lang: &'static str,
        /// File name without `.ftl`.
        file: &'static str,
        /// Parser message.
        detail: String,
    },
    /// A folder of `locales/` is not an official language.
    #[error("locales/{0} is not one of the 24 official languages")]
    Unknown(&'static str),
}

/// All loaded bundles.
pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
    /// Every page says the site is a demonstration (`ocs demo`, see [`I18n::with_demo_notice`]).
    demo_notice: bool,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.languages())
            .finish()
    }
}

/// Hands the bundle's language to the number formatter (Fluent caches one per bundle).
struct LanguageOf(&'static str);

impl intl_memoizer::Memoizable for LanguageOf {
    type Args = ();
    type Error = ();
    fn construct(
        lang: unic_langid::LanguageIdentifier,
        (): Self::Args,
    ) -> Result<Self, Self::Error> {
        let code = lang.language.as_str();
        OFFICIAL_LANGUAGES
            .iter()
            .find(|l| **l == code)
            .map(|l| Self(l))
            .ok_or(())
    }
}

/// Fluent's number formatter: whole numbers grouped per language; the rest as Fluent would.
fn format_number<M: MemoizerKind>(value: &FluentValue<'_>, memoizer: &M) -> Option<String> {
    let FluentValue::Number(FluentNumber { value, options }) = value else {
        return None;
    };
    if value.fract() != 0.0 || options.minimum_fraction_digits.is_some() || *value < 0.0 {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "whole, non-negative, and far below 2^53 (counts of statements)"
    )]
    let whole = *value as u64;
    memoizer
        .with_try_get_threadsafe::<LanguageOf, _, _>((), |lang| l10n::number(lang.0, whole))
        .ok()
}

/// A value for a placeholder: text as it is, or a number (plural selection, grouping).
#[derive(Debug, Clone)]
pub enum Arg {
    /// Shown as it is.
    Text(String),
    /// Selects plural forms and is grouped per language.
    Number(u64),
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<u64> for Arg {
    fn from(value: u64) -> Self {
        Self::Number(value)
    }
}

impl I18n {
    /// Loads every embedded language.
    pub fn load() -> Result<Self, I18nError> {
        let mut bundles: HashMap<&'static str, FluentBundle<FluentResource>> = HashMap::new();
        for &(lang, file, source) in SOURCES {
            if !OFFICIAL_LANGUAGES.contains(&lang) {
                return Err(I18nError::Unknown(lang));
            }
            let syntax = |detail: String| I18nError::Syntax { lang, file, detail };
            let resource = FluentResource::try_new(source.to_owned())
                .map_err(|(_, errors)| syntax(format!("{errors:?}")))?;
            let bundle = match bundles.entry(lang) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    let tag = lang
                        .parse()
                        .map_err(|_| syntax("bad language tag".to_owned()))?;
                    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
                    // Unicode isolation marks would end up inside HTML attributes and JSON.
                    bundle.set_use_isolating(false);
                    bundle.set_formatter(Some(format_number));
                    entry.insert(bundle)
                }
            };
            bundle
                .add_resource(resource)
                .map_err(|errors| syntax(format!("{errors:?}")))?;
        }
        Ok(Self {
            bundles,
            demo_notice: false,
        })
    }

    /// Every page built with these texts carries the banner "demonstration: statements are
    /// not sent to any authority" (key `demo-banner`). Set by the assembly when it serves an
    /// initiative of the `demo` regime, which only `ocs demo` sets.
    #[must_use]
    pub fn with_demo_notice(mut self, on: bool) -> Self {
        self.demo_notice = on;
        self
    }

    /// Whether a language has a bundle.
    pub fn has(&self, lang: &str) -> bool {
        self.bundles.contains_key(lang)
    }

    /// The languages shipped, in code order.
    pub fn languages(&self) -> Vec<&'static str> {
        OFFICIAL_LANGUAGES
            .iter()
            .copied()
            .filter(|l| self.has(l))
            .collect()
    }

    /// Whether `lang` has its own text for `key` (no English fallback).
    pub fn has_message(&self, lang: &str, key: &str) -> bool {
        self.bundles
            .get(lang)
            .is_some_and(|bundle| bundle.has_message(key))
    }

    /// Every message id of a language (for completeness tests).
    pub fn message_ids(&self, lang: &str) -> Vec<String> {
        SOURCES
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .flat_map(|(_, _, source)| source.lines())
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

    /// Translates `key` with named text arguments.
    pub fn text_with(&self, lang: &str, key: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.clone()));
        }
        self.format(lang, key, Some(&fluent_args))
    }

    /// Translates `key` with text or number arguments.
    pub fn text_args(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Number(number) => FluentValue::from(*number),
            };
            fluent_args.set(*name, value);
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

/// The language of a request: `?lang=xx`, then `Accept-Language` (by q-value), then English.
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
            let mut ranked: Vec<(f32, usize, &str)> = accept
                .split(',')
                .enumerate()
                .filter_map(|(position, part)| {
                    let mut pieces = part.trim().split(';');
                    let tag = pieces.next()?.trim();
                    let quality = pieces
                        .find_map(|p| p.trim().strip_prefix("q="))
                        .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                    (quality > 0.0 && quality <= 1.0).then_some((quality, position, tag))
                })
                .collect();
            // Highest quality first; equal qualities keep the order the browser sent.
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, _, tag) in ranked {
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

    /// The demonstration banner every page shows when the site serves a demo initiative.
    pub fn demo_notice(&self) -> Option<String> {
        self.i18n.demo_notice.then(|| self.t("demo-banner"))
    }

    /// Translates a key.
    pub fn t(&self, key: &str) -> String {
        self.i18n.text(self.lang, key)
    }

    /// Translates a key with text arguments.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        self.i18n.text_with(self.lang, key, args)
    }

    /// Translates a key with text or number arguments (numbers select plural forms).
    pub fn t_args(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.i18n.text_args(self.lang, key, args)
    }

    /// The languages of the switcher.
    pub fn languages(&self) -> Vec<&'static str> {
        self.i18n.languages()
    }

    /// The name of a language in itself (`Deutsch`, `suomi`), for the switcher.
    pub fn language_name(&self, code: &str) -> String {
        self.i18n.text(code, "language-name")
    }
}

#[cfg(test)]
mod tests;
