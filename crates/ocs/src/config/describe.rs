//! The configuration's readable summary (`ocs check-config`) and the public-URL rule.

use std::fmt::Write as _;

use anyhow::bail;

use super::{Config, DatabaseUrl, backup, tagd, tally_log, tls};

impl Config {
    /// `ocs serve` off loopback needs `server.public_url`: without it the Origin check can
    /// only compare with the request's own `Host`, which a DNS-rebinding page controls
    /// (issue 19, finding 14). A loopback listener (behind a local proxy, or a test) may go
    /// without; the check then accepts only IP-literal and `localhost` hosts.
    pub fn require_public_url(&self) -> anyhow::Result<()> {
        if self.public_url.is_none() && !self.listen.ip().is_loopback() {
            bail!(
                "server.public_url is required when listening on {} (not loopback): set it to \
                 the address signers use, e.g. public_url = \"https://sign.example.eu\"",
                self.listen
            );
        }
        Ok(())
    }

    /// A readable summary with secrets masked (file paths only, never contents).
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "listen            {}", self.listen);
        out.push_str(&tls::describe(self.tls.as_ref()));
        out.push_str(&backup::describe(self.backup.as_ref()));
        out.push_str(&tagd::describe(&self.tagd));
        out.push_str(&tally_log::describe(&self.tally_log));
        let _ = writeln!(out, "database          {:?}", self.database);
        let _ = writeln!(
            out,
            "writer            queue {}, batch {}{}",
            self.queue_capacity,
            self.max_batch,
            match self.database {
                DatabaseUrl::Postgres(_) => format!(", {} connections", self.pool_size),
                DatabaseUrl::Sqlite(_) => String::new(),
            }
        );
        let _ = writeln!(
            out,
            "admission         wait at most {} ms, at most {} signing requests in flight",
            self.admission_target.as_millis(),
            self.max_in_flight
        );
        let _ = writeln!(
            out,
            "server secret     file {} (contents not shown)",
            self.server_key_file.display()
        );
        let _ = writeln!(
            out,
            "dedup secret      file {} (contents not shown)",
            self.dedup_key_file.display()
        );
        let _ = writeln!(
            out,
            "role keys         folder {} (token keys verify {} h after rotation)",
            self.role_keys_dir.display(),
            self.token_key_grace.as_hours()
        );
        let security = &self.security;
        let _ = writeln!(
            out,
            "allowed origin    {}",
            security
                .allowed_origin
                .as_deref()
                .unwrap_or("(the request's Host; set server.public_url)")
        );
        let _ = writeln!(
            out,
            "rate limits       {}",
            if security.rate_limits.is_some() {
                "on"
            } else {
                "OFF"
            }
        );
        let _ = writeln!(
            out,
            "metrics           {}",
            security.metrics_token_file.as_ref().map_or_else(
                || "loopback only".to_owned(),
                |f| format!(
                    "loopback, or bearer token file {} (contents not shown)",
                    f.display()
                )
            )
        );
        let _ = writeln!(out, "time zone         {}", self.time_zone_name);
        let _ = writeln!(
            out,
            "proof of work     max number {}",
            self.altcha_max_number
        );
        for entry in &self.initiatives {
            let i = &entry.initiative;
            let _ = writeln!(
                out,
                "initiative {} [{}] {} regime {:?}, {} recipient key(s), period {} .. {}",
                i.id,
                i.slug,
                i.registration_number,
                i.regime,
                entry.recipients.len(),
                i.period.start(),
                i.period.end()
            );
        }
        if let Some(mail) = &self.mail {
            out.push_str(&mail.describe());
        }
        for provider in &self.eid {
            let _ = writeln!(out, "{}", provider.describe());
        }
        out
    }
}
