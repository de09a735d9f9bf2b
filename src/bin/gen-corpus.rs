//! gen-corpus: writes a deterministic, labelled benchmark corpus.
//!
//! In: `--articles N` or `--size MB`, `--seed S`, `--out DIR`, `--rules DIR`
//! (default `rules`). Out: `DIR/articles/` (the corpus to pass to
//! `credence score`), `DIR/labels.csv` (every injected defect, and control
//! rows for correct mentions and amounts) and `DIR/stats.txt`.
//! Guarantees: the same arguments (and rules) give byte-identical output (own
//! PRNG, no hash-map iteration); article ids in labels.csv are the ids
//! credence reports (path relative to `DIR/articles`, `path#<id>` for JSONL
//! records) and paragraph numbers are credence's (1-based, after
//! segmentation) — `--check` re-reads the corpus with credence's own ingest
//! and segmenter and fails if any article's paragraphs or date differ.
//!
//! Every role, title, jurisdiction word, officeholder and reference fact is
//! drawn from the rules folder; the prose comes from generic news word lists
//! that are filtered against the rules so no title or jurisdiction word
//! appears outside the injected mentions, and prose has no digits, so every
//! amount in the corpus is a labelled one.
//!
//! What it injects (shares are per mention or per article, see `SHARES`):
//! - role + name mentions: correct (holder on the article date), outdated
//!   (a former holder), misspelled (1–2 letter edits of the right holder),
//!   wrong (an invented name), role mismatch (a known person who never held
//!   the role);
//! - amounts: one or two facts per story with a true value (reference facts
//!   from facts.csv, or invented per story), some articles stating a 10× slip;
//! - within-article repeats (exact and near), cross-article syndicated
//!   paragraphs (exact and near), boilerplate (author bios and promo lines
//!   repeated per source, "most read" headline lists).

use clap::Parser;
use credence::model::Date;
use credence::rules::{Officeholder, Rules};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "gen-corpus",
    about = "Writes a deterministic, labelled benchmark corpus for credence"
)]
struct Args {
    /// Number of articles to write
    #[arg(long, value_name = "N", conflicts_with = "size")]
    articles: Option<usize>,
    /// Approximate corpus size in MB (10^6 bytes) of article files
    #[arg(long, value_name = "MB")]
    size: Option<f64>,
    /// Seed of the generator: same seed, same corpus
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (articles in DIR/articles, labels in DIR/labels.csv)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Rules folder to draw roles, officeholders and facts from
    #[arg(long, default_value = "rules", value_name = "DIR")]
    rules: PathBuf,
    /// Re-read the corpus with credence's ingest and segmenter and check
    /// every article's paragraphs and date against what was generated
    #[arg(long)]
    check: bool,
}

// ------------------------------------------------------------------ PRNG

