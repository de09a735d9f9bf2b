//! Checking names and roles against the officeholder table, at the article's date.
//!
//! In: a segmented article, its paragraph marks, and a [`NameIndex`] built
//! once from the rules. Out: findings (outdated_officeholder,
//! wrong_officeholder, misspelled_name, role_mismatch, name_variant), in text
//! order, at most one per distinct (kind, name, expected) per article.
//! Guarantees: pure and sequential per article; never panics on any text;
//! nothing about particular people or countries lives here, only in the
//! rules tables (the only built-in word lists are English function words,
//! honorifics and name particles).
//!
//! Method: each content paragraph is normalised once (case-folded, curly
//! apostrophes folded, periods dropped, other punctuation to single spaces)
//! into a reused buffer and scanned once, leftmost-longest, with one Aho-Corasick automaton over
//! every normalised role title and jurisdiction term; hits are kept on word
//! boundaries only. A title with an optional
//! qualifier ("Japanese", "U.S.", "Japan's" before it, "of Japan" after it)
//! next to a person name ("Title Name", "Qualifier title, Name,", "Name,
//! qualifier title") is a mention. The name is identified exactly, as an
//! accepted variant, by its bracketed native-script name, or by Jaro-Winkler
//! similarity on folded names (threshold [`MISSPELL_JW`], measured in the
//! tests), then judged against the holders of the role on the article's date.
//!
//! Files: `index` builds the [`NameIndex`] (automaton, people, terms) and
//! `lookup` answers its questions (who a written name is, who held a role
//! when); `normalise` gives the text the automaton runs on; `fold` folds
//! names for comparison; `scan` finds title hits and the mention around
//! each; `parse_name` reads the name beside a title; `judge` turns one
//! mention into a verdict.
//!
//! [`check`] runs, per content paragraph:
//! 1. `scan::find_hits`: leftmost-longest title and term hits on word boundaries;
//! 2. `scan::mention_at`: per title hit, qualifiers and the name beside it;
//! 3. `Priors::resolve`: a surname alone stands for an earlier full name;
//! 4. `judge::judge`: the verdict against the holders on the article's date;
//! 5. `finding`: one finding per distinct (kind, name, expected).

mod fold;
mod index;
mod jaro;
mod judge;
mod lookup;
mod normalise;
mod parse_name;
mod scan;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

pub use index::NameIndex;

use crate::model::{
    Article, DateOrigin, Finding, FindingKind, MentionRow, MentionVerdict, NameCheck, ParaMark,
    Paragraph,
};
use fold::{fold_token, lower_words};
use judge::{judge, Ask, Judgement, Verdict};
use normalise::NormalisedText;
use scan::{find_hits, mention_at, Hit, Mention};
use std::collections::{BTreeMap, BTreeSet};

/// Similarity at or above which an unknown spelling is taken for a known
/// person: the lowest Jaro-Winkler score over the aligned words of the two
/// folded names (whole-name Jaro-Winkler when the word counts differ).
/// Measured on a labelled list of 47 misspellings and 42 pairs of different
/// people (the `threshold_*` test, README "Checking names"): 0.91 gives the fewest
/// errors, 2 misspellings missed and 2 different people tied; whole-name
/// Jaro-Winkler does worse at every threshold (a shared given name lifts the
/// common-prefix bonus).
pub const MISSPELL_JW: f64 = 0.91;

/// Looser similarity for the "resembles ..." hint of wrong_officeholder.
pub const RESEMBLE_JW: f64 = 0.85;

