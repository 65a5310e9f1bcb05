//! `ocs export` and `ocs export verify`: thin wrappers over `ocs_service::export`, run on
//! the offline machine that holds the organisers' private keys (never sent to a server, so
//! `ocs export` reads a database itself: a copy, or the live one while no server holds it).
//! Each export is recorded in the stored audit trail of the database it reads.
//! `ocs export sealed` needs no private key and goes through the operator dispatcher.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use std::sync::Arc;

use anyhow::{Context as _, bail};
use jiff::civil::Date;
use ocs_domain::access::{CanManage, Principal};
use ocs_domain::{CountryCode, Slug};
use ocs_service::audit::{Actor, StoredAudit};
use ocs_service::custody::Custodian;
use ocs_service::export::pdf::PdfFont;
use ocs_service::export::{ExportSelection, Exporter, log_check, manifest};

use crate::backend::Backend;
use crate::config::{self, DatabaseUrl};
use crate::log_verify::{self, LogSource};
use crate::operator::{AdminRequest, absolute, operator_label};
use crate::runtime::Workload;
use crate::startup;
use crate::submit::submit;

/// The options of one export, as given on the command line.
#[derive(Debug)]
pub struct ExportRequest {
    /// Configuration file (initiative register data, database URL, time zone).
    pub config: PathBuf,
    /// The initiative's slug.
    pub initiative: String,
    /// The recipient private key (`ocs-sk-1:…`).
    pub private_key: PathBuf,
    /// The organisers' signing key (`ocs-sign-sk-1:…`).
    pub signing_key: PathBuf,
    /// Output folder: new or empty.
    pub out: PathBuf,
    /// Database URL instead of the configured one (e.g. a copy).
    pub database: Option<String>,
    /// States of nationality to export (EU or ISO codes); none means all.
    pub countries: Vec<String>,
    /// First signing date.
    pub from: Option<Date>,
    /// Last signing date.
    pub to: Option<Date>,
    /// Include statements taken in test mode.
    pub include_test: bool,
    /// `XX=FILE`: authority public key files by state (EU or ISO code).
    pub authority_keys: Vec<String>,
    /// TrueType font for the printable Annex III PDFs (Greek and Cyrillic needed).
    pub font: PathBuf,
    /// Keep the plain files of states with an authority key next to their encrypted copies
    /// (`--plain`); by default they are removed once encrypted.
    pub plain: bool,
}

/// Parses the `--authority-key XX=FILE` options and reads each public key file.
fn authority_keys(
    options: &[String],
) -> anyhow::Result<BTreeMap<CountryCode, ocs_crypto::RecipientPublicKey>> {
    let mut keys = BTreeMap::new();
    for option in options {
        let (code, file) = option
            .split_once('=')
            .with_context(|| format!("--authority-key {option:?}: expected XX=FILE"))?;
        let country = CountryCode::parse(code).map_err(|_| {
            anyhow::anyhow!("--authority-key {option:?}: {code:?} is not an EU member state")
        })?;
        let key = ocs_crypto::read_public_key(Path::new(file))
            .with_context(|| format!("--authority-key {option:?}: reading the public key"))?;
        if keys.insert(country, key).is_some() {
            bail!("--authority-key: {code} is given twice");
        }
    }
    Ok(keys)
}

/// The statements asked for on the command line.
fn selection(request: &ExportRequest) -> anyhow::Result<ExportSelection> {
    let countries = request
        .countries
        .iter()
        .map(|code| {
            CountryCode::parse(code)
                .map_err(|_| anyhow::anyhow!("--country {code:?} is not an EU member state"))
        })
        .collect::<anyhow::Result<BTreeSet<_>>>()?;
    if let (Some(from), Some(to)) = (request.from, request.to)
        && from > to
    {
        bail!("--from {from} is after --to {to}");
    }
    Ok(ExportSelection {
        countries,
        from: request.from,
        to: request.to,
        include_test: request.include_test,
    })
}

/// Reads the TrueType font of the Annex III PDFs.
fn pdf_font(path: &Path) -> anyhow::Result<PdfFont> {
    let data = std::fs::read(path).with_context(|| {
        format!(
            "reading the PDF font {} (install fonts-dejavu-core, or give --font FILE.ttf)",
            path.display()
        )
    })?;
    PdfFont::parse(data).with_context(|| format!("the PDF font {}", path.display()))
}

