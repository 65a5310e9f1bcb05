//! Proof-of-work challenges in the ALTCHA v1 wire format: issuing, solving (for tests and the
//! load harness) and verifying.
//!
//! The server signs each challenge and keeps no state; a solution is checked with one HMAC
//! and one SHA-256 (about 0.5 µs). The expiry travels inside the signed salt. Single use is
//! the caller's job: it keeps [`VerifiedChallenge::id`] until [`VerifiedChallenge::expires`].
//!
//! Algorithm: the salt is `<24 hex>?expires=<unix seconds>&`, the secret number `n` is drawn
//! uniformly from `[0, maxnumber]`, the challenge is `hex(SHA-256(salt ‖ decimal(n)))` and
//! the signature `hex(HMAC-SHA256(key, len(salt) ‖ salt ‖ challenge))`. The client tries
//! numbers until the hash matches and sends back base64 of the JSON
//! `{"algorithm","challenge","number","salt","signature"}`; to the widget the signature is
//! opaque, so binding the salt into it changes nothing on the client side.
//!
//! Why the salt is signed too (issue 19, finding 2): `salt ‖ decimal(n)` is ambiguous, so with
//! only the challenge signed, digits could be moved from the number into the salt's expiry
//! (`…expires=1700000000` ‖ `57` = `…expires=17000000005` ‖ `7`), pushing the expiry out
//! tenfold and more. Now the salt is authentic on its own, the trailing `&` ends the
//! expiry parameter, and an expiry further out than `now + ttl +` [`MAX_CLOCK_SKEW`] is refused
//! even under a valid signature (a key shared with an older release, a node's clock ahead).
//!
//! Key ids and a context label (ADR 0012): the signature issued now is
//! `hex(kid) ‖ hex(HMAC-SHA256(key[kid], "openocs altcha challenge v2" ‖ kid ‖ len(salt) ‖ salt
//! ‖ challenge))`, 66 hex digits, so a challenge issued before a token key rotation still
//! verifies in the grace period. A signature of 64 digits is the first version (no label, no
//! id) and verifies with key id 0 while that key does.

use base64::Engine as _;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::entropy::Entropy;
use crate::hash::{hmac_sha256, sha256};
use crate::role_keys::{KeyId, RoleKeys};
use crate::secret::{BASE64_LENIENT, BASE64_URL_LENIENT, SecretKey};

/// The context label of a challenge signature (second version).
const CHALLENGE_LABEL: &[u8] = b"openocs altcha challenge v2";

/// The only algorithm issued and accepted.
pub const ALGORITHM: &str = "SHA-256";

/// How far a challenge's expiry may lie beyond `now + ttl`: the clocks of the nodes that
/// share the key may disagree by this much.
pub const MAX_CLOCK_SKEW: SignedDuration = SignedDuration::from_secs(60);

/// Largest payload accepted, checked before decoding. A genuine one is about 300 bytes.
pub const MAX_PAYLOAD_LEN: usize = 2048;

/// A challenge as sent to the browser widget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// Always `"SHA-256"`.
    pub algorithm: String,
    /// `hex(SHA-256(salt ‖ decimal(number)))`.
    pub challenge: String,
    /// Upper bound of the secret number: the client's expected work is half of it.
    pub maxnumber: u64,
    /// `<24 hex>?expires=<unix seconds>&`.
    pub salt: String,
    /// `hex(kid) ‖ hex(HMAC-SHA256(key, label ‖ kid ‖ len(salt) ‖ salt ‖ challenge))`.
    pub signature: String,
}

/// The solution the client sends back (base64 of this JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Solution {
    algorithm: String,
    challenge: String,
    number: u64,
    salt: String,
    signature: String,
}

/// A valid, unexpired solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedChallenge {
    /// SHA-256 of the challenge digest: the key of the service's single-use registry.
    pub id: [u8; 32],
    /// When the challenge expires; the registry may forget `id` after that.
    pub expires: Timestamp,
}

