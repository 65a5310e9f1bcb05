//! The `[[eid]]` tables of the configuration: eID providers (see docs/EID.md), OpenID Connect
//! or SAML 2.0. Checked at load (a SAML IdP's certificate and our SP certificates are read
//! then); an OpenID client secret and the SAML SP signing and decryption keys are read from
//! their files at start-up (files others can read are refused).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use ocs_domain::{CountryCode, Slug};
use ocs_eid::{
    LevelOfAssurance, OidcSettings, Protocol, ProviderConfig, ProviderId, SamlSettings,
    SpDecryption, SpSigning,
};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// One `[[eid]]` table as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEidProvider {
    id: String,
    label: String,
    /// `oidc` or `saml` (SAML 2.0, as eIDAS nodes speak it).
    protocol: String,
    /// OpenID: the issuer.
    issuer: Option<String>,
    /// OpenID: our client id.
    client_id: Option<String>,
    /// OpenID: the file holding our client secret.
    client_secret_file: Option<PathBuf>,
    /// SAML: the IdP's `SingleSignOnService` URL (HTTP-Redirect binding).
    sso_url: Option<String>,
    /// SAML: the IdP's entity ID (the Issuer of its responses).
    idp_entity_id: Option<String>,
    /// SAML: the IdP's signing certificate (PEM), from its metadata.
    idp_certificate_file: Option<PathBuf>,
    /// SAML: our SP entity ID. Default: `{server.public_url}/eid/saml/metadata/{id}`.
    entity_id: Option<String>,
    /// SAML: our assertion consumer service. Default: `{server.public_url}/eid/saml/acs`.
    acs_url: Option<String>,
    /// SAML: the eIDAS level asked for (`low`, `substantial`, `high`).
    requested_loa: Option<String>,
    /// SAML: eIDAS `SPType`, `public` or `private`.
    sp_type: Option<String>,
    /// SAML: our request-signing key (PKCS#8 PEM, RSA ≥ 2048 bits; mode 600).
    sp_signing_key_file: Option<PathBuf>,
    /// SAML: the certificate of that key (PEM), published in our SP metadata.
    sp_certificate_file: Option<PathBuf>,
    /// SAML: our key for encrypted assertions (PKCS#8 PEM, RSA ≥ 2048 bits; mode 600, or a
    /// `$CREDENTIALS_DIRECTORY/` credential). eIDAS nodes encrypt their assertions to it.
    sp_decryption_key_file: Option<PathBuf>,
    /// SAML: the certificate of that key (PEM), published in our SP metadata as
    /// `<md:KeyDescriptor use="encryption">`.
    sp_encryption_certificate_file: Option<PathBuf>,
    /// SAML: refuse an assertion in clear. Default: `true` when a decryption key is set.
    require_encryption: Option<bool>,
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
    /// The level given to an absent or unmapped assurance value. Unset (the default): such a
    /// login is refused. Kept for configurations that set it; see docs/EID.md.
    default_loa: Option<String>,
    #[serde(default = "default_minimum_loa")]
    minimum_loa: String,
}

fn default_scopes() -> Vec<String> {
    vec!["profile".into()]
}
fn default_subject_claim() -> String {
    "sub".into()
}
fn default_minimum_loa() -> String {
    "substantial".into()
}

/// A checked provider whose secret (OpenID) is still in its file.
#[derive(Debug, Clone)]
pub struct EidProviderSpec {
    config: ProviderConfig,
    /// OpenID only; a SAML provider has no secret (its certificate is read at check).
    client_secret_file: Option<PathBuf>,
    /// SAML with signed requests: the key file and the certificate (PEM, read at check).
    sp_signing: Option<(PathBuf, String)>,
    /// SAML with encrypted assertions: the key file, the certificate (PEM, read at check)
    /// and whether an assertion in clear is refused.
    sp_decryption: Option<(PathBuf, String, bool)>,
}

/// Reads a secret file that only its owner may read.
fn read_secret_file(path: &Path, what: &dyn Fn() -> String) -> anyhow::Result<Zeroizing<String>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path)
            .with_context(what)?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            bail!("{}: other users can read it; run chmod 600 on it", what());
        }
    }
    Ok(Zeroizing::new(
        std::fs::read_to_string(path).with_context(what)?,
    ))
}

