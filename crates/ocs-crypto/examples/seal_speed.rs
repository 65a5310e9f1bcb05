//! Prints microseconds per seal and per open: batched encapsulation (the default policy)
//! against one HPKE setup per statement. Figures only, no assertions; compare the ratio within
//! one run (the machine is noisy, see `shared/reference/hardware-limits.md`).
//!
//! `cargo run --release -p ocs-crypto --example seal_speed`

use std::time::{Duration, Instant};

use ocs_crypto::{
    CryptoError, EpochPolicy, Opener, OsEntropy, RecipientPrivateKey, RecipientPublicKey, Sealer,
    generate_recipient_keys, open,
};

const SEALS: u32 = 5_000;
const PLAINTEXT: [u8; 300] = [b'x'; 300];
const AAD: &[u8] = b"initiative 1 | statement 0123456789ABCDEFGHJKMNPQRS | 32-byte dedup tag";

fn main() -> Result<(), CryptoError> {
    let (private, public) = generate_recipient_keys(&OsEntropy);
    let (_, second) = generate_recipient_keys(&OsEntropy);
    let (_, third) = generate_recipient_keys(&OsEntropy);

    let batched = Sealer::new(EpochPolicy::default());
    let unbatched = Sealer::new(EpochPolicy {
        max_uses: 1,
        max_age: Duration::from_secs(1),
    });
    // Warm-up: start the epochs, fault in the code.
    for _ in 0..50 {
        batched.seal(&[public], AAD, &PLAINTEXT, &OsEntropy)?;
        unbatched.seal(&[public], AAD, &PLAINTEXT, &OsEntropy)?;
    }

    println!(
        "{SEALS} seals of {} B, one recipient unless stated:",
        PLAINTEXT.len()
    );
    let (batched_us, envelopes) = time_seals(&batched, &[public])?;
    let (unbatched_us, single_envelopes) = time_seals(&unbatched, &[public])?;
    let (three_us, _) = time_seals(&batched, &[public, second, third])?;
    println!("  batched (1000 seals / 1 s per epoch): {batched_us:8.2} µs/seal");
    println!("  one HPKE setup per seal:              {unbatched_us:8.2} µs/seal");
    println!(
        "  ratio unbatched / batched:            {:8.1}×",
        unbatched_us / batched_us
    );
    println!("  batched, three recipients:            {three_us:8.2} µs/seal");

    let started = Instant::now();
    let mut opener = Opener::new(RecipientPrivateKey::parse(&private.to_text())?);
    for envelope in &envelopes {
        opener.open(envelope, AAD)?;
    }
    let cached_us = per_op(started.elapsed(), envelopes.len());
    let started = Instant::now();
    for envelope in single_envelopes.iter().take(1_000) {
        open(envelope, AAD, &private)?;
    }
    let uncached_us = per_op(started.elapsed(), 1_000);
    println!("opening:");
    println!(
        "  Opener over batched envelopes:        {cached_us:8.2} µs/open ({} epochs)",
        opener.cached_epochs()
    );
    println!("  open() with one DH per envelope:      {uncached_us:8.2} µs/open");
    Ok(())
}

fn time_seals(
    sealer: &Sealer,
    recipients: &[RecipientPublicKey],
) -> Result<(f64, Vec<Vec<u8>>), CryptoError> {
    let mut envelopes = Vec::with_capacity(SEALS as usize);
    let started = Instant::now();
    for _ in 0..SEALS {
        envelopes.push(sealer.seal(recipients, AAD, &PLAINTEXT, &OsEntropy)?);
    }
    Ok((per_op(started.elapsed(), envelopes.len()), envelopes))
}

fn per_op(elapsed: Duration, count: usize) -> f64 {
    elapsed.as_secs_f64() * 1e6 / f64::from(u32::try_from(count).unwrap_or(u32::MAX))
}
