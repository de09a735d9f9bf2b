use super::*;
use crate::ingest::{Format, InputFile};
use crate::model::Date;
use crate::rules::Rules;
use proptest::prelude::*;
use std::path::PathBuf;

fn bundled() -> (NameIndex, Rules) {
    let rules = Rules::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    (NameIndex::new(&rules), rules)
}

fn file(format: Format) -> InputFile {
    InputFile::new("x".into(), "x".into(), format, None)
}

fn failed(rel: &str) -> Entry {
    Entry::Failed {
        rel: rel.into(),
        path: rel.into(),
        line: None,
        reason: "unreadable".into(),
    }
}

fn failure(key: &str, line: Option<u32>) -> InputFailure {
    InputFailure {
        id: ArticleId(0),
        key: key.into(),
        path: key.into(),
        line,
        reason: "bad record".into(),
    }
}

fn summary(id: u32, key: &str, first_line: u32) -> ArticleSummary {
    let date = Date::parse_iso("2026-02-12").unwrap();
    let mut a = segment::article_from_text(id, key, "Some text here.", date);
    a.first_line = first_line;
    analyze(a, &NameIndex::default(), &DedupConfig::default())
}

/// Arbitrary bytes with a bias towards the structure the parsers look for.
fn input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2000),
        "(---\n|<article>|<p>|</p>|\\{\"text\": \"|\\$55 billion |Prime Minister |\n\n|[A-Z][a-z]+ |[\\x00-\\x7f]{0,20}|[\u{3000}-\u{9fff}]{1,4}|\u{feff}|\r\n){0,80}"
            .prop_map(|s| s.into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn no_panic_on_arbitrary_bytes_through_every_per_article_stage(bytes in input()) {
        let (names, rules) = bundled();
        let icfg = IngestConfig::default();
        for format in [Format::Text, Format::Markdown, Format::Html, Format::Jsonl] {
            let loaded = ingest::load_bytes(&file(format), &bytes, &icfg);
            let summaries: Vec<ArticleSummary> = loaded
                .articles
                .into_iter()
                .map(|a| analyze(a, &names, &DedupConfig::default()))
                .collect();
            let load = |ids: &[ArticleId]| -> Vec<Option<Article>> { vec![None; ids.len()] };
            let d = dedup::link(&crate::model::LinkInput::of(&summaries), &DedupConfig::default(), &load, &mut Vec::new(), &mut crate::model::PairMemo::default());
            let inputs: Vec<_> = summaries.iter().map(claims::claims_input).collect();
            let _ = claims::resolve(&inputs, &d, &rules);
        }
    }
}

#[test]
fn a_batch_holds_at_least_one_entry_and_stops_at_the_byte_budget() {
    let huge = |_| BATCH_BYTES * 2;
    assert_eq!(next_batch(3, 10, BATCH_BYTES, huge).range, 3..4);
    let half = |_| BATCH_BYTES / 2;
    let batch = next_batch(0, 10, BATCH_BYTES, half);
    assert_eq!(batch.range, 0..2);
    assert_eq!(batch.bytes, BATCH_BYTES);
    assert_eq!(next_batch(0, 0, BATCH_BYTES, half).range, 0..0);
}

#[test]
fn a_batch_stops_at_the_file_budget() {
    let batch = next_batch(0, BATCH_FILES + 5, BATCH_BYTES, |_| 1);
    assert_eq!(batch.range, 0..BATCH_FILES);
    assert_eq!(batch.bytes, BATCH_FILES as u64);
}

#[test]
fn batches_cover_every_entry_once_in_order() {
    let entries: Entries = (0..BATCH_FILES + 3)
        .map(|i| failed(&format!("f{i}")))
        .collect();
    let ranges: Vec<_> = batches(&entries, BATCH_BYTES).map(|b| b.range).collect();
    assert_eq!(ranges, vec![0..BATCH_FILES, BATCH_FILES..BATCH_FILES + 3]);
    assert_eq!(batches(&Entries::default(), BATCH_BYTES).count(), 0);
}

