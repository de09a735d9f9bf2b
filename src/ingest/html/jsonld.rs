//! JSON-LD (`<script type="application/ld+json">`): the article object's
//! publication date, headline, authors, publisher, URL and text.

use serde_json::Value;

/// What a page's JSON-LD says about its article; empty strings mean not
/// given.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct LdFacts {
    pub(crate) date: String,
    pub(crate) headline: String,
    /// Author names joined with ", ".
    pub(crate) author: String,
    pub(crate) publisher: String,
    pub(crate) url: String,
    /// The article's text (`articleBody`), when the page gives it.
    pub(crate) body: String,
}

impl LdFacts {
    /// Fills the fields still empty from `other` (an earlier block wins).
    pub(crate) fn fill(&mut self, other: LdFacts) {
        for (mine, theirs) in [
            (&mut self.date, other.date),
            (&mut self.headline, other.headline),
            (&mut self.author, other.author),
            (&mut self.publisher, other.publisher),
            (&mut self.url, other.url),
            (&mut self.body, other.body),
        ] {
            if mine.is_empty() {
                *mine = theirs;
            }
        }
    }
}

/// The facts of one JSON-LD block. Objects, arrays and `@graph` are
/// searched depth-first for the first article-like `@type` (`NewsArticle`,
/// `BlogPosting`, `Report`, …); its `datePublished`, `headline`, `author`,
/// `publisher` and `url` (else `mainEntityOfPage`) are read. With no
/// article object, the first `datePublished` anywhere is the date.
/// Malformed JSON gives nothing.
pub(crate) fn json_ld(body: &str) -> LdFacts {
    let body = body.trim();
    let body = body
        .strip_prefix("<![CDATA[")
        .and_then(|b| b.strip_suffix("]]>"))
        .unwrap_or(body)
        .trim()
        .trim_end_matches(';');
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return LdFacts::default();
    };
    let mut facts = find(&value, &is_article).map_or_else(LdFacts::default, article_facts);
    if facts.date.is_empty() {
        facts.date = find(&value, &|o| string(o.get("datePublished")).is_some())
            .and_then(|o| string(o.get("datePublished")))
            .unwrap_or_default();
    }
    facts
}

type Object = serde_json::Map<String, Value>;

/// The first object (depth-first, document order) that `wanted` accepts.
fn find<'a>(v: &'a Value, wanted: &dyn Fn(&Object) -> bool) -> Option<&'a Object> {
    match v {
        Value::Array(items) => items.iter().find_map(|i| find(i, wanted)),
        Value::Object(obj) if wanted(obj) => Some(obj),
        Value::Object(obj) => obj.values().find_map(|v| find(v, wanted)),
        _ => None,
    }
}

/// Whether an object's `@type` (a string or a list) is article-like.
fn is_article(obj: &Object) -> bool {
    let article = |t: &Value| {
        t.as_str()
            .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report")
    };
    match obj.get("@type") {
        Some(Value::Array(ts)) => ts.iter().any(article),
        Some(t) => article(t),
        None => false,
    }
}

/// The facts of the article object.
fn article_facts(obj: &Object) -> LdFacts {
    let url = string(obj.get("url"))
        .or_else(|| match obj.get("mainEntityOfPage") {
            Some(Value::Object(page)) => {
                string(page.get("@id")).or_else(|| string(page.get("url")))
            }
            other => string(other),
        })
        .filter(|u| u.starts_with("http"))
        .unwrap_or_default();
    LdFacts {
        date: string(obj.get("datePublished")).unwrap_or_default(),
        headline: string(obj.get("headline")).unwrap_or_default(),
        author: names(obj.get("author")).join(", "),
        publisher: names(obj.get("publisher"))
            .into_iter()
            .next()
            .unwrap_or_default(),
        url,
        body: string(obj.get("articleBody")).unwrap_or_default(),
    }
}