impl EidProviderSpec {
    /// One line about the provider, for `check-config`.
    pub fn describe(&self) -> String {
        let nationalities = self
            .config
            .nationalities
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>();
        match &self.config.protocol {
            Protocol::Oidc(settings) => format!(
                "eID {} (oidc {}) for {nationalities:?}, secret in {}",
                self.config.id,
                settings.issuer,
                self.client_secret_file
                    .as_deref()
                    .map_or_else(String::new, |f| f.display().to_string())
            ),
            Protocol::Saml(settings) => format!(
                "eID {} (saml {}) for {nationalities:?}, our entity ID {}, assertions {}",
                self.config.id,
                settings.sso_url,
                settings.entity_id,
                match &self.sp_decryption {
                    None => "in clear".to_owned(),
                    Some((key, _, true)) => format!("encrypted, required (key {})", key.display()),
                    Some((key, _, false)) => {
                        format!("encrypted or in clear (key {})", key.display())
                    }
                }
            ),
        }
    }

    /// Reads the client secret (one line) or the SAML SP signing key; the file must not be
    /// readable by others. A SAML provider without a signing key is complete already.
    pub fn load(&self) -> anyhow::Result<ProviderConfig> {
        if self.sp_signing.is_some() || self.sp_decryption.is_some() {
            return self.load_saml_keys();
        }
        let Some(client_secret_file) = &self.client_secret_file else {
            return Ok(self.config.clone());
        };
        let what = || {
            format!(
                "eid {} client_secret_file {}",
                self.config.id,
                client_secret_file.display()
            )
        };
        let text = read_secret_file(client_secret_file, &what)?;
        let secret = text.trim();
        if secret.is_empty() {
            bail!(
                "{} is empty: put the client secret from the provider in it",
                what()
            );
        }
        let mut config = self.config.clone();
        if let Protocol::Oidc(settings) = &mut config.protocol {
            settings.client_secret = secret.to_owned().into();
        }
        Ok(config)
    }

    /// Reads the SAML SP signing and decryption keys (files others cannot read).
    fn load_saml_keys(&self) -> anyhow::Result<ProviderConfig> {
        let mut config = self.config.clone();
        let Protocol::Saml(settings) = &mut config.protocol else {
            return Ok(config);
        };
        if let Some((key_file, certificate, required)) = &self.sp_decryption {
            let what = || {
                format!(
                    "eid {} sp_decryption_key_file {}",
                    self.config.id,
                    key_file.display()
                )
            };
            let pem = read_secret_file(key_file, &what)?;
            settings.decryption = Some(
                SpDecryption::from_pem(&pem, certificate, *required)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", what()))?,
            );
        }
        if let Some((key_file, certificate)) = &self.sp_signing {
            let what = || {
                format!(
                    "eid {} sp_signing_key_file {}",
                    self.config.id,
                    key_file.display()
                )
            };
            let pem = read_secret_file(key_file, &what)?;
            settings.signing = Some(
                SpSigning::from_pem(&pem, certificate)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", what()))?,
            );
        }
        Ok(config)
    }
}

fn level(text: &str, what: &str) -> anyhow::Result<LevelOfAssurance> {
    LevelOfAssurance::parse(text)
        .with_context(|| format!("{what} = {text:?}: use low, substantial or high"))
}

fn https(id: &ProviderId, name: &str, url: &str) -> anyhow::Result<()> {
    let parsed = url::Url::parse(url).with_context(|| format!("eid {id}: {name} is not a URL"))?;
    let loopback = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if parsed.scheme() != "https" && !loopback {
        bail!("eid {id}: {name} must be https");
    }
    Ok(())
}