/// Runs an export and prints a summary (counts and file names only).
pub fn run(request: &ExportRequest) -> anyhow::Result<()> {
    let mut config = config::load(&request.config)?;
    if let Some(url) = &request.database {
        config.database = DatabaseUrl::parse(url).context("--database")?;
    }
    // Opening a SQLite URL creates a missing file; an export from a mistyped path would
    // then be an empty, validly signed export.
    if let DatabaseUrl::Sqlite(path) = &config.database
        && !path.is_file()
    {
        bail!("the database file {} does not exist", path.display());
    }
    // The private key never goes to the server, so this export cannot use its socket.
    if crate::admin_socket::connect(&config)?.is_some() {
        bail!(
            "a server runs on this database: write a sealed export with `ocs export sealed` \
             (through the server) and open it with `ocs export open-sealed`, or export from a \
             copy of the database with --database"
        );
    }
    let selection = selection(request)?;
    let authority_keys = authority_keys(&request.authority_keys)?;
    let private_key = ocs_crypto::read_private_key(&request.private_key)
        .with_context(|| format!("reading the private key {}", request.private_key.display()))?;
    let signing_key = ocs_crypto::read_signing_key(&request.signing_key)
        .with_context(|| format!("reading the signing key {}", request.signing_key.display()))?;
    let font = pdf_font(&request.font)?;
    let mut opener = ocs_crypto::Opener::new(private_key);

    let manifest = crate::runtime::block_on(Workload::Command, async {
        let backend = Backend::open(&config).await?;
        let result = async {
            let initiative = managed_initiative(&config, &backend, &request.initiative).await?;
            let store = backend.store();
            let exporter = Exporter {
                initiative: &initiative.initiative,
                time_zone: &config.time_zone,
                selection: &selection,
                signing_key: &signing_key,
                now: ocs_service::Clock::now(&ocs_service::SystemClock),
                authority_keys: &authority_keys,
                entropy: &ocs_crypto::OsEntropy,
                pdf_font: Some(&font),
                // Encrypted-only by default: a state with an authority key gets its files
                // only as `.hpke` unless the operator asks for the plain ones too.
                no_plain: !request.plain,
                // The manifest records the log's checkpoint and each statement's index.
                log: Some(store.as_ref()),
            };
            // Recorded in the trail of the database read (the live one, or the copy).
            let audit = StoredAudit::new(backend.store());
            exporter
                .run_audited(
                    backend.store().as_ref(),
                    &mut opener,
                    &request.out,
                    &audit,
                    Actor::Operator(operator_label(None)),
                )
                .await
                .context("export failed")
        }
        .await;
        backend.close().await?;
        result
    })?;
    for file in &manifest.files {
        println!(
            "{}: {} statements ({} test)",
            file.file, file.statements, file.test_statements
        );
        if let Some(sealed) = &file.sealed {
            println!(
                "{}: encrypted to the authority key {}",
                sealed.file, sealed.key_id
            );
        }
    }
    for country in authority_keys.keys() {
        if !manifest
            .files
            .iter()
            .any(|file| file.country == country.as_str())
        {
            println!(
                "note: no statements for {}, so nothing was encrypted to its authority key",
                country.as_str()
            );
        }
    }
    println!(
        "wrote {} files, {} and {} to {}",
        manifest.files.len(),
        manifest::MANIFEST_FILE,
        manifest::SIGNATURE_FILE,
        request.out.display()
    );
    Ok(())
}

/// Checks an export folder, and with `log` against the public tally log; prints `OK` or
/// every difference. Returns whether it passed.
pub fn verify(
    dir: &Path,
    public_key: &Path,
    log: Option<&LogSource>,
    log_key: Option<&str>,
) -> anyhow::Result<bool> {
    let key = ocs_crypto::read_verifying_key(public_key)
        .with_context(|| format!("reading the public key {}", public_key.display()))?;
    let (manifest, mut problems) = manifest::verify(dir, &key);
    let mut notes = Vec::new();
    if let (Some(source), Some(read)) = (log, &manifest) {
        let (audited, verifier, _) = log_verify::audited_log(source, &read.initiative, log_key)?;
        let checked = log_check::check(read, &audited, &verifier);
        notes.extend(checked.passed.iter().map(|line| format!("log: {line}")));
        problems.extend(checked.problems.into_iter().map(|p| format!("log: {p}")));
    } else if manifest.as_ref().is_some_and(|m| m.log.is_some()) {
        notes.push(
            "note: not checked against the public tally log; give --log URL (or --log-dir DIR \
             with --log-key) for that"
                .to_owned(),
        );
    }
    if problems.is_empty() {
        let files = manifest.as_ref().map_or(0, |m| m.files.len());
        let statements: u64 = manifest
            .iter()
            .flat_map(|m| &m.files)
            .map(|f| f.statements)
            .sum();
        println!("OK: signature valid; {files} files, {statements} statements match the manifest");
        for note in &notes {
            println!("{note}");
        }
        return Ok(true);
    }
    for note in &notes {
        println!("{note}");
    }
    for problem in &problems {
        println!("FAIL: {problem}");
    }
    Ok(false)
}

