//! Sign-in on a real SQLite file with a manual clock: identical answers, enrolment, sessions
//! with idle and absolute expiry, throttling (shared by two nodes on one database), disabled
//! accounts, sealed TOTP secrets.

use ocs_crypto::password::PasswordParams;
use std::net::{IpAddr, Ipv4Addr};

use ocs_crypto::SeededEntropy;
use ocs_crypto::password::hash_password;
use ocs_domain::InitiativeId;
use ocs_domain::access::Role;
use ocs_storage::{AccountStore, NewAccount, NewAuditEntry};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use parking_lot::Mutex;

use super::*;
use crate::audit::AuditAction;

mod credentials;
mod rotation;
mod throttle;

const FAST: PasswordParams = PasswordParams {
    memory_kib: 64,
    iterations: 1,
    parallelism: 1,
};
const PASSWORD: &str = "a long enough password";
const HOME: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));

fn totp_key() -> TotpKey {
    TotpKey::new(ocs_crypto::SecretKey::from_bytes([9; 32]).derive("openocs totp v1"))
}

fn entry(action: &str, now: Timestamp) -> NewAuditEntry {
    NewAuditEntry {
        at: now,
        actor_kind: "operator".into(),
        actor_name: "root".into(),
        action: crate::audit::AuditAction::parse(action).expect("a known action"),
        initiative: None,
        detail: String::new(),
    }
}

struct ManualClock(Mutex<Timestamp>);

impl ManualClock {
    fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock();
        *now = now.checked_add(by).unwrap();
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock()
    }
}

struct Fixture {
    dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    clock: Arc<ManualClock>,
    auth: ConsoleAuth,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("a.db"), SqliteOptions::default()).unwrap());
    let clock = Arc::new(ManualClock(Mutex::new(
        "2026-06-01T08:00:00Z".parse().unwrap(),
    )));
    let entry = NewAuditEntry {
        at: clock.now(),
        actor_kind: "operator".into(),
        actor_name: "root".into(),
        action: AuditAction::ACCOUNT_CREATED,
        initiative: None,
        detail: String::new(),
    };
    store
        .create_account(
            NewAccount {
                name: AccountName::parse("ann").unwrap(),
                role: Role::Organiser,
                initiative: Some(InitiativeId::new(1)),
                password_hash: hash_password(PASSWORD, FAST, &SeededEntropy::new(1)).unwrap(),
                created_at: clock.now(),
            },
            entry,
        )
        .await
        .unwrap();
    let auth = ConsoleAuth::new(
        store.clone(),
        clock.clone(),
        Arc::new(SeededEntropy::new(7)),
        AuthSettings {
            password: FAST,
            ..AuthSettings::default()
        },
    )
    .with_totp_key(totp_key());
    Fixture {
        dir,
        store,
        clock,
        auth,
    }
}

async fn enrol(f: &Fixture) -> (String, String) {
    let SignIn::EnrolmentNeeded { uri } = f.auth.sign_in("ann", PASSWORD, "", HOME).await.unwrap()
    else {
        panic!("the first sign-in must enrol the second factor");
    };
    assert!(uri.starts_with("otpauth://totp/OpenOCS:ann?secret="));
    let code = current_code(f).await;
    let SignIn::Session { cookie, form_token } =
        f.auth.sign_in("Ann", PASSWORD, &code, HOME).await.unwrap()
    else {
        panic!("a valid first code signs in");
    };
    (cookie, form_token)
}

async fn current_code(f: &Fixture) -> String {
    let account = f
        .store
        .account_by_name(&AccountName::parse("ann").unwrap())
        .await
        .unwrap()
        .unwrap();
    let secret = f.auth.stored_totp_secret(&account).unwrap();
    format!("{:06}", secret.code_at(f.clock.now().as_second()))
}

#[tokio::test]
async fn unknown_names_and_wrong_passwords_get_the_same_answer() {
    let f = fixture().await;
    let unknown = f
        .auth
        .sign_in("nobody", PASSWORD, "", HOME)
        .await
        .unwrap_err();
    let wrong = f
        .auth
        .sign_in("ann", "not the password", "", HOME)
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), "CON-001");
    assert_eq!(wrong.code(), unknown.code());
    assert_eq!(wrong.to_string(), unknown.to_string());
    let bad_name = f.auth.sign_in("a b", PASSWORD, "", HOME).await.unwrap_err();
    assert_eq!(bad_name.code(), "CON-001");
}

