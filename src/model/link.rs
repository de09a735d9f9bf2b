//! What the cross-article link reads of the corpus, held slim: a few fixed
//! fields per article and 24 bytes per paragraph in flat tables (no
//! per-article summary or vector), source and author names numbered once,
//! and the paragraphs' LSH band keys waiting in scratch space, one stream
//! per band, read back one band at a time. What the per-article pass
//! found inside each article (findings, duplicates.csv rows) waits in
//! scratch space too, but for its within-article repeats.

use super::{
    ArticleId, ArticleSummary, Date, DupKind, DuplicateRow, Finding, Keys, MetaOrigin, ParaMark,
    Scratch, BANDS,
};
use std::collections::HashMap;
use std::ops::Range;

/// One article as the link reads it (its paragraphs are a range of
/// [`LinkInput`]'s tables, from this start to the next article's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkArticle {
    pub id: ArticleId,
    pub date: Date,
    pub content_hash: u64,
    /// Source and author, numbered in [`LinkInput::name`].
    pub source: u32,
    pub author: u32,
    /// Whether the source came from somewhere (not `MetaOrigin::None`).
    pub source_known: bool,
    /// Its key's number in the keys' table.
    key_at: u64,
    pub first_para: u32,
    /// Where its per-article findings and rows lie in the scratch space
    /// (length 0: none).
    local_len: u32,
    local_at: u64,
    /// Whether those hold a within-article repeat (a `duplicate_paragraph`
    /// finding or a row that is not boilerplate).
    pub local_repeats: bool,
}

/// A repeat the per-article pass found inside one article: (first
/// occurrence, repeat) in global paragraph numbers, and their similarity.
pub type LocalRepeat = (u32, u32, f64);

/// One paragraph's print without its band keys (16 bytes): its place in
/// its article is its place in the article's range of [`LinkInput::paras`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkPara {
    /// Hash of the normalised text.
    pub exact: u64,
    pub line: u32,
    /// Words (the low 30 bits, saturated), then whether it is title-like
    /// and whether it has band keys.
    packed: u32,
}

impl LinkPara {
    /// Words a print holds; more are counted as this many.
    pub const MAX_WORDS: u32 = (1 << 30) - 1;
    const TITLE_LIKE: u32 = 1 << 30;
    const SIGNED: u32 = 1 << 31;

    /// The print of a paragraph of `words` words (at most
    /// [`LinkPara::MAX_WORDS`]), title-like or not, with band keys (a
    /// paragraph long enough for MinHash) or not.
    pub fn new(exact: u64, line: u32, words: u32, title_like: bool, signed: bool) -> LinkPara {
        let mut packed = words.min(Self::MAX_WORDS);
        if title_like {
            packed |= Self::TITLE_LIKE;
        }
        if signed {
            packed |= Self::SIGNED;
        }
        LinkPara {
            exact,
            line,
            packed,
        }
    }

    pub fn words(&self) -> u32 {
        self.packed & Self::MAX_WORDS
    }

    /// A short title-like line (heading, list item, byline, date line).
    pub fn title_like(&self) -> bool {
        self.packed & Self::TITLE_LIKE != 0
    }

    /// Whether it has band keys.
    pub fn signed(&self) -> bool {
        self.packed & Self::SIGNED != 0
    }
}

/// A stream of band keys (4 bytes per paragraph, little-endian).
type BandStream = Box<dyn Scratch + Send>;

/// Where the link's sorted tables (band pairs, candidates) may grow: up to
/// `memory` bytes in memory, past it in sorted runs on scratch streams
/// that `open` makes (e.g. temporary files in `--out`). The link's result
/// is the same whatever the bound.
pub struct LinkSpace<'a> {
    pub memory: u64,
    pub open: &'a (dyn Fn() -> Box<dyn Scratch> + Sync),
    /// Hands memory the link has freed back to the system, called between
    /// its phases (the pipeline trims the allocator's arenas: a phase's
    /// worker threads free in arenas the next phase's main thread does not
    /// reuse); may do nothing.
    pub release: &'a (dyn Fn() + Sync),
}

/// A [`LinkSpace::release`] that does nothing.
fn keep_freed() {}

