//! Completeness of the translations: every language has every English message of every file,
//! nothing more, nothing empty, and the same placeholders.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::*;

/// Message id (and `id.attribute`) to its placeholders and whether it has visible text.
type Catalogue = BTreeMap<String, (BTreeSet<String>, bool)>;

fn variables_of(pattern: &Pattern<&str>, into: &mut BTreeSet<String>) -> bool {
    let mut text = false;
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text |= !value.trim().is_empty(),
            PatternElement::Placeable { expression } => {
                text = true;
                expression_variables(expression, into);
            }
        }
    }
    text
}

fn expression_variables(expression: &Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, into),
        Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                variables_of(&variant.value, into);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, into);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

fn catalogue(lang: &str, file: &str) -> Catalogue {
    let mut out = Catalogue::new();
    for &(l, f, source) in SOURCES {
        if l != lang || f != file {
            continue;
        }
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("{lang}/{file}.ftl: {errors:?}"));
        for entry in resource.body {
            let Entry::Message(message) = entry else {
                continue;
            };
            let id = message.id.name.to_owned();
            let mut vars = BTreeSet::new();
            let text = message
                .value
                .as_ref()
                .is_some_and(|value| variables_of(value, &mut vars));
            out.insert(id.clone(), (vars, text));
            for attribute in &message.attributes {
                let mut vars = BTreeSet::new();
                let text = variables_of(&attribute.value, &mut vars);
                out.insert(format!("{id}.{}", attribute.id.name), (vars, text));
            }
        }
    }
    out
}

/// Everything wrong with the translations, one line each.
fn problems() -> Vec<String> {
    let mut problems = Vec::new();
    let files: BTreeSet<&str> = SOURCES.iter().map(|(_, file, _)| *file).collect();
    for file in files {
        let english = catalogue("en", file);
        for lang in OFFICIAL_LANGUAGES {
            if !SOURCES.iter().any(|(l, f, _)| *l == lang && *f == file) {
                problems.push(format!("{lang}/{file}.ftl is missing"));
                continue;
            }
            let theirs = catalogue(lang, file);
            for (id, (vars, text)) in &english {
                if !*text {
                    problems.push(format!("en/{file}.ftl: {id} is empty"));
                }
                match theirs.get(id) {
                    None => problems.push(format!("{lang}/{file}.ftl: {id} is missing")),
                    Some((_, false)) => problems.push(format!("{lang}/{file}.ftl: {id} is empty")),
                    Some((their_vars, true)) if their_vars != vars => problems.push(format!(
                        "{lang}/{file}.ftl: {id} has placeholders {their_vars:?}, English {vars:?}"
                    )),
                    Some(_) => {}
                }
            }
            for id in theirs.keys().filter(|id| !english.contains_key(*id)) {
                problems.push(format!("{lang}/{file}.ftl: {id} is not in English"));
            }
        }
    }
    problems
}

#[test]
fn every_language_has_every_english_message_with_the_same_placeholders() {
    let problems = problems();
    assert!(
        problems.is_empty(),
        "{} translation problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_placeholders_inside_plural_variants() {
    let resource = fluent_syntax::parser::parse(
        "a = { $count ->\n    [one] one of { $total }\n   *[other] { $count } of { $total }\n}\n",
    )
    .unwrap();
    let Entry::Message(message) = &resource.body[0] else {
        panic!("not a message")
    };
    let mut vars = BTreeSet::new();
    assert!(variables_of(message.value.as_ref().unwrap(), &mut vars));
    assert_eq!(
        vars,
        BTreeSet::from(["count".to_owned(), "total".to_owned()])
    );
}

#[test]
fn all_languages_load_with_their_own_plural_rules() {
    let i18n = I18n::load().unwrap();
    assert_eq!(i18n.languages(), OFFICIAL_LANGUAGES.to_vec());
    // Polish: 1 → one, 3 → few, 5 → many; Irish: 2 → two. English groups with commas,
    // German with dots, French with a narrow no-break space.
    let count = |lang: &str, n: u64| {
        i18n.text_args(
            lang,
            "progress-states",
            &[("reached", Arg::Number(n)), ("needed", Arg::Number(7))],
        )
    };
    assert!(
        count("pl", 1).starts_with("1 państwo członkowskie z 7 osiągnęło"),
        "{}",
        count("pl", 1)
    );
    assert!(
        count("pl", 3).starts_with("3 państwa członkowskie z 7 osiągnęły"),
        "{}",
        count("pl", 3)
    );
    assert!(
        count("pl", 5).starts_with("5 państw członkowskich z 7 osiągnęło"),
        "{}",
        count("pl", 5)
    );
    assert!(count("en", 1).contains("has reached its minimum"));
    assert!(count("en", 2).contains("have reached their minimum"));
    assert_eq!(
        i18n.text_args(
            "en",
            "progress-total",
            &[
                ("count", Arg::Number(1_234_567)),
                ("threshold", Arg::Number(1_000_000))
            ]
        ),
        "1,234,567 of 1,000,000 statements of support"
    );
    assert!(
        i18n.text_args(
            "de",
            "progress-total",
            &[
                ("count", Arg::Number(1_234_567)),
                ("threshold", Arg::Number(1_000_000))
            ]
        )
        .starts_with("1.234.567 ")
    );
}

#[test]
fn negotiation_takes_the_query_then_accept_language_by_quality_then_english() {
    let i18n = I18n::load().unwrap();
    let pick = |query, accept| Lang::negotiate(&i18n, query, accept).0;
    assert_eq!(pick(Some("lang=fi"), Some("de")), "fi");
    assert_eq!(pick(Some("lang=xx"), Some("fr-BE, de;q=0.5")), "fr");
    assert_eq!(pick(None, Some("ja, de;q=0.4, sv;q=0.8")), "sv");
    assert_eq!(pick(None, Some("de;q=0, pt-PT;q=0.1")), "pt");
    assert_eq!(pick(None, Some("nb, ja")), "en");
    assert_eq!(pick(None, None), "en");
    assert_eq!(pick(Some("a=1&lang=GA"), None), "ga");
}

#[test]
fn english_names_every_error_code_field_and_language() {
    let i18n = I18n::load().unwrap();
    for code in ocs_domain::ErrorCode::SIGNER {
        assert!(
            i18n.has_message("en", &format!("error-{}", code.as_str())),
            "{code:?}"
        );
    }
    let names: BTreeSet<String> = OFFICIAL_LANGUAGES
        .iter()
        .map(|l| i18n.text(l, "language-name"))
        .collect();
    assert_eq!(names.len(), 24, "each language names itself differently");
}

#[test]
fn every_field_and_document_of_every_state_has_a_label_in_every_language() {
    let i18n = I18n::load().unwrap();
    let table = ocs_domain::CountryTable::embedded().unwrap();
    for rules in table.iter() {
        for field in rules.form_fields() {
            let mut keys = vec![format!("field-{}", field.key.as_str().replace('.', "-"))];
            keys.extend(
                field
                    .choices
                    .iter()
                    .map(|choice| format!("doc-{}", choice.key.replace('.', "-"))),
            );
            for key in keys {
                for lang in OFFICIAL_LANGUAGES {
                    assert!(
                        i18n.has_message(lang, &key),
                        "{lang}: {key} ({:?})",
                        rules.code()
                    );
                }
            }
        }
    }
}
