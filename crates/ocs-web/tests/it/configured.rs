//! The configuration file's initiatives in the store (the one source of truth): stored at
//! start with their audit row, nothing written again for the same file, updated with an
//! audit row when the file changes, safe when two nodes seed at once, kept when the file
//! drops them, and never edited in the console.

use ocs_domain::access::Principal;
use ocs_domain::{InitiativeId, Slug};
use ocs_service::Actor;
use ocs_service::setup::{ConfiguredInitiative, Seeded, SetupError};
use ocs_storage::AuditEntry;
use ocs_testkit::TestApp;

/// Every audit row of `action` about initiative `id`.
async fn rows(app: &TestApp, action: &str, id: u32) -> Vec<AuditEntry> {
    app.store
        .recent_audit(1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| {
            row.entry.action == action && row.entry.initiative == Some(InitiativeId::new(id))
        })
        .collect()
}

/// The configured initiative `id` as the assembly derives it from the app's file.
fn configured(app: &TestApp, id: u32) -> ConfiguredInitiative {
    let config = app.application.config();
    let entry = config
        .initiatives
        .iter()
        .find(|entry| entry.initiative.id == InitiativeId::new(id))
        .unwrap();
    ocs::configured::definition(config, entry)
}

async fn seed(
    app: &TestApp,
    initiatives: &[ConfiguredInitiative],
) -> Result<Vec<Seeded>, SetupError> {
    let right = Principal::operator().can_administer().unwrap();
    let actor = Actor::Operator(ocs::configured::ACTOR.to_owned());
    app.setup
        .seed_configured(&actor, right, initiatives, true)
        .await
        .map(|done| done.into_iter().map(|(_, seeded)| seeded).collect())
        .map_err(|error| error.source)
}

/// A new key pair's public half (each initiative needs its own, INI-019).
fn fresh_key() -> String {
    ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy)
        .1
        .to_text()
}

/// Issue 20: a configured initiative whose recipient key is another initiative's is refused
/// at start (the same check as the console's and `ocs initiative`'s), and nothing is stored;
/// an authority key shared with another initiative is refused the same way.
#[tokio::test]
async fn a_configured_initiative_sharing_a_recipient_key_is_refused() {
    let app = TestApp::builder().build().await;
    let mut new = configured(&app, 2);
    new.id = InitiativeId::new(8);
    new.slug = Slug::parse("eighth").unwrap();
    new.definition.registration_number = "ECI(2025)000008".into();
    let error = seed(&app, &[new.clone()]).await.unwrap_err();
    assert_eq!(error.code(), "INI-019");
    assert!(error.to_string().contains("other"), "{error}");
    let shared_authority = configured(&app, 1).definition.recipient_key;
    new.definition.recipient_key = fresh_key();
    new.definition
        .authority_keys
        .insert("DE".to_owned(), shared_authority);
    let error = seed(&app, &[new.clone()]).await.unwrap_err();
    assert_eq!(error.code(), "INI-019");
    assert!(
        rows(&app, "initiative.configured-created", 8)
            .await
            .is_empty()
    );
    new.definition.authority_keys.clear();
    assert_eq!(seed(&app, &[new]).await.unwrap(), [Seeded::Created]);
}

async fn revision(app: &TestApp, id: u32) -> u64 {
    app.store
        .stored_initiatives()
        .await
        .unwrap()
        .into_iter()
        .find(|row| row.id == InitiativeId::new(id))
        .unwrap()
        .revision
}

#[tokio::test]
async fn configured_initiatives_are_stored_at_start_with_their_audit_row() {
    let app = TestApp::builder().build().await;
    let stored = app.store.stored_initiatives().await.unwrap();
    let slugs: Vec<_> = stored.iter().map(|row| row.slug.to_string()).collect();
    assert_eq!(slugs, ["demo", "other"]);
    let created = rows(&app, "initiative.configured-created", 1).await;
    assert_eq!(created.len(), 1, "one audit row for initiative 1");
    assert_eq!(created[0].entry.actor_kind, "operator");
    assert_eq!(created[0].entry.actor_name, ocs::configured::ACTOR);
    // The catalogue serves what the store holds, keys and period included.
    let entry = app
        .signing
        .catalog()
        .by_slug(&Slug::parse("demo").unwrap())
        .unwrap();
    assert!(entry.stored);
    let file = &app.application.config().initiatives[0];
    assert_eq!(entry.recipients, file.recipients);
    assert_eq!(entry.initiative.period, file.initiative.period);
    assert_eq!(entry.initiative.regime, file.initiative.regime);
    let verified = ocs_storage::audit::verify_log(app.store.as_ref())
        .await
        .unwrap();
    assert!(verified.is_ok(), "the trail verifies");
}

