//! The wiring of every service and the router from a `Config` ([`App`]), with the seams a
//! test sets ([`Assembly`]).

use std::sync::Arc;

use anyhow::Context as _;
use ocs_crypto::{EpochPolicy, OsEntropy, Sealer};
use ocs_service::audit::StoredAudit;
use ocs_service::lifecycle::{LifecycleParts, LifecycleService};
use ocs_service::limiter::Quota;
use ocs_service::setup::InitiativeSetup;
use ocs_service::{
    AuditSink, Clock, Metrics, SigningParts, SigningService, SigningSettings, SystemClock,
};
use ocs_web::i18n::I18n;
use ocs_web::{WebSecurity, WebSettings, WebState};

use super::keys::{
    load_server_key, password_pepper, prepare_tag_keys, server_keys, signing_secrets, totp_key,
};
use super::services::{catalog, destruction, scheduled_backups, tally_log};
use super::web::{web_settings, with_eid};
use crate::app::App;
use crate::backend::Backend;
use crate::config::Config;

/// From 2027-03-01T00:00:00Z on, console sign-in refuses unpeppered password hashes and
/// TOTP secrets stored in clear (issue 20, item 6; docs/SECURITY.md): formats that someone
/// able to write the database could plant. Set in the binary, not in the database or its
/// rows; accounts not upgraded by then are reset with `ocs admin reset`.
pub const LEGACY_CREDENTIALS_CUTOFF: jiff::Timestamp = jiff::Timestamp::constant(1_803_859_200, 0);

/// What the assembly takes besides the `Config`: the seams a test sets. Production uses
/// [`Assembly::default`] (the system clock, the configured costs).
pub struct Assembly {
    /// Time, for every service (tests pass a clock they move).
    pub clock: Arc<dyn Clock>,
    /// Console sign-in: sessions, throttling, Argon2id costs.
    pub auth: ocs_service::console_auth::AuthSettings,
    /// Last say over the web settings derived from the `Config` (HSTS on plain-http loopback,
    /// rate limits off for an in-process test …).
    pub adjust_web: Option<WebAdjustment>,
}

/// A last change to the web settings derived from the `Config` (see [`Assembly`]).
pub type WebAdjustment = Box<dyn FnOnce(&mut WebSettings) + Send>;

impl Default for Assembly {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            auth: ocs_service::console_auth::AuthSettings::default(),
            adjust_web: None,
        }
    }
}

/// Opens the store, loads secrets and builds every service and the router, on the system
/// clock, for a command-line process: it stores configured initiatives that are absent but
/// never updates one (the file it reads may be `ocs demo`'s, marked otherwise when served).
pub async fn build(config: &Config) -> anyhow::Result<App> {
    Box::pin(assemble_seeding(config, Assembly::default(), false)).await
}

/// Warns about configuration-file settings that no longer decide anything.
fn warn_ignored(config: &Config) {
    for entry in &config.initiatives {
        if entry
            .ignored_status
            .is_some_and(|status| status != ocs_domain::InitiativeStatus::Draft)
        {
            tracing::warn!(
                initiative = %entry.initiative.id,
                "initiatives.status is ignored: the lifecycle stage lives in the database \
                 (console or `ocs initiative`); this initiative collects once it has its \
                 certificate and is opened"
            );
        }
    }
}

/// Builds the application to serve, with the given seams: the configuration file's
/// initiatives are created or updated in the store first (`crate::configured::seed`).
pub async fn assemble(config: &Config, assembly: Assembly) -> anyhow::Result<App> {
    Box::pin(assemble_seeding(config, assembly, true)).await
}

