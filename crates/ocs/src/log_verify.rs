//! `ocs log verify`, `verify-dir` and `check-proof`: an outsider's audit of an initiative's public
//! tally log over HTTP (no database, no secret). It fetches the checkpoint, every tile and
//! entry bundle, recomputes them all from the entries (`ocs_tlog::audit`), folds the tally
//! and compares it with the counters API; with `--since` it checks that an earlier
//! checkpoint is a prefix of the tree. Any mismatch is an error (exit status 1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, bail};
use ocs_tlog::audit::{AuditedLog, audit};
use ocs_tlog::tiles::{MemoryTiles, TileId};
use ocs_tlog::{NoteVerifier, ProofFile};

use crate::runtime::Workload;

/// `ocs log verify`: audits the log at `url` (the site with `initiative`, or the log's own
/// URL), prints the summary, and saves the checkpoint (`save`) or a copy (`mirror`).
pub(crate) fn verify_site(
    url: &str,
    initiative: Option<&str>,
    key: Option<&str>,
    since: Option<&Path>,
    (save, mirror): (Option<&Path>, Option<&Path>),
    witness_keys: &[String],
) -> anyhow::Result<()> {
    let target = Target::parse(url, initiative)?;
    let witnesses = witness_keys
        .iter()
        .map(|key| read_witness_key(key))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut report = crate::runtime::block_on(Workload::Command, verify(&target, key, since))?;
    report
        .summary
        .push_str(&witness_lines(&report.note, &witnesses)?);
    if let Some(path) = save {
        std::fs::write(path, &report.note)
            .with_context(|| format!("writing the checkpoint to {}", path.display()))?;
    }
    if let Some(dir) = mirror {
        write_mirror(dir, &report)?;
    }
    println!("{}", report.summary);
    Ok(())
}

/// The slug of a log address and where a witness posts its cosignature
/// (`…/log/SLUG/cosignature`).
pub(crate) fn slug_and_cosignature_url(
    url: &str,
    initiative: Option<&str>,
) -> anyhow::Result<(String, String)> {
    let target = Target::parse(url, initiative)?;
    let submit = target.url(&format!("/log/{}/cosignature", target.slug));
    Ok((target.slug, submit))
}

/// A witness's verifier key, as text or a file holding it.
fn read_witness_key(key: &str) -> anyhow::Result<ocs_tlog::WitnessVerifier> {
    let path = Path::new(key);
    let text = if !key.contains('+') && path.is_file() {
        std::fs::read_to_string(path)
            .with_context(|| format!("reading the witness key file {}", path.display()))?
    } else {
        key.to_owned()
    };
    ocs_tlog::WitnessVerifier::parse(text.trim())
        .with_context(|| format!("{key:?} is not a witness verifier key (name+keyid+base64)"))
}

/// With `--witness-key`: each witness must have cosigned the verified checkpoint (a valid
/// `cosignature/v1` line in the served note); one summary line per witness.
fn witness_lines(note: &str, witnesses: &[ocs_tlog::WitnessVerifier]) -> anyhow::Result<String> {
    let found = ocs_tlog::cosignature::cosigned_by(note, witnesses)
        .context("a cosignature by a required witness does not verify")?;
    let mut lines = String::new();
    for witness in witnesses {
        let Some((_, time)) = found.iter().find(|(name, _)| name == witness.name()) else {
            bail!(
                "the checkpoint carries no cosignature by the witness {}",
                witness.to_text()
            );
        };
        lines.push_str("\ncosigned by the witness ");
        lines.push_str(witness.name());
        lines.push_str(" (time ");
        lines.push_str(&time.to_string());
        lines.push_str("): OK");
    }
    Ok(lines)
}

/// Where the log is: the site and the initiative.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    site: String,
    slug: String,
}

impl Target {
    fn parse(url: &str, initiative: Option<&str>) -> anyhow::Result<Self> {
        let parsed = url::Url::parse(url).with_context(|| format!("{url:?} is not a URL"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            bail!("{url:?}: only http and https URLs");
        }
        let trimmed = url.trim_end_matches('/');
        let (site, slug) = match (trimmed.rsplit_once("/log/"), initiative) {
            (Some((site, slug)), None) if !slug.is_empty() && !slug.contains('/') => {
                (site.to_owned(), slug.to_owned())
            }
            (_, Some(slug)) => (trimmed.to_owned(), slug.to_owned()),
            _ => bail!("give the initiative with --initiative, or the log's URL (…/log/SLUG)"),
        };
        Ok(Self { site, slug })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site)
    }
}

