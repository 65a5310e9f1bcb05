//! [`delegate_mail_store!`]: a backend's [`crate::MailStore`] that hands every call to the
//! field holding its mail tables, written once for SQLite and PostgreSQL.

/// Implements [`crate::MailStore`] on the backend type `$store` by calling the method of the
/// same name on its field `$field` (the backend's mail tables), which must offer every
/// method of the trait as an inherent `async fn` with the same arguments.
///
/// The calling crate depends on `jiff` and `ocs-domain` (as every backend does).
#[macro_export]
macro_rules! delegate_mail_store {
    ($store:ty => $field:ident) => {
        #[$crate::__async_trait]
        impl $crate::MailStore for $store {
            async fn add_subscriber(
                &self,
                subscriber: $crate::NewSubscriber,
                confirmation: $crate::NewMessage,
            ) -> ::core::result::Result<$crate::Added, $crate::StorageError> {
                self.$field.add_subscriber(subscriber, confirmation).await
            }

            async fn confirm_subscriber(
                &self,
                confirm_hash: [u8; 32],
                today: $crate::Day,
            ) -> ::core::result::Result<
                ::core::option::Option<::ocs_domain::InitiativeId>,
                $crate::StorageError,
            > {
                self.$field.confirm_subscriber(confirm_hash, today).await
            }

            async fn remove_subscriber(
                &self,
                initiative: ::ocs_domain::InitiativeId,
                address_hash: $crate::AddressHash,
            ) -> ::core::result::Result<bool, $crate::StorageError> {
                self.$field.remove_subscriber(initiative, address_hash).await
            }

            async fn confirmed_subscribers(
                &self,
                initiative: ::ocs_domain::InitiativeId,
            ) -> ::core::result::Result<::std::vec::Vec<$crate::Subscriber>, $crate::StorageError>
            {
                self.$field.confirmed_subscribers(initiative).await
            }

            async fn queue_messages(
                &self,
                messages: ::std::vec::Vec<$crate::NewMessage>,
            ) -> ::core::result::Result<(), $crate::StorageError> {
                self.$field.queue_messages(messages).await
            }

            async fn due_messages(
                &self,
                now: ::jiff::Timestamp,
                limit: u32,
            ) -> ::core::result::Result<
                ::std::vec::Vec<$crate::QueuedMessage>,
                $crate::StorageError,
            > {
                self.$field.due_messages(now, limit).await
            }

            async fn delete_message(
                &self,
                id: [u8; 16],
            ) -> ::core::result::Result<(), $crate::StorageError> {
                self.$field.delete_message(id).await
            }

            async fn retry_message(
                &self,
                id: [u8; 16],
                attempts: u32,
                next_attempt: ::jiff::Timestamp,
            ) -> ::core::result::Result<(), $crate::StorageError> {
                self.$field.retry_message(id, attempts, next_attempt).await
            }

            async fn purge_mail(
                &self,
                initiative: ::ocs_domain::InitiativeId,
            ) -> ::core::result::Result<u64, $crate::StorageError> {
                self.$field.purge_mail(initiative).await
            }

            async fn prune_unconfirmed(
                &self,
                today: $crate::Day,
            ) -> ::core::result::Result<u64, $crate::StorageError> {
                self.$field.prune_unconfirmed(today).await
            }
        }
    };
}
