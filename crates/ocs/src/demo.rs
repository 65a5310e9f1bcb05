//! `ocs demo`: a working collection site with a demo initiative, set up on first run in a
//! data folder: configuration, server secrets, an HPKE key pair, the organisers' manifest
//! signing key pair and the SQLite database.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use ocs_crypto::{Entropy, OsEntropy, SecretKey};
use ocs_service::{Clock as _, SystemClock};

use crate::{backend, config, logging, startup, upgrade};

/// Writes `PREFIX.sk` (mode 0600) and `PREFIX.pk`; returns the public key text and the paths.
pub fn write_key_pair(
    prefix: &Path,
    entropy: &dyn Entropy,
) -> anyhow::Result<(String, PathBuf, PathBuf)> {
    let private_path = with_suffix(prefix, "sk");
    let public_path = with_suffix(prefix, "pk");
    if let Some(parent) = prefix.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let (private, public) = ocs_crypto::generate_recipient_keys(entropy);
    ocs_crypto::write_private_key(&private_path, &private)
        .with_context(|| format!("writing {}", private_path.display()))?;
    let text = public.to_text();
    std::fs::write(&public_path, format!("{text}\n"))
        .with_context(|| format!("writing {}", public_path.display()))?;
    Ok((text, private_path, public_path))
}

fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut name = prefix.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn make_private_dir(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    if !path.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(path)
            .with_context(|| format!("creating {}", path.display()))?;
    }
    Ok(())
}

/// Puts every initiative of `config` under the demo regime: each collects within its
/// configured period without certificate or date rules, and every public page shows the
/// demonstration banner. Only `ocs demo` calls this; the same file served by `ocs serve`
/// keeps the rules (`regime = "demo"` in a file is refused).
pub fn mark_demo(config: &mut config::Config) {
    // Only the running process knows: the store keeps the file's regime, so the same data
    // folder served by `ocs serve` later keeps every rule.
    config.demo = true;
}

/// Writes the organisers' Ed25519 manifest signing pair `PREFIX.sign.sk` (mode 0600) and
/// `PREFIX.sign.pk`, as `ocs keygen --signing` does; returns the private key's path.
fn write_signing_pair(prefix: &Path, entropy: &dyn Entropy) -> anyhow::Result<PathBuf> {
    let private_path = with_suffix(prefix, "sign.sk");
    let public_path = with_suffix(prefix, "sign.pk");
    let key = ocs_crypto::ManifestSigningKey::generate(entropy)?;
    ocs_crypto::write_signing_key(&private_path, &key)
        .with_context(|| format!("writing {}", private_path.display()))?;
    ocs_crypto::write_verifying_key(&public_path, &key.verifying_key())
        .with_context(|| format!("writing {}", public_path.display()))?;
    Ok(private_path)
}