fn oidc(
    id: &ProviderId,
    raw: &mut RawEidProvider,
    public_url: Option<&str>,
    base: &Path,
) -> anyhow::Result<(Protocol, Option<PathBuf>)> {
    let public = public_url.map(|p| p.trim_end_matches('/').to_owned());
    if raw.sso_url.is_some()
        || raw.idp_entity_id.is_some()
        || raw.idp_certificate_file.is_some()
        || raw.entity_id.is_some()
        || raw.acs_url.is_some()
        || raw.requested_loa.is_some()
        || raw.sp_type.is_some()
        || raw.sp_signing_key_file.is_some()
        || raw.sp_certificate_file.is_some()
        || raw.sp_decryption_key_file.is_some()
        || raw.sp_encryption_certificate_file.is_some()
        || raw.require_encryption.is_some()
    {
        bail!(
            "eid {id}: sso_url, idp_entity_id, idp_certificate_file, entity_id, acs_url, requested_loa, sp_type, sp_signing_key_file, sp_certificate_file, sp_decryption_key_file, sp_encryption_certificate_file and require_encryption are for protocol = \"saml\""
        );
    }
    let (Some(issuer), Some(client_id), Some(secret)) = (
        raw.issuer.take(),
        raw.client_id.take(),
        raw.client_secret_file.take(),
    ) else {
        bail!("eid {id}: protocol = \"oidc\" needs issuer, client_id and client_secret_file");
    };
    let redirect_url = match (raw.redirect_url.take(), &public) {
        (Some(url), _) => url,
        (None, Some(public)) => format!("{public}/eid/callback"),
        (None, None) => bail!("eid {id}: set redirect_url or server.public_url"),
    };
    https(id, "issuer", &issuer)?;
    https(id, "redirect_url", &redirect_url)?;
    if !redirect_url.ends_with("/eid/callback") {
        bail!("eid {id}: redirect_url must end with /eid/callback");
    }
    let secret = super::credentials::resolve(base, &secret);
    Ok((
        Protocol::Oidc(OidcSettings {
            issuer,
            client_id,
            client_secret: String::new().into(),
            redirect_url,
            scopes: std::mem::take(&mut raw.scopes),
            acr_values: raw.acr_values.take(),
            subject_claim: std::mem::take(&mut raw.subject_claim),
        }),
        Some(secret),
    ))
}

fn saml(
    id: &ProviderId,
    raw: &mut RawEidProvider,
    public_url: Option<&str>,
    base: &Path,
) -> anyhow::Result<(SamlSettings, SamlKeys)> {
    let public = public_url.map(|p| p.trim_end_matches('/').to_owned());
    if raw.issuer.is_some()
        || raw.client_id.is_some()
        || raw.client_secret_file.is_some()
        || raw.redirect_url.is_some()
    {
        bail!(
            "eid {id}: issuer, client_id, client_secret_file and redirect_url are for protocol = \"oidc\""
        );
    }
    let (Some(sso_url), Some(idp_entity_id), Some(certificate)) = (
        raw.sso_url.take(),
        raw.idp_entity_id.take(),
        raw.idp_certificate_file.take(),
    ) else {
        bail!(
            "eid {id}: protocol = \"saml\" needs sso_url, idp_entity_id and idp_certificate_file (from the IdP's metadata)"
        );
    };
    let (entity_id, acs_url) = match (raw.entity_id.take(), raw.acs_url.take(), &public) {
        (Some(entity), Some(acs), _) => (entity, acs),
        (entity, acs, Some(public)) => (
            entity.unwrap_or_else(|| format!("{public}/eid/saml/metadata/{id}")),
            acs.unwrap_or_else(|| format!("{public}/eid/saml/acs")),
        ),
        (_, _, None) => bail!("eid {id}: set entity_id and acs_url, or server.public_url"),
    };
    https(id, "sso_url", &sso_url)?;
    https(id, "acs_url", &acs_url)?;
    if !acs_url.ends_with("/eid/saml/acs") {
        bail!("eid {id}: acs_url must end with /eid/saml/acs");
    }
    if idp_entity_id.trim().is_empty() || entity_id.trim().is_empty() {
        bail!("eid {id}: idp_entity_id and entity_id must not be empty");
    }
    let sp_type = raw.sp_type.take().unwrap_or_else(|| "public".into());
    if sp_type != "public" && sp_type != "private" {
        bail!("eid {id}: sp_type = {sp_type:?}: use public or private");
    }
    let certificate = super::credentials::resolve(base, &certificate);
    let pem = std::fs::read_to_string(&certificate)
        .with_context(|| format!("eid {id}: idp_certificate_file {}", certificate.display()))?;
    let idp_key = ocs_eid::xmldsig::rsa_key_from_pem(&pem).map_err(|e| {
        anyhow::anyhow!(
            "eid {id}: idp_certificate_file {}: {e}",
            certificate.display()
        )
    })?;
    let sp_signing = match (
        raw.sp_signing_key_file.take(),
        raw.sp_certificate_file.take(),
    ) {
        (None, None) => None,
        (Some(key), Some(certificate)) => {
            let key = super::credentials::resolve(base, &key);
            let certificate = super::credentials::resolve(base, &certificate);
            let what = || format!("eid {id}: sp_certificate_file {}", certificate.display());
            let pem = std::fs::read_to_string(&certificate).with_context(what)?;
            ocs_eid::xmldsig::certificate_from_pem(&pem)
                .map_err(|e| anyhow::anyhow!("{}: {e}", what()))?;
            Some((key, pem))
        }
        _ => bail!("eid {id}: set both sp_signing_key_file and sp_certificate_file, or neither"),
    };
    let sp_decryption = decryption(id, raw, base)?;
    let settings = SamlSettings {
        sso_url,
        idp_entity_id,
        idp_key,
        entity_id,
        acs_url,
        requested_loa: level(
            raw.requested_loa.as_deref().unwrap_or("substantial"),
            &format!("eid {id} requested_loa"),
        )?,
        sp_type,
        signing: None,
        decryption: None,
    };
    Ok((settings, (sp_signing, sp_decryption)))
}

