//! An initiative's console dashboard: counts per member state, lifecycle actions, activity, bursts.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use ocs_domain::lifecycle::{Action, Stage, next_stage};
use serde::Deserialize;

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

#[expect(
    clippy::too_many_lines,
    reason = "the dashboard's view model, block by block; each block is a few lines"
)]
pub(crate) async fn dashboard_page(
    web: &WebState,
    tr: Tr<'_>,
    viewer: &Viewer,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let entry = &viewer.entry;
    let Ok((progress, _)) = web.signing().progress(&entry.initiative.slug).await else {
        return Refusal::Internal.into_response();
    };
    let Ok(paper) = web.signing().paper_counts(&entry.initiative.slug).await else {
        return Refusal::Internal.into_response();
    };
    let paper_total: u64 = paper.values().sum();
    let destruction = destruction_warning(web, &tr, entry.initiative.id, "retention-warning").await;
    let record = match web.lifecycle() {
        Some(lifecycle) => lifecycle.record(viewer.right).await.ok().flatten(),
        None => None,
    };
    let stage = record.as_ref().map(|r| r.stage);
    let can_manage = viewer
        .session
        .0
        .principal
        .can_manage(entry.initiative.id)
        .is_some();
    let actions = CONSOLE_ACTIONS
        .iter()
        .filter(|a| next_stage(stage.unwrap_or(Stage::Draft), **a).is_some())
        .map(|a| ActionForm {
            name: a.as_str(),
            label: tr.t(&format!("console-action-{}", a.as_str())),
            reason: a.needs_reason(),
            confirm: *a == Action::GoLive,
        })
        .collect();
    let certificate = record
        .as_ref()
        .and_then(|r| r.certificate.as_ref())
        .map(|c| format!("{} ({})", c.authority, c.issued_on));
    let (per_day, per_hour, recent) = activity(web, &tr, viewer.right).await;
    let retention = crate::routes::console_retention::panel(web, &tr, viewer, stage).await;
    let show = |date: Option<Date>| date.map(|d| d.to_string()).unwrap_or_default();
    let dates = [
        show(record.as_ref().and_then(|r| r.notice_date)),
        show(record.as_ref().and_then(|r| r.start_date)),
        show(record.as_ref().and_then(|r| r.end_date)),
    ];
    let bursts = web
        .bursts()
        .alerts()
        .into_iter()
        .map(|alert| {
            let (kind, key) = match &alert.subject {
                BurstSubject::Country(country) => {
                    (tr.t("console-burst-country"), country_name(&tr, *country))
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
        .collect();
    let page = DashboardPage {
        tr,
        retention,
        bursts,
        charts: vec![per_day, per_hour],
        recent,
        languages: web.i18n().languages(),
        chrome: Chrome::of(&viewer.session),
        slug: entry.initiative.slug.to_string(),
        title: entry.initiative.title.clone(),
        registration_number: entry.initiative.registration_number.clone(),
        stage: stage_text(&tr, stage),
        test: stage == Some(Stage::Test),
        total: thousands(progress.total),
        online: thousands(progress.total.saturating_sub(paper_total)),
        paper: thousands(paper_total),
        destruction,
        threshold: thousands(progress.threshold_total),
        at_minimum: progress.countries_at_minimum,
        needed: progress.countries_needed,
        map: crate::map::eu_map(&tr, &progress, "console-map").html(),
        countries: progress
            .countries
            .iter()
            .map(|c| CountryRow {
                name: country_name(&tr, c.country),
                count: thousands(c.count),
                paper: thousands(paper.get(&c.country).copied().unwrap_or(0)),
                minimum: thousands(c.minimum),
                reached: c.reached(),
            })
            .collect(),
        can_manage,
        actions,
        certificate,
        dates,
        notice,
        error,
    };
    render(StatusCode::OK, &page)
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
