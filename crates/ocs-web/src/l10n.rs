//! Numbers, dates, times and region names the way each language writes them, from the CLDR
//! tables generated into `cldr.rs` (see `tools/cldr-tables`).

use crate::cldr::{CldrLocale, LOCALES};

fn locale(lang: &str) -> &'static CldrLocale {
    let [_, _, _, _, _, english, ..] = &LOCALES;
    LOCALES.iter().find(|l| l.lang == lang).unwrap_or(english)
}

/// A whole number with the language's thousands separator (`1,234` / `1.234` / `1 234`).
pub fn number(lang: &str, value: u64) -> String {
    let locale = locale(lang);
    let digits = value.to_string();
    if digits.len() < 4 + usize::from(locale.min_grouping) - 1 {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() * 2);
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push_str(locale.group);
        }
        out.push(ch);
    }
    out
}

/// A calendar date in the language's long form (`22 November 2033`, `22. November 2033`).
pub fn date(lang: &str, date: jiff::civil::Date) -> String {
    let locale = locale(lang);
    let month = usize::try_from(date.month() - 1).unwrap_or(0);
    locale
        .months
        .get(month)
        .copied()
        .unwrap_or("{y}-{d}")
        .replace("{d}", &date.day().to_string())
        .replace("{y}", &date.year().to_string())
}

/// A time of day on the 24-hour clock, the language's way (`13:05:09`, `13.05.09`).
pub fn time(lang: &str, time: jiff::civil::Time) -> String {
    locale(lang)
        .time
        .replace("{h}", &format!("{:02}", time.hour()))
        .replace("{m}", &format!("{:02}", time.minute()))
        .replace("{s}", &format!("{:02}", time.second()))
}

/// A date and time, with the language's separator between them.
pub fn date_time(lang: &str, when: jiff::civil::DateTime) -> String {
    format!("{}, {}", date(lang, when.date()), time(lang, when.time()))
}

/// A moment in `zone`, with the zone's name so nobody has to guess
/// (`23 November 2026, 15:20:01 (Europe/Brussels)`).
pub fn moment(lang: &str, when: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    let local = date_time(lang, when.to_zoned(zone.clone()).datetime());
    match zone.iana_name() {
        Some(name) => format!("{local} ({name})"),
        None => local,
    }
}

/// The name of an ISO 3166 region (`GR` for Greece) in `lang`, or the code when unknown.
pub fn region_name(lang: &str, iso: &str) -> &'static str {
    regions(lang)
        .iter()
        .find(|(code, _)| *code == iso)
        .map_or("", |(_, name)| name)
}

/// Every ISO 3166 region with its name, sorted by the language's collation.
pub fn regions(lang: &str) -> &'static [(&'static str, &'static str)] {
    locale(lang).regions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(number("en", 0), "0");
        assert_eq!(number("en", 999), "999");
        assert_eq!(number("en", 1000), "1,000");
        assert_eq!(number("en", 1_000_000), "1,000,000");
        assert_eq!(number("de", 69_120), "69.120");
        assert_eq!(number("fr", 1_234_567), "1\u{202f}234\u{202f}567");
        // Spanish and Polish leave four-digit numbers ungrouped.
        assert_eq!(number("es", 1234), "1234");
        assert_eq!(number("es", 12_345), "12.345");
    }

    #[test]
    fn dates_and_times_follow_the_language() {
        let day = jiff::civil::date(2027, 3, 5);
        assert_eq!(date("en", day), "5 March 2027");
        assert_eq!(date("de", day), "5. März 2027");
        assert_eq!(date("fr", day), "5 mars 2027");
        let at = jiff::civil::time(9, 4, 3, 0);
        assert_eq!(time("en", at), "09:04:03");
        assert_eq!(time("fi", at), "9.04.03".replace("9.", "09.").as_str());
    }

    #[test]
    fn moments_are_shown_in_the_zone_and_name_it() {
        let zone = jiff::tz::TimeZone::get("Europe/Brussels").unwrap();
        let when: jiff::Timestamp = "2026-11-23T14:20:01Z".parse().unwrap();
        assert_eq!(
            moment("en", when, &zone),
            "23 November 2026, 15:20:01 (Europe/Brussels)"
        );
        assert_eq!(
            moment("fi", when, &zone),
            "23. marraskuuta 2026, 15.20.01 (Europe/Brussels)"
        );
    }

    #[test]
    fn regions_are_named_and_sorted_per_language() {
        assert_eq!(region_name("de", "AT"), "Österreich");
        assert_eq!(region_name("el", "GR"), "Ελλάδα");
        assert_eq!(region_name("en", "CZ"), "Czechia");
        for lang in crate::i18n::OFFICIAL_LANGUAGES {
            assert_eq!(regions(lang).len(), 249, "{lang}");
            assert!(
                regions(lang)
                    .iter()
                    .all(|(code, name)| !name.is_empty() && *name != *code)
            );
        }
        // Swedish sorts Ö after Z; German sorts Ö with O.
        let position =
            |lang: &str, iso: &str| regions(lang).iter().position(|(c, _)| *c == iso).unwrap();
        assert!(position("de", "AT") < position("de", "PL"));
        assert!(position("sv", "AT") > position("sv", "ZA"));
    }
}
