//! The memory of SAML request IDs already answered, bounded: a replayed response is refused,
//! and a flood of logins cannot grow the memory without limit.

use std::collections::{HashMap, VecDeque};

use jiff::Timestamp;

/// How many answered IDs one app node remembers at most. A flow lives 10 minutes, so this
/// allows a sustained 160 SAML logins a second per node (about 10 MB); beyond it new logins
/// are refused until old entries expire, rather than the memory growing.
pub const DEFAULT_CAPACITY: usize = 100_000;

/// Why an answer was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// This ID was answered before and has not expired.
    Replayed,
    /// The memory is full of unexpired IDs.
    Full,
}

/// IDs with the time until which they are remembered.
#[derive(Debug)]
pub struct AnsweredIds {
    capacity: usize,
    until: HashMap<String, Timestamp>,
    /// IDs in the order they were accepted, for eviction from the front. `until` grows with
    /// `now`, so the front expires first (a clock step back only delays an eviction).
    order: VecDeque<(Timestamp, String)>,
}

impl AnsweredIds {
    /// An empty memory of at most `capacity` IDs.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            until: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    /// Accepts `id` once until `until`: refused while remembered, or when the memory is full
    /// after forgetting every expired ID.
    pub fn accept(&mut self, id: &str, now: Timestamp, until: Timestamp) -> Result<(), Refused> {
        while let Some((expiry, _)) = self.order.front()
            && *expiry <= now
        {
            if let Some((_, old)) = self.order.pop_front()
                && self.until.get(&old).is_some_and(|t| *t <= now)
            {
                self.until.remove(&old);
            }
        }
        if self.until.get(id).is_some_and(|t| *t > now) {
            return Err(Refused::Replayed);
        }
        if self.until.len() >= self.capacity {
            return Err(Refused::Full);
        }
        self.until.insert(id.to_owned(), until);
        self.order.push_back((until, id.to_owned()));
        Ok(())
    }

    /// How many IDs are remembered.
    pub fn len(&self) -> usize {
        self.until.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.until.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    #[test]
    fn an_id_is_accepted_once_until_it_expires() {
        let mut ids = AnsweredIds::new(10);
        assert_eq!(ids.accept("_a", at(0), at(600)), Ok(()));
        assert_eq!(ids.accept("_a", at(10), at(610)), Err(Refused::Replayed));
        assert_eq!(ids.accept("_a", at(600), at(1200)), Ok(()));
        assert_eq!(ids.len(), 1);
    }

    #[test]
    fn a_full_memory_refuses_instead_of_growing_and_evicts_expired_ids() {
        let mut ids = AnsweredIds::new(3);
        for (i, id) in ["_a", "_b", "_c"].into_iter().enumerate() {
            let second = i64::try_from(i).unwrap();
            assert_eq!(ids.accept(id, at(second), at(600 + second)), Ok(()));
        }
        assert_eq!(ids.accept("_d", at(100), at(700)), Err(Refused::Full));
        assert_eq!(ids.len(), 3);
        // Once the first has expired, its place is free again; the others still refuse.
        assert_eq!(ids.accept("_d", at(600), at(1200)), Ok(()));
        assert_eq!(ids.accept("_b", at(600), at(1200)), Err(Refused::Replayed));
        assert_eq!(ids.accept("_e", at(600), at(1200)), Err(Refused::Full));
        assert_eq!(ids.len(), 3);
        assert_eq!(ids.order.len(), 3);
    }
}
