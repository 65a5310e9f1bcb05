//! The outbox worker: sends the due messages under a job lease (one node sends), deletes
//! each delivered one and reschedules a failed one with exponential backoff.

use std::sync::atomic::Ordering;

use jiff::SignedDuration;

use crate::lease::Job;

use super::{
    MESSAGE_CONTEXT, MailError, MailService, MailTransport, OutgoingMail, SealedMail, SendError,
    day_of,
};

/// The lease under which one node at a time sends the outbox.
const OUTBOX_JOB: &str = "mail-outbox";
/// How long one node holds the outbox lease per round.
const OUTBOX_LEASE: SignedDuration = SignedDuration::from_secs(120);
/// A round starts no new message after this long (well inside the lease; a message takes
/// at most the SMTP timeout).
const OUTBOX_ROUND: SignedDuration = SignedDuration::from_secs(60);

/// What one worker round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    /// Delivered and deleted.
    pub sent: u32,
    /// Failed and rescheduled.
    pub retried: u32,
    /// Failed for good and deleted.
    pub failed: u32,
}

impl MailService {
    /// One worker round: under the outbox lease, sends up to `batch` due messages. Returns
    /// `None` when another node holds the lease.
    pub async fn deliver_due(
        &self,
        transport: &dyn MailTransport,
    ) -> Result<Option<Delivery>, MailError> {
        let now = self.clock.now();
        let job = Job::new(OUTBOX_JOB, OUTBOX_LEASE);
        if !job.take(&*self.store.leases, &self.node, now).await? {
            return Ok(None);
        }
        // Pending addresses whose link expired are forgotten on the way.
        let pruned = self.store.mail.prune_unconfirmed(day_of(now)).await?;
        if pruned > 0 {
            tracing::debug!(pruned, "expired unconfirmed addresses dropped");
        }
        let mut delivery = Delivery::default();
        // Stop well inside the lease, so a slow SMTP server cannot let another node take the
        // lease and send the same messages while this round still runs.
        let stop_at = now.checked_add(OUTBOX_ROUND).unwrap_or(now);
        for queued in self
            .store
            .mail
            .due_messages(now, self.settings.batch)
            .await?
        {
            if self.clock.now() > stop_at {
                break;
            }
            let result =
                match self
                    .ring
                    .open(queued.initiative, MESSAGE_CONTEXT, &queued.sealed_message)
                {
                    Ok(json) => match serde_json::from_slice::<SealedMail>(&json) {
                        Ok(mail) => {
                            let outgoing = OutgoingMail {
                                to: mail.to,
                                subject: mail.subject,
                                body: mail.body,
                                unsubscribe_url: mail.unsubscribe,
                            };
                            transport.send(&outgoing).await
                        }
                        Err(_) => Err(SendError::Permanent("unreadable message".to_owned())),
                    },
                    Err(e) => Err(SendError::Permanent(e.to_string())),
                };
            match result {
                Ok(()) => {
                    self.metrics.sent.fetch_add(1, Ordering::Relaxed);
                    delivery.sent += 1;
                    self.store.mail.delete_message(queued.id).await?;
                }
                Err(error) => {
                    let attempts = queued.attempts.saturating_add(1);
                    let permanent = matches!(error, SendError::Permanent(_));
                    if permanent || attempts >= self.settings.max_attempts {
                        tracing::warn!(initiative = %queued.initiative, attempts, %error, "mail given up");
                        self.store.mail.delete_message(queued.id).await?;
                        delivery.failed += 1;
                        self.metrics.failed.fetch_add(1, Ordering::Relaxed);
                    } else {
                        let wait = self.backoff(attempts);
                        tracing::info!(initiative = %queued.initiative, attempts, %error, "mail will be retried");
                        let next = self.clock.now().checked_add(wait).unwrap_or(now);
                        self.store
                            .mail
                            .retry_message(queued.id, attempts, next)
                            .await?;
                        delivery.retried += 1;
                        self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }
        Ok(Some(delivery))
    }

    /// The wait after the `attempts`-th failure: base × 2^(attempts − 1), at most `retry_max`.
    pub(super) fn backoff(&self, attempts: u32) -> SignedDuration {
        let factor = 1i32 << attempts.saturating_sub(1).min(20);
        self.settings
            .retry_base
            .checked_mul(factor)
            .unwrap_or(self.settings.retry_max)
            .min(self.settings.retry_max)
    }
}