/// Prepares `data_dir` on first run and serves the demo.
pub fn run(listen: SocketAddr, data_dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating the data folder {}", data_dir.display()))?;
    let config_path = data_dir.join("ocs.toml");
    let key_path = data_dir.join("keys").join("demo-recipient.sk");
    let signing_prefix = data_dir.join("keys").join("demo-organisers");
    let first_run = !config_path.exists();
    if first_run {
        make_private_dir(&data_dir.join("keys"))?;
        make_private_dir(&data_dir.join("secrets"))?;
        let entropy = OsEntropy;
        for name in ["server.key", "dedup.key"] {
            let path = data_dir.join("secrets").join(name);
            if !path.exists() {
                SecretKey::generate_file(&path, &entropy)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
        }
        let (public, _, _) =
            write_key_pair(&data_dir.join("keys").join("demo-recipient"), &entropy)?;
        let text = demo_config(&public)?;
        std::fs::write(&config_path, text)
            .with_context(|| format!("writing {}", config_path.display()))?;
    }
    // The export needs the organisers' signing key; a folder made by an older version has
    // none yet.
    if !with_suffix(&signing_prefix, "sign.sk").exists() {
        make_private_dir(&data_dir.join("keys"))?;
        write_signing_pair(&signing_prefix, &OsEntropy)?;
    }
    let mut config = config::load(&config_path)?;
    config.listen = listen;
    mark_demo(&mut config);
    // The demo migrates the database it has just made; a folder an older version left is
    // upgraded like any other database, with `ocs migrate` (UPG-001).
    if first_run {
        backend::migrate(&config)?;
    }
    upgrade::require_migrated(&config, &config_path)?;
    let _guard = logging::init(&config.log)?;
    let shown_dir = data_dir.display().to_string();
    let shown_key = key_path.display().to_string();
    startup::run_server(
        config,
        Some(Box::new(move |address| {
            println!("OpenOCS demo is running.");
            println!(
                "  This is a demonstration: statements are not sent to any authority. Served \
                 with `ocs serve`, the same initiative needs its certificate and must be opened."
            );
            println!("  Open:  http://{address}/initiatives/demo");
            println!("  Data:  {shown_dir} (configuration, database, keys, logs)");
            println!(
                "  Keys:  {shown_dir}/keys: demo-recipient.sk opens the statements, \
                 demo-organisers.sign.sk signs an export (README, \"A five-minute tour\")"
            );
            println!(
                "WARNING: the demo's private decryption key is at {shown_key}. It opens every \
                 statement. In a real deployment it never stays on the server: keep it offline."
            );
            println!("Stop with Ctrl-C.");
        })),
    )
}

fn demo_config(public_key: &str) -> anyhow::Result<String> {
    let today = SystemClock
        .now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Brussels").context("time zone data")?)
        .date();
    let last_day = today
        .checked_add(jiff::Span::new().months(12))
        .and_then(jiff::civil::Date::yesterday)
        .context("date arithmetic")?;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"# OpenOCS demo configuration, written on first run. Edit it, or delete this folder to
# start again. OCS_* environment variables override any value (`__` nests).

[server]
listen = "127.0.0.1:8080"

[database]
url = "sqlite://data/ocs.db"

[secrets]
server_key_file = "secrets/server.key"
dedup_key_file = "secrets/dedup.key"

[antibot]
max_number = 20000

# The demo publishes every statement at once; `ocs serve` defaults to batches (at most every
# 10 minutes, at least 10 new statements), so the public count cannot tell whether one person
# signed.
[counters]
publish_interval = 0
min_batch = 0

[log]
level = "info"
file = "logs/ocs.log"

[[initiatives]]
id = 1
slug = "demo"
registration_number = "ECI(DEMO)000001"
registration_date = "{today}"
title = "Demo: Clean air in every European city"
subject = "A demonstration initiative for trying OpenOCS. Statements given here are not sent to any authority."
objectives = """We invite the Commission to propose binding limits for fine particulate matter in line with the latest health evidence.
This is demonstration text."""
register_url = "https://citizens-initiative.europa.eu/"
privacy_notice = """The organisers of this demonstration are the controllers of the data you give. Your data are used only to support this initiative and to let the competent national authorities verify it. They are encrypted before they are stored and destroyed at the latest 21 months after collection starts."""
language = "en"
collection_start = "{today}"
collection_end = "{last_day}"
recipient_keys = ["{public_key}"]
regime = "national"
storage_country = "BE"

[[initiatives.organisers]]
name = "Alex Example"
role = "representative"
email = "representative@example.org"

[[initiatives.organisers]]
name = "Sam Example"
role = "substitute"

# Translations of the register texts; other languages show the English original, marked.
[initiatives.translations.de]
title = "Demo: Saubere Luft in jeder europäischen Stadt"
subject = "Eine Demonstrationsinitiative zum Ausprobieren von OpenOCS. Hier abgegebene Unterstützungsbekundungen werden an keine Behörde übermittelt."
objectives = """Wir fordern die Kommission auf, verbindliche Grenzwerte für Feinstaub vorzuschlagen, die dem neuesten Stand der Gesundheitsforschung entsprechen.
Dies ist ein Demonstrationstext."""

[initiatives.translations.fr]
title = "Démo : un air pur dans chaque ville européenne"
subject = "Une initiative de démonstration pour essayer OpenOCS. Les déclarations de soutien données ici ne sont transmises à aucune autorité."
objectives = """Nous invitons la Commission à proposer des valeurs limites contraignantes pour les particules fines, conformes aux dernières données sanitaires.
Ceci est un texte de démonstration."""
"#
    );
    Ok(out)
}
