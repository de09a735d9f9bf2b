//! [`PartialMeta`] as the Parquet file's key-value metadata: one
//! `credence.*` key per field, values as text (numbers in decimal, the
//! rules digest in hex, dates ISO, the inputs a JSON array), so
//! `parquet_kv_metadata()` in DuckDB shows them as they are.

use crate::model::{Date, PartialMeta, PartialSettings, Shard};
use parquet::file::metadata::KeyValue;

/// The key-value pairs of `meta`, in a fixed order.
pub(super) fn to_pairs(meta: &PartialMeta) -> Vec<KeyValue> {
    let s = &meta.settings;
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let inputs = serde_json::to_string(&meta.inputs).unwrap_or_default();
    [
        ("format", meta.format.to_string()),
        ("version", meta.version.clone()),
        ("rules_digest", format!("{:016x}", meta.rules_digest)),
        ("shard", meta.shard.to_string()),
        ("near_dup", s.near_dup.to_string()),
        ("max_file_size", s.max_file_size.to_string()),
        ("as_of", date(s.as_of)),
        ("run_date", s.run_date.to_string()),
        ("inputs", inputs),
        ("entries", meta.entries.to_string()),
        ("entries_digest", format!("{:016x}", meta.entries_digest)),
        ("input_bytes", meta.input_bytes.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| KeyValue::new(format!("credence.{k}"), v))
    .collect()
}

/// Reads the pairs back; `Err` names the first key missing or unreadable.
pub(super) fn from_pairs(pairs: &[KeyValue]) -> Result<PartialMeta, String> {
    let get = |k: &str| -> Result<&str, String> {
        let key = format!("credence.{k}");
        pairs
            .iter()
            .find(|p| p.key == key)
            .and_then(|p| p.value.as_deref())
            .ok_or_else(|| format!("no {key} in its metadata"))
    };
    let bad = |k: &str| format!("unreadable credence.{k} in its metadata");
    let num = |k: &str| get(k).and_then(|v| v.parse::<u64>().map_err(|_| bad(k)));
    let hex = |k: &str| get(k).and_then(|v| u64::from_str_radix(v, 16).map_err(|_| bad(k)));
    let date = |k: &str| get(k).and_then(|v| Date::parse_iso(v).ok_or_else(|| bad(k)));
    let format = get("format")?.parse::<u32>().map_err(|_| bad("format"))?;
    let as_of = match get("as_of")? {
        "" => None,
        _ => Some(date("as_of")?),
    };
    Ok(PartialMeta {
        format,
        version: get("version")?.to_string(),
        rules_digest: hex("rules_digest")?,
        settings: PartialSettings {
            near_dup: get("near_dup")?.parse().map_err(|_| bad("near_dup"))?,
            max_file_size: num("max_file_size")?,
            as_of,
            run_date: date("run_date")?,
        },
        shard: Shard::parse(get("shard")?).ok_or_else(|| bad("shard"))?,
        inputs: serde_json::from_str(get("inputs")?).map_err(|_| bad("inputs"))?,
        entries: num("entries")?,
        entries_digest: hex("entries_digest")?,
        input_bytes: num("input_bytes")?,
    })
}

#[cfg(test)]
pub(super) fn sample() -> PartialMeta {
    PartialMeta {
        format: super::FORMAT,
        version: "0.1.0".into(),
        rules_digest: 0xfeed_beef_0000_0001,
        settings: PartialSettings {
            near_dup: 0.1 + 0.2,
            max_file_size: 16 << 20,
            as_of: Date::parse_iso("2026-02-12"),
            run_date: Date::parse_iso("2026-03-01").unwrap(),
        },
        shard: Shard { index: 2, count: 4 },
        inputs: vec!["seeds".into(), "a \"quoted\" dir".into()],
        entries: 42,
        entries_digest: 7,
        input_bytes: 1234,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_round_trips_exactly() {
        let m = sample();
        assert_eq!(from_pairs(&to_pairs(&m)), Ok(m.clone()));
        let undated = PartialMeta {
            settings: PartialSettings {
                as_of: None,
                ..m.settings.clone()
            },
            ..m
        };
        assert_eq!(from_pairs(&to_pairs(&undated)), Ok(undated));
    }

    #[test]
    fn a_missing_or_bad_key_is_named() {
        let mut pairs = to_pairs(&sample());
        pairs.retain(|p| p.key != "credence.shard");
        assert_eq!(
            from_pairs(&pairs),
            Err("no credence.shard in its metadata".into())
        );
        let mut pairs = to_pairs(&sample());
        pairs[0].value = Some("x".into());
        assert_eq!(
            from_pairs(&pairs),
            Err("unreadable credence.format in its metadata".into())
        );
    }
}