/// Finds role+name mentions in the article's paragraphs and judges them:
/// the findings, and one [`MentionRow`] per recognised mention.
/// 1. [`collect_mentions`]: every mention in text order, with the
///    jurisdiction terms around it (boilerplate paragraphs are listed, not
///    judged);
/// 2. [`Context::new`]: the jurisdictions the article is about;
/// 3. per mention, [`Context::resolve`] narrows a title several
///    jurisdictions share, `judge::judge` gives the verdict, and
///    [`finding`] reports one finding per distinct (kind, name, expected).
pub fn check(article: &Article, marks: &[ParaMark], index: &NameIndex) -> NameCheck {
    let mut out = NameCheck::default();
    let Some(automaton) = index.ac.as_ref() else {
        return out;
    };
    let found = collect_mentions(article, marks, index, automaton);
    let context = Context::new(&found);
    let dated = article.date_origin != DateOrigin::RunDate;
    let mut seen: BTreeSet<(FindingKind, String, String)> = BTreeSet::new();
    for f in &found {
        let p = &article.paragraphs[f.para];
        let text = article.para_text(p);
        let mut row = mention_row(article, p, text, &f.mention);
        if f.boilerplate {
            row.verdict = MentionVerdict::Unchecked;
            row.reason = "in boilerplate".into();
            out.mentions.push(row);
            continue;
        }
        let (roles, qualified) = context.resolve(index, f);
        let ask = Ask {
            roles: &roles,
            qualified,
            tense: f.mention.tense,
            date: article.date,
            dated,
        };
        let token_refs: Vec<&str> = f.tokens.iter().map(|s| s.as_str()).collect();
        let judgement = judge(index, &ask, &token_refs, f.native.as_deref());
        fill_row(index, &mut row, &judgement, dated);
        out.mentions.push(row);
        let Some(verdict) = judgement.verdict else {
            continue;
        };
        let key = (
            verdict.kind,
            lower_words(&f.tokens.join(" ")),
            verdict.expected.clone(),
        );
        if seen.insert(key) {
            out.findings
                .push(finding(article, p, text, &f.mention, verdict));
        }
    }
    out
}

/// One mention found by the scan, with what its paragraph says.
struct Found {
    para: usize,
    mention: Mention,
    /// The written name (a surname alone resolved to an earlier full name).
    tokens: Vec<String>,
    native: Option<String>,
    /// Jurisdictions of the terms in the same paragraph.
    para_jurs: Vec<usize>,
    /// In a boilerplate paragraph: listed, not judged.
    boilerplate: bool,
    /// The jurisdiction the mention names by itself ([`own_jurisdiction`]).
    own_jur: Option<usize>,
}

/// Step 1: every title-with-name mention of the article, in text order.
/// Duplicate paragraphs are scanned too (a copy that changes a name is
/// checked; per article a finding is reported once).
fn collect_mentions(
    article: &Article,
    marks: &[ParaMark],
    index: &NameIndex,
    automaton: &aho_corasick::AhoCorasick,
) -> Vec<Found> {
    let mut norm = NormalisedText::default();
    let mut hits: Vec<Hit> = Vec::new();
    let mut priors = Priors::default();
    let mut found = Vec::new();
    for (i, p) in article.paragraphs.iter().enumerate() {
        let mark = marks.get(i).copied().unwrap_or_default();
        let text = article.para_text(p);
        norm.fill(text);
        find_hits(automaton, index, &norm, text, &mut hits);
        // Told once per paragraph, when a mention first asks.
        let mut title_case: Option<bool> = None;
        let para_jurs: Vec<usize> = hits
            .iter()
            .flat_map(|h| index.patterns[h.pat].jurs.iter().copied())
            .collect();
        for k in 0..hits.len() {
            if index.patterns[hits[k].pat].roles.is_empty() {
                continue;
            }
            let Some(mention) = mention_at(index, &norm, text, &hits, k) else {
                continue;
            };
            if of_another_body(index, text, &mention) {
                continue;
            }
            let (tokens, native) = priors.resolve(&mention, text);
            let headline = *title_case.get_or_insert_with(|| is_title_case(text));
            let tokens = trim_to_known(index, tokens, headline);
            let own_jur = own_jurisdiction(index, &mention, &tokens);
            found.push(Found {
                para: i,
                mention,
                tokens,
                native,
                para_jurs: para_jurs.clone(),
                boilerplate: mark == ParaMark::Boilerplate,
                own_jur,
            });
        }
    }
    found
}

