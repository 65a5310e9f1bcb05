//! The configuration checks, from TOML text to `Config`.

use super::database::redact_password;
use super::*;

fn raw(extra: &str) -> String {
    format!(
        r#"
[database]
url = "sqlite://data/ocs.db"
[secrets]
server_key_file = "secrets/server.key"
dedup_key_file = "secrets/dedup.key"
{extra}
"#
    )
}

fn parse(text: &str) -> anyhow::Result<Config> {
    let raw: RawConfig = toml::from_str(text)?;
    check(raw, Path::new("/srv/ocs"))
}

#[test]
fn minimal_file_gets_defaults_and_relative_paths() {
    let config = parse(&raw("")).unwrap();
    assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(
        config.server_key_file,
        PathBuf::from("/srv/ocs/secrets/server.key")
    );
    assert!(
        matches!(config.database, DatabaseUrl::Sqlite(ref p) if p == Path::new("/srv/ocs/data/ocs.db"))
    );
    assert_eq!(config.time_zone_name, "Europe/Brussels");
}

#[test]
fn postgres_urls_are_accepted_and_their_password_never_shown() {
    let url = "postgres://ocs:s3cret-pw@db.internal:5432/ocs?password=s3cret-pw&sslmode=require";
    let config = parse(&raw("").replace("sqlite://data/ocs.db", url)).unwrap();
    let shown = format!("{:?}", config.database);
    assert_eq!(shown, "postgres://ocs:***@db.internal:5432/ocs");
    assert!(!config.describe().contains("s3cret"));
    assert!(matches!(config.database, DatabaseUrl::Postgres(ref u) if u == url));
    assert_eq!(
        redact_password("postgresql://ocs@127.0.0.1/ocs"),
        "postgresql://ocs@127.0.0.1/ocs"
    );
    assert_eq!(redact_password("nonsense"), "postgres://***");
    let error = parse(&raw("").replace("sqlite://data/ocs.db", "mysql://x")).unwrap_err();
    assert!(error.to_string().contains("postgres://"), "{error}");
}

/// Issue 19, finding 14: `ocs serve` on a public address without `server.public_url`
/// could only compare the Origin with a Host an attacker's DNS controls.
#[test]
fn serve_off_loopback_requires_the_public_url() {
    let public = parse(&raw("[server]\nlisten = \"0.0.0.0:8080\"")).unwrap();
    let error = public.require_public_url().unwrap_err();
    assert!(error.to_string().contains("server.public_url"), "{error}");
    let named = parse(&raw(
        "[server]\nlisten = \"0.0.0.0:8080\"\npublic_url = \"https://sign.example.eu\"",
    ))
    .unwrap();
    assert!(named.require_public_url().is_ok());
    let local = parse(&raw("")).unwrap();
    assert!(local.require_public_url().is_ok());
}

#[test]
fn trusted_proxies_are_address_blocks() {
    let config = parse(&raw(
        "[server]\ntrusted_proxies = [\"10.0.0.0/8\", \"::1\"]",
    ))
    .unwrap();
    assert_eq!(config.trusted_proxies.len(), 2);
    let error = parse(&raw("[server]\ntrusted_proxies = [\"10.0.0.0/40\"]")).unwrap_err();
    assert!(
        format!("{error:#}").contains("server.trusted_proxies"),
        "{error:#}"
    );
}

#[test]
fn typos_and_bad_values_are_refused_with_the_key_named() {
    let typo = toml::from_str::<RawConfig>(&raw("[server]\nlisten_addr = \"x\"")).unwrap_err();
    assert!(typo.to_string().contains("listen_addr"), "{typo}");
    let error = parse(&raw("[server]\nlisten = \"nope\"")).unwrap_err();
    assert!(error.to_string().contains("server.listen"), "{error}");
    let error = parse(&raw("[countries.min_age]\nBE = 15")).unwrap_err();
    assert!(error.to_string().contains("16, 17 or 18"), "{error}");
    let error = parse(&raw("[signing]\ntime_zone = \"Mars/Olympus\"")).unwrap_err();
    assert!(error.to_string().contains("time_zone"), "{error}");
}

