//! Judging one mention against the officeholder table on the article's date.

use super::fold::fold_token;
use super::index::{NameIndex, Variant};
use super::scan::Tense;
use super::MISSPELL_JW;
use crate::model::{Date, FindingKind};

/// Why an unknown name under a past-tense title ("former Finance Minister
/// X") is not judged: the tables list the holders of the years they cover,
/// rarely an office's whole history, so someone missing from them may well
/// have held it before. Only a name that resembles a listed holder of the
/// role is still a wrong one.
const PAST_UNLISTED: &str =
    "a past holder the tables do not list (their history may not reach back)";

/// What a mention comes to.
pub(super) struct Verdict {
    pub(super) kind: FindingKind,
    pub(super) expected: String,
    pub(super) message: String,
    /// officeholders.csv lines of the terms the message relies on.
    pub(super) lines: Vec<u32>,
}

/// What the scan and the article's context say about one mention.
pub(super) struct Ask<'a> {
    /// Candidate roles of the title, narrowed to the resolved jurisdiction.
    pub(super) roles: &'a [usize],
    /// The jurisdiction is known (a qualifier, the title itself, or the
    /// context): an unknown full name is then a wrong name.
    pub(super) qualified: bool,
    pub(super) tense: Tense,
    /// The article's date; the run date when the article has none.
    pub(super) date: Date,
    /// False when the article has no date of its own (`date` is the run date).
    pub(super) dated: bool,
}

/// What the judge decided about one mention.
#[derive(Default)]
pub(super) struct Judgement {
    /// The finding to report, if any.
    pub(super) verdict: Option<Verdict>,
    /// The known person identified, and the role judged.
    pub(super) person: Option<usize>,
    pub(super) role: Option<usize>,
    /// Why the mention was not judged (mentions.csv `unchecked`).
    pub(super) unchecked: Option<&'static str>,
}

impl Judgement {
    fn unchecked(why: &'static str) -> Judgement {
        Judgement {
            unchecked: Some(why),
            ..Judgement::default()
        }
    }
}

/// Judges one mention:
/// 1. a different office ("deputy", "shadow") is not judged;
/// 2. [`narrow_candidates`]: the known people the written name fits,
///    narrowed by the native-script name, then the role;
/// 3. the identity: the first candidate, else an exact native-script match;
/// 4. [`choose_role`]: of the title's roles, the one the person held; an
///    unknown full name under a title no resolved jurisdiction narrows is
///    an `unverified_officeholder` warning;
/// 5. a past, future or acting mention, or any mention in an undated
///    article, is judged against every term ([`Case::timeless`]); a sitting
///    holder on a known date by [`Case::known`], [`Case::fuzzy`] (a
///    misspelling of a holder), else [`Case::unknown`].
pub(super) fn judge(
    index: &NameIndex,
    ask: &Ask,
    tokens: &[&str],
    native: Option<&str>,
) -> Judgement {
    let folded: Vec<String> = tokens
        .iter()
        .map(|t| fold_token(t))
        .filter(|t| !t.is_empty())
        .collect();
    if folded.is_empty() {
        return Judgement::unchecked("no name");
    }
    if ask.tense == Tense::Other {
        return Judgement::unchecked("a different office (deputy, vice, shadow ...)");
    }
    let (roles, date) = (ask.roles, ask.date);
    let native_hit = native.and_then(|n| index.native_match(n));
    let Some(candidates) = narrow_candidates(
        index,
        index.identify(tokens),
        native_hit,
        roles,
        date,
        folded.len(),
    ) else {
        return Judgement::unchecked("several known people fit a one-word name");
    };
    // Identity: (person, variant) from the Latin name, or the native name.
    let who: Option<(usize, Option<Variant>)> = match candidates.first() {
        Some(&(p, v)) => Some((p, Some(v))),
        None => native_hit
            .filter(|&(_, exact)| exact)
            .map(|(p, _)| (p, None)),
    };
    let Some(role) = choose_role(index, roles, who, &folded, native_hit, date) else {
        return open_title(index, roles, who, tokens.join(" "), &folded);
    };
    let case = Case::new(index, tokens.join(" "), folded, native, role, date);
    let mut judgement = Judgement {
        person: who.map(|(p, _)| p),
        role: Some(role),
        ..Judgement::default()
    };
    if !ask.dated || ask.tense != Tense::Present {
        let (verdict, unchecked) = case.timeless(who, native_hit, ask);
        judgement.verdict = verdict;
        judgement.unchecked = unchecked;
        return judgement;
    }
    if let Some((pid, variant)) = who {
        judgement.verdict = case.known(pid, variant);
        if judgement.verdict.is_none() && case.holders.is_empty() && !case.serving(pid) {
            judgement.unchecked = Some("no holder on record for the date");
        }
        return judgement;
    }
    if case.holders.is_empty() {
        judgement.unchecked = Some("no holder on record for the date");
        return judgement;
    }
    if let Some((pid, verdict)) = case.fuzzy(native_hit) {
        judgement.person = Some(pid);
        judgement.verdict = Some(verdict);
        return judgement;
    }
    judgement.verdict = case.unknown(ask.qualified);
    if judgement.verdict.is_none() {
        judgement.unchecked = Some("an unknown name the context cannot tie to the role");
    }
    judgement
}