#[expect(
    clippy::too_many_lines,
    reason = "the one place every service is wired, in order"
)]
async fn assemble_seeding(
    config: &Config,
    assembly: Assembly,
    update_configured: bool,
) -> anyhow::Result<App> {
    let Assembly {
        clock,
        auth,
        adjust_web,
    } = assembly;
    warn_ignored(config);
    let backend = Backend::open(config).await?;
    let server_key = load_server_key(config)?;
    let server_keys = server_keys(config, &server_key)?;
    let secrets = signing_secrets(
        config,
        &server_key,
        &server_keys,
        backend.store(),
        clock.clone(),
    )?;
    let keyring = secrets.tag_keys.clone();
    let catalog = Arc::new(catalog());
    let catalog_for_log = catalog.clone(); // [tally log]
    let signing = SigningService::new(SigningParts {
        catalog: catalog.clone(),
        table: Arc::new(config.table.clone()),
        store: backend.store().into(),
        clock: clock.clone(),
        entropy: Arc::new(OsEntropy),
        sealer: Sealer::new(EpochPolicy {
            max_uses: config.seal_epoch_uses,
            max_age: config.seal_epoch_age,
        }),
        secrets,
        settings: SigningSettings {
            min_fill_time: config.min_fill,
            form_lifetime: config.form_lifetime,
            no_script_quota: Quota {
                burst: config.no_script_burst,
                per: config.no_script_refill,
            },
            busy_retry_after: config.busy_retry_after,
            time_zone: config.time_zone.clone(),
            max_in_flight: config.max_in_flight,
            admission_target: config.admission_target,
            tally_log: config.tally_log.enabled,
        },
        metrics: Arc::new(Metrics::default()),
    });
    let lifecycle = Arc::new(LifecycleService::new(LifecycleParts {
        catalog: catalog.clone(),
        store: backend.store().into(),
        clock: clock.clone(),
        time_zone: config.time_zone.clone(),
        rules: config.lifecycle.clone(),
        node: signing.node().to_owned(),
    }));
    let setup = Arc::new(
        InitiativeSetup::new(
            backend.store(),
            catalog.clone(),
            Arc::new(config.table.clone()),
            clock.clone(),
            config.time_zone.clone(),
        )
        .with_demo(config.demo)
        .with_lifecycle(lifecycle.clone()),
    );
    // The store is the one source: the file's initiatives go there first, audited.
    crate::configured::seed(config, &setup, update_configured)
        .await
        .context("storing the configuration file's initiatives")?;
    setup
        .reload()
        .await
        .context("reading the stored initiatives")?;
    lifecycle
        .refresh()
        .await
        .context("reading the initiatives' lifecycle")?;
    prepare_tag_keys(&keyring, &catalog).await;
    let signing = signing.with_lifecycle(lifecycle.board());
    // Every audited action of the running server goes to the hash-chained trail in the
    // database (`ocs audit verify`).
    let stored_audit = Arc::new(StoredAudit::new(backend.store()));
    let audit: Arc<dyn AuditSink> = stored_audit.clone();
    // Configured initiatives and those set up in the console (the shared catalogue).
    let destruction = destruction(
        config,
        backend.store(),
        signing.node(),
        audit.clone(),
        clock.clone(),
    )
    .with_catalog(catalog.clone())
    .with_keyring(keyring);
    // [backup] Scheduled backup files are destroyed with the data.
    let destruction = match &config.backup {
        Some(schedule) => destruction.with_backups_dir(schedule.dir.clone()),
        None => destruction,
    };
    let signing = Arc::new(signing);
    let console = ocs_service::console_auth::ConsoleAuth::new(
        backend.store(),
        clock.clone(),
        Arc::new(OsEntropy),
        auth,
    )
    .with_legacy_cutoff(LEGACY_CREDENTIALS_CUTOFF);
    let mut settings = web_settings(config, &server_keys)?;
    if let Some(adjust) = adjust_web {
        adjust(&mut settings);
    }
    // An initiative of the demo regime (set only by `ocs demo`) puts the demonstration banner
    // on every page.
    let demo = config.demo;
    // The console's pepper and TOTP key and the stored trail are required parts.
    let web = WebState::builder(
        signing.clone(),
        I18n::load()
            .context("loading translations")?
            .with_demo_notice(demo),
        settings,
        WebSecurity {
            pepper: password_pepper(&server_keys),
            totp_key: totp_key(&server_keys),
            audit: stored_audit,
        },
    )
    .lifecycle(lifecycle.clone())
    .setup(setup.clone())
    .console(console);
    let mail = match &config.mail {
        Some(mail_config) => Some(super::mail::service(
            mail_config,
            backend.mail_store(),
            catalog,
            audit,
        )?),
        None => None,
    };
    let (web, destruction) = match &mail {
        Some(mail) => (web.mail(mail.clone()), destruction.with_mail(mail.clone())),
        None => (web, destruction),
    };
    // The console warns before the deadline; the job also purges the mail addresses.
    let destruction = Arc::new(destruction);
    let backups = scheduled_backups(
        config,
        &backend,
        &destruction,
        Arc::new(StoredAudit::new(backend.store())),
        clock.clone(),
        signing.node(),
    )?;
    let web = web.destruction(destruction.clone());
    // [tally log] Public figures and `/log/…` come from the published log.
    let tally_log = tally_log(
        config,
        catalog_for_log,
        backend.store(),
        &server_key,
        clock.clone(),
    );
    // `[tally_log] enabled = false` (measurement only): no log, the live counts are shown.
    let tally_log = config.tally_log.enabled.then_some(tally_log);
    let web = match &tally_log {
        Some(log) => web.tally_log(Arc::clone(log)),
        None => web,
    };
    let web = with_eid(web.build(), config, &server_key)?;
    let console = web
        .console_service()
        .context("the web state serves the console")?;
    Ok(App {
        backups,
        tally_log,
        router: ocs_web::router(web.clone()),
        web,
        console,
        signing,
        destruction,
        lifecycle,
        setup,
        backend,
        mail,
    })
}