/// A SAML provider's key files still to read: signing (key, certificate PEM) and decryption
/// (key, certificate PEM, encryption required).
type SamlKeys = (Option<(PathBuf, String)>, Option<(PathBuf, String, bool)>);

/// The decryption key file, its certificate (read and checked now) and `require_encryption`.
fn decryption(
    id: &ProviderId,
    raw: &mut RawEidProvider,
    base: &Path,
) -> anyhow::Result<Option<(PathBuf, String, bool)>> {
    match (
        raw.sp_decryption_key_file.take(),
        raw.sp_encryption_certificate_file.take(),
        raw.require_encryption.take(),
    ) {
        (None, None, None | Some(false)) => Ok(None),
        (None, None, Some(true)) => bail!(
            "eid {id}: require_encryption = true needs sp_decryption_key_file and sp_encryption_certificate_file"
        ),
        (Some(key), Some(certificate), required) => {
            let key = crate::config::credentials::resolve(base, &key);
            let certificate = crate::config::credentials::resolve(base, &certificate);
            let what = || {
                format!(
                    "eid {id}: sp_encryption_certificate_file {}",
                    certificate.display()
                )
            };
            let pem = std::fs::read_to_string(&certificate).with_context(what)?;
            ocs_eid::xmldsig::certificate_from_pem(&pem)
                .map_err(|e| anyhow::anyhow!("{}: {e}", what()))?;
            Ok(Some((key, pem, required.unwrap_or(true))))
        }
        _ => bail!(
            "eid {id}: set both sp_decryption_key_file and sp_encryption_certificate_file, or neither"
        ),
    }
}

/// Checks every `[[eid]]` table.
pub fn check(
    raw: Vec<RawEidProvider>,
    public_url: Option<&str>,
    base: &Path,
) -> anyhow::Result<Vec<EidProviderSpec>> {
    let mut seen = Vec::new();
    raw.into_iter()
        .map(|mut raw| {
            let id = ProviderId::parse(&raw.id).map_err(anyhow::Error::msg)?;
            if seen.contains(&id) {
                bail!("eid {id} is configured twice");
            }
            seen.push(id.clone());
            let (protocol, client_secret_file, (sp_signing, sp_decryption)) =
                match raw.protocol.as_str() {
                    "oidc" => {
                        let (protocol, secret) = oidc(&id, &mut raw, public_url, base)?;
                        (protocol, secret, (None, None))
                    }
                    "saml" => {
                        let (settings, keys) = saml(&id, &mut raw, public_url, base)?;
                        (Protocol::Saml(settings), None, keys)
                    }
                    other => bail!(
                        "eid {id}: protocol = {other:?} is not supported; use \"oidc\" or \"saml\""
                    ),
                };
            let nationalities = raw
                .nationalities
                .iter()
                .map(|n| {
                    CountryCode::parse(n)
                        .map_err(|_| anyhow::anyhow!("eid {id}: {n:?} is not a member state code"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            if nationalities.is_empty() {
                bail!("eid {id}: list the nationalities it serves");
            }
            let initiatives = raw
                .initiatives
                .iter()
                .map(|s| {
                    Slug::parse(s)
                        .map_err(|_| anyhow::anyhow!("eid {id}: {s:?} is not an initiative name"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let loa_map = raw
                .loa_map
                .iter()
                .map(|(acr, l)| Ok((acr.clone(), level(l, &format!("eid {id} loa_map"))?)))
                .collect::<anyhow::Result<_>>()?;
            Ok(EidProviderSpec {
                config: ProviderConfig {
                    label: raw.label,
                    protocol,
                    nationalities,
                    initiatives,
                    loa_map,
                    default_loa: raw
                        .default_loa
                        .as_deref()
                        .map(|l| level(l, &format!("eid {id} default_loa")))
                        .transpose()?,
                    minimum_loa: level(&raw.minimum_loa, &format!("eid {id} minimum_loa"))?,
                    id,
                },
                client_secret_file,
                sp_signing,
                sp_decryption,
            })
        })
        .collect()
}