#[test]
fn fresh_articles_are_taken_with_their_position() {
    let date = Date::parse_iso("2026-02-12").unwrap();
    let article = |key: &str| segment::article_from_text(0, key, "Text.", date);
    let mut works = vec![
        Work::Fresh {
            loaded: ingest::Loaded {
                articles: vec![article("a"), article("b")],
                failures: Vec::new(),
            },
            key: None,
        },
        Work::Cached {
            items: Vec::new(),
            key: 1,
        },
        Work::Fresh {
            loaded: ingest::Loaded {
                articles: vec![article("c")],
                failures: Vec::new(),
            },
            key: Some(2),
        },
    ];
    let taken: Vec<(usize, String)> = take_fresh(&mut works)
        .into_iter()
        .map(|(i, a)| (i, a.key))
        .collect();
    assert_eq!(taken, [(0, "a".into()), (0, "b".into()), (2, "c".into())]);
    assert!(take_fresh(&mut works).is_empty(), "taken, not copied");
}

#[test]
fn fresh_items_interleave_records_and_failures_by_line() {
    // Reverse batch order, as `absorb` keeps it: the last entry's first.
    let mut analysed = vec![
        (1, summary(0, "next", 1)),
        (0, summary(0, "late", 9)),
        (0, summary(0, "early", 2)),
    ];
    let loaded = ingest::Loaded {
        articles: Vec::new(),
        failures: vec![failure("bad", Some(5))],
    };
    let keys: Vec<String> = fresh_items(0, loaded, &mut analysed)
        .into_iter()
        .map(|item| match item {
            cache::Item::Article(a) => a.key,
            cache::Item::Failure(f) => f.key,
        })
        .collect();
    assert_eq!(keys, ["early", "bad", "late"]);
    assert_eq!(analysed.len(), 1, "the next entry's article stays");
}

#[test]
fn items_are_numbered_in_order_across_articles_and_failures() {
    let mut collected = Collected::new(true);
    collected.number(
        4,
        vec![
            cache::Item::Article(Box::new(summary(7, "a", 1))),
            cache::Item::Failure(failure("b", None)),
        ],
    );
    collected.number(5, vec![cache::Item::Article(Box::new(summary(7, "c", 1)))]);
    assert_eq!(collected.keys().iter().collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(collected.entry_of, [4, 4, 5]);
    assert_eq!(collected.failures[0].id, ArticleId(1));
    let ids: Vec<ArticleId> = collected.link.articles.iter().map(|s| s.id).collect();
    assert_eq!(ids, [ArticleId(0), ArticleId(2)]);
}

#[test]
fn the_inputs_digest_follows_every_entry_and_the_bom() {
    let digest = |bom: bool, entry: &Entry, key: Option<u64>| {
        let mut collected = Collected::new(bom);
        collected.hash_entry(entry, key);
        collected.inputs_digest()
    };
    let f = Entry::File(file(Format::Text));
    assert_eq!(digest(true, &f, Some(1)), digest(true, &f, Some(1)));
    assert_ne!(digest(true, &f, Some(1)), digest(true, &f, Some(2)));
    assert_ne!(digest(true, &f, Some(1)), digest(false, &f, Some(1)));
    assert_ne!(digest(true, &failed("x"), None), digest(true, &f, None));
}

#[test]
fn mentions_are_kept_with_the_article_id_and_renumbered_with_it() {
    let (names, _) = bundled();
    let date = Date::parse_iso("2026-02-12").unwrap();
    let text = "Japanese Prime Minister Sanae Takaichi met investors.\n\n\
                Japanese Prime Minister Koichi Suga spoke later.";
    let a = segment::article_from_text(3, "a.txt", text, date);
    let mut s = analyze(a, &names, &DedupConfig::default());
    let got: Vec<(ArticleId, u32, &str)> = s
        .mentions
        .iter()
        .map(|m| (m.article, m.paragraph.0, m.verdict.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (ArticleId(3), 0, "ok"),
            (ArticleId(3), 1, "wrong_officeholder")
        ]
    );
    s.set_id(ArticleId(9));
    assert!(s.mentions.iter().all(|m| m.article == ArticleId(9)));
}

#[test]
fn memory_bound_sizes_the_batches() {
    assert_eq!(
        batch_bytes(1 << 30),
        BATCH_BYTES,
        "the default keeps 64 MiB"
    );
    assert_eq!(batch_bytes(64 << 30), BATCH_BYTES);
    assert_eq!(batch_bytes(128 << 20), 8 << 20);
    assert_eq!(batch_bytes(1 << 20), MIN_BATCH_BYTES);
    let batch = next_batch(0, 10, 3, |_| 2);
    assert_eq!(batch.range, 0..2, "a batch stops once over the limit");
}
