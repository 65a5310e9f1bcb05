//! Bounded parsing of XML from an identity provider: small structural limits checked before
//! and after `roxmltree` parses, no DTD, no comments, no processing instructions, and a strict
//! reader for the text of a value element.
//!
//! Why each limit exists:
//! * **Depth and element count.** Canonicalisation, signature checks and our readers walk the
//!   tree; a SAML response is about ten levels deep and has under a hundred elements. The limits
//!   keep every walk small whatever the 256 KiB body holds (25,000 nested elements fit in it).
//! * **Namespace declarations.** `roxmltree` copies the inherited namespaces into every element
//!   that declares one, and checks each against the new ones: a chain of elements that each
//!   declare a prefix costs time cubic and memory quadratic in its length *inside the parser*.
//!   So declarations (and `<`, `=`) are counted in the raw text first, in linear time, and a
//!   document over the limit is never handed to the parser.
//! * **Comments and processing instructions.** Exclusive canonicalisation without comments
//!   drops comments, so a signer may insert `<!---->` into their own signed response without
//!   breaking its digest; a reader that takes the first text node then sees `erika-000` for
//!   `erika-000<!---->1`, or nothing for a leading comment. No identity provider sends either,
//!   so both are refused anywhere in the document.

use roxmltree::{Document, Node, NodeType, ParsingOptions};

/// Deepest element nesting accepted (a SAML response with a signed assertion needs about 10).
pub const MAX_DEPTH: usize = 32;
/// Most elements accepted (a SAML response has under 100).
pub const MAX_ELEMENTS: usize = 1024;
/// Most namespace declarations (`xmlns` or `xmlns:…`) in the whole document.
pub const MAX_NAMESPACE_DECLARATIONS: usize = 128;
/// Most attributes in the whole document (checked on the raw text as `=` signs).
pub const MAX_EQUALS_SIGNS: usize = 2048;

/// A structural limit a document went over; `code` is the stable reason logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum XmlRefusal {
    /// Not well-formed XML, or it holds a DTD.
    #[error("not well-formed XML (or a DTD)")]
    Malformed,
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("nested too deep")]
    Depth,
    /// More than [`MAX_ELEMENTS`] elements (or markup signs in the raw text).
    #[error("too many elements")]
    Elements,
    /// More than [`MAX_NAMESPACE_DECLARATIONS`] namespace declarations.
    #[error("too many namespace declarations")]
    Namespaces,
    /// More than [`MAX_EQUALS_SIGNS`] attributes.
    #[error("too many attributes")]
    Attributes,
    /// A comment somewhere in the document.
    #[error("comment")]
    Comment,
    /// A processing instruction somewhere in the document.
    #[error("processing instruction")]
    ProcessingInstruction,
}

impl XmlRefusal {
    /// The stable reason, for logs and `docs/EID.md` (`xml-depth`, `xml-elements`, …).
    pub fn code(self) -> &'static str {
        match self {
            Self::Malformed => "xml-malformed",
            Self::Depth => "xml-depth",
            Self::Elements => "xml-elements",
            Self::Namespaces => "xml-namespaces",
            Self::Attributes => "xml-attributes",
            Self::Comment => "xml-comment",
            Self::ProcessingInstruction => "xml-pi",
        }
    }
}

/// Counts `needle` in `text` without overlap, stopping once past `limit`.
fn count_over(text: &str, needle: &str, limit: usize) -> bool {
    text.match_indices(needle).nth(limit).is_some()
}

/// Parses `text` within the limits above: a linear scan of the raw text first (so the parser
/// never sees a document whose namespace or attribute handling would be superlinear), then
/// `roxmltree` without DTDs and with a node limit, then the exact checks on the tree.
pub fn parse(text: &str) -> Result<Document<'_>, XmlRefusal> {
    // Every element, comment and PI starts with `<`; a closing tag too, hence twice.
    if count_over(text, "<", 2 * MAX_ELEMENTS + 64) {
        return Err(XmlRefusal::Elements);
    }
    if count_over(text, "xmlns", MAX_NAMESPACE_DECLARATIONS) {
        return Err(XmlRefusal::Namespaces);
    }
    if count_over(text, "=", MAX_EQUALS_SIGNS) {
        return Err(XmlRefusal::Attributes);
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: u32::try_from(4 * MAX_ELEMENTS).unwrap_or(u32::MAX),
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|error| match error {
        roxmltree::Error::NodesLimitReached => XmlRefusal::Elements,
        roxmltree::Error::NamespacesLimitReached => XmlRefusal::Namespaces,
        _ => XmlRefusal::Malformed,
    })?;
    check_tree(&document)?;
    Ok(document)
}

/// The exact checks on a parsed tree: depth, elements, declarations, no comment, no PI.
/// Linear: each node's depth comes from its parent's, in document order.
pub fn check_tree(document: &Document<'_>) -> Result<(), XmlRefusal> {
    let mut depth = vec![0usize; document.descendants().count() + 1];
    let mut elements = 0usize;
    let mut declarations = 0usize;
    for node in document.descendants() {
        match node.node_type() {
            NodeType::Comment => return Err(XmlRefusal::Comment),
            NodeType::PI => return Err(XmlRefusal::ProcessingInstruction),
            NodeType::Element => {
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(XmlRefusal::Elements);
                }
                let own = node
                    .parent()
                    .and_then(|p| depth.get(p.id().get_usize()).copied())
                    .unwrap_or(0)
                    + 1;
                if own > MAX_DEPTH {
                    return Err(XmlRefusal::Depth);
                }
                if let Some(slot) = depth.get_mut(node.id().get_usize()) {
                    *slot = own;
                }
                // Declarations made here: namespaces not inherited unchanged from the parent.
                let inherited = node.parent_element();
                declarations += node
                    .namespaces()
                    .filter(|ns| {
                        inherited
                            .is_none_or(|p| p.lookup_namespace_uri(ns.name()) != Some(ns.uri()))
                    })
                    .count();
                if declarations > MAX_NAMESPACE_DECLARATIONS {
                    return Err(XmlRefusal::Namespaces);
                }
            }
            NodeType::Root | NodeType::Text => {}
        }
    }
    Ok(())
}

