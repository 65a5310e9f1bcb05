//! `ocs log witness` and `witness-keygen`: a witness of an initiative's tally log (C2SP
//! tlog-witness style, run by an outsider). Each run audits the log over HTTP, checks that
//! the checkpoint it cosigned last is a prefix of the log now (the log neither shrank nor
//! rewrote its past), then cosigns the new checkpoint (C2SP tlog-cosignature) and keeps it as
//! its state. A log that forks shows it to its witnesses: the next run refuses, and the state
//! it kept is the evidence.

use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use ocs_tlog::WitnessSigner;

use crate::log_verify::{LogSource, audited_log};

/// One witness run against the log at `url`; prints the cosigned checkpoint, and with
/// `submit_to` posts it there (the log's `/log/SLUG/cosignature`).
pub fn cosign(
    url: &str,
    slug: &str,
    witness_key: &Path,
    key: Option<&str>,
    state: &Path,
    submit_to: Option<&str>,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(witness_key)
        .with_context(|| format!("reading the witness key {}", witness_key.display()))?;
    let signer = WitnessSigner::parse(&text).context("the witness key is not a witness key")?;
    let (audited, verifier, note) = audited_log(&LogSource::Url(url.to_owned()), slug, key)?;
    let before = match std::fs::read_to_string(state) {
        Ok(old) => {
            let older = audited.check_older(&old, &verifier).with_context(|| {
                format!(
                    "the log is not consistent with the checkpoint this witness cosigned last \
                     ({}); nothing cosigned, the state is kept as evidence",
                    state.display()
                )
            })?;
            Some(older.size)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(error).with_context(|| format!("reading the state {}", state.display()));
        }
    };
    let now = ocs_service::Clock::now(&ocs_service::SystemClock);
    let time = u64::try_from(now.as_second()).context("the clock is before 1970")?;
    let line = signer.cosign(&audited.checkpoint.to_text(), time);
    // The new state replaces the old one whole or not at all.
    let temporary = with_suffix(state, "new");
    std::fs::write(&temporary, &note)
        .with_context(|| format!("writing {}", temporary.display()))?;
    std::fs::rename(&temporary, state)
        .with_context(|| format!("replacing the state {}", state.display()))?;
    let consistency = before.map_or_else(
        || "first checkpoint seen by this witness".to_owned(),
        |size| format!("consistent with the checkpoint of size {size} cosigned before"),
    );
    // The cosigned note ends with the cosignature line's own newline.
    print!(
        "cosigned {} size {} ({consistency}):\n{note}{line}",
        audited.checkpoint.origin, audited.checkpoint.size
    );
    if let Some(target) = submit_to {
        // Only the log's own signature and this witness's line: the served note may carry
        // other witnesses' cosignatures, which are theirs to post.
        let posted = format!(
            "{}{line}",
            signed_by_log_only(&note, &audited.checkpoint.origin)
        );
        let answer = submit(target, posted)?;
        eprintln!("submitted to {target}: {}", answer.trim());
    }
    Ok(())
}

/// Posts the cosigned note to the log; an answer other than 201 is an error (with the log's
/// coded message: `LOG-001` the key is not configured there, `LOG-002` the log moved on).
fn submit(target: &str, note: String) -> anyhow::Result<String> {
    crate::runtime::block_on(crate::runtime::Workload::Command, async {
        let answer = reqwest::Client::builder()
            .timeout(std::time::Duration::from_mins(1))
            .build()
            .context("building the HTTP client")?
            .post(target)
            .header(reqwest::header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(note)
            .send()
            .await
            .with_context(|| format!("posting the cosignature to {target}"))?;
        let status = answer.status();
        let body = answer.text().await.unwrap_or_default();
        if status != reqwest::StatusCode::CREATED {
            bail!("{target} refused the cosignature ({status}): {body}");
        }
        Ok(body)
    })
}

/// The signed note `note` with only the signature lines of the log named `origin` (signed-note
/// lines `— NAME SIGNATURE`), each with its newline.
fn signed_by_log_only(note: &str, origin: &str) -> String {
    let Some((body, signatures)) = note.split_once("\n\n") else {
        return note.to_owned();
    };
    let mut kept = format!("{body}\n\n");
    for line in signatures.lines() {
        let name = line
            .strip_prefix("\u{2014} ")
            .and_then(|rest| rest.split_once(' '))
            .map(|(name, _)| name);
        if name == Some(origin) {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// Writes `PREFIX.witness.sk` (mode 0600, refused if it exists) and `PREFIX.witness.pub`.
pub fn keygen(name: &str, out: &Path) -> anyhow::Result<()> {
    let seed = zeroize::Zeroizing::new(ocs_crypto::random_bytes::<32>(&ocs_crypto::OsEntropy));
    let signer = WitnessSigner::new(name, &seed).context("the witness name")?;
    let private = with_suffix(out, "witness.sk");
    let public = with_suffix(out, "witness.pub");
    if private.exists() {
        bail!(
            "{} exists; keep it or choose another --out",
            private.display()
        );
    }
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&private)
        .with_context(|| format!("creating {}", private.display()))?;
    file.write_all(format!("{}\n", signer.to_text().as_str()).as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", private.display()))?;
    let verifier = signer.verifier().to_text();
    std::fs::write(&public, format!("{verifier}\n"))
        .with_context(|| format!("writing {}", public.display()))?;
    println!("witness key (give it to those who check cosignatures):\n{verifier}");
    println!("private key file: {} (mode 0600)", private.display());
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_logs_own_signature_is_posted_with_the_cosignature() {
        let note = "example.org/log\n2\nAAAA\n\n\u{2014} example.org/log c2lnbmF0dXJl\n\u{2014} witness.example.net b3RoZXI=\n";
        assert_eq!(
            super::signed_by_log_only(note, "example.org/log"),
            "example.org/log\n2\nAAAA\n\n\u{2014} example.org/log c2lnbmF0dXJl\n"
        );
    }
}
