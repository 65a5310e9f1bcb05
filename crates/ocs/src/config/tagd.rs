//! `[tagd]`: the tag process (ADR 0011 part 6). With `socket` set, `ocs serve` asks
//! `ocs tagd` at that socket for every de-duplication tag and never opens the key files
//! itself; without it the web process holds them (the default of `ocs demo` and of a
//! single-node site). Both meter the tags per initiative with the limits below.

use std::path::{Path, PathBuf};

use anyhow::bail;
use ocs_service::tagging::meter::TagLimits;
use serde::{Deserialize, Serialize};

/// `[tagd]` as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTagd {
    /// The socket of `ocs tagd` (relative to the configuration file). Unset: in-process.
    socket: Option<PathBuf>,
    /// The uid of the web process, the one peer `ocs tagd` serves besides its own uid and
    /// root. Unset: tagd's own uid. tagd hands the socket file to this uid (it needs
    /// `CAP_CHOWN` for that when the uid is another than its own).
    client_uid: Option<u32>,
    /// Most tags an initiative gets in a minute (the cap); beyond it, busy. Default: the
    /// meter's cap behind `ocs tagd`, none in the web process (the alarm still rises).
    cap_per_minute: Option<u32>,
    /// The alarm's multiple of the last hour's average per minute.
    alarm_multiple: Option<u32>,
    /// The alarm's least count in a minute.
    alarm_floor_per_minute: Option<u32>,
}

/// `[tagd]` checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagdConfig {
    /// Where `ocs tagd` listens; `None`: tags are made in the web process.
    pub socket: Option<PathBuf>,
    /// The web process's uid (`None`: tagd's own).
    pub client_uid: Option<u32>,
    /// The rate meter's limits.
    pub limits: TagLimits,
}

/// Checks `[tagd]`.
pub(super) fn check(raw: &RawTagd, base: &Path) -> anyhow::Result<TagdConfig> {
    let default = TagLimits::default();
    // In the web process the cap protects nothing (a compromised web process reads the key
    // files it holds) and would only refuse a real surge of signers: there it is off unless
    // written; the alarm stays. Behind `ocs tagd` the default cap holds.
    let default_cap = if raw.socket.is_some() {
        default.cap_per_minute
    } else {
        u32::MAX
    };
    let limits = TagLimits {
        cap_per_minute: raw.cap_per_minute.unwrap_or(default_cap),
        alarm_multiple: raw.alarm_multiple.unwrap_or(default.alarm_multiple),
        alarm_floor_per_minute: raw
            .alarm_floor_per_minute
            .unwrap_or(default.alarm_floor_per_minute),
    };
    if limits.cap_per_minute == 0 || limits.alarm_multiple == 0 {
        bail!("tagd.cap_per_minute and tagd.alarm_multiple must be at least 1");
    }
    if limits.alarm_floor_per_minute > limits.cap_per_minute {
        bail!(
            "tagd.alarm_floor_per_minute = {} is above tagd.cap_per_minute = {}: the cap would \
             refuse before the alarm is raised",
            limits.alarm_floor_per_minute,
            limits.cap_per_minute
        );
    }
    let socket = raw.socket.as_ref().map(|path| super::relative(base, path));
    if let Some(path) = &socket
        && path.as_os_str().len() >= 108
    {
        bail!(
            "tagd.socket {} is too long for a Unix socket (at most 107 bytes)",
            path.display()
        );
    }
    Ok(TagdConfig {
        socket,
        client_uid: raw.client_uid,
        limits,
    })
}

/// The `ocs check-config` line of `[tagd]`.
pub(super) fn describe(tagd: &TagdConfig) -> String {
    let where_ = match &tagd.socket {
        Some(path) => format!("by ocs tagd at {}", path.display()),
        None => "in this process".to_owned(),
    };
    format!(
        "tags              made {where_}; cap {} a minute per initiative, alarm above {}x the last hour (at least {})\n",
        tagd.limits.cap_per_minute, tagd.limits.alarm_multiple, tagd.limits.alarm_floor_per_minute
    )
}

#[cfg(test)]
mod tests {
    fn config(tagd: &str) -> anyhow::Result<crate::config::Config> {
        let text = format!(
            "[database]\nurl = \"sqlite://ocs.db\"\n[secrets]\nserver_key_file = \"s.key\"\n\
             dedup_key_file = \"d.key\"\n{tagd}"
        );
        crate::config::from_toml(&text, std::path::Path::new("/srv/ocs"))
    }

    #[test]
    fn without_the_section_tags_are_made_in_process_uncapped_and_tagd_gets_the_default_cap() {
        let default = super::TagLimits::default();
        let in_process = config("").unwrap();
        assert_eq!(in_process.tagd.socket, None);
        assert_eq!(in_process.tagd.limits.cap_per_minute, u32::MAX);
        assert_eq!(
            in_process.tagd.limits.alarm_multiple,
            default.alarm_multiple
        );
        assert_eq!(
            in_process.tagd.limits.alarm_floor_per_minute,
            default.alarm_floor_per_minute
        );
        let behind_tagd = config("[tagd]\nsocket = \"tagd.sock\"\n").unwrap();
        assert_eq!(behind_tagd.tagd.limits, default);
    }

    #[test]
    fn the_socket_is_taken_from_the_configuration_folder_and_limits_are_checked() {
        let configured = config("[tagd]\nsocket = \"run/tagd.sock\"\ncap_per_minute = 50\nalarm_floor_per_minute = 10\n")
            .unwrap();
        assert_eq!(
            configured.tagd.socket.as_deref(),
            Some(std::path::Path::new("/srv/ocs/run/tagd.sock"))
        );
        assert_eq!(configured.tagd.limits.cap_per_minute, 50);
        let error =
            config("[tagd]\ncap_per_minute = 5\nalarm_floor_per_minute = 10\n").unwrap_err();
        assert!(
            error.to_string().contains("above tagd.cap_per_minute"),
            "{error}"
        );
        assert!(config("[tagd]\ncap_per_minute = 0\n").is_err());
        assert!(config("[tagd]\nsokcet = \"x\"\n").is_err());
    }
}