#[tokio::test]
async fn enrolment_then_sessions_expire_when_idle_or_old() {
    let f = fixture().await;
    let (cookie, form_token) = enrol(&f).await;
    assert!(cookie.starts_with(SESSION_PREFIX));
    let session = f.auth.session(&cookie).await.unwrap();
    assert_eq!(session.actor, Actor::User("ann".into()));
    assert!(session.principal.can_manage(InitiativeId::new(1)).is_some());
    assert!(session.principal.can_manage(InitiativeId::new(2)).is_none());
    assert!(session.form_token_matches(&form_token));
    assert!(!session.form_token_matches("forged"));
    // A wrong code after enrolment is refused like a wrong password.
    f.clock.advance(SignedDuration::from_mins(5));
    let refused = f.auth.sign_in("ann", PASSWORD, "000000", HOME).await;
    assert!(matches!(refused, Err(AuthError::Invalid)) || current_code(&f).await == "000000");

    // Idle: 29 minutes after the last request is fine, and each request moves the deadline.
    f.clock.advance(SignedDuration::from_mins(24));
    f.auth.session(&cookie).await.unwrap();
    f.clock.advance(SignedDuration::from_mins(30));
    assert!(matches!(
        f.auth.session(&cookie).await,
        Err(AuthError::SignedOut)
    ));
    // Ended for good, even if the clock went back.
    assert!(matches!(
        f.auth.session(&cookie).await,
        Err(AuthError::SignedOut)
    ));

    // Absolute: a busy session still ends 12 hours after sign-in.
    let code = current_code(&f).await;
    let SignIn::Session { cookie: second, .. } =
        f.auth.sign_in("ann", PASSWORD, &code, HOME).await.unwrap()
    else {
        panic!("enrolled accounts get a session");
    };
    assert_ne!(second, cookie, "a new session id at every sign-in");
    for _ in 0..35 {
        f.clock.advance(SignedDuration::from_mins(20));
        f.auth.session(&second).await.unwrap();
    }
    f.clock.advance(SignedDuration::from_mins(20));
    assert!(matches!(
        f.auth.session(&second).await,
        Err(AuthError::SignedOut)
    ));
    f.auth.sign_out(&second).await.unwrap();
    assert!(matches!(
        f.auth.session("forged").await,
        Err(AuthError::SignedOut)
    ));
}

/// Issue 19, finding 5: a code that signed in once is refused for the rest of its window (and
/// so is an earlier one); the next step's code works.
#[tokio::test]
async fn totp_code_replayed_within_its_window_is_refused() {
    let f = fixture().await;
    enrol(&f).await;
    f.clock.advance(SignedDuration::from_secs(30));
    let code = current_code(&f).await;
    assert!(matches!(
        f.auth.sign_in("ann", PASSWORD, &code, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    let replay = f
        .auth
        .sign_in("ann", PASSWORD, &code, HOME)
        .await
        .unwrap_err();
    assert_eq!(replay.code(), "CON-001");
    // Still inside the code's drift window, yet refused.
    f.clock.advance(SignedDuration::from_secs(10));
    assert!(f.auth.sign_in("ann", PASSWORD, &code, HOME).await.is_err());
    f.clock.advance(SignedDuration::from_secs(30));
    let next = current_code(&f).await;
    assert!(f.auth.sign_in("ann", PASSWORD, &next, HOME).await.is_ok());
}

/// Issue 19, finding 4: the cookie of a disabled account no longer works once it is enabled
/// again; its sessions were deleted with the change.
#[tokio::test]
async fn session_of_disabled_account_does_not_return_on_enable() {
    let f = fixture().await;
    let (cookie, _) = enrol(&f).await;
    assert!(f.auth.session(&cookie).await.is_ok());
    let admin = Actor::Operator("root".into());
    let right = ocs_domain::access::Principal::operator()
        .can_administer()
        .unwrap();
    f.auth
        .set_disabled(&admin, right, "ann", true)
        .await
        .unwrap();
    assert!(f.auth.session(&cookie).await.is_err());
    f.auth
        .set_disabled(&admin, right, "ann", false)
        .await
        .unwrap();
    let after = f.auth.session(&cookie).await.unwrap_err();
    assert_eq!(after.code(), "CON-003");
}