#[test]
fn eid_providers_are_checked() {
    let provider = |extra: &str| {
        format!(
            "[server]\npublic_url = \"https://sign.example.eu\"\n{}\n[[eid]]\nid = \"de-eid\"\nlabel = \"Test\"\nprotocol = \"oidc\"\nissuer = \"https://id.example.de\"\nclient_id = \"ocs\"\nclient_secret_file = \"secrets/eid.secret\"\nnationalities = [\"DE\"]\n{extra}",
            raw("").replace("[server]\n", "")
        )
    };
    let config = parse(&provider("")).unwrap();
    assert_eq!(config.eid.len(), 1);
    assert!(config.describe().contains("https://id.example.de"));
    let error = |extra: &str| format!("{:#}", parse(&provider(extra)).unwrap_err());
    assert!(error("minimum_loa = \"medium\"").contains("minimum_loa"));
    assert!(error("loa_map = { x = \"top\" }").contains("loa_map"));
    let other = provider("").replace("\"oidc\"", "\"ws-fed\"");
    assert!(format!("{:#}", parse(&other).unwrap_err()).contains("not supported"));
    let saml_with_oidc_fields = provider("").replace("\"oidc\"", "\"saml\"");
    assert!(
        format!("{:#}", parse(&saml_with_oidc_fields).unwrap_err())
            .contains("are for protocol = \"oidc\"")
    );
    let http = provider("").replace("https://id.example.de", "http://id.example.de");
    assert!(format!("{:#}", parse(&http).unwrap_err()).contains("must be https"));
    let foreign = provider("").replace("[\"DE\"]", "[\"US\"]");
    assert!(format!("{:#}", parse(&foreign).unwrap_err()).contains("member state"));
}

#[test]
fn saml_providers_are_checked() {
    let certificate = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ocs-eid/fixtures/saml-idp.pem"
    );
    let provider = |extra: &str| {
        format!(
            "[server]\npublic_url = \"https://sign.example.eu\"\n{}\n[[eid]]\nid = \"be-eidas\"\nlabel = \"eIDAS\"\nprotocol = \"saml\"\nsso_url = \"https://eidas.example.be/SpecificConnector/ServiceProvider\"\nidp_entity_id = \"https://eidas.example.be/metadata\"\nidp_certificate_file = \"{certificate}\"\nnationalities = [\"BE\"]\n{extra}",
            raw("").replace("[server]\n", "")
        )
    };
    let config = parse(&provider("")).unwrap();
    let described = config.describe();
    assert!(
        described.contains("saml https://eidas.example.be/"),
        "{described}"
    );
    assert!(
        described.contains("https://sign.example.eu/eid/saml/metadata/be-eidas"),
        "{described}"
    );
    let ocs_eid::Protocol::Saml(settings) = &config.eid[0].load().unwrap().protocol else {
        panic!("not SAML");
    };
    assert_eq!(settings.acs_url, "https://sign.example.eu/eid/saml/acs");
    assert_eq!(
        settings.requested_loa,
        ocs_eid::LevelOfAssurance::Substantial
    );
    let error = |extra: &str| format!("{:#}", parse(&provider(extra)).unwrap_err());
    assert!(error("requested_loa = \"top\"").contains("requested_loa"));
    // No level for an absent or unmapped value unless one is set (issue 19 B).
    assert_eq!(config.eid[0].load().unwrap().default_loa, None);
    let explicit = parse(&provider("default_loa = \"substantial\"")).unwrap();
    assert_eq!(
        explicit.eid[0].load().unwrap().default_loa,
        Some(ocs_eid::LevelOfAssurance::Substantial)
    );
    assert!(error("default_loa = \"top\"").contains("default_loa"));
    assert!(error("sp_type = \"other\"").contains("sp_type"));
    assert!(error("client_id = \"x\"").contains("are for protocol = \"oidc\""));
    assert!(error("acs_url = \"https://sign.example.eu/acs\"").contains("/eid/saml/acs"));
    let missing = provider("").replace(certificate, "/nonexistent/idp.pem");
    assert!(format!("{:#}", parse(&missing).unwrap_err()).contains("idp_certificate_file"));
    let not_a_cert = provider("").replace(
        certificate,
        concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
    );
    assert!(format!("{:#}", parse(&not_a_cert).unwrap_err()).contains("CERTIFICATE"));
    let http = provider("").replace(
        "https://eidas.example.be/Specific",
        "http://eidas.example.be/Specific",
    );
    assert!(format!("{:#}", parse(&http).unwrap_err()).contains("must be https"));
    let no_sso = provider("").replace("sso_url", "# sso_url");
    assert!(format!("{:#}", parse(&no_sso).unwrap_err()).contains("needs sso_url"));
}

