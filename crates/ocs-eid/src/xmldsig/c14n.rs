//! Exclusive XML canonicalisation 1.0 without comments, over a parsed document.

use std::collections::BTreeSet;

use roxmltree::{Node, NodeId, NodeType};

fn prefix_of(qname: &str) -> &str {
    qname.split_once(':').map_or("", |(prefix, _)| prefix)
}

/// The element's qualified name as written (roxmltree keeps namespace URIs, not prefixes).
fn element_qname<'i>(node: Node<'_, 'i>) -> &'i str {
    let input = node.document().input_text();
    let text = input.get(node.range().start + 1..).unwrap_or("");
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(text.len());
    text.get(..end).unwrap_or("")
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

/// Exclusive XML canonicalisation 1.0 without comments of the subtree at `apex`, leaving out
/// the subtree at `exclude` (the enveloped signature). `inclusive` holds the prefixes of an
/// `InclusiveNamespaces PrefixList` (`#default` for the default namespace).
///
/// Iterative, with an explicit stack: a recursive walk overflows the thread's stack on a
/// deeply nested document before any signature is checked (25,000 levels fit in 256 KiB).
pub fn canonicalize(apex: Node<'_, '_>, exclude: Option<NodeId>, inclusive: &[&str]) -> String {
    enum Step<'a, 'i> {
        Enter(Node<'a, 'i>),
        Leave(&'i str, usize),
    }
    let mut out = String::new();
    // The namespace declarations rendered on the open elements, innermost last.
    let mut rendered: Vec<(String, String)> = Vec::new();
    let mut steps = vec![Step::Enter(apex)];
    while let Some(step) = steps.pop() {
        match step {
            Step::Leave(qname, mark) => {
                out.push_str("</");
                out.push_str(qname);
                out.push('>');
                rendered.truncate(mark);
            }
            Step::Enter(node) => match node.node_type() {
                NodeType::Element => {
                    let mark = rendered.len();
                    let qname = write_start_tag(node, inclusive, &mut rendered, &mut out);
                    steps.push(Step::Leave(qname, mark));
                    for child in node.children().rev() {
                        if Some(child.id()) != exclude {
                            steps.push(Step::Enter(child));
                        }
                    }
                }
                NodeType::Text => escape_text(node.text().unwrap_or(""), &mut out),
                NodeType::PI => {
                    if let Some(pi) = node.pi() {
                        out.push_str("<?");
                        out.push_str(pi.target);
                        if let Some(value) = pi.value.filter(|v| !v.is_empty()) {
                            out.push(' ');
                            out.push_str(value);
                        }
                        out.push_str("?>");
                    }
                }
                NodeType::Comment | NodeType::Root => {}
            },
        }
    }
    out
}

/// Writes the start tag of `node` with the namespace declarations exclusive c14n renders
/// there (pushed onto `rendered`), and returns its qualified name for the end tag.
fn write_start_tag<'i>(
    node: Node<'_, 'i>,
    inclusive: &[&str],
    rendered: &mut Vec<(String, String)>,
    out: &mut String,
) -> &'i str {
    let input = node.document().input_text();
    let qname = element_qname(node);
    // Namespaces visibly utilised: the element's prefix (or the default namespace), the
    // prefixes of its attributes, and those of the inclusive list that are in scope.
    let mut utilised: BTreeSet<&str> = BTreeSet::new();
    utilised.insert(prefix_of(qname));
    let mut attributes = Vec::new();
    for attribute in node.attributes() {
        let written = input.get(attribute.range_qname()).unwrap_or("");
        let prefix = prefix_of(written);
        if !prefix.is_empty() {
            utilised.insert(prefix);
        }
        attributes.push((
            attribute.namespace().unwrap_or(""),
            attribute.name(),
            written,
            attribute.value(),
        ));
    }
    for prefix in inclusive {
        let prefix = if *prefix == "#default" { "" } else { prefix };
        let scope = if prefix.is_empty() {
            None
        } else {
            Some(prefix)
        };
        if node.lookup_namespace_uri(scope).is_some() {
            utilised.insert(prefix);
        }
    }
    out.push('<');
    out.push_str(qname);
    // BTreeSet order: the default namespace ("") first, then by prefix.
    for prefix in utilised {
        if prefix == "xml" {
            continue;
        }
        let scope = if prefix.is_empty() {
            None
        } else {
            Some(prefix)
        };
        let uri = node.lookup_namespace_uri(scope).unwrap_or("");
        // Each prefix comes once per element, so what this element pushed never matches.
        let before = rendered
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str());
        let emit = if prefix.is_empty() {
            uri != before.unwrap_or("")
        } else {
            before != Some(uri)
        };
        if emit {
            if prefix.is_empty() {
                out.push_str(" xmlns=\"");
            } else {
                out.push_str(" xmlns:");
                out.push_str(prefix);
                out.push_str("=\"");
            }
            escape_attribute(uri, out);
            out.push('"');
            rendered.push((prefix.to_owned(), uri.to_owned()));
        }
    }
    attributes.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (_, _, written, value) in attributes {
        out.push(' ');
        out.push_str(written);
        out.push_str("=\"");
        escape_attribute(value, out);
        out.push('"');
    }
    out.push('>');
    qname
}