/// True for a Title Case line: at least four words of four or more letters,
/// at least 85% of them capitalised ("Foreign Minister Qin Holds Talks With
/// Secretary Blinken").
fn is_title_case(text: &str) -> bool {
    let (mut long, mut caps) = (0usize, 0usize);
    for w in text.split_whitespace() {
        if w.chars().filter(|c| c.is_alphabetic()).nth(3).is_some() {
            long += 1;
            caps += usize::from(w.chars().next().is_some_and(char::is_uppercase));
        }
    }
    long >= 4 && caps * 20 >= long * 17
}

/// "President Maria Rossi of Acme Corp": a name followed by "of" and a
/// capitalised word that is no jurisdiction term holds an office of some
/// other body.
fn of_another_body(index: &NameIndex, text: &str, mention: &Mention) -> bool {
    let after = text.get(mention.end..).unwrap_or("");
    let Some(rest) = after.strip_prefix(" of ") else {
        return false;
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-'))
        .collect();
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    !index.term_keys.contains(&normalise::normalise_str(&word))
}

/// A name run longer than the person it names ("Rishi Sunak Unveils" in a
/// Title Case headline, "Secretary Blinken Ahead"): the longest leading
/// part that names a known person (a surname alone included), when the
/// whole run names nobody; a run of more than four unknown words is cut
/// to two.
fn trim_to_known(index: &NameIndex, tokens: Vec<String>, headline: bool) -> Vec<String> {
    let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
    if tokens.len() < 2 || !index.identify(&refs).is_empty() {
        return tokens;
    }
    for k in (2..tokens.len()).rev() {
        if !index.identify(&refs[..k]).is_empty() {
            return tokens[..k].to_vec();
        }
    }
    // A misspelling of someone, followed by headline words ("Anita Annand
    // Heads To Brussels").
    let folded: Vec<String> = tokens.iter().map(|t| fold_token(t)).collect();
    for k in (2..=tokens.len()).rev() {
        if (0..index.persons.len()).any(|p| index.similar_at_least(&folded[..k], p, MISSPELL_JW)) {
            return tokens[..k].to_vec();
        }
    }
    // A misspelling of someone after a style or honorific ("Datuk Seri
    // Åsa Lindqvest"): the words before it are not the name's.
    if let Some(k) = misspelt_after_style(index, &folded) {
        return tokens[k..].to_vec();
    }
    // A surname alone, in a Title Case headline ("Secretary Blinken Ahead
    // Of Visit"); in running text the next capitalised word is more likely
    // part of the name ("Amit Saha later said").
    let surname = index.persons.iter().any(|p| {
        p.forms
            .first()
            .is_some_and(|f| f.len() > 1 && (f.last() == Some(&folded[0]) || f[0] == folded[0]))
    });
    if surname && headline {
        return tokens[..1].to_vec();
    }
    if tokens.len() > 4 {
        return tokens[..2].to_vec();
    }
    tokens
}

/// How many leading words ([`index::style_word_counts`]) stand before a
/// run that is a misspelling of someone.
fn misspelt_after_style(index: &NameIndex, folded: &[String]) -> Option<usize> {
    index::style_word_counts(folded.len()).find(|&k| {
        (0..index.persons.len()).any(|p| index.similar_at_least(&folded[k..], p, MISSPELL_JW))
    })
}

/// The jurisdictions an article is about, for titles several share.
struct Context {
    /// Jurisdiction -> mentions resolved to it without context (a
    /// qualifier, a title of one jurisdiction, or a person who held office
    /// in only one of the title's jurisdictions).
    by_mentions: BTreeMap<usize, usize>,
    /// Jurisdiction -> term hits anywhere in the article.
    by_terms: BTreeMap<usize, usize>,
    /// Paragraph -> jurisdictions its mentions name by themselves.
    by_paragraph: BTreeMap<usize, Vec<usize>>,
}

impl Context {
    /// Step 2: counts the jurisdictions of the mentions that name theirs
    /// and of every jurisdiction term in the article.
    fn new(found: &[Found]) -> Context {
        let mut by_terms: BTreeMap<usize, usize> = BTreeMap::new();
        let mut last_para = usize::MAX;
        for f in found {
            if f.para != last_para {
                for &j in &f.para_jurs {
                    *by_terms.entry(j).or_default() += 1;
                }
                last_para = f.para;
            }
        }
        let mut by_mentions: BTreeMap<usize, usize> = BTreeMap::new();
        let mut by_paragraph: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for f in found.iter().filter(|f| !f.boilerplate) {
            if let Some(j) = f.own_jur {
                *by_mentions.entry(j).or_default() += 1;
                by_paragraph.entry(f.para).or_default().push(j);
            }
        }
        Context {
            by_mentions,
            by_terms,
            by_paragraph,
        }
    }

    /// Step 3: the mention's roles narrowed to one jurisdiction, and whether
    /// the jurisdiction is known. In order: a qualifier; a title naming its
    /// jurisdiction; the person's own roles; a title of one jurisdiction
    /// that the article names anywhere (a specific title such as "Chancellor
    /// of the Exchequer" needs no such word; a generic one such as "Prime
    /// Minister" does); the only one of the title's
    /// jurisdictions the paragraph names (by terms or by its other
    /// mentions; two or more leave it open); the one most mentions in the
    /// article name; the one most terms in the article name. A tie at the
    /// article steps passes to the next.
    fn resolve(&self, index: &NameIndex, f: &Found) -> (Vec<usize>, bool) {
        let roles = &f.mention.roles;
        if f.mention.qualified {
            return (roles.clone(), true);
        }
        let jurs = role_jurisdictions(index, roles);
        let narrowed = |j: usize| -> (Vec<usize>, bool) {
            let r = roles
                .iter()
                .copied()
                .filter(|&r| index.roles[r].jur == j)
                .collect();
            (r, true)
        };
        if let Some(j) = f.own_jur {
            return narrowed(j);
        }
        if jurs.len() == 1 {
            let j = jurs[0];
            let named = self.by_terms.contains_key(&j) || self.by_mentions.contains_key(&j);
            return (roles.clone(), named || !f.mention.generic);
        }
        let mut para: BTreeSet<usize> = f.para_jurs.iter().copied().collect();
        para.extend(self.by_paragraph.get(&f.para).into_iter().flatten());
        let local: Vec<usize> = jurs.iter().copied().filter(|j| para.contains(j)).collect();
        match local.len() {
            1 => return narrowed(local[0]),
            0 => {}
            _ => return (roles.clone(), false),
        }
        for counts in [&self.by_mentions, &self.by_terms] {
            if let Some(j) = unique_max(counts, &jurs) {
                return narrowed(j);
            }
        }
        (roles.clone(), false)
    }
}

/// The jurisdiction a mention names by itself: its title's own term
/// ("European Commission President"), or the only one of the title's
/// jurisdictions where the identified person ever held office.
fn own_jurisdiction(index: &NameIndex, mention: &Mention, tokens: &[String]) -> Option<usize> {
    let jurs = role_jurisdictions(index, &mention.roles);
    if mention.qualified && jurs.len() == 1 {
        return Some(jurs[0]);
    }
    let own: Vec<usize> = jurs
        .iter()
        .copied()
        .filter(|j| mention.own_jurs.contains(j))
        .collect();
    if own.len() == 1 {
        return Some(own[0]);
    }
    let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let people = index.identify(&refs);
    let mut held: BTreeSet<usize> = BTreeSet::new();
    for (pid, _) in people {
        for &t in &index.persons[pid].terms {
            let j = index.roles[index.terms[t].role].jur;
            if jurs.contains(&j) {
                held.insert(j);
            }
        }
    }
    (held.len() == 1).then(|| *held.iter().next().unwrap_or(&0))
}

/// The distinct jurisdictions of some roles, in role order.
fn role_jurisdictions(index: &NameIndex, roles: &[usize]) -> Vec<usize> {
    let mut jurs: Vec<usize> = Vec::new();
    for &r in roles {
        let j = index.roles[r].jur;
        if !jurs.contains(&j) {
            jurs.push(j);
        }
    }
    jurs
}

/// Of `allowed` jurisdictions, the one with the highest count, if no other
/// has as many.
fn unique_max(counts: &BTreeMap<usize, usize>, allowed: &[usize]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for &j in allowed {
        let n = counts.get(&j).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        match best {
            Some((_, b)) if n < b => {}
            Some((_, b)) if n == b => tie = true,
            _ => {
                best = Some((j, n));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(j, _)| j)
}

/// Fills a mentions.csv row from a judgement.
fn fill_row(index: &NameIndex, row: &mut MentionRow, j: &Judgement, dated: bool) {
    if let Some(p) = j.person {
        row.person = index.persons[p].name.clone();
    }
    if let Some(r) = j.role {
        row.role = index.roles[r].id.clone();
        row.jurisdiction = index.jurs[index.roles[r].jur].clone();
    }
    match (&j.verdict, j.unchecked) {
        (Some(v), _) => {
            row.verdict = MentionVerdict::Found(v.kind);
            row.reason = v.message.clone();
        }
        (None, Some(why)) => {
            row.verdict = MentionVerdict::Unchecked;
            row.reason = why.to_string();
        }
        (None, None) => {
            row.verdict = MentionVerdict::Ok;
            if !dated {
                row.reason = "no date: checked against every term".into();
            }
        }
    }
}

/// A full name seen earlier in the article, for surname-only references.
struct Prior {
    folded: Vec<String>,
    tokens: Vec<String>,
    native: Option<String>,
}

/// The full names seen so far in an article, in text order.
#[derive(Default)]
struct Priors(Vec<Prior>);

impl Priors {
    /// The written tokens and bracketed native name of a mention: a
    /// surname alone takes the latest earlier full name it ends or starts
    /// (and its native name, if the mention has none); a full name is
    /// remembered for later mentions.
    fn resolve(&mut self, mention: &Mention, text: &str) -> (Vec<String>, Option<String>) {
        let mut tokens: Vec<String> = mention
            .name
            .tokens
            .iter()
            .map(|&(a, b)| text[a..b].to_string())
            .collect();
        let mut native = mention.name.native.map(|(a, b)| text[a..b].to_string());
        let folded: Vec<String> = tokens.iter().map(|t| fold_token(t)).collect();
        if folded.len() == 1 {
            // A surname-only reference to an earlier full mention.
            if let Some(prior) = self.0.iter().rev().find(|prior| {
                prior.folded.first() == folded.first() || prior.folded.last() == folded.first()
            }) {
                tokens = prior.tokens.clone();
                if native.is_none() {
                    native = prior.native.clone();
                }
            }
        } else if folded.len() > 1 {
            self.0.push(Prior {
                folded,
                tokens: tokens.clone(),
                native: native.clone(),
            });
        }
        (tokens, native)
    }
}

/// The mentions.csv row of a mention in paragraph `p`, judged `ok` until
/// the judge says otherwise.
fn mention_row(article: &Article, p: &Paragraph, text: &str, mention: &Mention) -> MentionRow {
    MentionRow {
        article: article.id,
        paragraph: p.idx,
        line: p.line,
        mention: text
            .get(mention.start..mention.end)
            .unwrap_or("")
            .trim()
            .to_string(),
        person: String::new(),
        role: String::new(),
        jurisdiction: String::new(),
        verdict: MentionVerdict::Ok,
        reason: String::new(),
    }
}

/// The finding for a verdict on a mention in paragraph `p` (whose text is
/// `text`): evidence lists the officeholder lines, sorted, once each.
fn finding(
    article: &Article,
    p: &Paragraph,
    text: &str,
    mention: &Mention,
    verdict: Verdict,
) -> Finding {
    let mut lines = verdict.lines;
    lines.sort_unstable();
    lines.dedup();
    let evidence = lines
        .iter()
        .map(|l| format!("officeholders.csv:{l}"))
        .collect::<Vec<_>>()
        .join("; ");
    Finding::new(article.id, verdict.kind)
        .at(article, p)
        .mention(text.get(mention.start..mention.end).unwrap_or("").trim())
        .expected(verdict.expected)
        .message(verdict.message)
        .evidence(evidence)
}
