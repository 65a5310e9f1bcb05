//! The C2SP tlog-proof file (`c2sp.org/tlog-proof@v1`): an entry's index, its inclusion
//! proof and the signed checkpoint, verifiable offline. The `extra` line carries the entry.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::checkpoint::Checkpoint;
use crate::hash::{Hash, leaf_hash};
use crate::note::NoteVerifier;
use crate::tree::verify_inclusion;
use crate::{TlogError, malformed};

/// The first line of every proof file.
pub const PROOF_HEADER: &str = "c2sp.org/tlog-proof@v1";

/// A parsed proof file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofFile {
    /// Opaque extra data (here: the entry's bytes); not authenticated by itself.
    pub extra: Option<Vec<u8>>,
    /// The entry's index.
    pub index: u64,
    /// The inclusion proof, from the leaf's sibling up.
    pub proof: Vec<Hash>,
    /// The signed checkpoint, verbatim.
    pub checkpoint: String,
}

impl ProofFile {
    /// The file's text.
    pub fn to_text(&self) -> String {
        let mut text = format!("{PROOF_HEADER}\n");
        if let Some(extra) = &self.extra {
            text.push_str("extra ");
            text.push_str(&STANDARD.encode(extra));
            text.push('\n');
        }
        text.push_str("index ");
        text.push_str(&self.index.to_string());
        text.push('\n');
        for hash in &self.proof {
            text.push_str(&hash.to_base64());
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&self.checkpoint);
        text
    }

    /// Parses a proof file.
    pub fn parse(text: &str) -> Result<Self, TlogError> {
        let (head, checkpoint) = text
            .split_once("\n\n")
            .ok_or_else(|| malformed("proof", "no blank line before the checkpoint"))?;
        let mut lines = head.split('\n');
        if lines.next() != Some(PROOF_HEADER) {
            return Err(malformed("proof", "not a c2sp.org/tlog-proof@v1 file"));
        }
        let mut line = lines.next();
        let mut extra = None;
        if let Some(data) = line.and_then(|l| l.strip_prefix("extra ")) {
            extra = Some(
                STANDARD
                    .decode(data)
                    .map_err(|_| malformed("proof", "extra is not base64"))?,
            );
            line = lines.next();
        }
        let index_text = line
            .and_then(|l| l.strip_prefix("index "))
            .ok_or_else(|| malformed("proof", "no index line"))?;
        let canonical = !index_text.is_empty()
            && index_text.bytes().all(|b| b.is_ascii_digit())
            && (index_text == "0" || !index_text.starts_with('0'));
        let index = index_text
            .parse()
            .ok()
            .filter(|_| canonical)
            .ok_or_else(|| malformed("proof", "index is not a decimal"))?;
        let proof = lines.map(Hash::parse_base64).collect::<Result<_, _>>()?;
        Ok(Self {
            extra,
            index,
            proof,
            checkpoint: checkpoint.to_owned(),
        })
    }

    /// Checks the checkpoint's signature and origin, then that `entry` is at the index in its
    /// tree. Answers the checkpoint.
    pub fn verify(
        &self,
        entry: &[u8],
        origin: &str,
        verifier: &NoteVerifier,
    ) -> Result<Checkpoint, TlogError> {
        let checkpoint = Checkpoint::open(&self.checkpoint, origin, verifier)?;
        verify_inclusion(
            &leaf_hash(entry),
            self.index,
            checkpoint.size,
            &self.proof,
            &checkpoint.root,
        )?;
        Ok(checkpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::NoteSigner;
    use crate::tree::{inclusion_proof, tree_hash};

    #[test]
    fn a_proof_file_round_trips_and_verifies() {
        let entries: Vec<Vec<u8>> = (0..7u8).map(|i| vec![b'e', i]).collect();
        let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
        let signer = NoteSigner::new("example.org/log", &[5; 32]).unwrap();
        let checkpoint = Checkpoint {
            origin: "example.org/log".to_owned(),
            size: 7,
            root: tree_hash(leaves.as_slice(), 7).unwrap(),
            extensions: Vec::new(),
        };
        let file = ProofFile {
            extra: Some(entries[3].clone()),
            index: 3,
            proof: inclusion_proof(leaves.as_slice(), 3, 7).unwrap(),
            checkpoint: checkpoint.sign(&signer).unwrap(),
        };
        let text = file.to_text();
        assert!(text.starts_with("c2sp.org/tlog-proof@v1\nextra "));
        let parsed = ProofFile::parse(&text).unwrap();
        assert_eq!(parsed, file);
        parsed
            .verify(&entries[3], "example.org/log", &signer.verifier())
            .unwrap();
        assert!(
            parsed
                .verify(&entries[4], "example.org/log", &signer.verifier())
                .is_err()
        );
        let moved = ProofFile { index: 2, ..parsed };
        assert!(
            moved
                .verify(&entries[3], "example.org/log", &signer.verifier())
                .is_err()
        );
    }
}
