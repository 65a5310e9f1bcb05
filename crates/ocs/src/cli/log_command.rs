//! `ocs log …`: the clap definition and the dispatch to the log audit (`log_verify`) and
//! the witness (`witness`), so neither of those needs the other's command line.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::{log_verify, witness};

/// `ocs log …`.
#[derive(Debug, Args)]
pub(super) struct LogArgs {
    #[command(subcommand)]
    command: LogCommand,
}

#[derive(Debug, Subcommand)]
enum LogCommand {
    /// Audit an initiative's public tally log: the checkpoint signature, every tile and
    /// entry bundle, the root, the fold of the entries against the counters API, and with
    /// --since that an earlier checkpoint is a prefix. Exits non-zero on any mismatch.
    Verify {
        /// The site (`https://example.org`, with --initiative) or the log itself
        /// (`https://example.org/log/SLUG`).
        url: String,
        /// The initiative's slug, when URL is the site's.
        #[arg(long)]
        initiative: Option<String>,
        /// The log's verifier key (`name+keyid+base64`, or a file holding it); by default
        /// the one `GET /api/v1/initiatives/SLUG` announces.
        #[arg(long)]
        key: Option<String>,
        /// A checkpoint saved earlier (with --save): the log must still contain its tree.
        #[arg(long, value_name = "FILE")]
        since: Option<PathBuf>,
        /// Write the verified checkpoint here, for a later --since.
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Copy the verified checkpoint and every tile into DIR (`DIR/checkpoint`,
        /// `DIR/tile/…`), for `ocs log verify-dir` later or elsewhere.
        #[arg(long, value_name = "DIR")]
        mirror: Option<PathBuf>,
        /// A witness's verifier key (`name+keyid+base64`, or a file holding it) whose valid
        /// cosignature the checkpoint must carry; repeat for several witnesses.
        #[arg(long = "witness-key", value_name = "KEY")]
        witness_keys: Vec<String>,
    },
    /// Audit a copy of a log in a folder (`DIR/checkpoint`, `DIR/tile/…`, as `verify
    /// --mirror` writes it or as served), offline: the checkpoint signature, every tile and
    /// bundle, the fold, and with --since an earlier checkpoint as a prefix.
    VerifyDir {
        /// The folder.
        dir: PathBuf,
        /// The log's verifier key (`name+keyid+base64`, or a file holding it).
        #[arg(long)]
        key: String,
        /// A checkpoint saved earlier: the log must still contain its tree.
        #[arg(long, value_name = "FILE")]
        since: Option<PathBuf>,
    },
    /// Act as a witness (C2SP tlog-witness style): audit the log, check that the checkpoint
    /// this witness cosigned last (--state) is a prefix of it, cosign the new checkpoint
    /// (C2SP tlog-cosignature), save it as the new state and print it with the cosignature.
    /// Exits non-zero, keeping the state, when the log is not consistent with it.
    Witness(WitnessArgs),
    /// Make a witness key: `PREFIX.witness.sk` (mode 0600) and `PREFIX.witness.pub`.
    WitnessKeygen {
        /// The witness's name (e.g. `witness.example.net`; no spaces, no '+').
        name: String,
        /// Path prefix of the key files.
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a receipt's proof file (`receipt.tlog-proof`, C2SP tlog-proof): its checkpoint
    /// signature and the entry's inclusion. Offline.
    CheckProof {
        /// The proof file.
        file: PathBuf,
        /// The log's verifier key (`name+keyid+base64`, or a file holding it).
        #[arg(long)]
        key: String,
    },
}

/// Runs `ocs log …`.
pub(super) fn run(args: LogArgs) -> anyhow::Result<()> {
    match args.command {
        LogCommand::Verify {
            url,
            initiative,
            key,
            since,
            save,
            mirror,
            witness_keys,
        } => log_verify::verify_site(
            &url,
            initiative.as_deref(),
            key.as_deref(),
            since.as_deref(),
            (save.as_deref(), mirror.as_deref()),
            &witness_keys,
        ),
        LogCommand::VerifyDir { dir, key, since } => {
            log_verify::verify_dir(&dir, &key, since.as_deref())
        }
        LogCommand::CheckProof { file, key } => log_verify::check_proof(&file, &key),
        LogCommand::Witness(args) => run_witness(args),
        LogCommand::WitnessKeygen { name, out } => witness::keygen(&name, &out),
    }
}

/// `ocs log witness …` (also `ocs witness …`): the witness's arguments.
#[derive(Debug, Args)]
pub(super) struct WitnessArgs {
    /// The site (with --initiative) or the log (`https://example.org/log/SLUG`).
    url: String,
    /// The initiative's slug, when URL is the site's.
    #[arg(long)]
    initiative: Option<String>,
    /// The witness's private key file (`ocs log witness-keygen`), mode 0600.
    #[arg(long, value_name = "FILE")]
    witness_key: PathBuf,
    /// The log's verifier key (text or file); by default the one the site announces.
    #[arg(long)]
    key: Option<String>,
    /// The checkpoint this witness cosigned last: created at the first run, replaced
    /// after each cosignature.
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// Also post the cosigned checkpoint to the log (`POST /log/SLUG/cosignature`), which
    /// serves it with its checkpoint if this witness's key is configured there.
    #[arg(long)]
    submit: bool,
}

/// Runs the witness: audit, check the saved checkpoint is a prefix, cosign, keep the state.
pub(super) fn run_witness(args: WitnessArgs) -> anyhow::Result<()> {
    let WitnessArgs {
        url,
        initiative,
        witness_key,
        key,
        state,
        submit,
    } = args;
    let (slug, cosignature_url) =
        log_verify::slug_and_cosignature_url(&url, initiative.as_deref())?;
    witness::cosign(
        &url,
        &slug,
        &witness_key,
        key.as_deref(),
        &state,
        submit.then_some(cosignature_url.as_str()),
    )
}
