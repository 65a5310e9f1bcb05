//! The `[[eid]]` tables of the configuration: eID providers (see docs/EID.md). Checked at
//! load; the client secret is read from its file at start-up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use ocs_domain::{CountryCode, Slug};
use ocs_eid::{LevelOfAssurance, OidcSettings, Protocol, ProviderConfig, ProviderId};
use serde::{Deserialize, Serialize};

/// One `[[eid]]` table as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEidProvider {
    id: String,
    label: String,
    /// `oidc` (SAML 2.0 / eIDAS nodes: not yet).
    protocol: String,
    issuer: String,
    client_id: String,
    client_secret_file: PathBuf,
    /// Default: `{server.public_url}/eid/callback`.
    redirect_url: Option<String>,
    #[serde(default = "default_scopes")]
    scopes: Vec<String>,
    acr_values: Option<String>,
    #[serde(default = "default_subject_claim")]
    subject_claim: String,
    nationalities: Vec<String>,
    #[serde(default)]
    initiatives: Vec<String>,
    #[serde(default)]
    loa_map: BTreeMap<String, String>,
    #[serde(default = "default_loa")]
    default_loa: String,
    #[serde(default = "default_minimum_loa")]
    minimum_loa: String,
}

fn default_scopes() -> Vec<String> {
    vec!["profile".into()]
}
fn default_subject_claim() -> String {
    "sub".into()
}
fn default_loa() -> String {
    "substantial".into()
}
fn default_minimum_loa() -> String {
    "substantial".into()
}

/// A checked provider whose secret is still in its file.
#[derive(Debug, Clone)]
pub struct EidProviderSpec {
    config: ProviderConfig,
    client_secret_file: PathBuf,
}

impl EidProviderSpec {
    /// The secret file, for `check-config`.
    pub fn describe(&self) -> String {
        let Protocol::Oidc(settings) = &self.config.protocol;
        format!(
            "eID {} (oidc {}) for {:?}, secret in {}",
            self.config.id,
            settings.issuer,
            self.config
                .nationalities
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            self.client_secret_file.display()
        )
    }

    /// Reads the client secret (one line; the file must not be readable by others).
    pub fn load(&self) -> anyhow::Result<ProviderConfig> {
        let what = || {
            format!(
                "eid {} client_secret_file {}",
                self.config.id,
                self.client_secret_file.display()
            )
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&self.client_secret_file)
                .with_context(what)?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                bail!("{}: other users can read it; run chmod 600 on it", what());
            }
        }
        let text = std::fs::read_to_string(&self.client_secret_file).with_context(what)?;
        let secret = text.trim();
        if secret.is_empty() {
            bail!(
                "{} is empty: put the client secret from the provider in it",
                what()
            );
        }
        let mut config = self.config.clone();
        let Protocol::Oidc(settings) = &mut config.protocol;
        settings.client_secret = secret.to_owned().into();
        Ok(config)
    }
}

fn level(text: &str, what: &str) -> anyhow::Result<LevelOfAssurance> {
    LevelOfAssurance::parse(text)
        .with_context(|| format!("{what} = {text:?}: use low, substantial or high"))
}

/// Checks every `[[eid]]` table.
pub fn check(
    raw: Vec<RawEidProvider>,
    public_url: Option<&str>,
    base: &Path,
) -> anyhow::Result<Vec<EidProviderSpec>> {
    let mut seen = Vec::new();
    raw.into_iter()
        .map(|raw| {
            let id = ProviderId::parse(&raw.id).map_err(anyhow::Error::msg)?;
            if seen.contains(&id) {
                bail!("eid {id} is configured twice");
            }
            seen.push(id.clone());
            if raw.protocol != "oidc" {
                bail!(
                    "eid {id}: protocol = {:?} is not supported; use \"oidc\" (SAML 2.0 is planned, see docs/EID.md)",
                    raw.protocol
                );
            }
            let redirect_url = match (raw.redirect_url, public_url) {
                (Some(url), _) => url,
                (None, Some(public)) => format!("{}/eid/callback", public.trim_end_matches('/')),
                (None, None) => bail!("eid {id}: set redirect_url or server.public_url"),
            };
            for (name, url) in [("issuer", &raw.issuer), ("redirect_url", &redirect_url)] {
                let parsed = url::Url::parse(url).with_context(|| format!("eid {id}: {name} is not a URL"))?;
                let loopback = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
                if parsed.scheme() != "https" && !loopback {
                    bail!("eid {id}: {name} must be https");
                }
            }
            if !redirect_url.ends_with("/eid/callback") {
                bail!("eid {id}: redirect_url must end with /eid/callback");
            }
            let nationalities = raw
                .nationalities
                .iter()
                .map(|n| CountryCode::parse(n).map_err(|_| anyhow::anyhow!("eid {id}: {n:?} is not a member state code")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            if nationalities.is_empty() {
                bail!("eid {id}: list the nationalities it serves");
            }
            let initiatives = raw
                .initiatives
                .iter()
                .map(|s| Slug::parse(s).map_err(|_| anyhow::anyhow!("eid {id}: {s:?} is not an initiative name")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let loa_map = raw
                .loa_map
                .iter()
                .map(|(acr, l)| Ok((acr.clone(), level(l, &format!("eid {id} loa_map"))?)))
                .collect::<anyhow::Result<_>>()?;
            Ok(EidProviderSpec {
                config: ProviderConfig {
                    label: raw.label,
                    protocol: Protocol::Oidc(OidcSettings {
                        issuer: raw.issuer,
                        client_id: raw.client_id,
                        client_secret: String::new().into(),
                        redirect_url,
                        scopes: raw.scopes,
                        acr_values: raw.acr_values,
                        subject_claim: raw.subject_claim,
                    }),
                    nationalities,
                    initiatives,
                    loa_map,
                    default_loa: level(&raw.default_loa, &format!("eid {id} default_loa"))?,
                    minimum_loa: level(&raw.minimum_loa, &format!("eid {id} minimum_loa"))?,
                    id,
                },
                client_secret_file: if raw.client_secret_file.is_absolute() {
                    raw.client_secret_file
                } else {
                    base.join(raw.client_secret_file)
                },
            })
        })
        .collect()
}