/// Decrypts an authority file (`NAME.hpke`) to `out`, which must not exist. Nothing is
/// decrypted (nor the private key read) before the export folder holding `input` verifies:
/// the manifest's signature by the organisers' key `public_key`, every listed file's hash,
/// no file that is not listed; and `input` must be listed as an encrypted copy. Its
/// encryption binds the registration number, the export id and the plain file's name, so it
/// opens only as part of the export whose manifest lists it.
pub fn open(input: &Path, private_key: &Path, public_key: &Path, out: &Path) -> anyhow::Result<()> {
    let sealed_name = input
        .file_name()
        .and_then(|name| name.to_str())
        .filter(|name| Path::new(name).extension().is_some_and(|ext| ext == "hpke"))
        .with_context(|| {
            format!(
                "{}: expected the exported name, ending in .hpke",
                input.display()
            )
        })?;
    let dir = input
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let key = ocs_crypto::read_verifying_key(public_key)
        .with_context(|| format!("reading the public key {}", public_key.display()))?;
    let (manifest, problems) = manifest::verify(dir, &key);
    let manifest = match manifest {
        Some(manifest) if problems.is_empty() => manifest,
        _ => {
            for problem in &problems {
                println!("FAIL: {problem}");
            }
            bail!(
                "the export in {} does not verify; nothing was decrypted",
                dir.display()
            );
        }
    };
    let name = manifest::sealed_copy_of(&manifest, sealed_name).with_context(|| {
        format!(
            "{sealed_name} is not an encrypted copy listed in the manifest; nothing was decrypted"
        )
    })?;
    let binding = ocs_crypto::AuthorityFile {
        initiative: &manifest.registration_number,
        export_id: &manifest.export_id,
        file_name: name,
    };
    let private = ocs_crypto::read_private_key(private_key)
        .with_context(|| format!("reading the private key {}", private_key.display()))?;
    let sealed = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let plain = ocs_crypto::open_authority_file(&private, &binding, &sealed)
        .with_context(|| format!("{} does not open", input.display()))?;
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(out)
        .with_context(|| format!("creating {} (it must not exist)", out.display()))?;
    std::io::Write::write_all(&mut file, &plain)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", out.display()))?;
    println!(
        "manifest OK; wrote {} ({} bytes, {name} of export {})",
        out.display(),
        plain.len(),
        manifest.export_id
    );
    Ok(())
}

/// `ocs export sealed-key`, on the offline machine: a new sealed-export key of the initiative
/// `slug` (`PREFIX.xsign.sk`, mode 0600) and its certificate by the organisers' manifest key
/// (`PREFIX.xsign.cert`). Both go to the server; the manifest key stays here.
pub fn keygen_sealed(slug: &str, manifest_key: &Path, prefix: &Path) -> anyhow::Result<()> {
    let parsed = Slug::parse(slug).map_err(|_| anyhow::anyhow!("{slug:?} is not a slug"))?;
    let manifest_key = ocs_crypto::read_signing_key(manifest_key)
        .with_context(|| format!("reading the manifest key {}", manifest_key.display()))?;
    let private_path = with_suffix(prefix, "xsign.sk");
    let certificate_path = with_suffix(prefix, "xsign.cert");
    if certificate_path.exists() {
        bail!(
            "{} exists; refusing to overwrite it",
            certificate_path.display()
        );
    }
    let key = ocs_crypto::SealedExportKey::generate(&ocs_crypto::OsEntropy)?;
    let certificate =
        ocs_crypto::certify_sealed_key(&manifest_key, parsed.as_str(), &key.verifying_key())?;
    ocs_crypto::write_sealed_export_key(&private_path, &key)
        .with_context(|| format!("writing {}", private_path.display()))?;
    std::fs::write(&certificate_path, certificate)
        .with_context(|| format!("writing {}", certificate_path.display()))?;
    println!(
        "sealed-export key of {slug}: {}",
        key.verifying_key().to_text()
    );
    println!(
        "private key file: {} (mode 0600; for the server)",
        private_path.display()
    );
    println!("certificate:      {}", certificate_path.display());
    Ok(())
}