/// A non-blank string value, trimmed, its HTML entities decoded (JSON-LD
/// is script text: the parser leaves `&amp;` and `&#39;` in it).
fn string(v: Option<&Value>) -> Option<String> {
    let s = decode_entities(v?.as_str()?);
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Decodes `&name;`, `&#N;` and `&#xH;` references; anything else is
/// left as it is.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.get(..34).unwrap_or(rest).find(';');
        let decoded = end.and_then(|e| entity(&rest[1..=e]));
        match (decoded, end) {
            (Some(text), Some(e)) => {
                out.push_str(&text);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of one reference body with its `;` (`amp;`, `#39;`, `#x27;`).
fn entity(body: &str) -> Option<String> {
    if let Some(num) = body.strip_prefix('#') {
        let num = num.strip_suffix(';')?;
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(String::from);
    }
    let &(a, b) = html5ever::data::NAMED_ENTITIES.get(body)?;
    [a, b]
        .into_iter()
        .filter(|&c| c != 0)
        .map(|c| char::from_u32(c).map(String::from))
        .collect()
}

/// The names in an `author` or `publisher` value: a string, an object
/// with `name`, or a list of them; URLs are not names; repeats dropped.
fn names(v: Option<&Value>) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::Object(o) => string(o.get("name")),
        v => string(Some(v)),
    };
    let all: Vec<String> = match v {
        Some(Value::Array(items)) => items.iter().filter_map(one).collect(),
        Some(v) => one(v).into_iter().collect(),
        None => Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    for n in all {
        let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
        if !n.contains("://") && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_object_gives_every_field() {
        let f = json_ld(
            r#"{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Harbour Times","url":"https://harbour.example/"},
              {"@type":["NewsArticle"],"headline":"Ferry returns",
               "datePublished":"2025-06-15T08:00:00Z",
               "author":[{"@type":"Person","name":"Ann  Lee"},{"@type":"Person","name":"Bo Roe"},"Ann Lee"],
               "publisher":{"@type":"Organization","name":"Harbour Times"},
               "articleBody":"The ferry is back.",
               "mainEntityOfPage":{"@id":"https://harbour.example/ferry"}}]}"#,
        );
        assert_eq!(
            f,
            LdFacts {
                date: "2025-06-15T08:00:00Z".into(),
                headline: "Ferry returns".into(),
                author: "Ann Lee, Bo Roe".into(),
                publisher: "Harbour Times".into(),
                url: "https://harbour.example/ferry".into(),
                body: "The ferry is back.".into(),
            }
        );
    }

    #[test]
    fn strings_urls_and_missing_fields() {
        let f = json_ld(
            r#"[{"@type":"BlogPosting","author":"https://harbour.example/staff/ann","publisher":"Harbour Times","url":"/relative"}]"#,
        );
        assert_eq!(
            (f.author.as_str(), f.publisher.as_str(), f.url.as_str()),
            ("", "Harbour Times", "")
        );
        // No article object: only a date, from anywhere.
        let f = json_ld(r#"{"@type":"VideoObject","datePublished":"2025-06-15","headline":"x"}"#);
        assert_eq!((f.date.as_str(), f.headline.as_str()), ("2025-06-15", ""));
        assert_eq!(json_ld("{nope"), LdFacts::default());
        assert_eq!(json_ld("<![CDATA[[]]]>"), LdFacts::default());
    }

    #[test]
    fn entities_in_json_ld_strings_are_decoded() {
        let f = json_ld(
            r#"{"@type":"NewsArticle","headline":"Caf&eacute; &amp; bar &#8211; O&#039;Neil&#x27;s &bogus; & more","author":{"name":"Redacci&oacute;n"}}"#,
        );
        assert_eq!(f.headline, "Café & bar – O'Neil's &bogus; & more");
        assert_eq!(f.author, "Redacción");
    }

    #[test]
    fn an_earlier_block_wins_field_by_field() {
        let mut a = json_ld(r#"{"@type":"NewsArticle","headline":"First"}"#);
        a.fill(json_ld(
            r#"{"@type":"NewsArticle","headline":"Second","author":{"name":"Ann Lee"}}"#,
        ));
        assert_eq!(
            (a.headline.as_str(), a.author.as_str()),
            ("First", "Ann Lee")
        );
    }
}
