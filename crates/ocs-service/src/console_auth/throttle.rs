//! The sign-in throttle's keys: which counters one attempt is checked against, and the
//! network an address is counted under.

use std::net::IpAddr;

use jiff::SignedDuration;
use ocs_storage::ThrottleKey;

use super::AuthSettings;

/// The network an address is counted under: an IPv4 address itself, an IPv6 address's /64
/// (one subscriber usually holds a whole /64).
pub(super) fn network_of(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                v4.to_string()
            } else {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        }
    }
}

/// The throttle counters one sign-in attempt is checked against and counted in.
pub(super) struct ThrottleKeys {
    pub(super) pair: ThrottleKey,
    pub(super) pair_backoff: ThrottleKey,
    pub(super) account: ThrottleKey,
    pub(super) network: ThrottleKey,
}

impl ThrottleKeys {
    /// Each key with its limit and window.
    pub(super) fn limits(
        &self,
        settings: &AuthSettings,
    ) -> [(&ThrottleKey, u32, SignedDuration); 4] {
        [
            (&self.pair, settings.per_account, settings.window),
            (
                &self.pair_backoff,
                settings.per_account_backoff,
                settings.backoff_window,
            ),
            (&self.account, settings.per_account_global, settings.window),
            (&self.network, settings.per_address, settings.window),
        ]
    }
}