/// What a successful audit prints and saves.
struct Report {
    note: String,
    summary: String,
    tiles: MemoryTiles,
}

/// Writes the checkpoint and the tiles of a verified log into `dir`.
fn write_mirror(dir: &Path, report: &Report) -> anyhow::Result<()> {
    let write = |path: &Path, bytes: &[u8]| -> anyhow::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
    };
    write(&dir.join("checkpoint"), report.note.as_bytes())?;
    for (tile, data) in &report.tiles.0 {
        write(&dir.join(tile.path()), data)?;
    }
    Ok(())
}

/// Tiles read from a folder copy of a log.
struct DirTiles<'a>(&'a Path);

impl ocs_tlog::TileReader for DirTiles<'_> {
    fn read_tile(&self, tile: &TileId) -> Result<Vec<u8>, ocs_tlog::TlogError> {
        std::fs::read(self.0.join(tile.path()))
            .map_err(|_| ocs_tlog::TlogError::MissingTile(tile.path()))
    }
}

/// `ocs log verify-dir`: the audit of a folder copy, offline (no counters to compare).
pub(crate) fn verify_dir(dir: &Path, key: &str, since: Option<&Path>) -> anyhow::Result<()> {
    let verifier = read_key(key)?;
    let path = dir.join("checkpoint");
    let note = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the checkpoint {}", path.display()))?;
    let audited = audit(&note, verifier.name(), &verifier, &DirTiles(dir))
        .context("the log does not verify")?;
    let mut lines = vec![format!(
        "checkpoint {} size {} root {}: signature OK; {} tiles and entry bundles recomputed \
         from the entries: OK",
        audited.checkpoint.origin,
        audited.checkpoint.size,
        audited.checkpoint.root.to_hex(),
        audited.tiles_checked
    )];
    lines.extend(since_line(&audited, &verifier, since)?);
    let figures: Vec<String> = audited
        .tally
        .by_country()
        .iter()
        .map(|(country, count)| format!("{country} {count}"))
        .collect();
    lines.push(format!(
        "fold of the entries: total {} ({})",
        audited.tally.total(),
        figures.join(", ")
    ));
    println!("{}", lines.join("\n"));
    Ok(())
}

/// With `--since FILE`: that earlier checkpoint must be a prefix of the audited tree.
fn since_line(
    audited: &AuditedLog,
    verifier: &NoteVerifier,
    since: Option<&Path>,
) -> anyhow::Result<Option<String>> {
    let Some(path) = since else {
        return Ok(None);
    };
    let older = std::fs::read_to_string(path)
        .with_context(|| format!("reading the earlier checkpoint {}", path.display()))?;
    let older = audited
        .check_older(&older, verifier)
        .with_context(|| format!("the log is not consistent with {}", path.display()))?;
    Ok(Some(format!(
        "consistent with the earlier checkpoint of size {}: OK",
        older.size
    )))
}

async fn get(client: &reqwest::Client, url: &str) -> anyhow::Result<Vec<u8>> {
    let answer = client
        .get(url)
        .send()
        .await
        .with_context(|| format!("fetching {url}"))?;
    let status = answer.status();
    if !status.is_success() {
        bail!("{url} answered {status}");
    }
    Ok(answer
        .bytes()
        .await
        .with_context(|| format!("reading {url}"))?
        .to_vec())
}

async fn get_json(client: &reqwest::Client, url: &str) -> anyhow::Result<serde_json::Value> {
    serde_json::from_slice(&get(client, url).await?)
        .with_context(|| format!("{url} did not answer JSON"))
}

fn read_key(key: &str) -> anyhow::Result<NoteVerifier> {
    let path = Path::new(key);
    let text = if !key.contains('+') && path.is_file() {
        std::fs::read_to_string(path)
            .with_context(|| format!("reading the key file {}", path.display()))?
    } else {
        key.to_owned()
    };
    NoteVerifier::parse(text.trim()).context("the verifier key is not a signed-note key")
}

/// The published figures and the log state they claim to be the fold of.
struct Counters {
    tree_size: u64,
    root_hash: String,
    total: u64,
    by_country: BTreeMap<String, u64>,
}

