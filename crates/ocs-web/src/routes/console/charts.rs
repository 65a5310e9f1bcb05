//! Inline SVG bar charts with their data tables, and the per-day and per-hour activity.

use std::fmt::Write as _;

use ocs_domain::access::CanView;

use crate::i18n::Tr;
use crate::state::WebState;

/// A bar chart as inline SVG (`role="img"` with a `<title>`) and the same numbers as rows of
/// a data table.
pub(crate) struct Chart {
    pub(super) id: &'static str,
    pub(super) title: String,
    pub(super) svg: String,
    pub(super) rows: Vec<(String, u64)>,
}

/// `1234567` as `1 234 567` (a thin space groups digits in every official language).
pub(crate) fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(ch);
    }
    out
}

/// Draws `rows` as vertical bars, tallest bar at full height.
pub(super) fn bar_chart(id: &'static str, title: String, rows: Vec<(String, u64)>) -> Chart {
    const WIDTH: u64 = 720;
    const HEIGHT: u64 = 160;
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let count = u64::try_from(rows.len()).unwrap_or(1).max(1);
    let slot = (WIDTH / count).max(2);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title\" \
         viewBox=\"0 0 {WIDTH} {h}\" class=\"chart\"><title id=\"{id}-title\">{}</title>",
        crate::markup::escape(&title),
        h = HEIGHT + 1
    );
    for (index, (label, value)) in rows.iter().enumerate() {
        let height = value * HEIGHT / max;
        let x = u64::try_from(index).unwrap_or(0) * slot;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{height}\" fill=\"#1d4f91\">\
             <title>{}: {value}</title></rect>",
            HEIGHT - height,
            slot.saturating_sub(1).max(1),
            crate::markup::escape(label)
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"0\" y1=\"{HEIGHT}\" x2=\"{WIDTH}\" y2=\"{HEIGHT}\" stroke=\"#444\"/></svg>"
    );
    Chart {
        id,
        title,
        svg,
        rows,
    }
}

/// `buckets` buckets of `width` ending with the one holding `now`, filled from `counts`.
pub(super) fn fill(
    counts: &[(jiff::Timestamp, u64)],
    now: jiff::Timestamp,
    width: jiff::SignedDuration,
    buckets: i64,
    label: impl Fn(jiff::Timestamp) -> String,
) -> (jiff::Timestamp, Vec<(String, u64)>) {
    let step = width.as_millis().max(1);
    let now_ms = i128::from(now.as_millisecond());
    let last = now_ms - now_ms.rem_euclid(step);
    let first = last - step * i128::from(buckets - 1);
    let start = i64::try_from(first)
        .ok()
        .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
        .unwrap_or(now);
    let rows = (0..buckets)
        .filter_map(|i| {
            let ms = i64::try_from(first + step * i128::from(i)).ok()?;
            let at = jiff::Timestamp::from_millisecond(ms).ok()?;
            let n = counts.iter().find(|(t, _)| *t == at).map_or(0, |(_, n)| *n);
            Some((label(at), n))
        })
        .collect();
    (start, rows)
}

pub(super) const DAY: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);
pub(super) const HOUR: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// The per-day (30 days) and per-hour (48 hours) charts and the recent rate.
pub(super) async fn activity(
    web: &WebState,
    tr: &Tr<'_>,
    right: CanView,
) -> (Chart, Chart, String) {
    let now = web.signing().now();
    let day_label = |t: jiff::Timestamp| t.strftime("%Y-%m-%d").to_string();
    let hour_label = |t: jiff::Timestamp| t.strftime("%Y-%m-%d %H:00").to_string();
    let (day_start, _) = fill(&[], now, DAY, 30, day_label);
    let (hour_start, _) = fill(&[], now, HOUR, 48, hour_label);
    let (days, hours) = match web.lifecycle() {
        Some(lifecycle) => (
            lifecycle
                .activity(right, day_start, DAY)
                .await
                .unwrap_or_default(),
            lifecycle
                .activity(right, hour_start, HOUR)
                .await
                .unwrap_or_default(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let (_, day_rows) = fill(&days, now, DAY, 30, day_label);
    let (_, hour_rows) = fill(&hours, now, HOUR, 48, hour_label);
    let recent = recent_rate(tr, &hour_rows);
    (
        bar_chart("per-day", tr.t("console-chart-per-day"), day_rows),
        bar_chart("per-hour", tr.t("console-chart-per-hour"), hour_rows),
        recent,
    )
}

/// The last 24 hours' count and its hourly rate, from the per-hour rows.
fn recent_rate(tr: &Tr<'_>, hour_rows: &[(String, u64)]) -> String {
    let last_day: u64 = hour_rows.iter().rev().take(24).map(|(_, n)| n).sum();
    tr.t_with(
        "console-recent-rate",
        &[
            ("count", last_day.to_string()),
            (
                "perhour",
                format!("{}.{}", last_day / 24, (last_day % 24) * 10 / 24),
            ),
        ],
    )
}
