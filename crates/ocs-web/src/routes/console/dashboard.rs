//! An initiative's console dashboard: counts per member state, lifecycle actions, activity, bursts.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use ocs_domain::lifecycle::{Action, Stage, next_stage};
use ocs_domain::{CountryCode, Progress};
use ocs_service::LifecycleRecord;
use serde::Deserialize;
use std::collections::BTreeMap;

use super::charts::activity;
use super::initiatives::stage_text;
use super::{Chart, Chrome, Refusal, Viewer, thousands};
use crate::error::render;
use crate::i18n::{Lang, Tr};
use crate::monitor::BurstSubject;
use crate::routes::console_paper::destruction_warning;
use crate::state::WebState;
use crate::views::country_name;

pub(super) struct CountryRow {
    name: String,
    count: String,
    paper: String,
    minimum: String,
    reached: bool,
}

pub(super) struct ActionForm {
    name: &'static str,
    label: String,
    reason: bool,
    confirm: bool,
}

#[derive(Template)]
#[template(path = "console/dashboard.html")]
pub(super) struct DashboardPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    slug: String,
    title: String,
    registration_number: String,
    stage: String,
    test: bool,
    total: String,
    online: String,
    paper: String,
    destruction: Option<String>,
    threshold: String,
    at_minimum: usize,
    needed: usize,
    countries: Vec<CountryRow>,
    /// The map of the states shaded by their share of the minimum ([`crate::map`]).
    map: String,
    can_manage: bool,
    actions: Vec<ActionForm>,
    certificate: Option<String>,
    dates: [String; 3],
    notice: Option<String>,
    error: Option<String>,
    charts: Vec<Chart>,
    recent: String,
    bursts: Vec<BurstRow>,
    retention: Option<crate::routes::console_retention::RetentionPanel>,
}

/// One row of the burst monitor's table.
pub(super) struct BurstRow {
    kind: String,
    key: String,
    count: String,
    hour: String,
}

/// The console's lifecycle actions, in the order an organiser meets them.
pub(super) const CONSOLE_ACTIONS: [Action; 8] = [
    Action::StartTest,
    Action::GoLive,
    Action::Open,
    Action::Pause,
    Action::Resume,
    Action::Close,
    Action::Submit,
    Action::Withdraw,
];

/// Query of the dashboard: the outcome of the last action.
#[derive(Deserialize, Default)]
pub(crate) struct DashboardQuery {
    #[serde(default)]
    done: Option<String>,
}

/// The dashboard of the viewer's initiative, with an optional notice or error line.
pub(crate) async fn dashboard_page(
    web: &WebState,
    tr: Tr<'_>,
    viewer: &Viewer,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let initiative = &viewer.entry.initiative;
    let Ok((progress, _)) = web.signing().progress(&initiative.slug).await else {
        return Refusal::Internal.into_response();
    };
    let Ok(paper) = web.signing().paper_counts(&initiative.slug).await else {
        return Refusal::Internal.into_response();
    };
    let record = match web.lifecycle() {
        Some(lifecycle) => lifecycle.record(viewer.right).await.ok().flatten(),
        None => None,
    };
    let stage = record.as_ref().map(|r| r.stage);
    let destruction = destruction_warning(web, &tr, initiative.id, "retention-warning").await;
    let (per_day, per_hour, recent) = activity(web, &tr, viewer.right).await;
    let retention = crate::routes::console_retention::panel(web, &tr, viewer, stage).await;
    let mut page = DashboardPage::new(web, tr, viewer, &progress, &paper, record.as_ref());
    page.destruction = destruction;
    page.charts = vec![per_day, per_hour];
    page.recent = recent;
    page.retention = retention;
    page.notice = notice;
    page.error = error;
    render(StatusCode::OK, &page)
}