/// splitmix64: tiny, fast, good enough for test data, and stable forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n.max(1) as u128) >> 53) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// A word of a list.
    fn w(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

// ------------------------------------------------------------------ shares

/// Share of each kind among role+name mentions (the rest are correct).
const SHARE_OUTDATED: f64 = 0.10;
const SHARE_MISSPELLED: f64 = 0.08;
const SHARE_WRONG: f64 = 0.08;
const SHARE_ROLE_MISMATCH: f64 = 0.04;
/// Chance that a content paragraph carries a role+name mention.
const P_MENTION: f64 = 0.5;
/// Chance that an article states a given fact of its story.
const P_FACT: f64 = 0.75;
/// Chance that a stated fact is a 10x slip (stories of 8+ articles, or facts
/// with a reference value).
const P_SLIP: f64 = 0.12;
/// Chance that an article repeats one of its own paragraphs.
const P_SELF_REPEAT: f64 = 0.12;
/// Chance that an article carries each of its story's wire paragraphs.
const P_WIRE: [f64; 2] = [0.30, 0.20];
/// Chance that a repeat or copy is a near (one word changed) not exact copy.
const P_NEAR: f64 = 0.30;
/// Near copies are made only of paragraphs this long, so a one-word change
/// stays well above credence's default near-duplicate similarity.
const NEAR_MIN_WORDS: usize = 60;

// ------------------------------------------------------------------ words

const GROUPS: &[&str] = &[
    "officials",
    "analysts",
    "economists",
    "investors",
    "lawmakers",
    "industry executives",
    "regulators",
    "bankers",
    "diplomats",
    "union leaders",
    "local leaders",
    "fund managers",
    "consultants",
    "traders",
    "engineers",
    "planners",
    "environmental groups",
    "business groups",
    "credit analysts",
    "supply chain managers",
    "energy experts",
    "policy advisers",
    "market strategists",
    "trade lawyers",
];
const GROUP_ONE: &[&str] = &[
    "a senior official",
    "a spokesperson",
    "an analyst",
    "an economist",
    "a banker",
    "a diplomat",
    "a consultant",
    "a trade lawyer",
    "a fund manager",
    "a policy adviser",
    "a researcher",
    "a project manager",
];
const SAID: &[&str] = &[
    "said",
    "noted",
    "argued",
    "warned",
    "suggested",
    "acknowledged",
    "stressed",
    "cautioned",
    "added",
    "predicted",
];
const VERB: &[&str] = &[
    "strengthen",
    "support",
    "expand",
    "reshape",
    "accelerate",
    "stabilise",
    "revive",
    "unlock",
    "secure",
    "boost",
    "modernise",
    "diversify",
    "protect",
    "transform",
    "finance",
    "upgrade",
    "streamline",
    "broaden",
    "deepen",
    "restore",
];
const PAST_PART: &[&str] = &[
    "strengthened",
    "supported",
    "expanded",
    "reshaped",
    "accelerated",
    "stabilised",
    "revived",
    "unlocked",
    "secured",
    "boosted",
    "attracted",
    "complicated",
    "delayed",
    "prompted",
];
const PAST: &[&str] = &[
    "welcomed",
    "questioned",
    "criticised",
    "endorsed",
    "praised",
    "scrutinised",
    "challenged",
    "backed",
    "defended",
    "revisited",
];
const VERB_I: &[&str] = &[
    "persists",
    "grows",
    "deepens",
    "eases",
    "intensifies",
    "lingers",
    "shifts",
    "spreads",
    "returns",
    "builds",
];
const MODAL: &[&str] = &["may", "could", "might", "would", "will"];
const OBJECT: &[&str] = &[
    "regional supply chains",
    "local employment",
    "export demand",
    "investor confidence",
    "long-term growth",
    "energy security",
    "the domestic market",
    "private investment",
    "industrial capacity",
    "cross-border trade",
    "public finances",
    "construction activity",
    "research spending",
    "infrastructure spending",
    "small suppliers",
    "household incomes",
    "manufacturing output",
    "the labour market",
    "capital flows",
    "credit conditions",
    "price stability",
    "productivity",
    "competitiveness",
    "the regional economy",
    "shipping routes",
    "power demand",
    "market access",
    "technology transfer",
];
const CONCERN: &[&str] = &[
    "rising borrowing costs",
    "currency volatility",
    "slowing demand",
    "labour shortages",
    "regulatory uncertainty",
    "higher input costs",
    "weaker exports",
    "political uncertainty",
    "tighter credit",
    "supply disruption",
    "volatile energy prices",
    "stubborn inflation",
    "a shortage of skilled workers",
    "permitting delays",
    "local opposition",
    "construction delays",
    "cost overruns",
    "weak consumer spending",
];
const ABSTRACT: &[&str] = &[
    "closer economic ties",
    "the shifting balance of trade",
    "a broader push for self-reliance",
    "growing competition for capital",
    "changing priorities in industrial policy",
    "the need for resilient supply chains",
    "a new phase of cooperation",
    "the pressure to cut emissions",
    "the search for new sources of growth",
    "concerns about market concentration",
    "the cost of financing large projects",
    "the role of public money in private ventures",
];
const DESC: &[&str] = &[
    "ambitious but achievable",
    "a long overdue step",
    "a significant gamble",
    "an important signal to markets",
    "overly optimistic",
    "a pragmatic compromise",
    "a turning point for the sector",
    "too vague to assess",
    "a model for similar projects",
    "a costly distraction",
];
const WHEN: &[&str] = &[
    "over the next few years",
    "by the end of the decade",
    "in the coming months",
    "within a year",
    "before the end of next year",
    "over the medium term",
    "in the near term",
    "once construction begins",
    "after the review is complete",
    "later this year",
];
const WHEN_PAST: &[&str] = &[
    "last week",
    "earlier this month",
    "on Tuesday",
    "on Thursday",
    "late last month",
    "at a meeting on Monday",
    "over the weekend",
    "on Wednesday evening",
];
const CONNECTIVE: &[&str] = &[
    "Meanwhile",
    "However",
    "At the same time",
    "Separately",
    "In addition",
    "Still",
    "Even so",
    "By contrast",
    "For now",
    "As a result",
    "In recent weeks",
    "Earlier this week",
];
/// Words a near copy may swap for another of the same list.
const ADVERB: &[&str] = &[
    "quietly",
    "steadily",
    "sharply",
    "gradually",
    "significantly",
    "largely",
    "increasingly",
    "already",
    "openly",
    "repeatedly",
];
const CITY: &[&str] = &[
    "London",
    "Geneva",
    "Singapore",
    "Frankfurt",
    "Sydney",
    "Toronto",
    "Nairobi",
    "Sao Paulo",
    "Mumbai",
    "Dubai",
    "Zurich",
    "Oslo",
    "Madrid",
    "Jakarta",
    "Lagos",
    "Mexico City",
    "Vienna",
    "Brussels",
    "Santiago",
    "Cape Town",
    "Hanoi",
    "Istanbul",
    "Warsaw",
    "Dublin",
    "Helsinki",
    "Lisbon",
    "Manila",
    "Bangkok",
    "Auckland",
    "Montreal",
];
const SECTOR: &[&str] = &[
    "energy",
    "manufacturing",
    "technology",
    "logistics",
    "construction",
    "finance",
    "mining",
    "chemicals",
    "transport",
    "agriculture",
    "utilities",
    "telecoms",
];
const PLACE_A: &[&str] = &[
    "Red", "North", "Silver", "Oak", "Stone", "Clear", "East", "West", "High", "Long", "Fair",
    "Green", "Iron", "Cold", "Bright", "Ash", "Elm", "Pine", "Rock", "Sand", "Mill", "Bay",
];
const PLACE_B: &[&str] = &[
    "water", "field", "gate", "bridge", "haven", "ford", "brook", "ridge", "vale", "moor", "crest",
    "wood", "port", "mill", "stead", "ton", "bury", "wick", "mouth", "shaw",
];
const PROJECT_SECTOR: &[&str] = &[
    "battery",
    "solar",
    "wind",
    "hydrogen",
    "semiconductor",
    "logistics",
    "rail",
    "harbour",
    "water",
    "grid",
    "data centre",
    "steel",
    "copper",
    "pharmaceutical",
    "shipbuilding",
    "fertiliser",
    "aluminium",
    "cable",
    "satellite",
    "fibre",
];
const PROJECT: &[&str] = &[
    "plant",
    "project",
    "hub",
    "corridor",
    "complex",
    "facility",
    "terminal",
    "programme",
    "venture",
    "expansion",
];
const ANAPHOR: &[&str] = &[
    "project",
    "plan",
    "deal",
    "venture",
    "proposal",
    "scheme",
    "initiative",
];
const FACT_NOUN: &[&str] = &[
    "budget",
    "fund",
    "contract",
    "investment",
    "loan package",
    "financing package",
    "first phase",
    "subsidy package",
    "cost estimate",
];
const HEADLINE_TAIL: &[&str] = &[
    "moves ahead as talks resume",
    "faces fresh questions over costs",
    "wins backing from investors",
    "draws scrutiny from regulators",
    "enters final review",
    "stalls amid funding dispute",
    "gains momentum after months of delay",
    "sparks debate among economists",
    "clears key hurdle",
    "tests appetite for long-term projects",
    "raises hopes for regional growth",
    "prompts calls for more oversight",
    "nears approval despite concerns",
    "reshapes plans for the sector",
    "divides local leaders",
    "puts spotlight on supply chains",
    "lifts hopes for new jobs",
    "reaches a crossroads",
    "wins cautious support",
    "draws interest from abroad",
];
const FIRST: &[&str] = &[
    "Daniel", "Maria", "Thomas", "Elena", "Samuel", "Ingrid", "Rafael", "Amara", "Victor",
    "Helena", "Tobias", "Leila", "Marcus", "Sofia", "Adrian", "Nadia", "Oskar", "Clara", "Felix",
    "Irene", "Julian", "Mira", "Stefan", "Lucia", "Anton", "Greta", "Pablo", "Yara", "Hugo",
    "Alma",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Castellanos",
    "Brennan",
    "Haddad",
    "Novak",
    "Petrov",
    "Albrecht",
    "Delacroix",
    "Fairbanks",
    "Marchetti",
    "Oyelaran",
    "Sandoval",
    "Whitcombe",
    "Valdivia",
    "Kowalczyk",
    "Ashworth",
    "Bergstrom",
    "Quintero",
    "Halloran",
    "Dragomir",
    "Esposito",
    "Thorvald",
    "Markovic",
    "Pellegrini",
    "Rasmussen",
    "Szabo",
    "Ferreira",
    "Abernathy",
];
const OUTLET_A: &[&str] = &[
    "Morning",
    "Evening",
    "Daily",
    "Capital",
    "Harbour",
    "Metro",
    "Coastal",
    "Northern",
    "Southern",
    "Pacific",
    "Atlantic",
    "Continental",
    "Global",
    "Market",
    "Civic",
    "Frontier",
    "Summit",
    "Valley",
    "Weekly",
    "City",
];
const OUTLET_B: &[&str] = &[
    "Ledger",
    "Courier",
    "Wire",
    "Bulletin",
    "Gazette",
    "Dispatch",
    "Herald",
    "Observer",
    "Review",
    "Monitor",
    "Chronicle",
    "Times",
    "Post",
    "Journal",
    "Tribune",
    "Sentinel",
    "Digest",
    "Briefing",
    "Record",
    "Standard",
];
const BEAT: &[&str] = &[
    "economics",
    "trade",
    "energy",
    "markets",
    "technology",
    "industry",
    "infrastructure",
    "business",
];

/// Generic sentences. Slots: {Group}/{group} (plural), {one} (singular
/// person), {said}, {verb}, {pp} (past participle), {past}, {vi}
/// (third-person intransitive), {modal}, {object}, {object2}, {concern},
/// {abstract}, {desc}, {when}, {Conn}, {adv}, {city}, {sector}, {topic}.
const PROSE: &[&str] = &[
    "{Group} {said} the {topic} could {verb} {object} {when}.",
    "{Conn}, {group} {said} that the {topic} would {verb} {object} {when}.",
    "The {topic} has {adv} {pp} {object}, according to {group}.",
    "{Group} expect the {topic} to {verb} {object} as concern over {concern} {vi}.",
    "Some {group} {adv} {said} that {concern} {modal} hold back {object}.",
    "The {topic} {modal} {verb} {object}, but {concern} remains a worry for {group}.",
    "{Conn}, the {topic} is seen as a test of {abstract}.",
    "Critics {said} the {topic} had {adv} {pp} {object} without addressing {concern}.",
    "{Group} in {city} {said} they were watching {concern} {adv}.",
    "The timing of the {topic} reflects {abstract}, {group} {said}.",
    "{Conn}, {object} remained the main focus for {group}.",
    "Supporters argue the {topic} will {verb} {object} and {verb} {object2}.",
    "Details of the {topic} are still being negotiated, and {group} {said} {concern} could delay it.",
    "The {topic} follows months of talks over {abstract}.",
    "{Group} described the {topic} as {desc}.",
    "{Conn}, {group} {adv} {past} the {topic}.",
    "{one} in {city} {said} the {topic} would {verb} {object}.",
    "The decision comes as concern over {concern} {vi} across the {sector} sector.",
    "{Group} {said} {abstract} would shape the outcome of the {topic}.",
    "The {topic} is expected to {verb} {object} {when}, {group} {said}.",
    "Several {group} {past} the {topic} but {said} {concern} had not gone away.",
    "Whether the {topic} can {verb} {object} depends on {abstract}, {one} {said}.",
    "{Conn}, demand from the {sector} sector {adv} {pp} {object}.",
    "The {topic} would be among the largest in the {sector} sector, {group} {said}.",
];
/// Sentences carrying a role+name mention {M}.
const MENTION: &[&str] = &[
    "{M} {said} the {topic} would {verb} {object}.",
    "According to {M}, the {topic} {modal} {verb} {object} {when}.",
    "The {topic} was discussed by {M} and {group} {whenpast}.",
    "{Group} {said} talks with {M} had focused on {abstract}.",
    "In remarks to reporters, {M} {said} that {concern} could weigh on {object}.",
    "{M} has {adv} {past} the {topic}, {group} {said}.",
];
/// Sentences carrying an amount {A} of fact {F}, for any unit.
const FACT_ANY: &[&str] = &[
    "{Group} put the {F} at {A}.",
    "The {F} stands at {A}, {group} {said}.",
];
/// More sentences for money amounts.
const FACT_MONEY: &[&str] = &[
    "The {A} {F} is expected to {verb} {object}.",
    "The {F}, valued at {A}, {modal} {verb} {object}.",
    "Under the plan, the {F} would total {A}.",
    "{Group} {said} the {F} of {A} would be spent {when}.",
];
const PROMO: &[&str] = &[
    "Subscribe to {S} for daily analysis of markets, trade and policy.",
    "Sign up for the {S} newsletter to get our top stories every morning.",
    "Follow {S} for the latest coverage of business and the economy.",
    "Get unlimited access to {S} reporting with a digital subscription.",
];
const BIO: &[&str] = &[
    "{N} is a senior {B} correspondent for {S}, based in {C}. {N} has covered {B2} for more than a decade.",
    "{N} reports on {B} and {B2} for {S} from {C}.",
    "{N} writes about {B} for {S}. Before joining {S}, {N} covered {B2} in {C}.",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ------------------------------------------------------------------ vocabulary filter

/// Words from the rules that must not appear in generic prose: role titles
/// (case-insensitive) and jurisdiction terms (as written).
struct Forbidden {
    titles: Vec<String>,
    terms: Vec<String>,
}

impl Forbidden {
    fn new(rules: &Rules) -> Forbidden {
        Forbidden {
            titles: rules
                .roles
                .iter()
                .flat_map(|r| r.titles.iter().map(|t| t.to_lowercase()))
                .collect(),
            terms: rules
                .jurisdictions
                .iter()
                .flat_map(|j| j.terms.iter().cloned())
                .collect(),
        }
    }

    /// True when `text` contains a title or term as a whole word (a plural
    /// `s` still counts as the word).
    fn hits(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.titles.iter().any(|t| has_word(&lower, t))
            || self.terms.iter().any(|t| has_word(text, t))
    }

    fn clean<'a>(&self, list: &[&'a str]) -> Vec<&'a str> {
        list.iter().copied().filter(|w| !self.hits(w)).collect()
    }
}

