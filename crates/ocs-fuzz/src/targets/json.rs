//! The API's JSON statement body (`POST /api/v1/initiatives/{slug}/statements`):
//! `serde_json` into the body's shape, then `NewStatement::parse` with the embedded country
//! table.
//!
//! The body struct is private to ocs-web; `StatementBody` here has the same fields and the same
//! `deny_unknown_fields`.

use std::collections::BTreeMap;

use ocs_domain::{CountryTable, NewStatement, RawStatement};
use serde::Deserialize;
use serde_json::Value;

use crate::{Rng, Target};

/// The shape of the API's statement body (as `StatementBody` in ocs-web's `routes::api`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "read by serde only; the values do not reach the parser"
)]
struct StatementBody {
    nationality: String,
    fields: BTreeMap<String, String>,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    confirmed: bool,
    #[serde(default)]
    altcha: Option<String>,
    #[serde(default)]
    mail_updates: bool,
    #[serde(default)]
    mail_address: Option<String>,
}

/// The JSON target.
#[derive(Debug)]
pub struct JsonBody {
    table: CountryTable,
}

impl JsonBody {
    /// With the embedded country rules.
    pub fn new() -> Result<Self, ocs_domain::rules::RulesError> {
        Ok(Self {
            table: CountryTable::embedded()?,
        })
    }
}

impl Target for JsonBody {
    fn name(&self) -> &'static str {
        "json"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        [
            r#"{"nationality":"AT","fields":{"full.first.names":"Anna","family.names":"Gruber","id.type":"id.card","id.number":"12345678"},"consent":true,"altcha":"eyJhbGdvcml0aG0iOiJTSEEtMjU2In0="}"#,
            r#"{"nationality":"DE","fields":{"full.first.names":"Erika","family.names":"Mustermann","street":"Heidestraße","street.number":"17","postal.code":"51147","city":"Köln","country":"DE","date.of.birth":"1990-01-31"},"consent":true,"confirmed":false}"#,
            r#"{"nationality":"fr","fields":{"full.first.names":"Jean","family.names":"Dupont","street":"rue de Rivoli","street.number":"1","postal.code":"75001","city":"Paris","country":"FR","date.of.birth":"1980-12-01"},"consent":true,"mail_updates":true,"mail_address":"a@example.org"}"#,
            r#"{"nationality":"EL","fields":{"full.first.names":"\u039a\u03ce\u03c3\u03c4\u03b1\u03c2","family.names":"Papadopoulos","street":"Ermou","street.number":"5","postal.code":"10563","city":"Athina","country":"EL"},"consent":true}"#,
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect()
    }

    fn dictionary(&self) -> Vec<Vec<u8>> {
        let mut tokens: Vec<Vec<u8>> = super::statement_tokens()
            .into_iter()
            .map(|t| format!("\"{t}\"").into_bytes())
            .collect();
        tokens.extend(
            [
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                "\"",
                "\\",
                "\\u0000",
                "\\ud800",
                "\\udc00x",
                "\\uD83D\\uDE00",
                "true",
                "false",
                "null",
                "0",
                "-0",
                "1e999",
                "0.0000001",
                "\"fields\":{}",
                "\"nationality\":",
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
        let Ok(mut value) = serde_json::from_slice::<Value>(input) else {
            return false;
        };
        let tokens: Vec<String> = super::statement_tokens();
        let token = rng.pick(&tokens).cloned().unwrap_or_default();
        let Some(object) = value.as_object_mut() else {
            return false;
        };
        // Half the edits go to the fields map, where the statement parser looks.
        let target = if rng.below(2) == 0 {
            match object.get_mut("fields").and_then(Value::as_object_mut) {
                Some(fields) => fields,
                None => object,
            }
        } else {
            object
        };
        let keys: Vec<String> = target.keys().cloned().collect();
        let key = rng.pick(&keys).cloned().unwrap_or_default();
        match rng.below(6) {
            0 => {
                target.insert(key, Value::String(token));
            }
            1 => {
                target.insert(token, Value::String(key));
            }
            2 => {
                target.remove(&key);
            }
            3 => {
                let long = token.repeat(1 + rng.below(4000));
                target.insert(key, Value::String(long));
            }
            4 => {
                let odd = match rng.below(5) {
                    0 => Value::Null,
                    1 => Value::Bool(true),
                    2 => Value::from(-1),
                    3 => Value::Array(vec![Value::String(token)]),
                    _ => serde_json::json!({ token: {} }),
                };
                target.insert(key, odd);
            }
            _ => {
                // Same key twice: only raw text can say that.
                let Ok(mut text) = serde_json::to_vec(&value) else {
                    return false;
                };
                if text.last() == Some(&b'}') {
                    text.pop();
                    let extra = rng.pick(dictionary).cloned().unwrap_or_default();
                    text.extend_from_slice(b",\"nationality\":");
                    text.extend_from_slice(&extra);
                    text.push(b'}');
                }
                *input = text;
                return true;
            }
        }
        match serde_json::to_vec(&value) {
            Ok(text) => {
                *input = text;
                true
            }
            Err(_) => false,
        }
    }

    fn run(&mut self, input: &[u8]) -> String {
        let Ok(body) = serde_json::from_slice::<StatementBody>(input) else {
            return "malformed-body".to_owned();
        };
        let raw = RawStatement {
            nationality: body.nationality,
            fields: body.fields,
            confirmed: body.confirmed,
        };
        super::statement_outcome(&NewStatement::parse(&self.table, &raw))
    }
}