/// Writes `PREFIX.sign.sk` (mode 0600) and `PREFIX.sign.pk`.
pub fn keygen_signing(prefix: &Path) -> anyhow::Result<()> {
    let private_path = with_suffix(prefix, "sign.sk");
    let public_path = with_suffix(prefix, "sign.pk");
    if let Some(parent) = prefix.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let key = ocs_crypto::ManifestSigningKey::generate(&ocs_crypto::OsEntropy)?;
    ocs_crypto::write_signing_key(&private_path, &key)
        .with_context(|| format!("writing {}", private_path.display()))?;
    ocs_crypto::write_verifying_key(&public_path, &key.verifying_key())
        .with_context(|| format!("writing {}", public_path.display()))?;
    println!("public signing key (give it to the authorities with each export):");
    println!("{}", key.verifying_key().to_text());
    println!("public key file:  {}", public_path.display());
    println!("private key file: {} (mode 0600)", private_path.display());
    Ok(())
}

fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut name = prefix.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The initiative `slug` as stored in `backend` (the configuration file's are stored first
/// when absent, as every command does), with the operator's right to manage it.
async fn managed_initiative(
    config: &config::Config,
    backend: &Backend,
    slug: &str,
) -> anyhow::Result<ManagedInitiative> {
    let catalog = Arc::new(startup::catalog());
    let setup = startup::setup_service(config, catalog.clone(), backend.store());
    // An offline copy may not hold the file's initiatives yet: stored here, never updated.
    crate::configured::seed(config, &setup, false)
        .await
        .context("storing the configuration file's initiatives")?;
    setup
        .reload()
        .await
        .context("reading the stored initiatives")?;
    let parsed = Slug::parse(slug).map_err(|_| anyhow::anyhow!("{slug:?} is not a slug"))?;
    let entry = catalog
        .by_slug(&parsed)
        .with_context(|| format!("no initiative {slug:?} in the configuration or the database"))?;
    let right = Principal::operator()
        .can_manage(entry.initiative.id)
        .context("no right to manage this initiative")?;
    Ok(ManagedInitiative {
        initiative: entry.initiative.clone(),
        right,
    })
}

/// An initiative and the operator's right over it.
struct ManagedInitiative {
    initiative: ocs_domain::Initiative,
    right: CanManage,
}

/// `ocs export sealed`: the statements still sealed, with a manifest signed by the
/// initiative's sealed-export key and that key's certificate (written by the operator
/// dispatcher, here or in the running server).
pub fn sealed(
    config: &Path,
    slug: &str,
    sealed_key: &Path,
    certificate: &Path,
    out: &Path,
) -> anyhow::Result<()> {
    let config = config::load(config)?;
    let request = AdminRequest::SealedExport {
        initiative: slug.to_owned(),
        signing_key: absolute(sealed_key)?,
        certificate: absolute(certificate)?,
        out: absolute(out)?,
    };
    submit(&config, &operator_label(None), request)
}

/// `ocs export open-sealed`: check a sealed export and import it into `database`.
pub fn open_sealed(
    config: &Path,
    slug: &str,
    public_key: &Path,
    database: &str,
    input: &Path,
) -> anyhow::Result<()> {
    let mut config = config::load(config)?;
    config.database = DatabaseUrl::parse(database).context("--database")?;
    let key = ocs_crypto::read_verifying_key(public_key)
        .with_context(|| format!("reading the public key {}", public_key.display()))?;
    let (manifest, imported) = crate::runtime::block_on(Workload::Command, async {
        let backend = Backend::open(&config).await?;
        let result = async {
            let managed = managed_initiative(&config, &backend, slug).await?;
            let audit = StoredAudit::new(backend.store());
            let actor = Actor::Operator(operator_label(None));
            Custodian {
                right: managed.right,
                actor: &actor,
                audit: &audit,
                now: ocs_service::Clock::now(&ocs_service::SystemClock),
            }
            .sealed_import(backend.store().as_ref(), &managed.initiative, &key, input)
            .await
            .context("the sealed export does not verify or import")
        }
        .await;
        backend.close().await?;
        result
    })?;
    println!(
        "signature OK; imported {imported} of {} statements; now run `ocs export --database {database}`",
        manifest.statements
    );
    Ok(())
}
