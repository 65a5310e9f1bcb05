//! [`SqliteStore`] as [`ocs_storage::MailStore`]: every call goes to [`crate::mail`] (the
//! delegation is written once, in [`ocs_storage::delegate_mail_store`]).

use super::SqliteStore;

ocs_storage::delegate_mail_store!(SqliteStore => mail);