fn has_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let b = hay.as_bytes();
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let at = from + pos;
        let end = at + needle.len();
        let before = at == 0 || !b[at - 1].is_ascii_alphanumeric();
        let after = end >= b.len()
            || !b[end].is_ascii_alphanumeric()
            || (b[end] == b's' && (end + 1 >= b.len() || !b[end + 1].is_ascii_alphanumeric()));
        if before && after {
            return true;
        }
        from = at + needle.len().max(1);
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// The filtered word lists.
struct Vocab {
    lists: BTreeMap<&'static str, Vec<&'static str>>,
    prose: Vec<&'static str>,
    mention: Vec<&'static str>,
    fact_any: Vec<&'static str>,
    fact_money: Vec<&'static str>,
    city: Vec<&'static str>,
    place_a: Vec<&'static str>,
    place_b: Vec<&'static str>,
    project_sector: Vec<&'static str>,
    project: Vec<&'static str>,
    anaphor: Vec<&'static str>,
    fact_noun: Vec<&'static str>,
    tails: Vec<&'static str>,
    first: Vec<&'static str>,
    last: Vec<&'static str>,
    outlet_a: Vec<&'static str>,
    outlet_b: Vec<&'static str>,
    beat: Vec<&'static str>,
    promo: Vec<&'static str>,
    bio: Vec<&'static str>,
}

impl Vocab {
    fn new(f: &Forbidden) -> Result<Vocab, String> {
        let mut lists = BTreeMap::new();
        for (k, l) in [
            ("group", GROUPS),
            ("one", GROUP_ONE),
            ("said", SAID),
            ("verb", VERB),
            ("pp", PAST_PART),
            ("past", PAST),
            ("vi", VERB_I),
            ("modal", MODAL),
            ("object", OBJECT),
            ("concern", CONCERN),
            ("abstract", ABSTRACT),
            ("desc", DESC),
            ("when", WHEN),
            ("whenpast", WHEN_PAST),
            ("Conn", CONNECTIVE),
            ("adv", ADVERB),
            ("city", CITY),
            ("sector", SECTOR),
        ] {
            let c = f.clean(l);
            if c.is_empty() {
                return Err(format!("every word of list {k} clashes with the rules"));
            }
            lists.insert(k, c);
        }
        let need = |name: &str, l: &[&'static str]| -> Result<Vec<&'static str>, String> {
            let c = f.clean(l);
            if c.is_empty() {
                Err(format!("every entry of {name} clashes with the rules"))
            } else {
                Ok(c)
            }
        };
        Ok(Vocab {
            lists,
            prose: need("PROSE", PROSE)?,
            mention: need("MENTION", MENTION)?,
            fact_any: need("FACT_ANY", FACT_ANY)?,
            fact_money: need("FACT_MONEY", FACT_MONEY)?,
            city: need("CITY", CITY)?,
            place_a: need("PLACE_A", PLACE_A)?,
            place_b: need("PLACE_B", PLACE_B)?,
            project_sector: need("PROJECT_SECTOR", PROJECT_SECTOR)?,
            project: need("PROJECT", PROJECT)?,
            anaphor: need("ANAPHOR", ANAPHOR)?,
            fact_noun: need("FACT_NOUN", FACT_NOUN)?,
            tails: need("HEADLINE_TAIL", HEADLINE_TAIL)?,
            first: need("FIRST", FIRST)?,
            last: need("LAST", LAST)?,
            outlet_a: need("OUTLET_A", OUTLET_A)?,
            outlet_b: need("OUTLET_B", OUTLET_B)?,
            beat: need("BEAT", BEAT)?,
            promo: need("PROMO", PROMO)?,
            bio: need("BIO", BIO)?,
        })
    }
}

/// Fills a sentence template. `extra` gives story- or mention-specific slots.
fn fill(rng: &mut Rng, v: &Vocab, template: &str, topic: &Topic, extra: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        if let Some((_, val)) = extra.iter().find(|(k, _)| *k == slot) {
            out.push_str(val);
            continue;
        }
        match slot {
            "topic" => {
                if rng.chance(0.2) {
                    out.push_str(&topic.subject);
                } else {
                    out.push_str(rng.w(&v.anaphor));
                }
            }
            "Group" => out.push_str(&capitalize(rng.w(&v.lists["group"]))),
            "object2" => out.push_str(rng.w(&v.lists["object"])),
            s => match v.lists.get(s) {
                Some(l) => out.push_str(rng.w(l)),
                None => {
                    out.push('{');
                    out.push_str(s);
                    out.push('}');
                }
            },
        }
    }
    out.push_str(rest);
    capitalize(&out)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ------------------------------------------------------------------ rules-derived model

/// One way to write a role's title with its qualifier, e.g. "Japanese Prime
/// Minister" (built from the rules' jurisdiction terms and titles).
struct RoleInfo {
    forms: Vec<String>,
    terms: Vec<usize>,
    /// Term boundaries (start and end dates) of the role.
    boundaries: Vec<i64>,
}

/// Names of every officeholder and alias, for collision checks.
struct Names {
    all: Vec<String>,
    tokens: Vec<String>,
}

fn role_infos(rules: &Rules) -> Vec<RoleInfo> {
    let mut out = Vec::new();
    for role in &rules.roles {
        let terms: Vec<usize> = rules
            .officeholders
            .iter()
            .enumerate()
            .filter(|(_, o)| o.role == role.role)
            .map(|(i, _)| i)
            .collect();
        if terms.is_empty() {
            continue;
        }
        let jur_terms: Vec<&String> = rules
            .jurisdictions
            .iter()
            .filter(|j| j.name == role.jurisdiction)
            .flat_map(|j| j.terms.iter())
            .collect();
        let mut forms = Vec::new();
        for title in &role.titles {
            // A title that another role shares in the same jurisdiction is
            // ambiguous: skip it. One no other role has at all may stand alone.
            let shared = |same_jur: bool| {
                rules.roles.iter().any(|r| {
                    r.role != role.role
                        && (!same_jur || r.jurisdiction == role.jurisdiction)
                        && r.titles.iter().any(|t| t.eq_ignore_ascii_case(title))
                })
            };
            if shared(true) {
                continue;
            }
            for term in &jur_terms {
                forms.push(format!("{} {title}", qualifier(term)));
            }
            if !shared(false) {
                forms.push(title.clone());
            }
        }
        if forms.is_empty() {
            continue;
        }
        forms.sort();
        forms.dedup();
        let mut boundaries: Vec<i64> = terms
            .iter()
            .flat_map(|&i| {
                let o = &rules.officeholders[i];
                std::iter::once(o.start.to_days()).chain(o.end.map(|e| e.to_days()))
            })
            .collect();
        boundaries.sort_unstable();
        out.push(RoleInfo {
            forms,
            terms,
            boundaries,
        });
    }
    out
}

/// A jurisdiction term as an attribute before a title: demonyms, acronyms
/// and possessives stay as written, other names become possessives.
fn qualifier(term: &str) -> String {
    let t = term.trim();
    let acronym = t
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    if t.ends_with("'s")
        || t.ends_with('\u{2019}')
        || acronym
        || t.ends_with("ese")
        || t.ends_with("an")
        || t.ends_with("ian")
    {
        t.to_string()
    } else if t.ends_with('s') {
        format!("{t}'")
    } else {
        format!("{t}'s")
    }
}

impl Names {
    fn new(rules: &Rules) -> Names {
        let mut all: Vec<String> = rules
            .officeholders
            .iter()
            .flat_map(|o| std::iter::once(o.name.clone()).chain(o.aliases.iter().cloned()))
            .collect();
        all.sort();
        all.dedup();
        let mut tokens: Vec<String> = all
            .iter()
            .flat_map(|n| n.split_whitespace().map(|t| t.to_lowercase()))
            .collect();
        tokens.sort();
        tokens.dedup();
        Names { all, tokens }
    }