/// The text of a value element (`AttributeValue`, `Issuer`, `Audience`,
/// `AuthnContextClassRef`, …), trimmed: `None` unless its only content is text. A child
/// element, comment or PI (whatever the document-wide checks) makes the value unreadable
/// rather than shorter. Empty text is `None` too: an absent value is never a value.
pub fn text_value<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    let mut text = None;
    for child in node.children() {
        match child.node_type() {
            // roxmltree merges adjacent text and CDATA into one node: two text nodes can only
            // be split by something else, which the other arms refuse.
            NodeType::Text if text.is_none() => text = child.text(),
            _ => return None,
        }
    }
    text.map(str::trim).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts `piece(i)` for each `i` of `range`, joined.
    fn numbered(range: std::ops::Range<usize>, piece: impl Fn(usize) -> String) -> String {
        range.fold(String::new(), |mut out, i| {
            out.push_str(&piece(i));
            out
        })
    }

    #[test]
    fn a_value_is_text_only() {
        let document = Document::parse(
            "<r><a> erika-0001 </a><b>erika-000<!---->1</b><c><!---->1964-08-12</c>\
             <d>x<i/>y</d><e/><f>  </f><g>Er<![CDATA[ika]]></g><h>a<?pi x?>b</h></r>",
        )
        .unwrap();
        let value = |name: &str| {
            let node = document
                .descendants()
                .find(|n| n.has_tag_name(name))
                .unwrap();
            text_value(node)
        };
        assert_eq!(value("a"), Some("erika-0001"));
        assert_eq!(value("b"), None);
        assert_eq!(value("c"), None);
        assert_eq!(value("d"), None);
        assert_eq!(value("e"), None);
        assert_eq!(value("f"), None);
        assert_eq!(value("g"), Some("Erika"));
        assert_eq!(value("h"), None);
    }

    #[test]
    fn comments_pis_and_dtds_are_refused_anywhere() {
        assert!(parse("<r><a>x</a></r>").is_ok());
        assert_eq!(parse("<r><!-- c --></r>").err(), Some(XmlRefusal::Comment));
        assert_eq!(parse("<!-- c --><r/>").err(), Some(XmlRefusal::Comment));
        assert_eq!(
            parse("<r><?x y?></r>").err(),
            Some(XmlRefusal::ProcessingInstruction)
        );
        assert_eq!(
            parse("<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>").err(),
            Some(XmlRefusal::Malformed)
        );
    }

    #[test]
    fn limits_are_exact_after_parsing() {
        let nested = |levels: usize| "<a>".repeat(levels) + &"</a>".repeat(levels);
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(parse(&nested(MAX_DEPTH + 1)).err(), Some(XmlRefusal::Depth));
        let flat = |count: usize| format!("<r>{}</r>", "<e/>".repeat(count - 1));
        assert!(parse(&flat(MAX_ELEMENTS)).is_ok());
        assert_eq!(
            parse(&flat(MAX_ELEMENTS + 1)).err(),
            Some(XmlRefusal::Elements)
        );
        let declared = |count: usize| {
            let attributes: String = numbered(0..count, |i| format!(" xmlns:p{i}=\"urn:{i}\""));
            format!("<r{attributes}/>")
        };
        assert!(parse(&declared(MAX_NAMESPACE_DECLARATIONS)).is_ok());
        assert_eq!(
            parse(&declared(MAX_NAMESPACE_DECLARATIONS + 1)).err(),
            Some(XmlRefusal::Namespaces)
        );
        // A redeclaration to the same URI on a child still counts in the raw text.
        let many: String = numbered(0..MAX_EQUALS_SIGNS + 1, |i| format!(" a{i}=\"\""));
        assert_eq!(
            parse(&format!("<r{many}/>")).err(),
            Some(XmlRefusal::Attributes)
        );
    }

    /// 25,000 nested elements, each declaring a namespace (the shape that is cubic inside
    /// the parser), and 25,000 plain ones: both refused at once, on a normal test thread.
    #[test]
    fn hostile_nesting_is_refused_before_the_parser_sees_it() {
        let declaring: String = numbered(0..25_000, |i| format!("<a xmlns:p{i}=\"u\">"));
        assert_eq!(parse(&declaring).err(), Some(XmlRefusal::Elements));
        let plain = "<a>".repeat(25_000) + &"</a>".repeat(25_000);
        assert_eq!(parse(&plain).err(), Some(XmlRefusal::Elements));
        let declarations: String = numbered(0..1000, |i| format!(" xmlns:p{i}=\"u\""));
        assert_eq!(
            parse(&format!("<a{declarations}/>")).err(),
            Some(XmlRefusal::Namespaces)
        );
    }
}