fn counters(value: &serde_json::Value) -> anyhow::Result<Counters> {
    let log = value
        .get("log")
        .context("the counters API names no log checkpoint (is the tally log on?)")?;
    let by_country = value
        .get("by_country")
        .and_then(serde_json::Value::as_object)
        .context("the counters API gives no by_country")?
        .iter()
        .filter_map(|(country, count)| Some((country.clone(), count.as_u64()?)))
        .filter(|(_, count)| *count > 0)
        .collect();
    Ok(Counters {
        tree_size: log
            .get("tree_size")
            .and_then(serde_json::Value::as_u64)
            .context("no log.tree_size")?,
        root_hash: log
            .get("root_hash")
            .and_then(serde_json::Value::as_str)
            .context("no log.root_hash")?
            .to_owned(),
        total: value
            .get("total")
            .and_then(serde_json::Value::as_u64)
            .context("no total")?,
        by_country,
    })
}

fn client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_mins(1))
        .build()
        .context("building the HTTP client")
}

/// The key given (text or file), or else the one the initiative's API announces.
async fn verifier_for(
    client: &reqwest::Client,
    target: &Target,
    key: Option<&str>,
) -> anyhow::Result<NoteVerifier> {
    if let Some(key) = key {
        return read_key(key);
    }
    let url = target.url(&format!("/api/v1/initiatives/{}", target.slug));
    let initiative = get_json(client, &url).await?;
    let announced = initiative
        .pointer("/log/verifier_key")
        .and_then(serde_json::Value::as_str)
        .with_context(|| format!("{url} announces no log.verifier_key"))?;
    read_key(announced)
}

/// Every tile and entry bundle of the tree of `size` entries.
async fn fetch_tiles(
    client: &reqwest::Client,
    target: &Target,
    size: u64,
) -> anyhow::Result<MemoryTiles> {
    let mut tiles = MemoryTiles::default();
    for tile in TileId::all_in_tree(size) {
        let url = target.url(&format!("/log/{}/{}", target.slug, tile.path()));
        tiles.0.insert(tile, get(client, &url).await?);
    }
    Ok(tiles)
}

/// Where `ocs export verify` reads the log an export is checked against.
#[derive(Debug, Clone)]
pub enum LogSource {
    /// The site (`https://example.org`) or the log's URL (`…/log/SLUG`).
    Url(String),
    /// A folder copy (`ocs log verify --mirror`).
    Dir(PathBuf),
}

/// Audits the log of the initiative `slug` at `source` (its latest checkpoint, every tile
/// and bundle, the fold); answers it and the key that verified it.
pub fn audited_log(
    source: &LogSource,
    slug: &str,
    key: Option<&str>,
) -> anyhow::Result<(AuditedLog, NoteVerifier, String)> {
    match source {
        LogSource::Dir(dir) => {
            let verifier = read_key(key.context("--log-dir needs the log's key (--log-key)")?)?;
            let path = dir.join("checkpoint");
            let note = std::fs::read_to_string(&path)
                .with_context(|| format!("reading the checkpoint {}", path.display()))?;
            let audited = audit(&note, verifier.name(), &verifier, &DirTiles(dir))
                .context("the log copy does not verify")?;
            Ok((audited, verifier, note))
        }
        LogSource::Url(url) => {
            let target = Target::parse(url, None).or_else(|_| Target::parse(url, Some(slug)))?;
            crate::runtime::block_on(Workload::Command, async {
                let client = client()?;
                let verifier = verifier_for(&client, &target, key).await?;
                let url = target.url(&format!("/log/{}/checkpoint", target.slug));
                let note = String::from_utf8(get(&client, &url).await?)
                    .context("the checkpoint is not UTF-8")?;
                let checkpoint = ocs_tlog::Checkpoint::open(&note, verifier.name(), &verifier)
                    .with_context(|| {
                        format!(
                            "the checkpoint does not verify with the key {}",
                            verifier.to_text()
                        )
                    })?;
                let tiles = fetch_tiles(&client, &target, checkpoint.size).await?;
                let audited = audit(&note, verifier.name(), &verifier, &tiles)
                    .context("the log does not verify")?;
                Ok((audited, verifier, note))
            })
        }
    }
}

