//! Stories and sources: the outlets that publish, the stories they cover
//! (subject, date, facts, wire paragraphs), and the sentences and titles
//! written about a story.

use crate::corpus::Gen;
use crate::roles::{misspell, usable_roles, Holders};
use crate::shares::*;
use crate::vocab::{capitalize, fill};
use credence::model::Date;

/// A fact a story states: its phrase, true value and unit.
#[derive(Clone)]
pub(crate) struct FactSpec {
    pub(crate) phrase: String,
    pub(crate) value: f64,
    pub(crate) unit: String,
    /// True for facts from facts.csv (a reference value exists).
    pub(crate) reference: bool,
}

/// One story: several articles by several sources about one subject.
pub(crate) struct Topic {
    pub(crate) subject: String,
    pub(crate) facts: Vec<FactSpec>,
    pub(crate) center: i64,
    pub(crate) size: usize,
    pub(crate) wire: Vec<String>,
    pub(crate) used_tails: Vec<usize>,
    /// Articles left to write.
    pub(crate) left: usize,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum Format {
    TxtManifest,
    TxtDateline,
    Markdown,
    Html,
    Jsonl,
}

impl Format {
    pub(crate) const ALL: [Format; 5] = [
        Format::TxtManifest,
        Format::TxtDateline,
        Format::Markdown,
        Format::Html,
        Format::Jsonl,
    ];
    pub(crate) fn has_title_para(self) -> bool {
        self != Format::Jsonl
    }
}

pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) format: Format,
    pub(crate) authors: Vec<(String, Option<String>)>,
    pub(crate) promo: Option<String>,
    pub(crate) promo_mid: bool,
    pub(crate) most_read: Vec<String>,
    pub(crate) city: String,
    /// manifest.csv rows for TxtManifest sources.
    pub(crate) manifest: Vec<String>,
    /// Pending JSONL records and the current feed file number.
    pub(crate) jsonl: Vec<String>,
    pub(crate) feed: usize,
}

/// Records per JSONL feed file.
pub(crate) const JSONL_PER_FILE: usize = 200;

impl Gen<'_> {
    /// `n` sources, their formats in turn from `formats`.
    pub(crate) fn make_sources(&mut self, n: usize, formats: &[Format]) -> Result<(), String> {
        for i in 0..n {
            let rng = &mut self.rng;
            let name = format!("{} {}", rng.w(&self.v.outlet_a), rng.w(&self.v.outlet_b));
            let slug = format!("{}-{i:03}", name.to_lowercase().replace(' ', "-"));
            let format = formats[i % formats.len()];
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

    pub(crate) fn new_topic(&mut self) -> Topic {
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
    pub(crate) fn prose_para(&mut self, topic: &Topic, min_words: usize) -> String {
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
    pub(crate) fn mention(
        &mut self,
        topic: &Topic,
        day: i64,
    ) -> Option<(String, &'static str, String, String)> {
        let rules = self.rules;
        let usable = usable_roles(&self.roles, &rules.officeholders, day);
        if usable.is_empty() {
            return None;
        }
        let r = *self.rng.pick(&usable);
        let ri = &self.roles[r];
        let holders = Holders::on(ri, &rules.officeholders, day);
        let right = *self.rng.pick(&holders.current);
        let expected = holders.current.join("|");
        let form = self.rng.pick(&ri.forms).clone();
        let (kind, name) = self.mention_kind(right, &holders);
        let m = format!("{form} {name}");
        let t = self.rng.w(&self.v.mention);
        let sentence = fill(&mut self.rng, &self.v, t, topic, &[("M", &m)]);
        let sentence = capitalize(&sentence);
        Some((sentence, kind, name, expected))
    }

    /// Draws the kind of a mention by the shares (correct, outdated,
    /// misspelled, wrong, role mismatch) and the name it uses; a kind with
    /// no possible name stays correct.
    fn mention_kind(&mut self, right: &str, holders: &Holders<'_>) -> (&'static str, String) {
        let x = (self.rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let mut kind = "correct_name";
        let mut name = right.to_string();
        let mut cut = SHARE_OUTDATED;
        if x < cut {
            if !holders.former.is_empty() {
                kind = "outdated_officeholder";
                name = self.rng.pick(&holders.former).to_string();
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
        } else if x < cut + SHARE_ROLE_MISMATCH && !holders.never.is_empty() {
            kind = "role_mismatch";
            name = self.rng.pick(&holders.never).to_string();
        }
        (kind, name)
    }

    pub(crate) fn fact_sentence(&mut self, topic: &Topic, f: &FactSpec, amount: &str) -> String {
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

    pub(crate) fn title(&mut self, topic: &mut Topic) -> String {
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
    pub(crate) fn near_copy(&mut self, text: &str) -> Option<String> {
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
}
