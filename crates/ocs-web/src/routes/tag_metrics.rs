//! The tag counters of `/metrics` (ADR 0011 part 6): tags made, requests answered above the
//! expected signing rate (the alarm `KEY-020`), and requests refused at the cap (`KEY-021`).

use std::sync::atomic::Ordering;

use ocs_service::tagging::TagMetrics;

/// Adds the tag counters to the `/metrics` answer.
pub fn write(out: &crate::routes::ops::Exposition, metrics: &TagMetrics) {
    for (name, help, value) in [
        (
            "ocs_tags_total",
            "De-duplication tags made (statement and eID).",
            &metrics.tags,
        ),
        (
            "ocs_tag_alarmed_total",
            "Tag requests answered while their initiative was above the expected signing rate (KEY-020).",
            &metrics.alarmed,
        ),
        (
            "ocs_tag_busy_total",
            "Tag requests refused at the initiative's rate cap (KEY-021).",
            &metrics.busy,
        ),
    ] {
        out.counter(name, help, value.load(Ordering::Relaxed));
    }
}
