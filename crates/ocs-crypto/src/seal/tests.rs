//! Tests of sealing and opening: round trips, tampering, truncation, epochs, concurrency.

use std::collections::HashSet;

use proptest::prelude::*;

use super::envelope::{ENC_LEN, ENTRY_LEN, KEY_ID_LEN, PREFIX_LEN};
use super::*;
use crate::entropy::{OsEntropy, SeededEntropy};
use crate::keys::{RecipientPrivateKey, generate_recipient_keys};

const STATEMENT: &[u8] = b"{\"name\":\"Ada Lovelace\",\"nationality\":\"IE\",\"id\":\"X1234567\"}";
const AAD: &[u8] = b"initiative 7 | statement 01ARZ3 | dedup tag";

fn keys(count: u64) -> Vec<(RecipientPrivateKey, RecipientPublicKey)> {
    (0..count)
        .map(|seed| generate_recipient_keys(&SeededEntropy::new(1000 + seed)))
        .collect()
}

/// The enc field of the `index`-th recipient entry.
fn enc_of(envelope: &[u8], index: usize) -> [u8; ENC_LEN] {
    let start = PREFIX_LEN + index * ENTRY_LEN + KEY_ID_LEN;
    envelope[start..start + ENC_LEN].try_into().unwrap()
}

#[test]
fn round_trip_one_recipient() {
    let pairs = keys(1);
    let sealer = Sealer::default();
    let envelope = sealer
        .seal(&[pairs[0].1], AAD, STATEMENT, &OsEntropy)
        .unwrap();
    assert_eq!(envelope.len(), STATEMENT.len() + envelope_overhead(1));
    assert_eq!(&envelope[..4], b"OCS1");
    assert_eq!(
        envelope_recipients(&envelope).unwrap(),
        vec![pairs[0].1.key_id()]
    );
    assert_eq!(
        open(&envelope, AAD, &pairs[0].0).unwrap().as_slice(),
        STATEMENT
    );
}

#[test]
fn round_trip_three_recipients_each_opens() {
    let pairs = keys(3);
    let publics: Vec<_> = pairs.iter().map(|(_, public)| *public).collect();
    let sealer = Sealer::default();
    let envelope = sealer.seal(&publics, AAD, STATEMENT, &OsEntropy).unwrap();
    assert_eq!(envelope.len(), STATEMENT.len() + envelope_overhead(3));
    for (private, _) in &pairs {
        assert_eq!(open(&envelope, AAD, private).unwrap().as_slice(), STATEMENT);
        let mut opener = Opener::new(RecipientPrivateKey::parse(&private.to_text()).unwrap());
        assert_eq!(opener.open(&envelope, AAD).unwrap().as_slice(), STATEMENT);
    }
}

#[test]
fn empty_plaintext_and_empty_aad_round_trip() {
    let pairs = keys(1);
    let envelope = Sealer::default()
        .seal(&[pairs[0].1], b"", b"", &OsEntropy)
        .unwrap();
    assert!(open(&envelope, b"", &pairs[0].0).unwrap().is_empty());
}

#[test]
fn zero_recipients_is_an_error() {
    let result = Sealer::default().seal(&[], AAD, STATEMENT, &OsEntropy);
    assert!(matches!(result, Err(CryptoError::NoRecipients)));
}

#[test]
fn too_many_recipients_is_an_error() {
    let (_, public) = generate_recipient_keys(&SeededEntropy::new(1));
    let result = Sealer::default().seal(&vec![public; 256], AAD, STATEMENT, &OsEntropy);
    assert!(matches!(result, Err(CryptoError::TooManyRecipients(256))));
}

#[test]
fn wrong_key_fails() {
    let pairs = keys(2);
    let envelope = Sealer::default()
        .seal(&[pairs[0].1], AAD, STATEMENT, &OsEntropy)
        .unwrap();
    assert!(matches!(
        open(&envelope, AAD, &pairs[1].0),
        Err(CryptoError::NotARecipient)
    ));
    // Forge the key id so the wrong key tries the entry: the unwrap must still fail.
    let mut forged = envelope.clone();
    forged[PREFIX_LEN..PREFIX_LEN + KEY_ID_LEN].copy_from_slice(&pairs[1].1.key_id());
    assert!(matches!(
        open(&forged, AAD, &pairs[1].0),
        Err(CryptoError::OpenFailed)
    ));
}

#[test]
fn wrong_aad_fails() {
    let pairs = keys(1);
    let envelope = Sealer::default()
        .seal(&[pairs[0].1], AAD, STATEMENT, &OsEntropy)
        .unwrap();
    for aad in [
        &b""[..],
        b"initiative 8 | statement 01ARZ3 | dedup tag",
        &AAD[..AAD.len() - 1],
    ] {
        assert!(matches!(
            open(&envelope, aad, &pairs[0].0),
            Err(CryptoError::OpenFailed)
        ));
    }
}

#[test]
fn every_single_bit_flip_fails_for_every_recipient() {
    let pairs = keys(2);
    let publics: Vec<_> = pairs.iter().map(|(_, public)| *public).collect();
    let envelope = Sealer::default()
        .seal(&publics, AAD, STATEMENT, &OsEntropy)
        .unwrap();
    let mut openers: Vec<_> = pairs
        .iter()
        .map(|(private, _)| Opener::new(RecipientPrivateKey::parse(&private.to_text()).unwrap()))
        .collect();
    for opener in &mut openers {
        // Warm the caches: tampering must fail even when the wrap key is known.
        opener.open(&envelope, AAD).unwrap();
    }
    for bit in 0..envelope.len() * 8 {
        let mut tampered = envelope.clone();
        tampered[bit / 8] ^= 1 << (bit % 8);
        for opener in &mut openers {
            assert!(
                opener.open(&tampered, AAD).is_err(),
                "bit {bit} flipped still opens"
            );
        }
    }
}

