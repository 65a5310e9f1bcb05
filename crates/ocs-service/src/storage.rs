//! Narrow storage handles: each service names the storage traits it may touch.
//!
//! A backend implements every trait (the union [`ocs_storage::Store`]), but a service gets a
//! small struct of trait objects declared next to it, one field per trait it uses (for
//! example [`crate::signing::SigningStorage`]). A reader sees from that struct, and from the
//! service's constructor, what the service may read and write.
//!
//! Each struct is built from the one store the application assembles: `Arc<dyn Store>`
//! coerces to each of its supertraits (trait upcasting), and a concrete backend such as a
//! test's `Arc<SqliteStore>` converts as long as it implements the listed traits.

/// Declares a service's storage handles: a struct with one `Arc<dyn Trait>` field per storage
/// trait, and conversions from the union the application holds (`from ocs_storage::Store`,
/// or the mail service's `MailBackend`) and from any concrete store that implements the
/// listed traits.
macro_rules! narrow_storage {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident from $union:path {
            $( $(#[$field_meta:meta])* $field:ident: $bound:ident ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        $vis struct $name {
            $( $(#[$field_meta])* pub $field: std::sync::Arc<dyn ocs_storage::$bound>, )+
        }

        impl From<std::sync::Arc<dyn $union>> for $name {
            fn from(store: std::sync::Arc<dyn $union>) -> Self {
                Self { $( $field: store.clone(), )+ }
            }
        }

        impl From<&std::sync::Arc<dyn $union>> for $name {
            fn from(store: &std::sync::Arc<dyn $union>) -> Self {
                Self::from(std::sync::Arc::clone(store))
            }
        }

        impl<S> From<std::sync::Arc<S>> for $name
        where
            S: $( ocs_storage::$bound + )+ 'static,
        {
            fn from(store: std::sync::Arc<S>) -> Self {
                Self { $( $field: store.clone(), )+ }
            }
        }
    };
}

pub(crate) use narrow_storage;