/// A title whose role stays open (several jurisdictions, none resolved):
/// an unknown full name is said to have held no role so titled anywhere
/// in the tables (a warning); anything else is not judged.
fn open_title(
    index: &NameIndex,
    roles: &[usize],
    who: Option<(usize, Option<Variant>)>,
    written: String,
    folded: &[String],
) -> Judgement {
    let mut jurs: Vec<usize> = roles.iter().map(|&r| index.roles[r].jur).collect();
    jurs.dedup();
    if jurs.len() < 2 {
        return Judgement::unchecked("ambiguous role: several offices have this title");
    }
    if who.is_some() || folded.len() < 2 {
        return Judgement::unchecked("ambiguous jurisdiction");
    }
    let label = &index.roles[roles[0]].label;
    Judgement {
        verdict: Some(Verdict {
            kind: FindingKind::UnverifiedOfficeholder,
            expected: String::new(),
            message: format!(
                "{written} never held a role titled {label} in any jurisdiction in the tables, and the article does not say which jurisdiction is meant"
            ),
            lines: Vec::new(),
        }),
        unchecked: Some("ambiguous jurisdiction"),
        ..Judgement::default()
    }
}

/// Of several people the words fit, keeps the one the native-script name
/// names, then those who held one of `roles`, then those serving on `date`
/// (each step only when it leaves someone). `None` when several people
/// still fit a one-word name ("President Kim": no way to tell).
fn narrow_candidates(
    index: &NameIndex,
    mut candidates: Vec<(usize, Variant)>,
    native_hit: Option<(usize, bool)>,
    roles: &[usize],
    date: Date,
    words: usize,
) -> Option<Vec<(usize, Variant)>> {
    if candidates.len() <= 1 {
        return Some(candidates);
    }
    if let Some((np, _)) = native_hit {
        if candidates.iter().any(|&(p, _)| p == np) {
            candidates.retain(|&(p, _)| p == np);
        }
    }
    let holding: Vec<(usize, Variant)> = candidates
        .iter()
        .copied()
        .filter(|&(p, _)| roles.iter().any(|&r| !index.held(p, r).is_empty()))
        .collect();
    if !holding.is_empty() {
        candidates = holding;
    }
    let serving: Vec<(usize, Variant)> = candidates
        .iter()
        .copied()
        .filter(|&(p, _)| {
            roles.iter().any(|&r| {
                index
                    .held(p, r)
                    .iter()
                    .any(|&t| index.terms[t].serves_on(date))
            })
        })
        .collect();
    if !serving.is_empty() {
        candidates = serving;
    }
    if candidates.len() > 1 && words == 1 {
        return None;
    }
    Some(candidates)
}

/// The role a mention is about: the title's only role, else the one the
/// identified person held (for an unknown person, the best fuzzy match
/// among the holders of the title's roles).
fn choose_role(
    index: &NameIndex,
    roles: &[usize],
    who: Option<(usize, Option<Variant>)>,
    folded: &[String],
    native_hit: Option<(usize, bool)>,
    date: Date,
) -> Option<usize> {
    if roles.len() == 1 {
        return Some(roles[0]);
    }
    let pid = match who {
        Some((p, _)) => p,
        None => {
            // Fuzzy among the holders of the candidate roles.
            let (p, _) = best_fuzzy(index, folded, native_hit, roles, date)?;
            p
        }
    };
    index.pick_role(pid, roles, date)
}