#[test]
fn every_truncation_fails_without_panic() {
    let pairs = keys(1);
    let envelope = Sealer::default()
        .seal(&[pairs[0].1], AAD, STATEMENT, &OsEntropy)
        .unwrap();
    let mut opener = Opener::new(RecipientPrivateKey::parse(&pairs[0].0.to_text()).unwrap());
    for length in 0..envelope.len() {
        assert!(
            opener.open(&envelope[..length], AAD).is_err(),
            "length {length}"
        );
        assert!(
            open(&envelope[..length], AAD, &pairs[0].0).is_err(),
            "length {length}"
        );
    }
    let mut longer = envelope.clone();
    longer.push(0);
    assert!(opener.open(&longer, AAD).is_err());
}

#[test]
fn epochs_rotate_after_max_uses_and_all_open() {
    let pairs = keys(1);
    let sealer = Sealer::new(EpochPolicy {
        max_uses: 1000,
        max_age: Duration::from_hours(1),
    });
    let entropy = SeededEntropy::new(42);
    let envelopes: Vec<Vec<u8>> = (0..2500u32)
        .map(|n| {
            sealer
                .seal(&[pairs[0].1], AAD, &n.to_be_bytes(), &entropy)
                .unwrap()
        })
        .collect();
    let encs: HashSet<_> = envelopes
        .iter()
        .map(|envelope| enc_of(envelope, 0))
        .collect();
    assert_eq!(encs.len(), 3);

    let mut opener = Opener::new(RecipientPrivateKey::parse(&pairs[0].0.to_text()).unwrap());
    for (n, envelope) in (0..2500u32).zip(&envelopes) {
        assert_eq!(
            opener.open(envelope, AAD).unwrap().as_slice(),
            n.to_be_bytes()
        );
    }
    assert_eq!(opener.cached_epochs(), 3);
}

#[test]
fn epochs_rotate_after_max_age() {
    let pairs = keys(1);
    let sealer = Sealer::new(EpochPolicy {
        max_uses: 1000,
        max_age: Duration::ZERO,
    });
    let envelopes: Vec<Vec<u8>> = (0..3)
        .map(|_| {
            sealer
                .seal(&[pairs[0].1], AAD, STATEMENT, &OsEntropy)
                .unwrap()
        })
        .collect();
    let encs: HashSet<_> = envelopes
        .iter()
        .map(|envelope| enc_of(envelope, 0))
        .collect();
    assert_eq!(encs.len(), 3);
    sealer.purge_expired();
    assert_eq!(
        format!("{sealer:?}"),
        format!("Sealer {{ policy: {:?}, epochs: 0, .. }}", sealer.policy())
    );
    for envelope in &envelopes {
        assert_eq!(
            open(envelope, AAD, &pairs[0].0).unwrap().as_slice(),
            STATEMENT
        );
    }
}

#[test]
fn concurrent_seals_never_reuse_a_nonce() {
    let pairs = keys(1);
    let public = pairs[0].1;
    let sealer = Sealer::new(EpochPolicy {
        max_uses: 100,
        max_age: Duration::from_hours(1),
    });
    let envelopes: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    (0..500)
                        .map(|_| sealer.seal(&[public], AAD, STATEMENT, &OsEntropy).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    });
    let counter_at = PREFIX_LEN + KEY_ID_LEN + ENC_LEN;
    let nonces: HashSet<_> = envelopes
        .iter()
        .map(|envelope| {
            (
                enc_of(envelope, 0),
                envelope[counter_at..counter_at + 4].to_vec(),
            )
        })
        .collect();
    assert_eq!(
        nonces.len(),
        envelopes.len(),
        "an (epoch, counter) pair was used twice"
    );
    let mut opener = Opener::new(RecipientPrivateKey::parse(&pairs[0].0.to_text()).unwrap());
    for envelope in &envelopes {
        assert_eq!(opener.open(envelope, AAD).unwrap().as_slice(), STATEMENT);
    }
}

#[test]
fn broken_entropy_fails_closed() {
    let pairs = keys(1);
    let result = Sealer::default().seal(
        &[pairs[0].1],
        AAD,
        STATEMENT,
        &crate::entropy::tests::BrokenEntropy,
    );
    assert!(matches!(result, Err(CryptoError::Entropy(_))));
}

#[test]
fn seeded_sealing_is_reproducible() {
    let pairs = keys(1);
    let seal = || {
        Sealer::default()
            .seal(&[pairs[0].1], AAD, STATEMENT, &SeededEntropy::new(9))
            .unwrap()
    };
    assert_eq!(seal(), seal());
}

proptest! {
    #[test]
    fn open_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let pairs = keys(1);
        let _ = open(&bytes, AAD, &pairs[0].0);
        let mut prefixed = b"OCS1\x01".to_vec();
        prefixed.extend_from_slice(&pairs[0].1.key_id());
        prefixed.extend_from_slice(&bytes);
        let _ = open(&prefixed, AAD, &pairs[0].0);
        let _ = envelope_recipients(&bytes);
    }
}