/// The link's share of `--memory`: a sixty-fourth (16 MiB of the
/// default 1 GiB), split between the tables held at one time.
pub const LINK_SHARE: u64 = 64;

impl<'a> LinkSpace<'a> {
    /// The link's share ([`LINK_SHARE`]) of a run's memory bound, runs on
    /// streams `open` makes.
    pub fn share_of(memory: u64, open: &'a (dyn Fn() -> Box<dyn Scratch> + Sync)) -> LinkSpace<'a> {
        LinkSpace {
            memory: memory / LINK_SHARE,
            open,
            release: &keep_freed,
        }
    }

    /// The same space, with `release` called between the link's phases.
    pub fn releasing(self, release: &'a (dyn Fn() + Sync)) -> LinkSpace<'a> {
        LinkSpace { release, ..self }
    }
}

impl LinkSpace<'static> {
    /// No bound: every table in memory (tests, tools).
    pub fn unbounded() -> LinkSpace<'static> {
        LinkSpace {
            memory: u64::MAX,
            open: &in_memory,
            release: &keep_freed,
        }
    }
}

/// A scratch stream in memory.
fn in_memory() -> Box<dyn Scratch> {
    Box::new(Vec::<u8>::new())
}

/// Every article's link part, in article order. Paragraphs are numbered
/// globally (article by article); `marks`, `paras` and each band stream are
/// indexed by that number.
pub struct LinkInput {
    pub articles: Vec<LinkArticle>,
    pub paras: Vec<LinkPara>,
    /// The per-article pass's mark of every paragraph.
    pub marks: Vec<ParaMark>,
    /// The within-article repeats of every article, articles in order.
    pub repeats: Vec<LocalRepeat>,
    /// Findings and duplicates.csv rows the per-article pass made, one
    /// record per article that has any ([`LinkInput::local`]).
    local: BandStream,
    /// Every article's key, and those [`LinkInput::push_key`] adds, by
    /// number.
    keys: Keys,
    names: Vec<String>,
    name_ids: HashMap<String, u32>,
    /// Band `b`'s key of every paragraph (0 for unsigned ones).
    bands: Vec<BandStream>,
    /// Keys of the article being added, band by band, before they go out.
    pending: Vec<Vec<u8>>,
    finished: bool,
}

impl Default for LinkInput {
    fn default() -> Self {
        LinkInput::with_streams(|| Box::new(Vec::<u8>::new()))
    }
}

impl LinkInput {
    /// An empty input whose band keys go to the streams `open` makes (one
    /// per band), e.g. temporary files.
    pub fn with_streams(mut open: impl FnMut() -> BandStream) -> LinkInput {
        LinkInput {
            articles: Vec::new(),
            paras: Vec::new(),
            marks: Vec::new(),
            repeats: Vec::new(),
            local: open(),
            keys: Keys::default(),
            names: Vec::new(),
            name_ids: HashMap::new(),
            bands: (0..BANDS).map(|_| open()).collect(),
            pending: vec![Vec::new(); BANDS],
            finished: false,
        }
    }

    /// The link parts of `summaries`, band keys in memory (tests, tools).
    pub fn of(summaries: &[ArticleSummary]) -> LinkInput {
        let mut input = LinkInput::default();
        for s in summaries {
            input.push(&mut s.clone());
        }
        input.finish();
        input
    }