/// One mention with its role chosen, and the role's holders on the date.
struct Case<'a> {
    index: &'a NameIndex,
    /// The name as written, words joined by spaces.
    written: String,
    folded: Vec<String>,
    native: Option<&'a str>,
    role: usize,
    date: Date,
    label: &'a str,
    /// Terms of the role serving on `date`.
    holders: Vec<usize>,
    holder_names: String,
    holder_lines: Vec<u32>,
}

impl<'a> Case<'a> {
    fn new(
        index: &'a NameIndex,
        written: String,
        folded: Vec<String>,
        native: Option<&'a str>,
        role: usize,
        date: Date,
    ) -> Case<'a> {
        let holders = index.holders_on(role, date);
        Case {
            index,
            written,
            folded,
            native,
            role,
            date,
            label: &index.roles[role].label,
            holder_names: index.names_of(&holders),
            holder_lines: holders.iter().map(|&t| index.terms[t].line).collect(),
            holders,
        }
    }

    /// A known person (`variant` is `None` when only the native-script name
    /// identified them): a variant or misspelling if they serve on the
    /// date, else outdated if they once held the role, else a role mismatch.
    fn known(&self, pid: usize, variant: Option<Variant>) -> Option<Verdict> {
        let Case {
            index: ix,
            written,
            native,
            role,
            date,
            label,
            holder_names,
            holder_lines,
            ..
        } = self;
        let (role, date) = (*role, *date);
        let person = &ix.persons[pid];
        let held = ix.held(pid, role);
        let serving: Vec<usize> = held
            .iter()
            .copied()
            .filter(|&t| ix.terms[t].serves_on(date))
            .collect();
        if !serving.is_empty() {
            let lines = serving.iter().map(|&t| ix.terms[t].line).collect();
            return match variant {
                Some(Variant::Standard) => None,
                Some(v) => Some(Verdict {
                    kind: FindingKind::NameVariant,
                    expected: person.name.clone(),
                    message: format!(
                        "{written} is an accepted variant ({}) of {}, {label} on {date}",
                        v.describe(),
                        person.name
                    ),
                    lines,
                }),
                None => Some(Verdict {
                    kind: FindingKind::MisspelledName,
                    expected: person.name.clone(),
                    message: format!(
                        "{written} is not a spelling of {}, {label} on {date}; the native-script name {} is theirs",
                        person.name,
                        native.unwrap_or("")
                    ),
                    lines,
                }),
            };
        }
        if self.holders.is_empty() {
            return None;
        }
        if let Some(&last) = held.last() {
            let mut lines: Vec<u32> = held.iter().map(|&t| ix.terms[t].line).collect();
            lines.extend(holder_lines);
            let spelled = match variant {
                Some(Variant::Standard) => String::new(),
                Some(v) => format!(" (written {written}: {})", v.describe()),
                None => format!(" (written {written}; native-script name matches)"),
            };
            return Some(Verdict {
                kind: FindingKind::OutdatedOfficeholder,
                expected: holder_names.clone(),
                message: format!(
                    "{}{spelled} was {label} {}, not on {date}; the holder on {date} is {holder_names}",
                    person.name,
                    ix.terms[last].span()
                ),
                lines,
            });
        }
        let mut lines: Vec<u32> = person.terms.iter().map(|&t| ix.terms[t].line).collect();
        lines.extend(holder_lines);
        Some(Verdict {
            kind: FindingKind::RoleMismatch,
            expected: holder_names.clone(),
            message: format!(
                "{} never held {label} ({}); roles held: {}; the holder on {date} is {holder_names}",
                person.name,
                ix.jurs[ix.roles[role].jur],
                ix.roles_held(pid)
            ),
            lines,
        })
    }

    /// True when person `pid` holds the role on the date.
    fn serving(&self, pid: usize) -> bool {
        self.index
            .held(pid, self.role)
            .iter()
            .any(|&t| self.index.terms[t].serves_on(self.date))
    }

    /// Judges a mention against every term of the role, not the date: a
    /// past ("former"), future ("incoming") or acting holder, or any
    /// mention in an undated article. Date-independent faults are reported
    /// as usual (a role never held, a misspelling, an unknown name); a
    /// holder who is right only at some dates, in an undated article, is
    /// an `unverified_officeholder` warning naming those dates.
    fn timeless(
        &self,
        who: Option<(usize, Option<Variant>)>,
        native_hit: Option<(usize, bool)>,
        ask: &Ask,
    ) -> (Option<Verdict>, Option<&'static str>) {
        let ix = self.index;
        let (role, label, written) = (self.role, self.label, &self.written);
        let jur = &ix.jurs[ix.roles[role].jur];
        let soft = matches!(ask.tense, Tense::Future | Tense::Acting);
        if let Some((pid, _)) = who {
            let person = &ix.persons[pid];
            let held = ix.held(pid, role);
            if held.is_empty() {
                if soft {
                    return (None, Some("an incoming or acting holder"));
                }
                let lines = person.terms.iter().map(|&t| ix.terms[t].line).collect();
                return (
                    Some(Verdict {
                        kind: FindingKind::RoleMismatch,
                        expected: String::new(),
                        message: format!(
                            "{} never held {label} ({jur}) at any date; roles held: {}",
                            person.name,
                            ix.roles_held(pid)
                        ),
                        lines,
                    }),
                    None,
                );
            }
            if !ask.dated && ask.tense == Tense::Present && !self.serving(pid) {
                let spans: Vec<String> = held.iter().map(|&t| ix.terms[t].span()).collect();
                let lines = held.iter().map(|&t| ix.terms[t].line).collect();
                return (
                    Some(Verdict {
                        kind: FindingKind::UnverifiedOfficeholder,
                        expected: person.name.clone(),
                        message: format!(
                            "{} was {label} {}; the article has no date to check the mention against",
                            person.name,
                            spans.join(", ")
                        ),
                        lines,
                    }),
                    None,
                );
            }
            return (None, None);
        }
        if let Some((pid, how)) = best_fuzzy(ix, &self.folded, native_hit, &[role], self.date) {
            let person = &ix.persons[pid];
            let held = ix.held(pid, role);
            let spans: Vec<String> = held.iter().map(|&t| ix.terms[t].span()).collect();
            return (
                Some(Verdict {
                    kind: FindingKind::MisspelledName,
                    expected: person.name.clone(),
                    message: format!(
                        "{written} looks like a misspelling of {}, {label} {} ({how})",
                        person.name,
                        spans.join(", ")
                    ),
                    lines: held.iter().map(|&t| ix.terms[t].line).collect(),
                }),
                None,
            );
        }
        if soft {
            return (None, Some("an incoming or acting holder"));
        }
        if ask.tense == Tense::Past && !self.resembles_a_holder() {
            return (None, Some(PAST_UNLISTED));
        }
        let Some(like) = self.resemblance(ask.qualified) else {
            return (
                None,
                Some("an unknown name the context cannot tie to the role"),
            );
        };
        let hint = like
            .map(|(desc, _)| format!("; resembles {desc}"))
            .unwrap_or_default();
        (
            Some(Verdict {
                kind: FindingKind::WrongOfficeholder,
                expected: String::new(),
                message: format!("{written} fits no known {label} ({jur}) at any date{hint}"),
                lines: Vec::new(),
            }),
            None,
        )
    }

    /// An unknown spelling that is a misspelling of someone who held the
    /// role ([`best_fuzzy`]): misspelled if they serve on the date, else
    /// outdated, with the person. `None` when it resembles no holder.
    fn fuzzy(&self, native_hit: Option<(usize, bool)>) -> Option<(usize, Verdict)> {
        let Case {
            index: ix,
            written,
            folded,
            role,
            date,
            label,
            holder_names,
            holder_lines,
            ..
        } = self;
        let (role, date) = (*role, *date);
        let (pid, how) = best_fuzzy(ix, folded, native_hit, &[role], date)?;
        let person = &ix.persons[pid];
        let held = ix.held(pid, role);
        let serving = held.iter().any(|&t| ix.terms[t].serves_on(date));
        let mut lines: Vec<u32> = held.iter().map(|&t| ix.terms[t].line).collect();
        if serving {
            return Some((
                pid,
                Verdict {
                    kind: FindingKind::MisspelledName,
                    expected: person.name.clone(),
                    message: format!(
                        "{written} looks like a misspelling of {}, {label} on {date} ({how})",
                        person.name
                    ),
                    lines,
                },
            ));
        }
        lines.extend(holder_lines);
        let last = held.last().map(|&t| ix.terms[t].span()).unwrap_or_default();
        Some((pid, Verdict {
            kind: FindingKind::OutdatedOfficeholder,
            expected: holder_names.clone(),
            message: format!(
                "{written} looks like {} ({how}), who was {label} {last}, not on {date}; the holder on {date} is {holder_names}",
                person.name
            ),
            lines,
        }))
    }

    /// Whether the unknown name resembles someone who held this very role
    /// ([`NameIndex::resembles`]): a garbled name of a past holder, not
    /// just a shared surname with a holder of another office.
    fn resembles_a_holder(&self) -> bool {
        self.index
            .resembles(&self.folded, self.role)
            .is_some_and(|p| !self.index.held(p, self.role).is_empty())
    }

    /// Whether an unknown name is surely a wrong one: `None` when not (it
    /// resembles nobody and is not a full name under a qualified title),
    /// else the person it resembles, described, with the officeholders.csv
    /// line of the term described.
    #[allow(clippy::type_complexity)]
    fn resemblance(&self, qualified: bool) -> Option<Option<(String, Option<u32>)>> {
        let like = self.index.resembles(&self.folded, self.role);
        if like.is_none() && (!qualified || self.folded.len() < 2) {
            return None;
        }
        Some(like.map(|p| self.index.describe_person(p, self.role)))
    }

    /// Nobody known: a wrong name, if we can be sure the name is one (it
    /// resembles a known person, or is a full name under a qualified title).
    fn unknown(&self, qualified: bool) -> Option<Verdict> {
        let Case {
            index: ix,
            written,
            role,
            date,
            label,
            holder_names,
            holder_lines,
            ..
        } = self;
        let role = *role;
        let like = self.resemblance(qualified)?;
        let mut lines = holder_lines.clone();
        let hint = match like {
            Some((desc, line)) => {
                lines.extend(line);
                format!("; resembles {desc}")
            }
            None => String::new(),
        };
        Some(Verdict {
            kind: FindingKind::WrongOfficeholder,
            expected: holder_names.clone(),
            message: format!(
                "{written} fits no known {label} ({}); the holder on {date} is {holder_names}{hint}",
                ix.jurs[ix.roles[role].jur]
            ),
            lines,
        })
    }
}

