//! Markup text for the pages' drawing: the popup is built as one HTML string and parsed at once
//! (one parse instead of a web-sys call per element and attribute). Every value is
//! escaped here: text for element content, attribute values always quoted. Tag and
//! attribute names are the drawing code's own literals; a name that is not one (anything
//! but ASCII letters, digits and `-`) is left out rather than written.

/// Writes `text` as element content: `&`, `<` and `>` escaped.
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // The HTML parser would turn a NUL into U+FFFD anyway; say so here.
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Writes `value` for a double-quoted attribute: `&`, `"`, `'`, `<` and `>` escaped.
pub fn escape_attr(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A tag or attribute name the drawing code may write.
fn is_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// An HTML (and inline SVG) string under construction.
#[derive(Debug, Default, Clone)]
pub struct Markup {
    out: String,
}

impl Markup {
    pub fn new() -> Markup {
        Markup {
            out: String::with_capacity(8 * 1024),
        }
    }

    /// `<tag a="v" …>`; an attribute given as `None` is left out, `Some("")` is a boolean one.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, Option<&str>)]) -> &mut Markup {
        if !is_name(tag) {
            return self;
        }
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            let Some(value) = value else { continue };
            if !is_name(name) {
                continue;
            }
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_attr(value, &mut self.out);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        if is_name(tag) {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
        self
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        escape_text(text, &mut self.out);
        self
    }

    /// `<tag …>text</tag>`.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, Option<&str>)], text: &str) -> &mut Markup {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// An element with no content and no end tag (`input`), or an empty SVG one.
    pub fn empty(&mut self, tag: &str, attrs: &[(&str, Option<&str>)]) -> &mut Markup {
        self.open(tag, attrs);
        if !matches!(tag, "input" | "br" | "hr" | "img" | "meta" | "link") {
            self.close(tag);
        }
        self
    }

    pub fn as_str(&self) -> &str {
        &self.out
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::new();
        m.el(
            "li",
            &[("class", Some("line")), ("title", Some(r#"a"b'c<d>&e"#))],
            "<img src=x onerror=alert(1)> & </li><script>",
        );
        assert_eq!(
            m.as_str(),
            "<li class=\"line\" title=\"a&quot;b&#39;c&lt;d&gt;&amp;e\">\
             &lt;img src=x onerror=alert(1)&gt; &amp; &lt;/li&gt;&lt;script&gt;</li>"
        );
    }

    #[test]
    fn hostile_label_cannot_open_a_tag_or_leave_its_attribute() {
        // A label or plan name as a page could have written it into the stored record.
        let hostile = "\"><svg onload=alert(1)><!--";
        let mut m = Markup::new();
        m.open(
            "a",
            &[("href", Some(hostile)), ("aria-label", Some(hostile))],
        )
        .text(hostile)
        .close("a");
        let s = m.finish();
        assert_eq!(
            s,
            "<a href=\"&quot;&gt;&lt;svg onload=alert(1)&gt;&lt;!--\" \
             aria-label=\"&quot;&gt;&lt;svg onload=alert(1)&gt;&lt;!--\">\
             \"&gt;&lt;svg onload=alert(1)&gt;&lt;!--</a>"
        );
        // The only tag characters are those of the one element written.
        assert_eq!(s.matches('<').count(), 2, "{s}");
        assert_eq!(s.matches('>').count(), 2, "{s}");
        assert!(!s.contains("<svg"), "{s}");
        assert!(!s.contains("<!--"), "{s}");
    }

    #[test]
    fn booleans_absent_attributes_and_void_elements() {
        let mut m = Markup::new();
        m.empty(
            "input",
            &[
                ("type", Some("checkbox")),
                ("checked", Some("")),
                ("hidden", None),
            ],
        )
        .empty("circle", &[("r", Some("3"))]);
        assert_eq!(
            m.as_str(),
            "<input type=\"checkbox\" checked=\"\"><circle r=\"3\"></circle>"
        );
    }

    #[test]
    fn names_that_are_not_literals_are_left_out() {
        let mut m = Markup::new();
        m.open(
            "p",
            &[
                ("on click", Some("x")),
                ("a\"b", Some("y")),
                ("", Some("z")),
            ],
        )
        .close("p");
        m.el("p x", &[], "text");
        assert_eq!(m.as_str(), "<p></p>text");
    }

    #[test]
    fn non_ascii_text_is_kept_and_nul_is_replaced() {
        let mut m = Markup::new();
        m.text("续费 ¥58.20 •••4821\0");
        assert_eq!(m.as_str(), "续费 ¥58.20 •••4821\u{FFFD}");
    }
}
