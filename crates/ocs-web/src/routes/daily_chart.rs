//! `GET /initiatives/{slug}/daily`: the published statements per signing day as a chart drawn
//! on the server (inline SVG, no script), with the same figures as a table, its text
//! alternative (issue 17, item 11). Read from the daily counts of the published log, so it
//! names the same checkpoint as `/counters`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use ocs_domain::ErrorCode;

use crate::error::{WebError, render};
use crate::extract::PublicInitiative;
use crate::i18n::{Arg, Lang, Tr};
use crate::state::WebState;

/// The route of this module.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/initiatives/{slug}/daily")];

/// The page's route, merged with the log's ([`super::log::router`]).
pub fn router() -> axum::Router<WebState> {
    axum::Router::new().route(
        "/initiatives/{slug}/daily",
        axum::routing::get(show_daily_chart),
    )
}

/// Drawing area of the chart, in SVG units.
const WIDTH: u64 = 640;
const HEIGHT: u64 = 200;

/// One day's bar.
pub struct Bar {
    /// The day (UTC), ISO form.
    pub date: String,
    /// Statements published for it.
    pub count: u64,
    /// Left edge.
    pub x: u64,
    /// Top edge.
    pub y: u64,
    /// Bar width.
    pub width: u64,
    /// Bar height.
    pub height: u64,
}

/// The page.
#[derive(Template)]
#[template(path = "daily.html")]
pub struct DailyPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    title: String,
    /// The language of the title, when it is not the page's.
    title_lang: Option<String>,
    /// The chart's accessible name: what it shows and that the table holds the figures.
    label: String,
    bars: Vec<Bar>,
    width: u64,
    height: u64,
}

/// Bars for every day from the first to the last with statements (days without any get an
/// empty bar, so the time axis is even), scaled to the highest day.
pub fn bars(days: &[(Date, u64)]) -> Vec<Bar> {
    let (Some(&(first, _)), Some(&(last, _))) = (days.first(), days.last()) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    let mut day = first;
    while day <= last {
        let count = days
            .iter()
            .find(|(date, _)| *date == day)
            .map_or(0, |(_, count)| *count);
        all.push((day, count));
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    let top = all
        .iter()
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0)
        .max(1);
    let step = (WIDTH / u64::try_from(all.len()).unwrap_or(1).max(1)).max(1);
    all.into_iter()
        .zip(0u64..)
        .map(|((date, count), at)| {
            let height = count.saturating_mul(HEIGHT) / top;
            Bar {
                date: date.to_string(),
                count,
                x: at.saturating_mul(step),
                y: HEIGHT - height,
                width: step.saturating_sub(1).max(1),
                height,
            }
        })
        .collect()
}

/// The chart's text for screen readers: how many days, how many statements.
fn chart_label(tr: &Tr<'_>, days: &[(Date, u64)], bars: usize) -> String {
    let total: u64 = days.iter().map(|(_, count)| *count).sum();
    tr.t_args(
        "daily-chart-label",
        &[
            ("days", Arg::Number(u64::try_from(bars).unwrap_or(0))),
            ("total", Arg::Number(total)),
        ],
    )
}

/// `GET /initiatives/{slug}/daily`.
pub async fn show_daily_chart(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(daily) = web.daily_counts() else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let snapshot = match daily.daily(&entry.initiative.slug).await {
        Ok(snapshot) => snapshot,
        Err(cause) => {
            tracing::error!(%cause, "daily counts unavailable");
            return WebError::new(ErrorCode::Internal).into_response();
        }
    };
    let days: Vec<(Date, u64)> = snapshot
        .days
        .iter()
        .map(|(date, by_country)| (*date, by_country.values().sum()))
        .collect();
    let bars = bars(&days);
    let label = chart_label(&tr, &days, bars.len());
    let page = DailyPage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        title: entry.initiative.text_in(tr.lang).title.to_owned(),
        title_lang: Some(entry.initiative.text_in(tr.lang).language)
            .filter(|language| *language != tr.lang)
            .map(str::to_owned),
        label,
        bars,
        width: WIDTH,
        height: HEIGHT,
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn days_without_statements_get_an_empty_bar_and_the_highest_day_fills_the_height() {
        let bars = bars(&[(date(2026, 3, 1), 4), (date(2026, 3, 4), 2)]);
        let drawn: Vec<(&str, u64, u64)> = bars
            .iter()
            .map(|bar| (bar.date.as_str(), bar.count, bar.height))
            .collect();
        assert_eq!(
            drawn,
            [
                ("2026-03-01", 4, HEIGHT),
                ("2026-03-02", 0, 0),
                ("2026-03-03", 0, 0),
                ("2026-03-04", 2, HEIGHT / 2)
            ]
        );
        assert!(bars.windows(2).all(|pair| pair[0].x < pair[1].x));
        assert!(bars.iter().all(|bar| bar.x + bar.width <= WIDTH));
        assert!(super::bars(&[]).is_empty());
    }
}