    /// Adds what the link reads of `s` (its prints are moved out; the
    /// rest of `s` is left as it was, to wait on disk).
    pub fn push(&mut self, s: &mut ArticleSummary) {
        assert!(!self.finished, "a link input is added to, then read");
        let prints = std::mem::take(&mut s.prints);
        let (source, author) = (self.number(&s.source), self.number(&s.author));
        self.articles.push(LinkArticle {
            id: s.id,
            date: s.date,
            content_hash: s.content_hash,
            source,
            author,
            source_known: s.origins.source != MetaOrigin::None,
            key_at: self.keys.len() as u64,
            first_para: self.paras.len() as u32,
            local_len: 0,
            local_at: 0,
            local_repeats: false,
        });
        self.keys.push(&s.key);
        let n = prints.prints.len();
        let mut marks = prints.marks;
        marks.resize(n, ParaMark::Content);
        self.marks.extend(marks);
        for (i, p) in prints.prints.iter().enumerate() {
            debug_assert_eq!(p.para.0 as usize, i, "prints are in paragraph order");
            self.paras.push(LinkPara::new(
                p.exact,
                p.line,
                p.words,
                p.title_like,
                p.minhash.len() == BANDS,
            ));
            for (b, pending) in self.pending.iter_mut().enumerate() {
                let key = if p.minhash.len() == BANDS {
                    p.minhash[b]
                } else {
                    0
                };
                pending.extend_from_slice(&key.to_le_bytes());
            }
        }
        for (stream, pending) in self.bands.iter_mut().zip(&mut self.pending) {
            stream.append(pending);
            pending.clear();
        }
        self.add_local(prints.findings, prints.rows);
    }

    /// Keeps the last article's within-article repeats, and puts its
    /// findings and rows in the scratch space.
    fn add_local(&mut self, findings: Vec<Finding>, rows: Vec<DuplicateRow>) {
        let Some(art) = self.articles.last_mut() else {
            return;
        };
        let base = art.first_para;
        self.repeats.extend(
            rows.iter()
                .filter(|r| r.kind != DupKind::Boilerplate && r.paragraph != r.first_paragraph)
                .map(|r| {
                    (
                        base + r.first_paragraph.0,
                        base + r.paragraph.0,
                        r.similarity,
                    )
                }),
        );
        if findings.is_empty() && rows.is_empty() {
            return;
        }
        art.local_repeats = rows.iter().any(|r| r.kind != DupKind::Boilerplate)
            || findings
                .iter()
                .any(|f| f.kind == crate::model::FindingKind::DuplicateParagraph);
        let bytes = postcard::to_allocvec(&(findings, rows)).unwrap_or_default();
        art.local_at = self.local.append(&bytes);
        art.local_len = bytes.len() as u32;
    }