/// Why a solution was refused. The variants are distinct for metrics and tests; the signer
/// sees one message for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AltchaError {
    /// Too long, not base64, not the expected JSON, or no expiry in the salt.
    #[error("malformed proof-of-work payload")]
    Malformed,
    /// An algorithm other than SHA-256.
    #[error("unsupported proof-of-work algorithm")]
    WrongAlgorithm,
    /// The challenge was not issued by this server (or with another key).
    #[error("proof-of-work challenge signature does not verify")]
    BadSignature,
    /// The number does not produce the challenge from the salt.
    #[error("proof-of-work solution is wrong")]
    WrongSolution,
    /// The challenge's expiry has passed.
    #[error("proof-of-work challenge expired")]
    Expired,
    /// The expiry lies further out than this server ever issues (`now + ttl + skew`).
    #[error("proof-of-work challenge expiry is too far in the future")]
    ExpiryTooFar,
}

/// Issues and verifies challenges under the token keys (derived for challenges).
pub struct AltchaIssuer {
    keys: RoleKeys,
    max_number: u64,
    ttl: SignedDuration,
}

impl AltchaIssuer {
    /// An issuer signing with `key` as key id 0 (use `root.derive("openocs altcha v1")`),
    /// drawing numbers up to `max_number` (the widget's default is 100 000: a fraction of a
    /// second in a browser) and letting challenges live for `ttl`.
    pub fn new(key: SecretKey, max_number: u64, ttl: SignedDuration) -> Self {
        Self::with_keys(RoleKeys::single(key), max_number, ttl)
    }

    /// Like [`AltchaIssuer::new`], signing with the current key of `keys` (the token role
    /// derived for challenges) and verifying with any still in its grace period.
    pub fn with_keys(keys: RoleKeys, max_number: u64, ttl: SignedDuration) -> Self {
        Self {
            keys,
            max_number,
            ttl,
        }
    }

    /// A fresh challenge, valid until `now + ttl`.
    pub fn issue(&self, now: Timestamp, entropy: &dyn Entropy) -> Challenge {
        let mut nonce = [0u8; 12];
        entropy.fill(&mut nonce);
        let expires = now.checked_add(self.ttl).unwrap_or(Timestamp::MAX);
        let salt = format!("{}?expires={}&", hex::encode(nonce), expires.as_second());
        let number = uniform_up_to(self.max_number, entropy);
        let challenge = hex::encode(challenge_digest(&salt, number));
        let (id, key) = self.keys.current();
        let mut signature = hex::encode([id.get()]);
        signature.push_str(&hex::encode(sign_v2(key, id, &salt, &challenge)));
        Challenge {
            algorithm: ALGORITHM.to_owned(),
            challenge,
            maxnumber: self.max_number,
            salt,
            signature,
        }
    }

