//! `ocs export …`: the offline export, its verification, the authority's decryption and
//! the sealed export for decryption elsewhere.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::export;

/// `ocs export …` or `ocs export verify …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(super) struct ExportArgs {
    #[command(subcommand)]
    pub(super) verify: Option<ExportCommand>,
    /// TOML configuration (register data, database URL, time zone).
    #[arg(long, short, env = "OCS_CONFIG", required = true)]
    pub(super) config: Option<PathBuf>,
    /// The initiative's slug.
    #[arg(long, required = true)]
    pub(super) initiative: Option<String>,
    /// The recipient private key file (`ocs-sk-1:…`, mode 0600).
    #[arg(long, required = true)]
    pub(super) private_key: Option<PathBuf>,
    /// The organisers' manifest signing key (`ocs keygen --signing`), mode 0600.
    #[arg(long, required = true)]
    pub(super) signing_key: Option<PathBuf>,
    /// Output folder; created if missing, refused if not empty.
    #[arg(long, required = true)]
    pub(super) out: Option<PathBuf>,
    /// Database URL instead of the configuration's (e.g. a copy of the database).
    #[arg(long)]
    pub(super) database: Option<String>,
    /// Only this state of nationality (EU or ISO code); repeat for several.
    #[arg(long = "country", value_name = "XX")]
    pub(super) countries: Vec<String>,
    /// First signing date included (YYYY-MM-DD, signing time zone).
    #[arg(long)]
    pub(super) from: Option<jiff::civil::Date>,
    /// Last signing date included (YYYY-MM-DD, signing time zone).
    #[arg(long)]
    pub(super) to: Option<jiff::civil::Date>,
    /// Also export statements taken in test mode, marked `test="true"`.
    #[arg(long)]
    pub(super) include_test: bool,
    /// Also write that state's file encrypted to the authority's public key (`ocs-pk-1:…`),
    /// as `FILE.hpke`; repeat for several states.
    #[arg(long = "authority-key", value_name = "XX=FILE")]
    pub(super) authority_keys: Vec<String>,
    /// TrueType font of the printable Annex III PDFs; it must cover Greek and Cyrillic.
    #[arg(
        long,
        default_value = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    )]
    pub(super) font: PathBuf,
    /// Also keep the plain XML and PDF files of states with an authority key. By default
    /// only their encrypted copies (`.hpke`) are left: the plain files are overwritten and
    /// removed once sealed (R23: delivery only encrypted to the recipient's key).
    #[arg(long)]
    pub(super) plain: bool,
}