#[tokio::test]
async fn the_same_file_writes_nothing_and_a_changed_file_updates_with_an_audit_row() {
    let app = TestApp::builder().build().await;
    let before = app.store.recent_audit(1000).await.unwrap().len();
    // A restart with the same file: the start-up seeding, again.
    ocs::configured::seed(app.application.config(), &app.setup, true)
        .await
        .unwrap();
    assert_eq!(app.store.recent_audit(1000).await.unwrap().len(), before);
    assert_eq!(revision(&app, 1).await, 1);

    let mut changed = configured(&app, 1);
    changed.definition.title = "A better title".into();
    assert_eq!(
        seed(&app, &[changed.clone()]).await.unwrap(),
        [Seeded::Updated]
    );
    assert_eq!(revision(&app, 1).await, 2);
    let updated = rows(&app, "initiative.configured-updated", 1).await;
    assert_eq!(updated.len(), 1);
    assert_eq!(updated[0].entry.detail, "revision 2");
    app.setup.reload().await.unwrap();
    let entry = app
        .signing
        .catalog()
        .by_slug(&Slug::parse("demo").unwrap())
        .unwrap();
    assert_eq!(entry.initiative.title, "A better title");
    // The same changed file again: nothing.
    assert_eq!(seed(&app, &[changed]).await.unwrap(), [Seeded::Unchanged]);
    assert_eq!(revision(&app, 1).await, 2);
    let verified = ocs_storage::audit::verify_log(app.store.as_ref())
        .await
        .unwrap();
    assert!(verified.is_ok(), "the trail verifies");
}

#[tokio::test]
async fn a_live_initiatives_keys_do_not_change_from_the_file() {
    // Initiative 1 is opened (live) by the test kit; its keys are locked.
    let app = TestApp::builder().build().await;
    let mut changed = configured(&app, 1);
    let (_, other_key) = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy);
    changed.definition.recipient_key = other_key.to_string();
    let before = app.store.recent_audit(1000).await.unwrap().len();
    let error = seed(&app, &[changed]).await.unwrap_err();
    assert_eq!(error.code(), "INI-010");
    assert_eq!(revision(&app, 1).await, 1);
    assert_eq!(app.store.recent_audit(1000).await.unwrap().len(), before);
}

#[tokio::test]
async fn two_nodes_seeding_at_once_store_one_initiative_and_one_audit_row() {
    let app = TestApp::builder().build().await;
    let mut new = configured(&app, 2);
    new.id = InitiativeId::new(7);
    new.slug = Slug::parse("seventh").unwrap();
    new.definition.registration_number = "ECI(2025)000007".into();
    new.definition.recipient_key = fresh_key();
    let (one, other) = ([new.clone()], [new]);
    let (first, second) = tokio::join!(seed(&app, &one), seed(&app, &other));
    let mut outcomes = [first.unwrap()[0], second.unwrap()[0]];
    outcomes.sort_by_key(|seeded| *seeded == Seeded::Unchanged);
    assert_eq!(outcomes, [Seeded::Created, Seeded::Unchanged]);
    assert_eq!(
        rows(&app, "initiative.configured-created", 7).await.len(),
        1
    );
}

#[tokio::test]
async fn an_initiative_dropped_from_the_file_stays_stored_and_served() {
    let app = TestApp::builder().build().await;
    let only_first = [configured(&app, 1)];
    assert_eq!(seed(&app, &only_first).await.unwrap(), [Seeded::Unchanged]);
    app.setup.reload().await.unwrap();
    assert!(app.signing.catalog().by_id(InitiativeId::new(2)).is_some());
    assert_eq!(app.store.stored_initiatives().await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_console_does_not_edit_a_configured_initiative() {
    let app = TestApp::builder().build().await;
    let right = Principal::operator()
        .can_manage(InitiativeId::new(2))
        .unwrap();
    let editable = app.setup.editable(right.view()).await.unwrap();
    assert!(editable.configured);
    let mut definition = editable.definition;
    definition.title = "Edited in the console".into();
    let actor = Actor::Operator("ops".into());
    let error = app
        .setup
        .update(&actor, right, definition, editable.revision)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "INI-011");
    assert_eq!(revision(&app, 2).await, 1);
}

#[tokio::test]
async fn a_console_initiative_is_never_taken_over_by_the_file() {
    let app = TestApp::builder().build().await;
    let mut clash = configured(&app, 2);
    clash.id = InitiativeId::new(9);
    clash.definition.registration_number = "ECI(2025)000009".into();
    // Same slug as initiative 2, another number: refused, nothing stored.
    let error = seed(&app, &[clash]).await.unwrap_err();
    assert_eq!(error.code(), "INI-008");
    assert_eq!(app.store.stored_initiatives().await.unwrap().len(), 2);
}