    /// The number of a source or author name.
    fn number(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.name_ids.get(name) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.to_string());
        self.name_ids.insert(name.to_string(), n);
        n
    }

    /// Ends the adding: from here on the input is read.
    pub fn finish(&mut self) {
        if !self.finished {
            self.bands.iter_mut().for_each(|b| b.finish());
            self.local.finish();
            self.repeats.shrink_to_fit();
            self.articles.shrink_to_fit();
            self.paras.shrink_to_fit();
            self.marks.shrink_to_fit();
            self.keys.shrink_to_fit();
            self.names.shrink_to_fit();
            self.pending = Vec::new();
            self.name_ids = HashMap::new();
            self.finished = true;
        }
    }

    /// Articles added.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// A source or author name by its number.
    pub fn name(&self, n: u32) -> &str {
        self.names.get(n as usize).map_or("", String::as_str)
    }

    /// Article `a`'s key.
    pub fn key(&self, a: usize) -> &str {
        let at = self.articles[a].key_at as usize;
        self.keys.get(at).unwrap_or_default()
    }

    /// Adds the key of an id that is not an article (an input that could
    /// not be read), so the keys are numbered as a run numbers its ids.
    pub fn push_key(&mut self, key: &str) {
        self.keys.push(key);
    }

    /// Every key added, by number (in a run: by article id).
    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    /// Hands the keys over, leaving none.
    pub fn take_keys(&mut self) -> Keys {
        std::mem::take(&mut self.keys)
    }

    /// Article `a`'s global paragraph numbers.
    pub fn para_range(&self, a: usize) -> Range<usize> {
        let end = self
            .articles
            .get(a + 1)
            .map_or(self.paras.len(), |n| n.first_para as usize);
        self.articles[a].first_para as usize..end
    }

    /// Article `a`'s paragraphs.
    pub fn paras_of(&self, a: usize) -> &[LinkPara] {
        &self.paras[self.para_range(a)]
    }

    /// Article `a`'s per-article marks.
    pub fn marks_of(&self, a: usize) -> &[ParaMark] {
        &self.marks[self.para_range(a)]
    }

    /// The findings and duplicates.csv rows the per-article pass made of
    /// article `a`, read back (none if they cannot be).
    pub fn local(&self, a: usize) -> (Vec<Finding>, Vec<DuplicateRow>) {
        let art = &self.articles[a];
        if art.local_len == 0 {
            return Default::default();
        }
        postcard::from_bytes(&self.local.read(art.local_at, art.local_len)).unwrap_or_default()
    }

    /// Band `b`'s key of every paragraph, by global number (0 for unsigned
    /// ones; all 0 if the stream cannot be read back).
    pub fn band(&self, b: usize) -> Vec<u32> {
        let mut keys: Vec<u32> = Vec::with_capacity(self.paras.len());
        if !self.band_chunks(b, |_, chunk| keys.extend(chunk)) {
            return vec![0; self.paras.len()];
        }
        keys
    }

    /// (band `b`'s key, global number) of the paragraphs `keep` takes
    /// (given the key and the paragraph), in paragraph order, without
    /// holding the whole band (8 bytes per kept paragraph): what
    /// [`LinkInput::band`] gives them, paired.
    pub fn band_keyed(&self, b: usize, keep: impl Fn(u32, usize) -> bool) -> Vec<(u32, u32)> {
        let mut keyed: Vec<(u32, u32)> = Vec::new();
        let read = self.band_chunks(b, |first, chunk| {
            keyed.extend(
                chunk
                    .enumerate()
                    .map(|(i, k)| (k, (first + i) as u32))
                    .filter(|&(k, g)| keep(k, g as usize)),
            )
        });
        if !read {
            keyed = (0..self.paras.len())
                .filter(|&g| keep(0, g))
                .map(|g| (0, g as u32))
                .collect();
        }
        keyed.shrink_to_fit();
        keyed
    }

    /// Hands band `b`'s keys to `f` a chunk at a time, with the global
    /// number of the chunk's first paragraph; false if the stream cannot
    /// be read back whole.
    fn band_chunks(
        &self,
        b: usize,
        mut f: impl FnMut(usize, &mut dyn Iterator<Item = u32>),
    ) -> bool {
        const CHUNK: usize = 1 << 20;
        let total = self.paras.len() * 4;
        let mut at = 0;
        while at < total {
            let len = CHUNK.min(total - at);
            let bytes = self.bands[b].read(at as u64, len as u32);
            if bytes.len() != len {
                return false;
            }
            let mut keys = bytes
                .chunks_exact(4)
                .map(|k| u32::from_le_bytes([k[0], k[1], k[2], k[3]]));
            f(at / 4, &mut keys);
            at += len;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticlePrints, ParaIdx, ParaPrint};

    fn summary(id: u32, source: &str, keys: &[&[u32]]) -> ArticleSummary {
        let mut s = ArticleSummary::bare(ArticleId(id), &format!("k{id}"));
        s.source = source.into();
        s.prints = ArticlePrints {
            prints: keys
                .iter()
                .enumerate()
                .map(|(p, k)| ParaPrint {
                    para: ParaIdx(p as u32),
                    line: p as u32 + 1,
                    words: 20,
                    exact: p as u64,
                    minhash: (*k).into(),
                    title_like: false,
                })
                .collect(),
            marks: vec![ParaMark::Content; keys.len()],
            findings: Vec::new(),
            rows: Vec::new(),
        };
        s
    }

    #[test]
    fn band_streams_hold_each_paragraphs_key_by_global_number() {
        let full: Vec<u32> = (100..116).collect();
        let input = LinkInput::of(&[
            summary(0, "x", &[&full, &[]]),
            summary(1, "y", &[&[], &[]]),
            summary(2, "x", &[&full]),
        ]);
        assert_eq!(input.band(3), vec![103, 0, 0, 0, 103]);
        assert_eq!(
            input.band_keyed(3, |_, g| input.paras[g].signed()),
            vec![(103, 0), (103, 4)]
        );
        assert_eq!(input.band_keyed(0, |_, g| g == 1), vec![(0, 1)]);
        assert_eq!(
            input.band_keyed(3, |k, _| k == 103),
            vec![(103, 0), (103, 4)]
        );
        assert_eq!(input.paras.len(), 5);
        assert_eq!(input.para_range(1), 2..4);
        assert!(input.paras[0].signed() && !input.paras[1].signed());
        assert_eq!(std::mem::size_of::<LinkPara>(), 16);
    }

    #[test]
    fn band_keys_span_read_chunks_and_an_unreadable_band_reads_as_zeros() {
        // 300,000 paragraphs: 1.2 MB of keys a band, more than one chunk.
        let mut input = LinkInput::default();
        let mut s = summary(0, "x", &[]);
        for p in 0..300_000u32 {
            s.prints.prints.push(ParaPrint {
                para: ParaIdx(p),
                line: p,
                words: 20,
                exact: 0,
                minhash: (p..p + 16).collect::<Vec<u32>>().as_slice().into(),
                title_like: false,
            });
        }
        input.push(&mut s);
        input.finish();
        let band = input.band(2);
        assert_eq!((band[0], band[299_999]), (2, 300_001));
        let keyed = input.band_keyed(2, |_, g| g % 100_000 == 99_999);
        assert_eq!(
            keyed,
            vec![(100_001, 99_999), (200_001, 199_999), (300_001, 299_999)]
        );
        input.bands[2] = Box::new(Vec::<u8>::new());
        assert_eq!(input.band(2)[299_999], 0);
        assert_eq!(input.band_keyed(2, |_, g| g < 2), vec![(0, 0), (0, 1)]);
    }

    #[test]
    fn keys_and_names_are_read_back_per_article() {
        let input = LinkInput::of(&[
            summary(0, "x", &[]),
            summary(1, "y", &[]),
            summary(2, "x", &[]),
        ]);
        assert_eq!(
            (input.key(0), input.key(1), input.key(2)),
            ("k0", "k1", "k2")
        );
        assert_eq!(input.articles[0].source, input.articles[2].source);
        assert_eq!(input.name(input.articles[1].source), "y");
        assert!(input.paras_of(1).is_empty());
    }

    #[test]
    fn keys_of_other_ids_keep_the_numbering_and_are_handed_over() {
        let mut input = LinkInput::default();
        input.push(&mut summary(0, "x", &[]));
        input.push_key("bad.txt");
        input.push(&mut summary(2, "x", &[]));
        input.finish();
        assert_eq!((input.key(0), input.key(1)), ("k0", "k2"));
        let keys = input.take_keys();
        assert_eq!(keys.iter().collect::<Vec<_>>(), ["k0", "bad.txt", "k2"]);
        assert!(input.keys().is_empty());
    }

    #[test]
    fn local_findings_and_rows_come_back_and_repeats_stay() {
        let mut s = summary(1, "x", &[&[], &[], &[]]);
        let row = |p: u32, first: u32, kind| DuplicateRow {
            group: 1,
            article: ArticleId(1),
            paragraph: ParaIdx(p),
            line: p + 1,
            kind,
            similarity: 0.9,
            first_article: ArticleId(1),
            first_paragraph: ParaIdx(first),
            text: String::new(),
        };
        s.prints.rows = vec![
            row(0, 0, DupKind::Exact),
            row(2, 0, DupKind::Near),
            row(1, 1, DupKind::Boilerplate),
        ];
        s.prints.findings = vec![Finding::new(
            ArticleId(1),
            crate::model::FindingKind::DuplicateParagraph,
        )];
        let expected = (s.prints.findings.clone(), s.prints.rows.clone());
        let input = LinkInput::of(&[summary(0, "x", &[&[]]), s]);
        assert_eq!(input.local(1), expected);
        assert_eq!(input.local(0), (Vec::new(), Vec::new()));
        assert_eq!(input.repeats, vec![(1, 3, 0.9)]);
        assert!(input.articles[1].local_repeats && !input.articles[0].local_repeats);
    }

    #[test]
    fn push_moves_the_prints_out_and_leaves_the_rest() {
        let mut s = summary(0, "x", &[&[]]);
        s.title = "kept".into();
        let mut input = LinkInput::default();
        input.push(&mut s);
        assert!(s.prints.prints.is_empty());
        assert_eq!(s.title, "kept");
        assert_eq!(input.len(), 1);
    }
}