#[derive(Debug, Subcommand)]
pub(super) enum ExportCommand {
    /// Check an export folder: the manifest signature, every file's hash and count; with
    /// --log or --log-dir also against the public tally log: the export's checkpoint is the
    /// log's, every statement is in it, and each state holds what the log counts.
    Verify {
        /// The export folder.
        dir: PathBuf,
        /// The organisers' public signing key (`ocs-sign-pk-1:…`).
        #[arg(long)]
        public_key: PathBuf,
        /// The site (`https://example.org`) or the log (`…/log/SLUG`) to check against.
        #[arg(long, value_name = "URL", conflicts_with = "log_dir")]
        log: Option<String>,
        /// A folder copy of the log (`ocs log verify --mirror DIR`) to check against.
        #[arg(long, value_name = "DIR")]
        log_dir: Option<PathBuf>,
        /// The log's verifier key (`name+keyid+base64`, or a file holding it); with --log,
        /// by default the one the site announces.
        #[arg(long, value_name = "KEY")]
        log_key: Option<String>,
    },
    /// Decrypt a `FILE.hpke` with the authority's private key (`ocs-sk-1:…`, mode 0600),
    /// after the export folder holding it verifies (manifest signature, every hash, no
    /// unlisted file) and lists it.
    Open {
        /// The authority's private key file.
        #[arg(long)]
        private_key: PathBuf,
        /// The organisers' public signing key (`ocs-sign-pk-1:…`) the manifest is checked with.
        #[arg(long)]
        public_key: PathBuf,
        /// Where to write the decrypted file; refused if it exists.
        #[arg(long)]
        out: PathBuf,
        /// The encrypted file, named as exported (`SLUG-xx.xml.hpke`).
        input: PathBuf,
    },
    /// Write the statements still sealed, with a manifest signed by the initiative's
    /// sealed-export key, for decryption elsewhere (no recipient private key needed).
    Sealed {
        /// TOML configuration (database URL, initiative).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The initiative's sealed-export key (`ocs export sealed-key`), mode 0600. The
        /// organisers' manifest key is refused here: it stays offline.
        #[arg(long)]
        sealed_key: PathBuf,
        /// The sealed-export key's certificate (`PREFIX.xsign.cert`).
        #[arg(long)]
        certificate: PathBuf,
        /// Output folder; created if missing, refused if not empty.
        #[arg(long)]
        out: PathBuf,
    },
    /// Offline, with the organisers' manifest key: make an initiative's sealed-export key
    /// (`PREFIX.xsign.sk`, mode 0600) and its certificate (`PREFIX.xsign.cert`), which go to
    /// the server for `ocs export sealed`.
    SealedKey {
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The organisers' manifest signing key (`ocs keygen --signing`), mode 0600.
        #[arg(long)]
        manifest_key: PathBuf,
        /// File-name prefix of the new key and certificate.
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a sealed export's certificate and signature and import it into a database (e.g. a new SQLite
    /// file), which `ocs export --database` then reads with the private key.
    OpenSealed {
        /// TOML configuration (the initiative).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The organisers' public manifest key (`ocs-sign-pk-1:…`); it checks the
        /// sealed-export key's certificate in the folder.
        #[arg(long)]
        public_key: PathBuf,
        /// The database to import into (`sqlite://PATH` or `postgres://…`).
        #[arg(long)]
        database: String,
        /// The sealed export folder.
        input: PathBuf,
    },
}

pub(super) fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    match args.verify {
        Some(ExportCommand::Verify {
            dir,
            public_key,
            log,
            log_dir,
            log_key,
        }) => {
            let source = match (log, log_dir) {
                (Some(url), _) => Some(crate::log_verify::LogSource::Url(url)),
                (None, Some(dir)) => Some(crate::log_verify::LogSource::Dir(dir)),
                (None, None) => None,
            };
            if export::verify(&dir, &public_key, source.as_ref(), log_key.as_deref())? {
                return Ok(());
            }
            anyhow::bail!("the export in {} does not verify", dir.display());
        }
        Some(ExportCommand::Open {
            private_key,
            public_key,
            out,
            input,
        }) => return export::open(&input, &private_key, &public_key, &out),
        Some(ExportCommand::Sealed {
            config,
            initiative,
            sealed_key,
            certificate,
            out,
        }) => return export::sealed(&config, &initiative, &sealed_key, &certificate, &out),
        Some(ExportCommand::SealedKey {
            initiative,
            manifest_key,
            out,
        }) => return export::keygen_sealed(&initiative, &manifest_key, &out),
        Some(ExportCommand::OpenSealed {
            config,
            initiative,
            public_key,
            database,
            input,
        }) => return export::open_sealed(&config, &initiative, &public_key, &database, &input),
        None => {}
    }
    let request = export::ExportRequest {
        config: args.config.context("--config is required")?,
        initiative: args.initiative.context("--initiative is required")?,
        private_key: args.private_key.context("--private-key is required")?,
        signing_key: args.signing_key.context("--signing-key is required")?,
        out: args.out.context("--out is required")?,
        database: args.database,
        countries: args.countries,
        from: args.from,
        to: args.to,
        include_test: args.include_test,
        authority_keys: args.authority_keys,
        font: args.font,
        plain: args.plain,
    };
    export::run(&request)
}
