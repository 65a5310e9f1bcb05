//! The map of the 27 member states shaded by the share of their minimum reached (issue 17,
//! item 11), drawn on the server as inline SVG: one `<path>` per state with its name and
//! figures as `<title>`, the whole named by its caption (`role="img"`), and always shown
//! with the table of the same figures as its text alternative.
//!
//! The outlines are `data/eu-map.txt`, simplified from Natural Earth (public domain) by
//! `scripts/map/build-eu-map.py`; `data/README.md` names the source.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use askama::Template;
use ocs_domain::CountryCode;
use ocs_domain::counters::Progress;

use crate::i18n::{Arg, Tr};
use crate::l10n;
use crate::views::country_name;

/// The outlines: view box and one SVG path per state, by code.
struct Shapes {
    width: u32,
    height: u32,
    paths: BTreeMap<CountryCode, &'static str>,
}

static SHAPES: LazyLock<Shapes> = LazyLock::new(|| parse(include_str!("../data/eu-map.txt")));

/// Reads `viewBox W H` and then `CC path` lines; a line that does not parse is skipped (the
/// test below checks the shipped file has all 27 and nothing else).
fn parse(text: &'static str) -> Shapes {
    let mut lines = text.lines();
    let (width, height) = lines
        .next()
        .and_then(|first| {
            let mut parts = first.strip_prefix("viewBox ")?.split(' ');
            Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
        })
        .unwrap_or((600, 600));
    let paths = lines
        .filter_map(|line| {
            let (code, path) = line.split_once(' ')?;
            Some((CountryCode::parse(code).ok()?, path))
        })
        .collect();
    Shapes {
        width,
        height,
        paths,
    }
}

/// How far a state is, as the map shades it (and its legend names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// No statement yet.
    None,
    /// Under half of the minimum.
    Started,
    /// Half of the minimum or more.
    Half,
    /// The minimum reached.
    Reached,
}

impl Shade {
    /// Every class, lightest first (the legend's order).
    pub const ALL: [Self; 4] = [Self::None, Self::Started, Self::Half, Self::Reached];

    /// The class of `count` statements against `minimum`.
    pub fn of(count: u64, minimum: u64) -> Self {
        if count == 0 {
            Self::None
        } else if minimum > 0 && count >= minimum {
            Self::Reached
        } else if minimum > 0 && count.saturating_mul(2) >= minimum {
            Self::Half
        } else {
            Self::Started
        }
    }

    /// The fill colour (light to dark blue; the darkest with white borders between states).
    pub fn fill(self) -> &'static str {
        match self {
            Self::None => "#eef2f7",
            Self::Started => "#a9c4e2",
            Self::Half => "#4f7fb8",
            Self::Reached => "#1d3f66",
        }
    }

    /// The legend's message id.
    pub fn message(self) -> &'static str {
        match self {
            Self::None => "map-legend-none",
            Self::Started => "map-legend-started",
            Self::Half => "map-legend-half",
            Self::Reached => "map-legend-reached",
        }
    }
}

/// One state on the map.
pub struct MapState {
    /// Its code (the path's id suffix).
    pub code: &'static str,
    /// Its outline.
    pub path: &'static str,
    /// Its fill.
    pub fill: &'static str,
    /// Its accessible name: name, count, minimum and share.
    pub title: String,
}

/// One legend entry.
pub struct LegendItem {
    /// The swatch colour.
    pub fill: &'static str,
    /// What it means.
    pub label: String,
}

/// The map as inline SVG; rendered into the pages that show it (`{{ map|safe }}`).
#[derive(Template)]
#[template(path = "eu-map.svg")]
pub struct EuMap {
    /// Unique within the page (`id` of the SVG and its caption).
    pub id: &'static str,
    /// The accessible name (also the figure's caption).
    pub label: String,
    /// View box width.
    pub width: u32,
    /// View box height.
    pub height: u32,
    /// The states.
    pub states: Vec<MapState>,
    /// The legend.
    pub legend: Vec<LegendItem>,
}

/// The map of `progress` in the reader's language; `id` names it within the page.
pub fn eu_map(tr: &Tr<'_>, progress: &Progress, id: &'static str) -> EuMap {
    let shapes = &*SHAPES;
    let states = progress
        .countries
        .iter()
        .filter_map(|state| {
            let path = shapes.paths.get(&state.country)?;
            let title = tr.t_args(
                "map-state",
                &[
                    ("country", Arg::Text(country_name(tr, state.country))),
                    ("count", Arg::Text(l10n::number(tr.lang, state.count))),
                    ("minimum", Arg::Text(l10n::number(tr.lang, state.minimum))),
                    ("percent", Arg::Number(state.percent())),
                ],
            );
            Some(MapState {
                code: state.country.as_str(),
                path,
                fill: Shade::of(state.count, state.minimum).fill(),
                title,
            })
        })
        .collect();
    EuMap {
        id,
        label: tr.t("map-label"),
        width: shapes.width,
        height: shapes.height,
        states,
        legend: Shade::ALL
            .into_iter()
            .map(|shade| LegendItem {
                fill: shade.fill(),
                label: tr.t(shade.message()),
            })
            .collect(),
    }
}

impl EuMap {
    /// The SVG and legend as HTML (empty if rendering failed, which a test rules out).
    pub fn html(&self) -> String {
        self.render().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_outlines_are_the_27_member_states() {
        let shapes = &*SHAPES;
        let codes: std::collections::BTreeSet<&str> =
            shapes.paths.keys().map(|code| code.as_str()).collect();
        let all: std::collections::BTreeSet<&str> =
            CountryCode::ALL.iter().map(|code| code.as_str()).collect();
        assert_eq!(codes, all);
        assert!(shapes.width > 0 && shapes.height > 0);
        for (code, path) in &shapes.paths {
            assert!(path.starts_with('M') && path.ends_with('Z'), "{code}");
            assert!(
                path.chars()
                    .all(|c| c.is_ascii_digit() || " .-MLZ".contains(c)),
                "{code}: only move, line and close commands"
            );
        }
    }

    #[test]
    fn states_are_shaded_by_the_share_of_their_minimum() {
        assert_eq!(Shade::of(0, 100), Shade::None);
        assert_eq!(Shade::of(1, 100), Shade::Started);
        assert_eq!(Shade::of(49, 100), Shade::Started);
        assert_eq!(Shade::of(50, 100), Shade::Half);
        assert_eq!(Shade::of(99, 100), Shade::Half);
        assert_eq!(Shade::of(100, 100), Shade::Reached);
        assert_eq!(Shade::of(5, 0), Shade::Started, "no known minimum");
        let fills: std::collections::BTreeSet<_> = Shade::ALL.iter().map(|s| s.fill()).collect();
        assert_eq!(fills.len(), 4);
    }
}