    /// Checks a solution payload at time `now`.
    pub fn verify(&self, payload: &str, now: Timestamp) -> Result<VerifiedChallenge, AltchaError> {
        // The bound comes first: base64 and JSON decoding of an attacker's megabyte would
        // cost more than every check below together.
        if payload.len() > MAX_PAYLOAD_LEN {
            return Err(AltchaError::Malformed);
        }
        let payload = payload.trim();
        let json = BASE64_LENIENT
            .decode(payload)
            .or_else(|_| BASE64_URL_LENIENT.decode(payload))
            .map_err(|_| AltchaError::Malformed)?;
        let solution: Solution =
            serde_json::from_slice(&json).map_err(|_| AltchaError::Malformed)?;
        if solution.algorithm != ALGORITHM {
            return Err(AltchaError::WrongAlgorithm);
        }
        let signature = hex::decode(&solution.signature).map_err(|_| AltchaError::BadSignature)?;
        let expected = match signature.split_first() {
            Some((&id, rest)) if rest.len() == 32 => {
                let id = KeyId::new(id);
                let key = self
                    .keys
                    .verifying(id, now)
                    .ok_or(AltchaError::BadSignature)?;
                let mut expected = vec![id.get()];
                expected.extend(sign_v2(key, id, &solution.salt, &solution.challenge));
                expected
            }
            _ => {
                let key = self
                    .keys
                    .verifying(KeyId::ROOT, now)
                    .ok_or(AltchaError::BadSignature)?;
                sign_v1(key, &solution.salt, &solution.challenge).to_vec()
            }
        };
        // Constant time, so response timing reveals nothing of the expected signature.
        if !bool::from(expected.as_slice().ct_eq(&signature)) {
            return Err(AltchaError::BadSignature);
        }
        let digest = challenge_digest(&solution.salt, solution.number);
        let claimed = hex::decode(&solution.challenge).map_err(|_| AltchaError::Malformed)?;
        if !bool::from(digest.as_slice().ct_eq(&claimed)) {
            return Err(AltchaError::WrongSolution);
        }
        // The expiry is authentic: the salt that carries it is signed.
        let expires = expiry_of(&solution.salt).ok_or(AltchaError::Malformed)?;
        if now >= expires {
            return Err(AltchaError::Expired);
        }
        let latest = now
            .checked_add(self.ttl)
            .and_then(|t| t.checked_add(MAX_CLOCK_SKEW))
            .unwrap_or(Timestamp::MAX);
        if expires > latest {
            return Err(AltchaError::ExpiryTooFar);
        }
        Ok(VerifiedChallenge {
            id: sha256(&[&digest]),
            expires,
        })
    }
}

/// The first version's signature over the salt and the challenge (no label, no key id);
/// the salt's length comes first, so no byte can move from one to the other.
fn sign_v1(key: &SecretKey, salt: &str, challenge: &str) -> [u8; 32] {
    let length = u64::try_from(salt.len()).unwrap_or(u64::MAX).to_be_bytes();
    hmac_sha256(
        key.bytes(),
        &[&length, salt.as_bytes(), challenge.as_bytes()],
    )
}

/// The signature issued now: a context label and the key id, then as [`sign_v1`].
fn sign_v2(key: &SecretKey, id: KeyId, salt: &str, challenge: &str) -> [u8; 32] {
    let length = u64::try_from(salt.len()).unwrap_or(u64::MAX).to_be_bytes();
    hmac_sha256(
        key.bytes(),
        &[
            CHALLENGE_LABEL,
            &[id.get()],
            &length,
            salt.as_bytes(),
            challenge.as_bytes(),
        ],
    )
}

impl std::fmt::Debug for AltchaIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AltchaIssuer")
            .field("max_number", &self.max_number)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

fn challenge_digest(salt: &str, number: u64) -> [u8; 32] {
    sha256(&[salt.as_bytes(), number.to_string().as_bytes()])
}

/// The `expires` parameter of a salt `<hex>?expires=<unix seconds>&[…]`.
fn expiry_of(salt: &str) -> Option<Timestamp> {
    let (_, query) = salt.split_once('?')?;
    let seconds = query
        .split('&')
        .find_map(|parameter| parameter.strip_prefix("expires="))?;
    Timestamp::from_second(seconds.parse().ok()?).ok()
}

/// A number drawn uniformly from `[0, max]` (rejection sampling: no modulo bias).
fn uniform_up_to(max: u64, entropy: &dyn Entropy) -> u64 {
    let draw = || {
        let mut bytes = [0u8; 8];
        entropy.fill(&mut bytes);
        u64::from_le_bytes(bytes)
    };
    let Some(range) = max.checked_add(1) else {
        return draw();
    };
    // The largest multiple of `range` that fits; draws at or above it are redrawn (fewer
    // than half of all draws, so the loop ends quickly).
    let zone = u64::MAX - (u64::MAX % range);
    loop {
        let value = draw();
        if value < zone {
            return value % range;
        }
    }
}

