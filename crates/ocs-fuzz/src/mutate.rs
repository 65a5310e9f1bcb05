//! The seeded RNG and the format-blind mutations: bit flips, interesting bytes, inserts,
//! deletes, repeats (deep nesting, long runs), splices with another corpus input, and
//! dictionary tokens inserted or written over a range.

/// A small seeded generator (SplitMix64): a run with the same seed makes the same inputs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }

    /// One element of `items`, if any.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let at = self.below(items.len());
        items.get(at)
    }

    /// A random byte.
    pub fn byte(&mut self) -> u8 {
        self.next_u64().to_le_bytes().first().copied().unwrap_or(0)
    }
}

/// Bytes that often sit on a parser's edge: markup, separators, escapes, encodings, limits.
const INTERESTING: &[u8] = b"\0\x01\x7f\x80\xff<>&;\"'=%+/\\:#[]{},.- \t\r\n?!0189aAzZ\xc3\xe2";

/// Applies one format-blind mutation at a time.
#[derive(Debug)]
pub struct Mutator<'d> {
    dictionary: &'d [Vec<u8>],
}

impl<'d> Mutator<'d> {
    /// A mutator that draws tokens from `dictionary`.
    pub fn new(dictionary: &'d [Vec<u8>]) -> Self {
        Self { dictionary }
    }

    /// Changes `input` once; `corpus` gives the other half of a splice.
    pub fn mutate(&self, input: &mut Vec<u8>, rng: &mut Rng, corpus: &[Vec<u8>]) {
        let len = input.len();
        match rng.below(11) {
            0 => {
                if let Some(byte) = input.get_mut(rng.below(len)) {
                    *byte ^= 1 << rng.below(8);
                }
            }
            1 => {
                let value = rng.pick(INTERESTING).copied().unwrap_or(0);
                if let Some(byte) = input.get_mut(rng.below(len)) {
                    *byte = value;
                }
            }
            2 => {
                let at = rng.below(len + 1);
                let count = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..count).map(|_| rng.byte()).collect();
                input.splice(at..at, bytes);
            }
            3 => {
                let at = rng.below(len + 1);
                let value = rng.pick(INTERESTING).copied().unwrap_or(0);
                input.insert(at, value);
            }
            4 | 5 => {
                let at = rng.below(len + 1);
                let count = 1 + rng.below(len.saturating_sub(at).clamp(1, 64));
                input.drain(at..(at + count).min(len));
            }
            6 => {
                // Repeat a range: long runs, deep nesting, many attributes or pairs.
                let at = rng.below(len + 1);
                let count = 1 + rng.below(len.saturating_sub(at).clamp(1, 48));
                let chunk: Vec<u8> = input
                    .get(at..(at + count).min(len))
                    .unwrap_or_default()
                    .to_vec();
                let most = if rng.below(8) == 0 { 2000 } else { 16 };
                let times = 1 + rng.below(most);
                let mut repeated = Vec::with_capacity(chunk.len() * times);
                for _ in 0..times {
                    repeated.extend_from_slice(&chunk);
                }
                input.splice(at..at, repeated);
            }
            7 => {
                // Splice: our prefix, another input's suffix.
                if let Some(other) = rng.pick(corpus) {
                    let cut = rng.below(len + 1);
                    let from = rng.below(other.len() + 1);
                    input.truncate(cut);
                    input.extend_from_slice(other.get(from..).unwrap_or_default());
                }
            }
            8 | 9 => {
                if let Some(token) = rng.pick(self.dictionary) {
                    let at = rng.below(len + 1);
                    input.splice(at..at, token.iter().copied());
                }
            }
            _ => {
                if let Some(token) = rng.pick(self.dictionary) {
                    let at = rng.below(len + 1);
                    let count = rng.below(len.saturating_sub(at).min(32) + 1);
                    input.splice(at..(at + count).min(len), token.iter().copied());
                }
            }
        }
    }
}

/// Format-aware edits shared by the XML targets: an element's text or attribute value
/// replaced by a token, an element repeated or wrapped deeply, a closing tag dropped.
pub fn mutate_xml(input: &mut Vec<u8>, rng: &mut Rng, dictionary: &[Vec<u8>]) -> bool {
    let starts: Vec<usize> = positions(input, b'<');
    let Some(&at) = rng.pick(&starts) else {
        return false;
    };
    let Some(end) = find_from(input, at, b'>') else {
        return false;
    };
    match rng.below(5) {
        0 => {
            // Replace the text after this tag (up to the next `<`) with a token.
            let text_end = find_from(input, end, b'<').unwrap_or(input.len());
            let token = rng.pick(dictionary).cloned().unwrap_or_default();
            input.splice(end + 1..text_end, token);
        }
        1 => {
            // Replace one quoted attribute value inside this tag.
            let quotes: Vec<usize> = positions(input.get(at..end).unwrap_or_default(), b'"')
                .into_iter()
                .map(|q| q + at)
                .collect();
            let pair = rng.below(quotes.len() / 2) * 2;
            let (Some(&open), Some(&close)) = (quotes.get(pair), quotes.get(pair + 1)) else {
                return false;
            };
            let token = rng.pick(dictionary).cloned().unwrap_or_default();
            input.splice(open + 1..close, token);
        }
        2 => {
            // Repeat this tag and what follows up to the next tag.
            let next = find_from(input, end, b'<').unwrap_or(input.len());
            let chunk = input.get(at..next).unwrap_or_default().to_vec();
            for _ in 0..=rng.below(64) {
                input.splice(at..at, chunk.iter().copied());
            }
        }
        3 => {
            // Wrap from this tag on in many levels of one element.
            let depth = 1 + rng.below(400);
            let mut open = Vec::new();
            for _ in 0..depth {
                open.extend_from_slice(b"<a>");
            }
            input.splice(at..at, open);
            for _ in 0..depth {
                input.extend_from_slice(b"</a>");
            }
        }
        _ => {
            input.drain(at..=end);
        }
    }
    true
}

/// Indices of `byte` in `bytes`.
fn positions(bytes: &[u8], byte: u8) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, b)| (*b == byte).then_some(i))
        .collect()
}

/// The first `byte` at or after `from`.
fn find_from(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == byte)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_mutations() {
        let dictionary = vec![b"token".to_vec()];
        let mutator = Mutator::new(&dictionary);
        let corpus = vec![b"<a x=\"1\">text</a>".to_vec()];
        let run = |seed| {
            let mut rng = Rng::new(seed);
            let mut input = corpus[0].clone();
            for _ in 0..50 {
                mutator.mutate(&mut input, &mut rng, &corpus);
                mutate_xml(&mut input, &mut rng, &dictionary);
            }
            input
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn mutations_of_an_empty_input_do_not_panic() {
        let dictionary: Vec<Vec<u8>> = Vec::new();
        let mutator = Mutator::new(&dictionary);
        let mut rng = Rng::new(1);
        for _ in 0..10_000 {
            let mut input = Vec::new();
            mutator.mutate(&mut input, &mut rng, &[]);
            mutate_xml(&mut input, &mut rng, &dictionary);
        }
    }
}