#[cfg(unix)]
#[test]
fn a_saml_signing_key_is_read_from_a_private_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../ocs-eid/fixtures");
    let directory = std::env::temp_dir().join(format!("ocs-samlsig-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let key = directory.join("sp.key");
    std::fs::copy(format!("{fixtures}/saml-sp.key"), &key).unwrap();
    let text = |extra: &str| {
        format!(
            "[server]\npublic_url = \"https://sign.example.eu\"\n{}\n[[eid]]\nid = \"be-eidas\"\nlabel = \"eIDAS\"\nprotocol = \"saml\"\nsso_url = \"https://eidas.example.be/sso\"\nidp_entity_id = \"https://eidas.example.be/metadata\"\nidp_certificate_file = \"{fixtures}/saml-idp.pem\"\nnationalities = [\"BE\"]\n{extra}",
            raw("").replace("[server]\n", "")
        )
    };
    let both = format!(
        "sp_signing_key_file = \"{}\"\nsp_certificate_file = \"{fixtures}/saml-sp.pem\"",
        key.display()
    );
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let config = parse(&text(&both)).unwrap();
    let ocs_eid::Protocol::Saml(settings) = &config.eid[0].load().unwrap().protocol else {
        panic!("not SAML");
    };
    assert!(settings.signing.is_some());
    assert!(ocs_eid::saml::sp_metadata(settings).contains("AuthnRequestsSigned=\"true\""));
    // Readable by others: refused at start-up.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let error = format!("{:#}", config.eid[0].load().unwrap_err());
    assert!(error.contains("chmod 600"), "{error}");
    // A key that is not the certificate's.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let other = both.replace("saml-sp.pem", "saml-idp.pem");
    let error = format!(
        "{:#}",
        parse(&text(&other)).unwrap().eid[0].load().unwrap_err()
    );
    assert!(error.contains("not for this key"), "{error}");
    // One without the other.
    let error = format!(
        "{:#}",
        parse(&text(both.lines().next().unwrap())).unwrap_err()
    );
    assert!(error.contains("both sp_signing_key_file"), "{error}");
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn initiative_period_over_twelve_months_is_refused() {
    let key = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy)
        .1
        .to_text();
    let initiative = format!(
        r#"
[[initiatives]]
id = 1
slug = "x"
registration_number = "ECI(2026)000001"
registration_date = "2026-01-10"
title = "T"
subject = "S"
objectives = "O"
register_url = "https://register.example/x"
privacy_notice = "P"
collection_start = "2026-02-01"
collection_end = "2027-02-01"
status = "collecting"
recipient_keys = ["{key}"]
regime = "national"
storage_country = "BE"
"#
    );
    let error = parse(&raw(&initiative)).unwrap_err();
    assert!(error.to_string().contains("12 months"), "{error}");
    let ok = initiative.replace("2027-02-01", "2027-01-31");
    let config = parse(&raw(&ok)).unwrap();
    assert_eq!(config.initiatives.len(), 1);
}

/// An initiative of the configuration file with `extra` lines appended.
fn initiative_with(registration_date: &str, extra: &str) -> String {
    let key = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy)
        .1
        .to_text();
    format!(
        r#"
[[initiatives]]
id = 1
slug = "x"
registration_number = "ECI(2022)000001"
registration_date = "{registration_date}"
title = "T"
subject = "S"
objectives = "O"
register_url = "https://register.example/x"
privacy_notice = "P"
collection_start = "{registration_date}"
collection_end = "{registration_date}"
status = "collecting"
recipient_keys = ["{key}"]
{extra}
"#
    )
}