/// Finds the secret number by brute force and returns the base64 payload a client would send,
/// or `None` if no number up to `maxnumber` matches. For tests and the load harness; it also
/// documents what the browser widget does.
pub fn solve(challenge: &Challenge) -> Option<String> {
    let target = hex::decode(&challenge.challenge).ok()?;
    let number = (0..=challenge.maxnumber)
        .find(|&number| challenge_digest(&challenge.salt, number).as_slice() == target)?;
    let solution = Solution {
        algorithm: challenge.algorithm.clone(),
        challenge: challenge.challenge.clone(),
        number,
        salt: challenge.salt.clone(),
        signature: challenge.signature.clone(),
    };
    let json = serde_json::to_vec(&solution).ok()?;
    Some(base64::engine::general_purpose::STANDARD.encode(json))
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use proptest::prelude::*;

    use super::*;
    use crate::entropy::SeededEntropy;

    const NOW: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    fn now() -> Timestamp {
        Timestamp::from_second(NOW).unwrap()
    }

    fn issuer() -> AltchaIssuer {
        AltchaIssuer::new(
            SecretKey::from_bytes([7; 32]).derive("altcha"),
            5_000,
            SignedDuration::from_mins(10),
        )
    }

    fn solved() -> (Challenge, serde_json::Value) {
        let challenge = issuer().issue(now(), &SeededEntropy::new(1));
        let payload = solve(&challenge).unwrap();
        let json = serde_json::from_slice(&STANDARD.decode(payload).unwrap()).unwrap();
        (challenge, json)
    }

    fn encode(json: &serde_json::Value) -> String {
        STANDARD.encode(serde_json::to_vec(json).unwrap())
    }

    #[test]
    fn challenge_has_the_wire_shape() {
        let challenge = issuer().issue(now(), &SeededEntropy::new(2));
        assert_eq!(challenge.algorithm, "SHA-256");
        assert_eq!(challenge.maxnumber, 5_000);
        assert_eq!(challenge.challenge.len(), 64);
        assert_eq!(challenge.signature.len(), 66);
        let (nonce, expires) = challenge.salt.split_once("?expires=").unwrap();
        assert_eq!(nonce.len(), 24);
        assert!(nonce.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(expires, format!("{}&", NOW + 600));
        let json = serde_json::to_value(&challenge).unwrap();
        assert!(json.get("maxnumber").is_some());
    }

    #[test]
    fn solve_and_verify_round_trip() {
        let challenge = issuer().issue(now(), &SeededEntropy::new(3));
        let payload = solve(&challenge).unwrap();
        let verified = issuer().verify(&payload, now()).unwrap();
        assert_eq!(verified.expires, now() + SignedDuration::from_mins(10));
        // The same challenge always maps to the same registry id.
        assert_eq!(issuer().verify(&payload, now()).unwrap().id, verified.id);
        // Url-safe base64 without padding is accepted too.
        let url = URL_SAFE_NO_PAD.encode(STANDARD.decode(&payload).unwrap());
        assert_eq!(issuer().verify(&url, now()).unwrap(), verified);
    }

    /// The cost of a proof for a bot: solves challenges at the default `max_number`
    /// (50 000, `[antibot]`) with the same code as the load harness and prints hashes per
    /// second and the mean time per proof (docs/certification/anti-bot.md). A measurement,
    /// not a check: `cargo test -p ocs-crypto --all-features measure_altcha -- --ignored
    /// --nocapture`.
    #[test]
    #[ignore = "measurement; run with --ignored --nocapture"]
    fn measure_altcha_solve_cost_for_a_bot() {
        let issuer = AltchaIssuer::new(
            SecretKey::from_bytes([7; 32]).derive("altcha"),
            50_000,
            SignedDuration::from_mins(10),
        );
        let entropy = SeededEntropy::new(11);
        let rounds = 64_u32;
        let challenges: Vec<Challenge> =
            (0..rounds).map(|_| issuer.issue(now(), &entropy)).collect();
        let started = std::time::Instant::now();
        let mut hashes = 0_u64;
        for challenge in &challenges {
            let payload = solve(challenge).unwrap();
            let json = STANDARD.decode(payload).unwrap();
            let solution: serde_json::Value = serde_json::from_slice(&json).unwrap();
            hashes += solution["number"].as_u64().unwrap() + 1;
        }
        let elapsed = started.elapsed();
        let per_proof = elapsed / rounds;
        #[expect(clippy::cast_precision_loss, reason = "a printed rate")]
        let rate = hashes as f64 / elapsed.as_secs_f64();
        println!(
            "altcha max_number 50000: {rounds} proofs, {hashes} SHA-256 in {elapsed:?}: \
             {rate:.0} hashes/s on one core, mean {per_proof:?} per proof"
        );
    }

    #[test]
    fn numbers_cover_the_range() {
        let entropy = SeededEntropy::new(4);
        let draws: Vec<u64> = (0..2000).map(|_| uniform_up_to(3, &entropy)).collect();
        for value in 0..=3 {
            assert!(draws.contains(&value));
        }
        assert!(draws.iter().all(|&value| value <= 3));
        let _ = uniform_up_to(u64::MAX, &entropy);
        assert_eq!(uniform_up_to(0, &entropy), 0);
    }

    #[test]
    fn tampered_number_fails() {
        let (_, mut json) = solved();
        let number = json["number"].as_u64().unwrap();
        json["number"] = (number + 1).into();
        assert_eq!(
            issuer().verify(&encode(&json), now()),
            Err(AltchaError::WrongSolution)
        );
    }

    #[test]
    fn tampered_salt_or_expiry_fails() {
        let (challenge, mut json) = solved();
        let later = challenge
            .salt
            .replace(&(NOW + 600).to_string(), &(NOW + 60_000).to_string());
        json["salt"] = later.into();
        assert_eq!(
            issuer().verify(&encode(&json), now()),
            Err(AltchaError::BadSignature)
        );
        let (_, mut json) = solved();
        json["salt"] = format!("00{}", challenge.salt).into();
        assert_eq!(
            issuer().verify(&encode(&json), now()),
            Err(AltchaError::BadSignature)
        );
    }

    /// Issue 19, finding 2: with only the challenge signed, the first digit of the number could
    /// be moved into the expiry of a salt that ended in digits; the hash stayed the same and the
    /// expiry grew tenfold. The salt is signed now, so any shift is refused.
    #[test]
    fn altcha_digits_moved_from_number_into_expiry_are_refused() {
        let key = SecretKey::from_bytes([7; 32]).derive("altcha");
        let issuer = AltchaIssuer::new(key, 5_000, SignedDuration::from_mins(10));
        // A challenge whose number has two digits or more and no 0 after the first, as an
        // attacker would wait for.
        let (challenge, digits) = (0..)
            .map(|seed| issuer.issue(now(), &SeededEntropy::new(seed)))
            .find_map(|challenge| {
                let payload = solve(&challenge)?;
                let json: serde_json::Value =
                    serde_json::from_slice(&STANDARD.decode(payload).ok()?).ok()?;
                let digits = json["number"].as_u64()?.to_string();
                (digits.len() >= 2 && !digits[1..].starts_with('0')).then_some((challenge, digits))
            })
            .unwrap();
        let (first, rest) = digits.split_at(1);
        let shifted_number: u64 = rest.parse().unwrap();
        // The old salt shape (no `&`) shows the attack: the same hash, a tenfold expiry.
        let old_salt = challenge.salt.trim_end_matches('&').to_owned();
        let shifted_salt = format!("{old_salt}{first}");
        assert_eq!(
            challenge_digest(&old_salt, digits.parse().unwrap()),
            challenge_digest(&shifted_salt, shifted_number)
        );
        assert_eq!(
            expiry_of(&shifted_salt).map(Timestamp::as_second),
            Some((NOW + 600) * 10 + first.parse::<i64>().unwrap())
        );
        // Today's issuer refuses the same move made on a real challenge.
        let json = serde_json::json!({
            "algorithm": "SHA-256", "challenge": challenge.challenge, "number": shifted_number,
            "salt": format!("{}{first}", challenge.salt), "signature": challenge.signature,
        });
        assert_eq!(
            issuer.verify(&encode(&json), now()),
            Err(AltchaError::BadSignature)
        );
    }

    /// An authentic challenge whose expiry is beyond `now + ttl + skew` (issued by a node whose
    /// clock runs far ahead, or under a longer ttl) is refused.
    #[test]
    fn altcha_expiry_beyond_ttl_and_skew_is_refused() {
        let far = issuer().issue(
            now() + SignedDuration::from_hours(2),
            &SeededEntropy::new(9),
        );
        let payload = solve(&far).unwrap();
        assert_eq!(
            issuer().verify(&payload, now()),
            Err(AltchaError::ExpiryTooFar)
        );
        // Within the skew it still passes.
        let near = issuer().issue(now() + MAX_CLOCK_SKEW, &SeededEntropy::new(10));
        assert!(issuer().verify(&solve(&near).unwrap(), now()).is_ok());
    }

    #[test]
    fn tampered_signature_or_challenge_fails() {
        let (challenge, mut json) = solved();
        let mut signature = challenge.signature.clone().into_bytes();
        signature[0] = if signature[0] == b'0' { b'1' } else { b'0' };
        json["signature"] = String::from_utf8(signature).unwrap().into();
        assert_eq!(
            issuer().verify(&encode(&json), now()),
            Err(AltchaError::BadSignature)
        );

        let (_, mut json) = solved();
        json["challenge"] = hex::encode([0u8; 32]).into();
        assert_eq!(
            issuer().verify(&encode(&json), now()),
            Err(AltchaError::BadSignature)
        );

        let other = AltchaIssuer::new(
            SecretKey::from_bytes([8; 32]),
            5_000,
            SignedDuration::from_mins(10),
        );
        let (_, json) = solved();
        assert_eq!(
            other.verify(&encode(&json), now()),
            Err(AltchaError::BadSignature)
        );
    }

    #[test]
    fn wrong_algorithm_fails() {
        let (_, mut json) = solved();
        json["algorithm"] = "SHA-1".into();
        assert_eq!(
            issuer().verify(&encode(&json), now()),
            Err(AltchaError::WrongAlgorithm)
        );
    }

    #[test]
    fn expired_challenge_fails() {
        let (_, json) = solved();
        let payload = encode(&json);
        let expiry = now() + SignedDuration::from_mins(10);
        assert!(
            issuer()
                .verify(&payload, expiry - SignedDuration::from_secs(1))
                .is_ok()
        );
        assert_eq!(issuer().verify(&payload, expiry), Err(AltchaError::Expired));
    }

    #[test]
    fn garbage_is_malformed() {
        for payload in [
            "",
            "not base64!",
            &STANDARD.encode("{}"),
            &STANDARD.encode("[1,2]"),
        ] {
            assert_eq!(issuer().verify(payload, now()), Err(AltchaError::Malformed));
        }
    }

    #[test]
    fn megabyte_payload_is_refused_quickly() {
        let payload = "A".repeat(1 << 20);
        let started = std::time::Instant::now();
        assert_eq!(
            issuer().verify(&payload, now()),
            Err(AltchaError::Malformed)
        );
        assert!(started.elapsed() < std::time::Duration::from_millis(50));
    }

    proptest! {
        #[test]
        fn verify_never_panics(text in ".{0,400}", bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = issuer().verify(&text, now());
            let _ = issuer().verify(&STANDARD.encode(&bytes), now());
        }

        #[test]
        fn verify_never_panics_on_near_misses(number in any::<u64>(), salt in ".{0,60}", challenge in "[0-9a-f]{0,70}") {
            let json = serde_json::json!({
                "algorithm": "SHA-256", "challenge": challenge, "number": number,
                "salt": salt, "signature": hex::encode(sign_v1(&SecretKey::from_bytes([7; 32]).derive("altcha"), &salt, &challenge)),
            });
            let _ = issuer().verify(&encode(&json), now());
        }
    }
}