async fn verify(
    target: &Target,
    key: Option<&str>,
    since: Option<&Path>,
) -> anyhow::Result<Report> {
    let client = client()?;
    let slug = &target.slug;
    let verifier = verifier_for(&client, target, key).await?;
    let origin = verifier.name().to_owned();

    // The counters and the checkpoint are read one after the other; a publication in
    // between moves the checkpoint, so read again until both name the same tree.
    let (note, published) = {
        let mut tries = 0;
        loop {
            let value = get_json(
                &client,
                &target.url(&format!("/api/v1/initiatives/{slug}/counters")),
            )
            .await?;
            let published = counters(&value)?;
            let note = String::from_utf8(
                get(&client, &target.url(&format!("/log/{slug}/checkpoint"))).await?,
            )
            .context("the checkpoint is not UTF-8")?;
            let size = ocs_tlog::note::split(&note)
                .ok()
                .and_then(|(text, _)| ocs_tlog::Checkpoint::parse(&text).ok())
                .map(|checkpoint| checkpoint.size);
            tries += 1;
            if size == Some(published.tree_size) || tries == 3 {
                break (note, published);
            }
        }
    };

    let checkpoint = ocs_tlog::Checkpoint::open(&note, &origin, &verifier).with_context(|| {
        format!(
            "the checkpoint does not verify with the key {}",
            verifier.to_text()
        )
    })?;
    let tiles = fetch_tiles(&client, target, checkpoint.size).await?;
    let audited = audit(&note, &origin, &verifier, &tiles).context("the log does not verify")?;
    compare(&audited, &published)?;
    let mut summary = vec![
        format!(
            "checkpoint {origin} size {} root {}: signature OK",
            audited.checkpoint.size,
            audited.checkpoint.root.to_hex(),
        ),
        format!(
            "{} tiles and entry bundles recomputed from the entries: OK",
            audited.tiles_checked
        ),
    ];
    summary.extend(since_line(&audited, &verifier, since)?);
    let figures: Vec<String> = published
        .by_country
        .iter()
        .map(|(country, count)| format!("{country} {count}"))
        .collect();
    summary.push(format!(
        "fold of the entries equals the counters API: total {} ({})",
        published.total,
        figures.join(", ")
    ));
    Ok(Report {
        note,
        summary: summary.join("\n"),
        tiles,
    })
}

/// The counters API must name the audited tree and report exactly its fold.
fn compare(audited: &AuditedLog, published: &Counters) -> anyhow::Result<()> {
    let checkpoint = &audited.checkpoint;
    if published.tree_size != checkpoint.size || published.root_hash != checkpoint.root.to_hex() {
        bail!(
            "the counters API claims the log at size {} root {}, the checkpoint is size {} root {}",
            published.tree_size,
            published.root_hash,
            checkpoint.size,
            checkpoint.root.to_hex()
        );
    }
    let fold: BTreeMap<String, u64> = audited
        .tally
        .by_country()
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(country, count)| (country.to_string(), count))
        .collect();
    if fold != published.by_country || audited.tally.total() != published.total {
        bail!(
            "the counters API reports total {} {:?}, the log's entries fold to total {} {:?}",
            published.total,
            published.by_country,
            audited.tally.total(),
            fold
        );
    }
    Ok(())
}

pub(crate) fn check_proof(file: &Path, key: &str) -> anyhow::Result<()> {
    let verifier = read_key(key)?;
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("reading the proof {}", file.display()))?;
    let proof = ProofFile::parse(&text).context("not a tlog-proof file")?;
    let entry = proof
        .extra
        .clone()
        .context("the proof file carries no entry (no extra line)")?;
    let checkpoint = proof
        .verify(&entry, verifier.name(), &verifier)
        .context("the proof does not verify")?;
    println!(
        "entry {} is in the log {} of size {} (signature and inclusion OK):\n{}",
        proof.index,
        checkpoint.origin,
        checkpoint.size,
        String::from_utf8_lossy(&entry)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_comes_from_the_site_and_slug_or_the_log_url() {
        let expected = Target {
            site: "http://127.0.0.1:8080".to_owned(),
            slug: "demo".to_owned(),
        };
        assert_eq!(
            Target::parse("http://127.0.0.1:8080/", Some("demo")).unwrap(),
            expected
        );
        assert_eq!(
            Target::parse("http://127.0.0.1:8080/log/demo", None).unwrap(),
            expected
        );
        assert!(Target::parse("http://127.0.0.1:8080", None).is_err());
        assert!(Target::parse("ftp://example.org/log/demo", None).is_err());
    }
}