/// The holder of one of `roles` (any date) whose name the written one is a
/// misspelling of: Jaro-Winkler >= [`MISSPELL_JW`], or a partial native-script
/// match. Ties go to whoever serves on `date`.
fn best_fuzzy(
    ix: &NameIndex,
    folded: &[String],
    native: Option<(usize, bool)>,
    roles: &[usize],
    date: Date,
) -> Option<(usize, String)> {
    let mut people: Vec<usize> = roles
        .iter()
        .flat_map(|&r| ix.roles[r].terms.iter().map(|&t| ix.terms[t].person))
        .collect();
    people.sort_unstable();
    people.dedup();
    if let Some((np, _)) = native {
        if people.contains(&np) {
            return Some((np, "native-script name matches".to_string()));
        }
    }
    let mut best: Option<(f64, bool, usize)> = None;
    for p in people {
        let s = if folded.len() == 1 {
            ix.surname_similarity(&folded[0], p)
        } else {
            ix.similarity(folded, p)
        };
        if s < MISSPELL_JW {
            continue;
        }
        let serving = ix.persons[p]
            .terms
            .iter()
            .any(|&t| roles.contains(&ix.terms[t].role) && ix.terms[t].serves_on(date));
        if best.is_none_or(|(bs, bserv, _)| s > bs || (s == bs && serving && !bserv)) {
            best = Some((s, serving, p));
        }
    }
    best.map(|(s, _, p)| (p, format!("name similarity {s:.2}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::fixture::{index, D};

    fn date() -> Date {
        Date::parse_iso(D).unwrap()
    }

    fn folded(s: &str) -> Vec<String> {
        s.split_whitespace().map(fold_token).collect()
    }

    fn case<'a>(ix: &'a NameIndex, written: &str, role: usize) -> Case<'a> {
        Case::new(ix, written.to_string(), folded(written), None, role, date())
    }

    #[test]
    fn candidates_narrow_by_native_name_role_and_date() {
        let ix = index();
        let both = vec![(0, Variant::Surname), (1, Variant::Surname)];
        let narrow = |native, roles: &[usize], words| {
            narrow_candidates(&ix, both.clone(), native, roles, date(), words)
                .map(|c| c.iter().map(|&(p, _)| p).collect::<Vec<_>>())
        };
        // Both held no_pm; only Lindqvist serves on the date.
        assert_eq!(narrow(None, &[0], 1), Some(vec![1]));
        // The native-script name decides first.
        assert_eq!(narrow(Some((0, true)), &[0], 1), Some(vec![0]));
        // Neither held no_fin: a one-word name stays ambiguous.
        assert_eq!(narrow(None, &[1], 1), None);
        assert_eq!(narrow(None, &[1], 2), Some(vec![0, 1]));
        let one = narrow_candidates(&ix, vec![(3, Variant::Order)], None, &[0], date(), 1);
        assert_eq!(one, Some(vec![(3, Variant::Order)]));
    }

    #[test]
    fn role_is_the_only_one_or_the_persons() {
        let ix = index();
        let d = date();
        assert_eq!(choose_role(&ix, &[0], None, &[], None, d), Some(0));
        let who = Some((4, Some(Variant::Standard)));
        assert_eq!(choose_role(&ix, &[1, 2], who, &[], None, d), Some(2));
        let misspelled = folded("Keiko Tanabee");
        assert_eq!(
            choose_role(&ix, &[1, 2], None, &misspelled, None, d),
            Some(2)
        );
        assert_eq!(
            choose_role(&ix, &[1, 2], None, &folded("Zed Q"), None, d),
            None
        );
    }

    #[test]
    fn known_people_are_variants_outdated_or_mismatched() {
        let ix = index();
        let c = case(&ix, "Åsa Lindqvist", 0);
        assert!(c.known(1, Some(Variant::Standard)).is_none());
        let v = c.known(1, Some(Variant::Spelling)).unwrap();
        assert_eq!((v.kind, v.lines), (FindingKind::NameVariant, vec![3]));
        let v = c.known(1, None).unwrap();
        assert_eq!(v.kind, FindingKind::MisspelledName);
        let v = case(&ix, "Ivan Petrov", 0)
            .known(0, Some(Variant::Standard))
            .unwrap();
        assert_eq!(v.kind, FindingKind::OutdatedOfficeholder);
        assert_eq!(
            (v.expected.as_str(), v.lines),
            ("Åsa Lindqvist", vec![2, 3])
        );
        let v = case(&ix, "Luis Ortega", 0)
            .known(6, Some(Variant::Standard))
            .unwrap();
        assert_eq!((v.kind, v.lines), (FindingKind::RoleMismatch, vec![8, 3]));
    }

    #[test]
    fn fuzzy_names_are_misspelled_or_outdated() {
        let ix = index();
        let (p, v) = case(&ix, "Åsa Lindquist", 0).fuzzy(None).unwrap();
        assert_eq!(p, 1);
        assert_eq!(
            (v.kind, v.expected.as_str()),
            (FindingKind::MisspelledName, "Åsa Lindqvist")
        );
        let (_, v) = case(&ix, "Ivan Petrof", 0).fuzzy(None).unwrap();
        assert_eq!(
            (v.kind, v.expected.as_str()),
            (FindingKind::OutdatedOfficeholder, "Åsa Lindqvist")
        );
        assert!(case(&ix, "Oskar Holm", 0).fuzzy(None).is_none());
        let (_, v) = case(&ix, "Oskar Holm", 0).fuzzy(Some((1, false))).unwrap();
        assert!(
            v.message.contains("native-script name matches"),
            "{}",
            v.message
        );
    }

    #[test]
    fn unknown_names_are_wrong_only_when_sure() {
        let ix = index();
        assert!(case(&ix, "Oskar Holm", 0).unknown(false).is_none());
        assert!(case(&ix, "Holm", 0).unknown(true).is_none());
        let v = case(&ix, "Oskar Holm", 0).unknown(true).unwrap();
        assert_eq!((v.kind, v.lines), (FindingKind::WrongOfficeholder, vec![3]));
        let v = case(&ix, "Oskar Petrov", 0).unknown(false).unwrap();
        assert!(v.message.contains("resembles Ivan Petrov"), "{}", v.message);
        assert_eq!(v.lines, vec![3, 2]);
    }

    #[test]
    fn best_fuzzy_prefers_the_native_name_then_similarity() {
        let ix = index();
        let d = date();
        let (p, how) = best_fuzzy(&ix, &folded("Asa Lindquist"), None, &[0], d).unwrap();
        assert_eq!((p, how.as_str()), (1, "name similarity 0.96"));
        assert_eq!(
            best_fuzzy(&ix, &folded("Anna Berg"), Some((0, false)), &[0], d)
                .unwrap()
                .0,
            0
        );
        assert!(best_fuzzy(&ix, &folded("Anna Berg"), Some((6, false)), &[0], d).is_none());
    }
}