#[test]
fn regime_eci_after_2022_is_refused_by_the_configuration() {
    let late = initiative_with("2023-01-01", "regime = \"eci\"\nstorage_country = \"BE\"");
    let error = format!("{:#}", parse(&raw(&late)).unwrap_err());
    assert!(error.contains("INI-014"), "{error}");
    assert!(error.contains("2022-12-31"), "{error}");
    let early = initiative_with("2022-12-31", "regime = \"eci\"\nstorage_country = \"BE\"");
    let config = parse(&raw(&early)).unwrap();
    assert_eq!(
        config.initiatives[0].initiative.regime,
        ocs_domain::Regime::Eci
    );
    let national = initiative_with(
        "2026-01-10",
        "regime = \"national\"\nstorage_country = \"BE\"",
    );
    assert!(parse(&raw(&national)).is_ok());
    let missing = initiative_with("2026-01-10", "storage_country = \"BE\"");
    let error = format!("{:#}", parse(&raw(&missing)).unwrap_err());
    assert!(error.contains("regime"), "{error}");
}

#[test]
fn storage_country_is_required_by_the_configuration() {
    let missing = initiative_with("2026-01-10", "regime = \"national\"");
    let error = format!("{:#}", parse(&raw(&missing)).unwrap_err());
    assert!(error.contains("storage_country"), "{error}");
    let wrong = initiative_with(
        "2026-01-10",
        "regime = \"national\"\nstorage_country = \"CH\"",
    );
    let error = format!("{:#}", parse(&raw(&wrong)).unwrap_err());
    assert!(error.contains("INI-015"), "{error}");
    let good = initiative_with(
        "2026-01-10",
        "regime = \"national\"\nstorage_country = \"de\"",
    );
    let config = parse(&raw(&good)).unwrap();
    assert_eq!(
        config.initiatives[0].initiative.storage_country,
        ocs_domain::CountryCode::DE
    );
}

/// Cases per property: 64 in CI, more with `PROPTEST_CASES` (`scripts/fuzz`).
fn fuzz_config() -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    proptest::test_runner::Config {
        cases,
        ..proptest::test_runner::Config::default()
    }
}

/// A value a person might write for any setting, hostile ones included.
fn toml_value() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| format!("{n:?}")),
        ".{0,40}".prop_map(|s| format!("{s:?}")),
        Just("true".to_owned()),
        Just("[]".to_owned()),
        Just("\"9999-99-99\"".to_owned()),
        Just("-1".to_owned()),
        Just("0".to_owned()),
    ]
}

const KEYS: &[&str] = &[
    "[server]\nlisten",
    "[server]\npublic_url",
    "[server]\nbody_limit_bytes",
    "[server]\ntrusted_proxies",
    "[antibot]\nmax_number",
    "[antibot]\nchallenge_ttl_seconds",
    "[antibot]\nmin_fill_seconds",
    "[signing]\ntime_zone",
    "[signing]\nmax_in_flight",
    "[signing]\nadmission_target_ms",
    "[countries]\nformat_mismatch",
    "[http]\nheader_read_timeout_seconds",
    "[http]\nmax_header_bytes",
    "[rate_limits]\nenabled",
    "[rate_limits.signing]\naddress_burst",
    "[monitor]\nprefix_min_share",
    "[monitor]\ncountry_factor",
];

