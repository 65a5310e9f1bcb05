//! The one escaper for markup the web layer writes outside a template (the console's SVG
//! charts): askama's HTML escaper, the same the templates apply to every value.

/// `text` made safe as HTML, SVG or XML element content or a quoted attribute value: `&`,
/// `<`, `>`, `"` and `'` become character references.
pub fn escape(text: &str) -> String {
    match askama::filters::escape(text, askama::filters::Html) {
        Ok(safe) => safe.to_string(),
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            super::escape(r#"<b a="1">Tom & 'Jerry'</b>"#),
            "&#60;b a=&#34;1&#34;&#62;Tom &#38; &#39;Jerry&#39;&#60;/b&#62;"
        );
        assert_eq!(super::escape("Grüße"), "Grüße");
    }
}
