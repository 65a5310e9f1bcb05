//! The signing form body (`POST /initiatives/{slug}/sign/{nationality}`): axum's `Form`
//! extractor on the raw bytes, the handler's split of control fields from statement fields,
//! then `NewStatement::parse` with the embedded country table.
//!
//! The handler's split is private to ocs-web; this target repeats it (the control names as
//! in `routes::pages`), and takes the path's nationality from a `nationality` pair.

use std::collections::BTreeMap;

use axum::extract::FromRequest as _;
use axum::http::{Request, header};
use ocs_domain::{CountryCode, CountryTable, NewStatement, RawStatement};

use crate::{Rng, Target};

/// Form fields that are not statement fields (as `CONTROLS` in ocs-web's pages).
const CONTROLS: [&str; 8] = [
    "form_token",
    "csrf",
    "altcha",
    "consent",
    "confirmed",
    "lang",
    "mail_updates",
    "mail_address",
];

/// The form target.
#[derive(Debug)]
pub struct FormBody {
    table: CountryTable,
}

impl FormBody {
    /// With the embedded country rules.
    pub fn new() -> Result<Self, ocs_domain::rules::RulesError> {
        Ok(Self {
            table: CountryTable::embedded()?,
        })
    }
}

impl Target for FormBody {
    fn name(&self) -> &'static str {
        "form"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        [
            "nationality=AT&form_token=x&consent=on&full.first.names=Anna&family.names=Gruber&id.type=id.card&id.number=12345678",
            "nationality=DE&full.first.names=Erika&family.names=Mustermann&street=Heidestra%C3%9Fe&street.number=17&postal.code=51147&city=K%C3%B6ln&country=DE&date.of.birth=1990-01-31&consent=on",
            "nationality=FR&full.first.names=Jean+Pierre&family.names=Dupont&street=rue+de+Rivoli&street.number=1&postal.code=75001&city=Paris&country=FR&date.of.birth=1980-12-01&confirmed=on&lang=fr",
            "nationality=EL&full.first.names=%CE%9A%CF%8E%CF%83%CF%84%CE%B1%CF%82&family.names=Papadopoulos&street=Ermou&street.number=5&postal.code=10563&city=Athina&country=EL&consent=on&mail_updates=on&mail_address=a%40example.org",
            "nationality=ES&full.first.names=Ana&family.names=Garc%C3%ADa&id.type=id.card&id.number=12345678Z&consent=on",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect()
    }

    fn dictionary(&self) -> Vec<Vec<u8>> {
        let mut tokens: Vec<Vec<u8>> = super::statement_tokens()
            .into_iter()
            .map(String::into_bytes)
            .collect();
        tokens.extend(
            [
                "&", "=", "%", "%2", "%zz", "%00", "%C3", "%FF", "+", "&&", "==", "%26", "%3D", ";",
            ]
            .iter()
            .map(|s| s.as_bytes().to_vec()),
        );
        tokens
    }

    fn mutate_structured(
        &self,
        input: &mut Vec<u8>,
        rng: &mut Rng,
        dictionary: &[Vec<u8>],
    ) -> bool {
        let mut pairs: Vec<Vec<u8>> = input.split(|b| *b == b'&').map(<[u8]>::to_vec).collect();
        let at = rng.below(pairs.len());
        let token = rng.pick(dictionary).cloned().unwrap_or_default();
        match rng.below(4) {
            0 => {
                // New value for a pair.
                let Some(pair) = pairs.get_mut(at) else {
                    return false;
                };
                let key_end = pair.iter().position(|b| *b == b'=').unwrap_or(pair.len());
                pair.truncate(key_end);
                pair.push(b'=');
                pair.extend_from_slice(&token);
            }
            1 => {
                // A new pair with a dictionary key.
                let mut pair = token;
                pair.push(b'=');
                pair.extend_from_slice(rng.pick(dictionary).map_or(&[][..], Vec::as_slice));
                pairs.insert(at, pair);
            }
            2 => {
                // A pair repeated.
                let Some(pair) = pairs.get(at).cloned() else {
                    return false;
                };
                for _ in 0..=rng.below(32) {
                    pairs.insert(at, pair.clone());
                }
            }
            _ => {
                if pairs.len() < 2 {
                    return false;
                }
                pairs.remove(at);
            }
        }
        *input = pairs.join(&b'&');
        true
    }

    fn run(&mut self, input: &[u8]) -> String {
        let Ok(request) = Request::builder()
            .method("POST")
            .uri("/initiatives/x/sign/at")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(input.to_vec()))
        else {
            return "request".to_owned();
        };
        let form = super::block_on(axum::Form::<Vec<(String, String)>>::from_request(
            request,
            &(),
        ));
        let Ok(axum::Form(pairs)) = form else {
            return "malformed-body".to_owned();
        };
        let nationality = pairs
            .iter()
            .find(|(k, _)| k == "nationality")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        let Ok(country) = CountryCode::parse(nationality) else {
            return "unknown-nationality".to_owned();
        };
        let control = |name: &str| pairs.iter().any(|(k, _)| k == name);
        let fields: BTreeMap<String, String> = pairs
            .iter()
            .filter(|(k, _)| !CONTROLS.contains(&k.as_str()) && k != "nationality")
            .cloned()
            .collect();
        let raw = RawStatement {
            nationality: country.as_str().to_owned(),
            fields,
            confirmed: control("confirmed"),
        };
        super::statement_outcome(&NewStatement::parse(&self.table, &raw))
    }
}