    fn is_known(&self, name: &str) -> bool {
        self.all.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// True when an invented name is far from every known name and token.
    fn far_from_all(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        if self
            .all
            .iter()
            .any(|n| strsim::levenshtein(&n.to_lowercase(), &lower) <= 4)
        {
            return false;
        }
        lower
            .split_whitespace()
            .all(|t| self.tokens.iter().all(|k| strsim::levenshtein(k, t) > 2))
    }
}

/// Makes a 1–2 letter misspelling of `name` that is closer to it than to any
/// other known name, or `None`.
fn misspell(rng: &mut Rng, name: &str, names: &Names) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    for _ in 0..20 {
        let mut chars: Vec<char> = name.chars().collect();
        let edits = if rng.chance(0.75) { 1 } else { 2 };
        for _ in 0..edits {
            // Letters that are not the first of a word.
            let spots: Vec<usize> = (1..chars.len())
                .filter(|&i| chars[i].is_ascii_lowercase() && chars[i - 1].is_ascii_alphabetic())
                .collect();
            if spots.is_empty() {
                return None;
            }
            let i = *rng.pick(&spots);
            const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];
            const CONS: &[char] = &['b', 'd', 'g', 'k', 'l', 'm', 'n', 'r', 's', 't', 'z'];
            match rng.below(4) {
                0 => {
                    let pool = if VOWELS.contains(&chars[i]) {
                        VOWELS
                    } else {
                        CONS
                    };
                    let c = *rng.pick(pool);
                    chars[i] = c;
                }
                1 if chars.len() > 6 => {
                    chars.remove(i);
                }
                2 => {
                    let c = chars[i];
                    chars.insert(i, c);
                }
                _ => {
                    if i + 1 < chars.len() && chars[i + 1].is_ascii_lowercase() {
                        chars.swap(i, i + 1);
                    }
                }
            }
        }
        let s: String = chars.into_iter().collect();
        if s == name || names.is_known(&s) {
            continue;
        }
        let d = strsim::levenshtein(&s, name);
        if d == 0 || d > 2 {
            continue;
        }
        let closest = names
            .all
            .iter()
            .filter(|n| n.as_str() != name)
            .all(|n| strsim::levenshtein(&s, n) > d + 1);
        if closest {
            return Some(s);
        }
    }
    None
}

// ------------------------------------------------------------------ stories and sources

/// A fact a story states: its phrase, true value and unit.
#[derive(Clone)]
struct FactSpec {
    phrase: String,
    value: f64,
    unit: String,
    /// True for facts from facts.csv (a reference value exists).
    reference: bool,
}