proptest::proptest! {
    #![proptest_config(fuzz_config())]

    /// Arbitrary text as a configuration file: an error with a message, never a panic.
    #[test]
    fn config_loader_never_panics_on_arbitrary_text(text in ".{0,400}") {
        if let Ok(raw) = toml::from_str::<RawConfig>(&text) {
            let _ = check(raw, Path::new("/srv/ocs"));
        }
    }

    /// One setting of a valid file set to a hostile value: accepted or refused with a
    /// message naming the section, never a panic.
    #[test]
    fn config_loader_checks_every_setting(key in 0..KEYS.len(), value in toml_value()) {
        let line = format!("{} = {value}", KEYS[key]);
        let text = raw("").replace("[secrets]", &format!("{line}\n[secrets]"));
        let parsed = toml::from_str::<RawConfig>(&text);
        if let Ok(raw) = parsed
            && let Err(error) = check(raw, Path::new("/srv/ocs"))
        {
            proptest::prop_assert!(!error.to_string().is_empty());
        }
    }
}

/// Issue 16 item 9: the SP decryption key of a SAML provider is a secret read from a private
/// file at start-up; its certificate goes into our metadata; `require_encryption` defaults
/// to true with a key and cannot be set without one.
#[cfg(unix)]
#[test]
fn a_saml_decryption_key_is_read_from_a_private_file_and_published_for_encryption() {
    use std::os::unix::fs::PermissionsExt as _;
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../ocs-eid/fixtures");
    let directory = std::env::temp_dir().join(format!("ocs-samlenc-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let key = directory.join("sp-decryption.key");
    std::fs::copy(format!("{fixtures}/xmlenc/sp.key"), &key).unwrap();
    let text = |extra: &str| {
        format!(
            "[server]\npublic_url = \"https://sign.example.eu\"\n{}\n[[eid]]\nid = \"be-eidas\"\nlabel = \"eIDAS\"\nprotocol = \"saml\"\nsso_url = \"https://eidas.example.be/sso\"\nidp_entity_id = \"https://eidas.example.be/metadata\"\nidp_certificate_file = \"{fixtures}/saml-idp.pem\"\nnationalities = [\"BE\"]\n{extra}",
            raw("").replace("[server]\n", "")
        )
    };
    let both = format!(
        "sp_decryption_key_file = \"{}\"\nsp_encryption_certificate_file = \"{fixtures}/xmlenc/sp.pem\"",
        key.display()
    );
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let config = parse(&text(&both)).unwrap();
    assert!(
        config.eid[0].describe().contains("encrypted, required"),
        "{}",
        config.eid[0].describe()
    );
    let ocs_eid::Protocol::Saml(settings) = &config.eid[0].load().unwrap().protocol else {
        panic!("not SAML");
    };
    let decryption = settings.decryption.as_ref().unwrap();
    assert!(decryption.required());
    assert!(ocs_eid::saml::sp_metadata(settings).contains("<md:KeyDescriptor use=\"encryption\">"));
    // Explicitly not required.
    let optional = parse(&text(&format!("{both}\nrequire_encryption = false"))).unwrap();
    let ocs_eid::Protocol::Saml(settings) = &optional.eid[0].load().unwrap().protocol else {
        panic!("not SAML");
    };
    assert!(!settings.decryption.as_ref().unwrap().required());
    // Readable by others: refused at start-up.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640)).unwrap();
    let error = format!("{:#}", config.eid[0].load().unwrap_err());
    assert!(
        error.contains("sp_decryption_key_file") && error.contains("chmod 600"),
        "{error}"
    );
    // A certificate of another key.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let other = both.replace("xmlenc/sp.pem", "saml-sp.pem");
    let error = format!(
        "{:#}",
        parse(&text(&other)).unwrap().eid[0].load().unwrap_err()
    );
    assert!(error.contains("not for this key"), "{error}");
    // One without the other, and encryption required without a key.
    let error = format!(
        "{:#}",
        parse(&text(both.lines().next().unwrap())).unwrap_err()
    );
    assert!(error.contains("both sp_decryption_key_file"), "{error}");
    let error = format!(
        "{:#}",
        parse(&text("require_encryption = true")).unwrap_err()
    );
    assert!(error.contains("require_encryption = true needs"), "{error}");
    std::fs::remove_dir_all(&directory).unwrap();
}