impl<'a> DashboardPage<'a> {
    /// The page's figures, lifecycle and bursts; the caller adds the activity charts, the
    /// retention panel and the notice lines.
    fn new(
        web: &WebState,
        tr: Tr<'a>,
        viewer: &Viewer,
        progress: &Progress,
        paper: &BTreeMap<CountryCode, u64>,
        record: Option<&LifecycleRecord>,
    ) -> Self {
        let initiative = &viewer.entry.initiative;
        let stage = record.map(|r| r.stage);
        let paper_total: u64 = paper.values().sum();
        Self {
            languages: web.i18n().languages(),
            chrome: Chrome::of(&viewer.session),
            slug: initiative.slug.to_string(),
            title: initiative.title.clone(),
            registration_number: initiative.registration_number.clone(),
            stage: stage_text(&tr, stage),
            test: stage == Some(Stage::Test),
            total: thousands(progress.total),
            online: thousands(progress.total.saturating_sub(paper_total)),
            paper: thousands(paper_total),
            threshold: thousands(progress.threshold_total),
            at_minimum: progress.countries_at_minimum,
            needed: progress.countries_needed,
            map: crate::map::eu_map(&tr, progress, "console-map").html(),
            countries: country_rows(&tr, progress, paper),
            can_manage: viewer
                .session
                .0
                .principal
                .can_manage(initiative.id)
                .is_some(),
            actions: action_forms(&tr, stage),
            certificate: record
                .and_then(|r| r.certificate.as_ref())
                .map(|c| format!("{} ({})", c.authority, c.issued_on)),
            dates: lifecycle_dates(record),
            bursts: burst_rows(web, &tr),
            destruction: None,
            charts: Vec::new(),
            recent: String::new(),
            retention: None,
            notice: None,
            error: None,
            tr,
        }
    }
}

/// The table of member states: count, paper count and minimum of each.
fn country_rows(
    tr: &Tr<'_>,
    progress: &Progress,
    paper: &BTreeMap<CountryCode, u64>,
) -> Vec<CountryRow> {
    progress
        .countries
        .iter()
        .map(|c| CountryRow {
            name: country_name(tr, c.country),
            count: thousands(c.count),
            paper: thousands(paper.get(&c.country).copied().unwrap_or(0)),
            minimum: thousands(c.minimum),
            reached: c.reached(),
        })
        .collect()
}

/// The lifecycle actions open at `stage` (a draft when unknown).
fn action_forms(tr: &Tr<'_>, stage: Option<Stage>) -> Vec<ActionForm> {
    CONSOLE_ACTIONS
        .iter()
        .filter(|a| next_stage(stage.unwrap_or(Stage::Draft), **a).is_some())
        .map(|a| ActionForm {
            name: a.as_str(),
            label: tr.t(&format!("console-action-{}", a.as_str())),
            reason: a.needs_reason(),
            confirm: *a == Action::GoLive,
        })
        .collect()
}

/// Notice, start and end dates, empty where unset.
fn lifecycle_dates(record: Option<&LifecycleRecord>) -> [String; 3] {
    let show = |date: Option<Date>| date.map(|d| d.to_string()).unwrap_or_default();
    [
        show(record.and_then(|r| r.notice_date)),
        show(record.and_then(|r| r.start_date)),
        show(record.and_then(|r| r.end_date)),
    ]
}

/// The burst monitor's current alerts.
fn burst_rows(web: &WebState, tr: &Tr<'_>) -> Vec<BurstRow> {
    web.bursts()
        .alerts()
        .into_iter()
        .map(|alert| {
            let (kind, key) = match &alert.subject {
                BurstSubject::Country(country) => {
                    (tr.t("console-burst-country"), country_name(tr, *country))
                }
                BurstSubject::Prefix(prefix) => (tr.t("console-burst-prefix"), prefix.clone()),
            };
            BurstRow {
                kind,
                key,
                count: thousands(alert.count),
                hour: alert.hour.strftime("%Y-%m-%d %H:00 UTC").to_string(),
            }
        })
        .collect()
}
/// `GET /console/initiatives/{slug}`: the dashboard.
pub(super) async fn dashboard(
    State(web): State<WebState>,
    lang: Lang,
    viewer: Viewer,
    axum::extract::Query(query): axum::extract::Query<DashboardQuery>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let notice = query
        .done
        .filter(|d| d.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .map(|d| tr.t_with("console-done", &[("action", d)]));
    dashboard_page(&web, tr, &viewer, notice, None).await
}