/// One story: several articles by several sources about one subject.
struct Topic {
    subject: String,
    facts: Vec<FactSpec>,
    center: i64,
    size: usize,
    wire: Vec<String>,
    used_tails: Vec<usize>,
    /// Articles left to write.
    left: usize,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Format {
    TxtManifest,
    TxtDateline,
    Markdown,
    Html,
    Jsonl,
}

impl Format {
    const ALL: [Format; 5] = [
        Format::TxtManifest,
        Format::TxtDateline,
        Format::Markdown,
        Format::Html,
        Format::Jsonl,
    ];
    fn has_title_para(self) -> bool {
        self != Format::Jsonl
    }
}

struct Source {
    name: String,
    slug: String,
    format: Format,
    authors: Vec<(String, Option<String>)>,
    promo: Option<String>,
    promo_mid: bool,
    most_read: Vec<String>,
    city: String,
    /// manifest.csv rows for TxtManifest sources.
    manifest: Vec<String>,
    /// Pending JSONL records and the current feed file number.
    jsonl: Vec<String>,
    feed: usize,
}

/// Records per JSONL feed file.
const JSONL_PER_FILE: usize = 200;

// ------------------------------------------------------------------ articles

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ParaKind {
    Title,
    Content,
    SelfRepeat,
    Wire(usize),
    Boilerplate,
}

struct Para {
    text: String,
    kind: ParaKind,
    heading: bool,
    /// Labels for this paragraph: (kind, mention, expected).
    labels: Vec<(&'static str, String, String)>,
}

/// One occurrence of a wire paragraph: (day, article key, paragraph number).
type WireCopy = (i64, String, u32);

/// Counts per label kind, corpus bytes and what --check compares.
type Finished = (BTreeMap<&'static str, u64>, u64, Option<Expected>);

/// What --check compares: per article key, the date and paragraph hashes.
type Expected = Vec<(String, Date, Vec<u64>)>;

fn norm_hash(s: &str) -> u64 {
    let s = s.trim_start_matches('#');
    let mut n = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !n.is_empty() {
            n.push(' ');
        }
        n.push_str(w);
    }
    xxhash_rust::xxh3::xxh3_64(n.as_bytes())
}

struct Gen<'a> {
    rng: Rng,
    v: Vocab,
    rules: &'a Rules,
    roles: Vec<RoleInfo>,
    names: Names,
    sources: Vec<Source>,
    articles_dir: PathBuf,
    labels: std::io::BufWriter<std::fs::File>,
    /// Occurrences of wire paragraphs: (topic no, wire idx) -> (date, key, para, near).
    wire_seen: BTreeMap<(usize, usize), Vec<WireCopy>>,
    expected: Option<Expected>,
    stats: BTreeMap<&'static str, u64>,
    bytes: u64,
    articles: u64,
    topic_no: usize,
}

fn date_of(days: i64) -> Date {
    Date::from_days(days)
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Formats an amount as the press writes it.
fn fmt_amount(value: f64, unit: &str, style: usize) -> String {
    let (scale, word) = if value.abs() >= 1e12 {
        (1e12, " trillion")
    } else if value.abs() >= 1e9 {
        (1e9, " billion")
    } else if value.abs() >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    let m = value / scale;
    let mut num = format!("{m:.2}");
    while num.contains('.') && (num.ends_with('0') || num.ends_with('.')) {
        num.pop();
    }
    if scale == 1.0 {
        num = group_thousands(&num);
    }
    match unit {
        "USD" => match style % 10 {
            0 if !word.is_empty() => format!("${num}{}", short_scale(word)),
            1 => format!("US${num}{word}"),
            _ => format!("${num}{word}"),
        },
        "EUR" => format!("€{num}{word}"),
        "GBP" => format!("£{num}{word}"),
        "JPY" => {
            if style.is_multiple_of(2) {
                format!("¥{num}{word}")
            } else {
                format!("{num}{word} yen")
            }
        }
        "%" => {
            if style.is_multiple_of(2) {
                format!("{num}%")
            } else {
                format!("{num} percent")
            }
        }
        "" => format!("{num}{word}"),
        code => format!("{num}{word} {code}"),
    }
}

fn short_scale(word: &str) -> &'static str {
    match word {
        " trillion" => "tn",
        " billion" => "bn",
        " million" => "m",
        _ => "",
    }
}

fn group_thousands(num: &str) -> String {
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The 10x slip of a value: a zero dropped, or one added to small mantissas.
fn slip(value: f64) -> f64 {
    let scale = if value.abs() >= 1e12 {
        1e12
    } else if value.abs() >= 1e9 {
        1e9
    } else if value.abs() >= 1e6 {
        1e6
    } else {
        1.0
    };
    if value / scale >= 20.0 {
        value / 10.0
    } else {
        value * 10.0
    }
}

impl<'a> Gen<'a> {
    fn new(rules: &'a Rules, seed: u64, out: &Path, check: bool) -> Result<Gen<'a>, String> {
        let forbidden = Forbidden::new(rules);
        let v = Vocab::new(&forbidden)?;
        let roles = role_infos(rules);
        if roles.is_empty() {
            return Err("the rules have no role with officeholders".into());
        }
        let articles_dir = out.join("articles");
        if articles_dir.exists() {
            std::fs::remove_dir_all(&articles_dir)
                .map_err(|e| format!("{}: {e}", articles_dir.display()))?;
        }
        std::fs::create_dir_all(&articles_dir)
            .map_err(|e| format!("{}: {e}", articles_dir.display()))?;
        let labels = std::fs::File::create(out.join("labels.csv"))
            .map_err(|e| format!("{}: {e}", out.join("labels.csv").display()))?;
        let mut labels = std::io::BufWriter::new(labels);
        writeln!(labels, "article,paragraph,kind,mention,expected").map_err(|e| e.to_string())?;
        Ok(Gen {
            rng: Rng(seed ^ 0x6372_6564_656e_6365),
            v,
            rules,
            roles,
            names: Names::new(rules),
            sources: Vec::new(),
            articles_dir,
            labels,
            wire_seen: BTreeMap::new(),
            expected: check.then(Vec::new),
            stats: BTreeMap::new(),
            bytes: 0,
            articles: 0,
            topic_no: 0,
        })
    }

    fn make_sources(&mut self, n: usize) -> Result<(), String> {
        for i in 0..n {
            let rng = &mut self.rng;
            let name = format!("{} {}", rng.w(&self.v.outlet_a), rng.w(&self.v.outlet_b));
            let slug = format!("{}-{i:03}", name.to_lowercase().replace(' ', "-"));
            let format = Format::ALL[i % Format::ALL.len()];
            let city = rng.w(&self.v.city).to_string();
            let mut authors = Vec::new();
            let with_bio = rng.chance(0.6);
            for _ in 0..rng.range(2, 4) {
                let a = format!("{} {}", rng.w(&self.v.first), rng.w(&self.v.last));
                let bio = with_bio.then(|| {
                    let b1 = rng.w(&self.v.beat).to_string();
                    let mut b2 = rng.w(&self.v.beat).to_string();
                    if b2 == b1 {
                        b2 = "policy".into();
                    }
                    rng.w(&self.v.bio)
                        .replace("{N}", &a)
                        .replace("{S}", &name)
                        .replace("{C}", rng.w(&self.v.city))
                        .replace("{B2}", &b2)
                        .replace("{B}", &b1)
                });
                authors.push((a, bio));
            }
            let promo = rng
                .chance(0.5)
                .then(|| rng.w(&self.v.promo).replace("{S}", &name));
            let promo_mid = rng.chance(0.3);
            let most_read = if rng.chance(0.3) {
                (0..6)
                    .map(|_| {
                        format!(
                            "{}{} {} {}",
                            rng.w(&self.v.place_a),
                            rng.w(&self.v.place_b),
                            rng.w(&self.v.project_sector),
                            rng.w(&self.v.project),
                        ) + " "
                            + rng.w(&self.v.tails)
                    })
                    .map(|h| capitalize(&h))
                    .collect()
            } else {
                Vec::new()
            };
            std::fs::create_dir_all(self.articles_dir.join(&slug)).map_err(|e| e.to_string())?;
            self.sources.push(Source {
                name,
                slug,
                format,
                authors,
                promo,
                promo_mid,
                most_read,
                city,
                manifest: Vec::new(),
                jsonl: Vec::new(),
                feed: 0,
            });
        }
        Ok(())
    }

    fn new_topic(&mut self) -> Topic {
        self.topic_no += 1;
        let rng = &mut self.rng;
        let subject = format!(
            "{}{} {} {}",
            rng.w(&self.v.place_a),
            rng.w(&self.v.place_b),
            rng.w(&self.v.project_sector),
            rng.w(&self.v.project)
        );
        // 2021-01-01 .. 2026-03-31
        let lo = Date::new(2021, 1, 15)
            .map(|d| d.to_days())
            .unwrap_or(18_642);
        let hi = Date::new(2026, 3, 15)
            .map(|d| d.to_days())
            .unwrap_or(20_527);
        let center = lo + rng.below((hi - lo) as usize) as i64;
        let size = rng.range(6, 18);
        let mut facts = Vec::new();
        if !self.rules.facts.is_empty() && rng.chance(0.06) {
            let f = rng.pick(&self.rules.facts);
            if let Some(cue) = f.cues.first() {
                facts.push(FactSpec {
                    phrase: cue.clone(),
                    value: f.value,
                    unit: f.unit.clone(),
                    reference: true,
                });
            }
        }
        let n_facts = if facts.is_empty() { rng.range(1, 2) } else { 0 };
        let currency = *rng.pick(&["USD", "USD", "USD", "USD", "EUR", "GBP", "JPY"]);
        let mut nouns: Vec<&str> = Vec::new();
        for _ in 0..n_facts {
            let mut noun = rng.w(&self.v.fact_noun);
            while nouns.contains(&noun) && self.v.fact_noun.len() > nouns.len() {
                noun = rng.w(&self.v.fact_noun);
            }
            nouns.push(noun);
            let mant = *rng.pick(&[
                12.0, 15.0, 18.0, 24.0, 30.0, 36.0, 45.0, 60.0, 75.0, 90.0, 120.0, 150.0, 240.0,
                300.0, 450.0, 600.0, 750.0,
            ]);
            let scale = if currency == "JPY" {
                *rng.pick(&[1e9, 1e9, 1e12])
            } else {
                *rng.pick(&[1e6, 1e6, 1e9])
            };
            let mant = if scale == 1e12 { mant / 100.0 } else { mant };
            facts.push(FactSpec {
                phrase: format!("{subject} {noun}"),
                value: mant * scale,
                unit: currency.to_string(),
                reference: false,
            });
        }
        let mut topic = Topic {
            subject,
            facts,
            center,
            size,
            wire: Vec::new(),
            used_tails: Vec::new(),
            left: size,
        };
        for _ in 0..2 {
            let w = self.prose_para(&topic, NEAR_MIN_WORDS + 5);
            topic.wire.push(w);
        }
        topic
    }

    /// A paragraph of generic prose of at least `min_words` words.
    fn prose_para(&mut self, topic: &Topic, min_words: usize) -> String {
        let mut s = String::new();
        let target = self.rng.range(3, 5);
        let mut n = 0;
        while n < target || s.split_whitespace().count() < min_words {
            let t = self.rng.w(&self.v.prose);
            let sent = fill(&mut self.rng, &self.v, t, topic, &[]);
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&sent);
            n += 1;
        }
        s
    }

    /// A role+name mention sentence for `date`, with its label, or `None`
    /// when no role has an unambiguous holder on that date.
    fn mention(
        &mut self,
        topic: &Topic,
        day: i64,
    ) -> Option<(String, &'static str, String, String)> {
        let date = date_of(day);
        let usable: Vec<usize> = (0..self.roles.len())
            .filter(|&r| {
                let ri = &self.roles[r];
                ri.boundaries.iter().all(|b| (b - day).abs() > 2)
                    && ri
                        .terms
                        .iter()
                        .any(|&t| self.rules.officeholders[t].serves_on(date))
            })
            .collect();
        if usable.is_empty() {
            return None;
        }
        let r = *self.rng.pick(&usable);
        let ri = &self.roles[r];
        let ohs: &[Officeholder] = &self.rules.officeholders;
        let mut current: Vec<&str> = ri
            .terms
            .iter()
            .filter(|&&t| ohs[t].serves_on(date))
            .map(|&t| ohs[t].name.as_str())
            .collect();
        current.sort();
        current.dedup();
        let right = *self.rng.pick(&current);
        let expected = current.join("|");
        let mut former: Vec<&str> = ri
            .terms
            .iter()
            .filter(|&&t| ohs[t].end.is_some_and(|e| e.to_days() <= day))
            .map(|&t| ohs[t].name.as_str())
            .filter(|n| !current.contains(n))
            .collect();
        former.sort();
        former.dedup();
        let mut never: Vec<&str> = ohs
            .iter()
            .map(|o| o.name.as_str())
            .filter(|n| !ri.terms.iter().any(|&t| ohs[t].name == *n))
            .collect();
        never.sort();
        never.dedup();
        let form = self.rng.pick(&ri.forms).clone();

        let x = (self.rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let mut kind = "correct_name";
        let mut name = right.to_string();
        let mut cut = SHARE_OUTDATED;
        if x < cut {
            if !former.is_empty() {
                kind = "outdated_officeholder";
                name = self.rng.pick(&former).to_string();
            }
        } else if x < {
            cut += SHARE_MISSPELLED;
            cut
        } {
            if let Some(m) = misspell(&mut self.rng, right, &self.names) {
                kind = "misspelled_name";
                name = m;
            }
        } else if x < {
            cut += SHARE_WRONG;
            cut
        } {
            for _ in 0..20 {
                let n = format!("{} {}", self.rng.w(&self.v.first), self.rng.w(&self.v.last));
                if self.names.far_from_all(&n) {
                    kind = "wrong_officeholder";
                    name = n;
                    break;
                }
            }
        } else if x < cut + SHARE_ROLE_MISMATCH && !never.is_empty() {
            kind = "role_mismatch";
            name = self.rng.pick(&never).to_string();
        }
        let m = format!("{form} {name}");
        let t = self.rng.w(&self.v.mention);
        let sentence = fill(&mut self.rng, &self.v, t, topic, &[("M", &m)]);
        let sentence = capitalize(&sentence);
        Some((sentence, kind, name, expected))
    }

    fn fact_sentence(&mut self, topic: &Topic, f: &FactSpec, amount: &str) -> String {
        let money = matches!(f.unit.as_str(), "USD" | "EUR" | "GBP" | "JPY");
        let pool: Vec<&str> = if money {
            self.v
                .fact_any
                .iter()
                .chain(self.v.fact_money.iter())
                .copied()
                .collect()
        } else {
            self.v.fact_any.clone()
        };
        let t = *self.rng.pick(&pool);
        capitalize(&fill(
            &mut self.rng,
            &self.v,
            t,
            topic,
            &[("A", amount), ("F", &f.phrase)],
        ))
    }

    fn title(&mut self, topic: &mut Topic) -> String {
        let n = self.v.tails.len();
        let free: Vec<usize> = (0..n).filter(|i| !topic.used_tails.contains(i)).collect();
        let i = if free.is_empty() {
            self.rng.below(n)
        } else {
            *self.rng.pick(&free)
        };
        topic.used_tails.push(i);
        let mut t = format!("{} {}", capitalize(&topic.subject), self.v.tails[i]);
        if free.is_empty() {
            t.push_str(" once more");
        }
        t
    }

    /// Swaps one adverb for another: a near copy.
    fn near_copy(&mut self, text: &str) -> Option<String> {
        if text.split_whitespace().count() < NEAR_MIN_WORDS {
            return None;
        }
        let words: Vec<&str> = text.split(' ').collect();
        let spots: Vec<usize> = (0..words.len())
            .filter(|&i| self.v.lists["adv"].contains(&words[i]))
            .collect();
        if spots.is_empty() {
            return None;
        }
        let i = *self.rng.pick(&spots);
        let mut alt = self.rng.w(&self.v.lists["adv"]);
        while alt == words[i] && self.v.lists["adv"].len() > 1 {
            alt = self.rng.w(&self.v.lists["adv"]);
        }
        let mut out: Vec<&str> = words.clone();
        out[i] = alt;
        Some(out.join(" "))
    }

    fn article(&mut self, topic: &mut Topic, tno: usize) -> Result<(), String> {
        let src_no = self.rng.below(self.sources.len());
        let day = topic.center + self.rng.range(0, 14) as i64 - 7;
        let date = date_of(day);
        let title = self.title(topic);
        let (format, author_no) = {
            let s = &self.sources[src_no];
            (s.format, self.rng.below(s.authors.len()))
        };
        let mut paras: Vec<Para> = Vec::new();
        if format.has_title_para() {
            paras.push(Para {
                text: title.clone(),
                kind: ParaKind::Title,
                heading: true,
                labels: Vec::new(),
            });
        }
        // Content paragraphs with mentions and facts.
        let n_content = self.rng.range(4, 9);
        let slips_ok = |f: &FactSpec| f.reference || topic.size >= 8;
        let mut fact_slots: Vec<(usize, FactSpec)> = Vec::new();
        for f in topic.facts.clone() {
            if self.rng.chance(P_FACT) {
                let at = self.rng.below(n_content);
                if !fact_slots.iter().any(|(a, _)| *a == at) {
                    fact_slots.push((at, f));
                }
            }
        }
        for c in 0..n_content {
            let mut text = self.prose_para(topic, 0);
            let mut labels = Vec::new();
            let mut sentences: Vec<String> = Vec::new();
            if self.rng.chance(P_MENTION) {
                if let Some((s, kind, name, expected)) = self.mention(topic, day) {
                    sentences.push(s);
                    labels.push((kind, name, expected));
                }
            }
            if let Some((_, f)) = fact_slots.iter().find(|(a, _)| *a == c).cloned() {
                let style = self.rng.below(10);
                let truth = fmt_amount(f.value, &f.unit, style);
                let (value, kind) = if slips_ok(&f) && self.rng.chance(P_SLIP) {
                    (slip(f.value), "quantity_conflict")
                } else {
                    (f.value, "correct_quantity")
                };
                let amount = fmt_amount(value, &f.unit, style);
                sentences.push(self.fact_sentence(topic, &f, &amount));
                labels.push((kind, amount, truth));
            }
            for s in sentences {
                // Insert at a sentence boundary.
                let bounds: Vec<usize> = std::iter::once(0)
                    .chain(text.match_indices(". ").map(|(i, _)| i + 2))
                    .collect();
                let at = *self.rng.pick(&bounds);
                if at == 0 {
                    text = format!("{s} {text}");
                } else {
                    text.insert_str(at, &format!("{s} "));
                }
            }
            paras.push(Para {
                text,
                kind: ParaKind::Content,
                heading: false,
                labels,
            });
        }
        // Dateline on the first body paragraph of dateline sources.
        if format == Format::TxtDateline {
            let first = usize::from(format.has_title_para());
            let city = self.sources[src_no].city.to_uppercase();
            let dl = format!(
                "{city}, {} {}, {} — ",
                MONTHS[usize::from(date.month) - 1],
                date.day,
                date.year
            );
            paras[first].text.insert_str(0, &dl);
        }
        // Wire copy.
        for (w, p) in P_WIRE.iter().enumerate() {
            if w < topic.wire.len() && self.rng.chance(*p) {
                let first = usize::from(format.has_title_para());
                let at = first + self.rng.range(1, 2).min(paras.len() - first);
                let mut text = topic.wire[w].clone();
                if self.rng.chance(P_NEAR) {
                    if let Some(t) = self.near_copy(&text) {
                        text = t;
                    }
                }
                paras.insert(
                    at,
                    Para {
                        text,
                        kind: ParaKind::Wire(w),
                        heading: false,
                        labels: Vec::new(),
                    },
                );
            }
        }
        // A repeat of one of its own paragraphs.
        if self.rng.chance(P_SELF_REPEAT) {
            let content: Vec<usize> = (0..paras.len())
                .filter(|&i| paras[i].kind == ParaKind::Content)
                .collect();
            if content.len() >= 2 {
                let src = content[self.rng.below(content.len() - 1)];
                let at = self.rng.range(src + 2, paras.len()).min(paras.len());
                let mut text = paras[src].text.clone();
                if self.rng.chance(P_NEAR) {
                    if let Some(t) = self.near_copy(&text) {
                        text = t;
                    }
                }
                paras.insert(
                    at,
                    Para {
                        text,
                        kind: ParaKind::SelfRepeat,
                        heading: false,
                        labels: vec![("duplicate_paragraph", String::new(), String::new())],
                    },
                );
                // Expected: the first paragraph's number, fixed below.
                let n = (src + 1).to_string();
                if let Some(l) = paras[at].labels.first_mut() {
                    l.2 = format!("p{n}");
                }
            }
        }
        // Boilerplate.
        let s = &self.sources[src_no];
        let boiler = |text: String, heading: bool| Para {
            text,
            kind: ParaKind::Boilerplate,
            heading,
            labels: vec![("boilerplate", String::new(), String::new())],
        };
        if let Some(p) = &s.promo {
            if s.promo_mid && paras.len() > 4 {
                paras.insert(3, boiler(p.clone(), false));
            } else {
                paras.push(boiler(p.clone(), false));
            }
        }
        if !s.most_read.is_empty() {
            paras.push(boiler(format!("Most read on {}", s.name), true));
            let start = self.rng.below(s.most_read.len());
            for k in 0..3 {
                let h = s.most_read[(start + k) % s.most_read.len()].clone();
                paras.push(boiler(h, true));
            }
        }
        let (author, bio) = s.authors[author_no].clone();
        if let Some(b) = bio {
            paras.push(boiler(b, false));
        }
        // Fix self-repeat references after later insertions: find the source
        // paragraph by text identity is not possible for near copies, so the
        // label is recomputed from the ordering of content paragraphs.
        self.relabel_repeats(&mut paras);

        self.write_article(src_no, tno, date, &title, &author, paras)
    }

    /// Sets each repeat's expected field to the number of the earliest
    /// paragraph it copies (by normalised text, or by near copy order).
    fn relabel_repeats(&self, paras: &mut [Para]) {
        for i in 0..paras.len() {
            if paras[i].kind != ParaKind::SelfRepeat {
                continue;
            }
            let words_i: Vec<&str> = paras[i].text.split(' ').collect();
            let orig = (0..i).find(|&j| {
                let wj: Vec<&str> = paras[j].text.split(' ').collect();
                wj.len() == words_i.len()
                    && wj.iter().zip(&words_i).filter(|(a, b)| a != b).count() <= 1
            });
            if let (Some(j), Some(l)) = (orig, paras[i].labels.first_mut()) {
                l.2 = format!("p{}", j + 1);
            }
        }
    }

    fn write_article(
        &mut self,
        src_no: usize,
        tno: usize,
        date: Date,
        title: &str,
        author: &str,
        paras: Vec<Para>,
    ) -> Result<(), String> {
        self.articles += 1;
        let n = self.articles;
        let s = &mut self.sources[src_no];
        let url = format!("https://{}.example.com/{n}", s.slug);
        let (key, bytes): (String, u64) = match s.format {
            Format::Jsonl => {
                let text = paras
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                let rec = serde_json::json!({
                    "id": format!("a{n}"),
                    "title": title,
                    "date": date.to_string(),
                    "source": s.name,
                    "author": author,
                    "url": url,
                    "text": text,
                });
                let line = rec.to_string();
                let bytes = line.len() as u64 + 1;
                s.jsonl.push(line);
                let key = format!("{}/feed-{:04}.jsonl#a{n}", s.slug, s.feed);
                if s.jsonl.len() >= JSONL_PER_FILE {
                    flush_jsonl(&self.articles_dir, s)?;
                }
                (key, bytes)
            }
            fmt => {
                let file = format!(
                    "{n:07}.{}",
                    match fmt {
                        Format::Markdown => "md",
                        Format::Html => "html",
                        _ => "txt",
                    }
                );
                let mut body = String::new();
                match fmt {
                    Format::Markdown => {
                        let _ = write!(
                            body,
                            "---\ntitle: \"{title}\"\ndate: {date}\nsource: \"{}\"\nauthor: \"{author}\"\nurl: {url}\n---\n",
                            s.name
                        );
                        for (i, p) in paras.iter().enumerate() {
                            if i > 0 {
                                body.push('\n');
                            }
                            if i == 0 && p.kind == ParaKind::Title {
                                body.push_str("# ");
                            }
                            body.push_str(&p.text);
                            body.push('\n');
                        }
                    }
                    Format::Html => {
                        let _ = write!(
                            body,
                            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n\
<meta property=\"og:site_name\" content=\"{sn}\">\n<meta property=\"article:published_time\" content=\"{date}T08:00:00Z\">\n\
<meta name=\"author\" content=\"{a}\">\n<link rel=\"canonical\" href=\"{url}\">\n</head>\n<body>\n\
<header><nav><a href=\"/\">Home</a> <a href=\"/markets\">Markets</a> <a href=\"/policy\">Policy</a></nav></header>\n<article>\n",
                            t = html_escape(title),
                            sn = html_escape(&s.name),
                            a = html_escape(author),
                        );
                        let mut in_list = false;
                        for (i, p) in paras.iter().enumerate() {
                            let item = p.kind == ParaKind::Boilerplate
                                && p.heading
                                && i > 0
                                && paras[i - 1].kind == ParaKind::Boilerplate
                                && paras[i - 1].heading;
                            if item && !in_list {
                                body.push_str("<ul>\n");
                                in_list = true;
                            }
                            if !item && in_list {
                                body.push_str("</ul>\n");
                                in_list = false;
                            }
                            let t = html_escape(&p.text);
                            if item {
                                let _ = writeln!(body, "<li><a href=\"#\">{t}</a></li>");
                            } else if i == 0 {
                                let _ = writeln!(body, "<h1>{t}</h1>");
                            } else if p.heading {
                                let _ = writeln!(body, "<h3>{t}</h3>");
                            } else {
                                let _ = writeln!(body, "<p>{t}</p>");
                            }
                        }
                        if in_list {
                            body.push_str("</ul>\n");
                        }
                        let _ = write!(
                            body,
                            "</article>\n<aside><h2>Related</h2><p>More stories from {sn}.</p></aside>\n\
<footer><p>All rights reserved.</p></footer>\n</body>\n</html>\n",
                            sn = html_escape(&s.name)
                        );
                    }
                    _ => {
                        for (i, p) in paras.iter().enumerate() {
                            if i > 0 {
                                body.push('\n');
                            }
                            body.push_str(&p.text);
                            body.push('\n');
                        }
                        if s.format == Format::TxtManifest {
                            s.manifest.push(format!(
                                "{file},{},{date},{},{}",
                                csv_cell(title),
                                csv_cell(&s.name),
                                csv_cell(author)
                            ));
                        }
                    }
                }
                let path = self.articles_dir.join(&s.slug).join(&file);
                std::fs::write(&path, body.as_bytes())
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                (format!("{}/{file}", s.slug), body.len() as u64)
            }
        };
        self.bytes += bytes;
        *self.stats.entry("articles").or_default() += 1;
        // Labels.
        for (i, p) in paras.iter().enumerate() {
            let no = i as u32 + 1;
            for (kind, mention, expected) in &p.labels {
                let expected = if *kind == "duplicate_paragraph" {
                    format!("{key}#{expected}")
                } else {
                    expected.clone()
                };
                writeln!(
                    self.labels,
                    "{},{no},{kind},{},{}",
                    csv_cell(&key),
                    csv_cell(mention),
                    csv_cell(&expected)
                )
                .map_err(|e| e.to_string())?;
                *self.stats.entry(kind).or_default() += 1;
            }
            if let ParaKind::Wire(w) = p.kind {
                self.wire_seen
                    .entry((tno, w))
                    .or_default()
                    .push((date.to_days(), key.clone(), no));
            }
        }
        if let Some(exp) = &mut self.expected {
            exp.push((
                key,
                date,
                paras.iter().map(|p| norm_hash(&p.text)).collect(),
            ));
        }
        Ok(())
    }

    /// Labels wire copies: the earliest (date, then id) is the origin.
    fn finish(mut self, out: &Path) -> Result<Finished, String> {
        for s in &mut self.sources {
            if !s.jsonl.is_empty() {
                flush_jsonl(&self.articles_dir, s)?;
            }
            if !s.manifest.is_empty() {
                let mut text = String::from("file,title,date,source,author\n");
                for r in &s.manifest {
                    text.push_str(r);
                    text.push('\n');
                }
                let p = self.articles_dir.join(&s.slug).join("manifest.csv");
                std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
            }
        }
        let seen = std::mem::take(&mut self.wire_seen);
        for (_, mut occ) in seen {
            if occ.len() < 2 {
                continue;
            }
            occ.sort();
            let (_, okey, opara) = occ[0].clone();
            for (i, (_, key, para)) in occ.iter().enumerate() {
                let kind = if i == 0 {
                    "syndicated_origin"
                } else {
                    "syndicated_paragraph"
                };
                writeln!(
                    self.labels,
                    "{},{para},{kind},,{}",
                    csv_cell(key),
                    csv_cell(&format!("{okey}#p{opara}"))
                )
                .map_err(|e| e.to_string())?;
                *self.stats.entry(kind).or_default() += 1;
            }
        }
        self.labels.flush().map_err(|e| e.to_string())?;
        let mut st = String::new();
        let _ = writeln!(st, "bytes,{}", self.bytes);
        for (k, v) in &self.stats {
            let _ = writeln!(st, "{k},{v}");
        }
        std::fs::write(out.join("stats.csv"), st).map_err(|e| e.to_string())?;
        Ok((self.stats, self.bytes, self.expected))
    }
}

fn flush_jsonl(dir: &Path, s: &mut Source) -> Result<(), String> {
    let p = dir.join(&s.slug).join(format!("feed-{:04}.jsonl", s.feed));
    let mut text = s.jsonl.join("\n");
    text.push('\n');
    std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
    s.jsonl.clear();
    s.feed += 1;
    Ok(())
}

/// Re-reads the corpus with credence's ingest and segmenter and compares.
fn check(dir: &Path, expected: &Expected) -> Result<(), String> {
    use credence::ingest;
    let d = ingest::discover(&[dir.to_path_buf()]).map_err(|e| e.to_string())?;
    let cfg = ingest::IngestConfig::default();
    let mut got: BTreeMap<String, (Date, Vec<u64>)> = BTreeMap::new();
    let mut failures = Vec::new();
    for e in &d.entries {
        let l = ingest::load(e, &cfg);
        for f in l.failures {
            failures.push(format!("{}: {}", f.key, f.reason));
        }
        for mut a in l.articles {
            credence::segment::segment(&mut a);
            let hashes = a
                .paragraphs
                .iter()
                .map(|p| norm_hash(a.para_text(p)))
                .collect();
            got.insert(a.key.clone(), (a.date, hashes));
        }
    }
    let mut problems = failures;
    if got.len() != expected.len() {
        problems.push(format!(
            "credence read {} articles, {} were written",
            got.len(),
            expected.len()
        ));
    }
    for (key, date, hashes) in expected {
        match got.get(key) {
            None => problems.push(format!("{key}: not read by credence")),
            Some((d, h)) => {
                if d != date {
                    problems.push(format!("{key}: credence dates it {d}, written as {date}"));
                }
                if h != hashes {
                    let first = h
                        .iter()
                        .zip(hashes)
                        .position(|(a, b)| a != b)
                        .unwrap_or(h.len().min(hashes.len()));
                    problems.push(format!(
                        "{key}: credence sees {} paragraphs, {} were written (first difference at paragraph {})",
                        h.len(),
                        hashes.len(),
                        first + 1
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let n = problems.len();
        problems.truncate(20);
        Err(format!(
            "check failed ({n} problems):\n{}",
            problems.join("\n")
        ))
    }
}

fn run(args: &Args) -> Result<(), String> {
    let rules = Rules::load(&args.rules).map_err(|e| format!("{}: {e}", args.rules.display()))?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let target_bytes = args.size.map(|mb| (mb * 1e6) as u64);
    let max_articles = args.articles.unwrap_or(if target_bytes.is_some() {
        usize::MAX
    } else {
        1000
    });
    // About 4.5 kB per article: one source per ~60 articles, 10 to 400.
    let est = match target_bytes {
        Some(b) => (b / 4500) as usize,
        None => max_articles,
    };
    let mut g = Gen::new(&rules, args.seed, &args.out, args.check)?;
    g.make_sources((est / 60).clamp(10, 400))?;
    let started = std::time::Instant::now();
    let mut topic = g.new_topic();
    let mut tno = g.topic_no;
    while (g.articles as usize) < max_articles && target_bytes.is_none_or(|t| g.bytes < t) {
        if topic.left == 0 {
            topic = g.new_topic();
            tno = g.topic_no;
        }
        topic.left -= 1;
        g.article(&mut topic, tno)?;
    }
    let dir = g.articles_dir.clone();
    let (stats, bytes, expected) = g.finish(&args.out)?;
    eprintln!(
        "gen-corpus: {} articles, {:.1} MB in {} ({:.1}s)",
        stats.get("articles").copied().unwrap_or(0),
        bytes as f64 / 1e6,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    for (k, v) in &stats {
        if *k != "articles" {
            eprintln!("gen-corpus:   {k:<22} {v}");
        }
    }
    if let Some(exp) = expected {
        check(&dir, &exp)?;
        eprintln!(
            "gen-corpus: check passed: credence reads every article, date and paragraph as written"
        );
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_as_the_press_does() {
        assert_eq!(fmt_amount(550e9, "USD", 5), "$550 billion");
        assert_eq!(fmt_amount(550e9, "USD", 0), "$550bn");
        assert_eq!(fmt_amount(1.2e9, "USD", 1), "US$1.2 billion");
        assert_eq!(fmt_amount(3.6e12, "JPY", 1), "3.6 trillion yen");
        assert_eq!(fmt_amount(15.0, "%", 0), "15%");
        assert_eq!(fmt_amount(12000.0, "", 0), "12,000");
        assert_eq!(slip(550e9), 55e9);
        assert_eq!(slip(12e6), 120e6);
    }

    #[test]
    fn qualifiers_read_as_attributes() {
        assert_eq!(qualifier("Japanese"), "Japanese");
        assert_eq!(qualifier("U.S."), "U.S.");
        assert_eq!(qualifier("Acme Corp"), "Acme Corp's");
        assert_eq!(qualifier("Ruritania's"), "Ruritania's");
    }

    #[test]
    fn forbidden_words_match_whole_words_and_plurals() {
        assert!(has_word("the premier said", "premier"));
        assert!(has_word("two presidents met", "president"));
        assert!(!has_word("development", "pm"));
        assert!(!has_word("premiership", "premier"));
    }

    #[test]
    fn misspellings_stay_close_to_the_right_name_only() {
        let rules = Rules::parse(
            Some("jurisdiction,terms,note\nx,Xland,\n"),
            Some("role,jurisdiction,titles,holders,note\nx_pm,x,Prime Minister,1,\n"),
            Some("name,aliases,role,start,end,note\nAlexandra Bergmann,,x_pm,2020-01-01,,\nJonas Lind,,x_pm,2010-01-01,2020-01-01,\n"),
            None,
            None,
            None,
        )
        .unwrap();
        let names = Names::new(&rules);
        let mut rng = Rng(7);
        for _ in 0..50 {
            let m = misspell(&mut rng, "Alexandra Bergmann", &names).unwrap();
            let d = strsim::levenshtein(&m, "Alexandra Bergmann");
            assert!((1..=2).contains(&d), "{m}");
            assert!(m.starts_with('A') && m.contains(" B"), "{m}");
        }
        assert!(names.far_from_all("Greta Okafor"));
        assert!(!names.far_from_all("Jonas Lindt"));
    }

    #[test]
    fn prng_is_stable() {
        let mut r = Rng(1);
        let a: Vec<u64> = (0..3).map(|_| r.next()).collect();
        let mut r = Rng(1);
        let b: Vec<u64> = (0..3).map(|_| r.next()).collect();
        assert_eq!(a, b);
        let mut r = Rng(3);
        assert!((0..1000).all(|_| r.below(7) < 7));
    }
}
