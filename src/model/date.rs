//! Calendar dates (proleptic Gregorian, no time zone) and where an
//! article's date came from.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian). Ordering is chronological.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, or `None` when the day does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || !(1..=9999).contains(&year) {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses strict ISO `YYYY-MM-DD` (a time part after `T` or a space is ignored).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = s.split(['T', ' ']).next().unwrap_or("");
        let b = head.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y: i32 = head[0..4].parse().ok()?;
        let m: u8 = head[5..7].parse().ok()?;
        let d: u8 = head[8..10].parse().ok()?;
        if !head[0..4].bytes().all(|c| c.is_ascii_digit())
            || !head[5..7].bytes().all(|c| c.is_ascii_digit())
            || !head[8..10].bytes().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Date::new(y, m, d)
    }

    /// Days since 1970-01-01 (negative before). Used for date arithmetic.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`].
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where an article's date came from, most trusted first.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DateOrigin {
    Manifest,
    Metadata,
    /// A date in the article's URL (`/2025/06/15/`).
    Url,
    Dateline,
    AsOf,
    RunDate,
}

impl DateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrigin::Manifest => "manifest",
            DateOrigin::Metadata => "metadata",
            DateOrigin::Url => "url",
            DateOrigin::Dateline => "dateline",
            DateOrigin::AsOf => "as_of",
            DateOrigin::RunDate => "run_date",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_round_trips_through_days() {
        for days in [-1000i64, 0, 1, 59, 60, 365, 10_957, 20_000, 20_496] {
            let d = Date::from_days(days);
            assert_eq!(d.to_days(), days, "{d}");
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::parse_iso("2026-02-12").unwrap().to_days(), 20_496);
    }

    #[test]
    fn date_rejects_impossible_days() {
        assert!(Date::parse_iso("2026-02-29").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2026-13-01").is_none());
        assert!(Date::parse_iso("26-01-01").is_none());
        assert!(Date::parse_iso("2026-1-01").is_none());
        assert_eq!(
            Date::parse_iso("2026-02-12T09:30:00Z").unwrap().to_string(),
            "2026-02-12"
        );
    }
}
