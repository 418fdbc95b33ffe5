//! Calendar dates (`YYYY-MM-DD`) as used in front matter for review dates and sources.
//!
//! Only whole days matter to medical review, so this is a small civil-date type rather than a
//! time library: it parses strictly, prints ISO and long English forms, and adds years.

use std::fmt;

/// A valid Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

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

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// Builds a date, or `None` if it does not exist in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`. The error says what is wrong in words an author understands.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(format!(
                "`{text}` is not a date in the form YYYY-MM-DD (for example 2026-03-12)"
            ));
        }
        let year: i32 = text[0..4].parse().map_err(|_| text.to_owned())?;
        let month: u8 = text[5..7].parse().map_err(|_| text.to_owned())?;
        let day: u8 = text[8..10].parse().map_err(|_| text.to_owned())?;
        Date::new(year, month, day).ok_or_else(|| format!("`{text}` is not a real calendar date"))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    pub fn add_years(self, years: i32) -> Date {
        let year = self.year + years;
        let day = self.day.min(days_in_month(year, self.month));
        Date {
            year,
            month: self.month,
            day,
        }
    }

    /// The month, 1 to 12.
    pub(crate) fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub(crate) fn day(self) -> u8 {
        self.day
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// The long form in English, for diagnostics (pages use their language's: `i18n`):
    /// `12 March 2026`.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month) - 1],
            self.year
        )
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2026-03-12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The key under which the TOML library passes a date through serde.
const TOML_DATETIME: &str = "$__toml_private_datetime";

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date in the form YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            // TOML front matter writes dates bare (`last_reviewed = 2026-11-16`); the TOML
            // library hands them over as a one-entry map holding the date as text.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                use serde::de::Error;
                match map.next_entry::<String, String>()? {
                    Some((key, value)) if key == TOML_DATETIME => {
                        Date::parse(&value).map_err(A::Error::custom)
                    }
                    _ => Err(A::Error::invalid_type(serde::de::Unexpected::Map, &self)),
                }
            }
        }
        // Going through `deserialize_str` lets the YAML parser attach the value's position to
        // the error.
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d = Date::parse("2026-03-12").unwrap();
        assert_eq!(d.to_string(), "2026-03-12");
        assert_eq!(d.long(), "12 March 2026");
        assert_eq!(d.add_years(3).long(), "12 March 2029");
    }

    #[test]
    fn rejects_bad_dates() {
        assert!(
            Date::parse("2026-02-30")
                .unwrap_err()
                .contains("not a real")
        );
        assert!(Date::parse("2026-13-01").is_err());
        assert!(
            Date::parse("12/03/2026")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert!(Date::parse("2026-3-12").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn epoch_round_trip() {
        for days in [-1000, 0, 59, 60, 19_000, 20_781, 40_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::parse("2026-11-24").unwrap().days_since_epoch(),
            20_781
        );
    }

    #[test]
    fn leap_day_plus_one_year() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.add_years(1).to_string(), "2025-02-28");
    }
}
