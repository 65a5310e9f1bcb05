//! C2SP tlog-checkpoint bodies: origin, tree size, base64 root hash, optional extension lines.

use crate::hash::Hash;
use crate::note::{NoteSigner, NoteVerifier, open};
use crate::{TlogError, malformed};

/// A log's claim about its tree at one size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's origin line (its URL prefix without scheme).
    pub origin: String,
    /// The tree size.
    pub size: u64,
    /// The root hash of the tree of `size` leaves.
    pub root: Hash,
    /// Extension lines, in order (none from this log).
    pub extensions: Vec<String>,
}

impl Checkpoint {
    /// The note text: `origin\nsize\nroot\n` then the extension lines.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            self.root.to_base64()
        );
        for line in &self.extensions {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// Parses a note text (not the signatures; see [`Checkpoint::open`]).
    pub fn parse(text: &str) -> Result<Self, TlogError> {
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| malformed("checkpoint", "no final newline"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or_default();
        if origin.is_empty() {
            return Err(malformed("checkpoint", "empty origin"));
        }
        let size_line = lines
            .next()
            .ok_or_else(|| malformed("checkpoint", "no tree size"))?;
        let canonical = !size_line.is_empty()
            && size_line.bytes().all(|b| b.is_ascii_digit())
            && (size_line == "0" || !size_line.starts_with('0'));
        let size = size_line
            .parse()
            .ok()
            .filter(|_| canonical)
            .ok_or_else(|| malformed("checkpoint", "tree size is not a decimal"))?;
        let root = Hash::parse_base64(
            lines
                .next()
                .ok_or_else(|| malformed("checkpoint", "no root hash"))?,
        )?;
        let extensions: Vec<String> = lines.map(str::to_owned).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(malformed("checkpoint", "empty extension line"));
        }
        Ok(Self {
            origin: origin.to_owned(),
            size,
            root,
            extensions,
        })
    }

    /// The signed note of this checkpoint.
    pub fn sign(&self, signer: &NoteSigner) -> Result<String, TlogError> {
        signer.sign(&self.to_text())
    }

    /// Opens a signed checkpoint: `verifier` must have signed it and its origin must be
    /// `origin`.
    pub fn open(note: &str, origin: &str, verifier: &NoteVerifier) -> Result<Self, TlogError> {
        let opened = open(note, std::slice::from_ref(verifier))?;
        let checkpoint = Self::parse(&opened.text)?;
        if checkpoint.origin != origin {
            return Err(malformed(
                "checkpoint",
                format!("origin {:?}, expected {origin:?}", checkpoint.origin),
            ));
        }
        Ok(checkpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;

    #[test]
    fn round_trips_and_refuses_bad_bodies() {
        let checkpoint = Checkpoint {
            origin: "example.org/log/abc".to_owned(),
            size: 12,
            root: leaf_hash(b"r"),
            extensions: Vec::new(),
        };
        let text = checkpoint.to_text();
        assert_eq!(Checkpoint::parse(&text).unwrap(), checkpoint);
        let signer = NoteSigner::new("example.org/log/abc", &[3; 32]).unwrap();
        let note = checkpoint.sign(&signer).unwrap();
        assert_eq!(
            Checkpoint::open(&note, "example.org/log/abc", &signer.verifier()).unwrap(),
            checkpoint
        );
        assert!(Checkpoint::open(&note, "example.org/other", &signer.verifier()).is_err());
        for bad in ["", "o\n", "o\n012\nAAAA\n", "o\n1\nnot-base64\n", "\n1\n"] {
            assert!(Checkpoint::parse(bad).is_err(), "{bad:?}");
        }
    }
}
