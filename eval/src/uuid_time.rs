//! The text forms of UUIDs and instants, as the JVM has them: Java's
//! `UUID.fromString` (lenient: `"1-2-3-4-5"` is a UUID) and `toString`;
//! Clojure's `#inst` timestamp syntax (`clojure.instant/parse-timestamp`
//! with its checks and messages); how Clojure prints a `java.util.Date`
//! (`#inst "2020-01-01T00:00:00.000-00:00"`), Java's `Date.toString` and
//! `Instant.toString`.
//!
//! A `java.util.Date` is read and printed in Java's calendar
//! (`GregorianCalendar`: Julian before 1582-10-15), an `Instant` in the
//! proleptic Gregorian one (ISO-8601), both in UTC (`Date.toString` uses
//! the JVM's time zone: the README says so).

use regex::Regex;
use std::sync::LazyLock;

/// Why a UUID string was refused: Java's exception and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UuidError {
    /// `IllegalArgumentException`.
    Illegal(String),
    /// `NumberFormatException` (one component is not a hex number).
    NumberFormat(String),
}

/// Java's `UUID.fromString(s)`: the most and least significant halves.
pub(crate) fn parse_uuid(s: &str) -> Result<(u64, u64), UuidError> {
    let len = s.encode_utf16().count();
    if len > 36 {
        return Err(UuidError::Illegal("UUID string too large".into()));
    }
    let dashes: Vec<usize> = s.match_indices('-').map(|(i, _)| i).take(5).collect();
    if dashes.len() != 4 {
        return Err(UuidError::Illegal(format!("Invalid UUID string: {s}")));
    }
    let part = |from: usize, to: usize| java_parse_hex(&s[from..to]);
    let (d1, d2, d3, d4) = (dashes[0], dashes[1], dashes[2], dashes[3]);
    let mut msb = part(0, d1)? & 0xffff_ffff;
    msb = (msb << 16) | (part(d1 + 1, d2)? & 0xffff);
    msb = (msb << 16) | (part(d2 + 1, d3)? & 0xffff);
    let mut lsb = part(d3 + 1, d4)? & 0xffff;
    lsb = (lsb << 48) | (part(d4 + 1, s.len())? & 0xffff_ffff_ffff);
    Ok((msb, lsb))
}

/// Java's `Long.parseLong(s, 16)` over one component, as bits.
fn java_parse_hex(s: &str) -> Result<u64, UuidError> {
    let error = |at: usize| UuidError::NumberFormat(format!("Error at index {at} in: \"{s}\""));
    if s.is_empty() {
        return Err(UuidError::NumberFormat(String::new()));
    }
    let (negative, digits, start) = match s.as_bytes()[0] {
        b'-' => (true, &s[1..], 1),
        b'+' => (false, &s[1..], 1),
        _ => (false, s, 0),
    };
    if digits.is_empty() {
        return Err(error(1));
    }
    let mut value: i64 = 0;
    for (k, c) in digits.chars().enumerate() {
        let d = c.to_digit(16).ok_or_else(|| error(start + k))?;
        // Accumulated negatively, as Java does, so i64::MIN parses.
        value = value
            .checked_mul(16)
            .and_then(|v| v.checked_sub(i64::from(d)))
            .ok_or_else(|| error(start + k))?;
    }
    if !negative {
        value = value.checked_neg().ok_or_else(|| error(start))?;
    }
    Ok(value as u64)
}

/// Java's `UUID.toString`: 8-4-4-4-12 lower-case hex digits.
pub(crate) fn format_uuid(msb: u64, lsb: u64) -> String {
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        msb >> 32,
        (msb >> 16) & 0xffff,
        msb & 0xffff,
        lsb >> 48,
        lsb & 0xffff_ffff_ffff
    )
}

/// Clojure's timestamp syntax (`clojure.instant`): `yyyy[-MM[-dd[Thh[:mm[:ss[.f+]]]]]]`
/// then `Z` or `±hh:mm` or nothing.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    // A fixed pattern: compiled once, known to be valid.
    Regex::new(
        r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2})(?::([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?)?)?)?)?(?:Z|([-+])([0-9]{2}):([0-9]{2}))?$",
    )
    .unwrap()
});

/// Parses an `#inst` timestamp as Clojure's reader does: seconds since the
/// epoch and nanoseconds. The error is Clojure's message (a
/// `RuntimeException`): `Unrecognized date/time syntax: …` or the check
/// that failed, such as `failed: (<= 1 months 12)`.
pub(crate) fn parse_timestamp(s: &str) -> Result<(i64, u32), String> {
    let caps = TIMESTAMP
        .captures(s)
        .ok_or_else(|| format!("Unrecognized date/time syntax: {s}"))?;
    let num = |i: usize, default: i64| {
        caps.get(i)
            .map_or(default, |m| m.as_str().parse::<i64>().unwrap_or(default))
    };
    let years = num(1, 0);
    let months = num(2, 1);
    let days = num(3, 1);
    let hours = num(4, 0);
    let minutes = num(5, 0);
    let seconds = num(6, 0);
    // The fraction filled or cut to nine digits.
    let nanos = caps.get(7).map_or(0, |m| {
        let digits: String = m
            .as_str()
            .chars()
            .chain(std::iter::repeat('0'))
            .take(9)
            .collect();
        digits.parse::<i64>().unwrap_or(0)
    });
    let sign = match caps.get(8).map(|m| m.as_str()) {
        Some("-") => -1,
        Some("+") => 1,
        _ => 0,
    };
    let offset_hours = num(9, 0);
    let offset_minutes = num(10, 0);
    let check = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("failed: {what}"))
        }
    };
    check((1..=12).contains(&months), "(<= 1 months 12)")?;
    check(
        (1..=days_in_month(months, is_leap(years))).contains(&days),
        "(<= 1 days (days-in-month months (leap-year? years)))",
    )?;
    check((0..=23).contains(&hours), "(<= 0 hours 23)")?;
    check((0..=59).contains(&minutes), "(<= 0 minutes 59)")?;
    let max_seconds = if minutes == 59 { 60 } else { 59 };
    check(
        (0..=max_seconds).contains(&seconds),
        "(<= 0 seconds (if (= minutes 59) 60 59))",
    )?;
    check((0..=23).contains(&offset_hours), "(<= 0 offset-hours 23)")?;
    check(
        (0..=59).contains(&offset_minutes),
        "(<= 0 offset-minutes 59)",
    )?;
    let local =
        days_from_java_date(years, months, days) * 86_400 + hours * 3600 + minutes * 60 + seconds;
    let utc = local - sign * (offset_hours * 3600 + offset_minutes * 60);
    Ok((utc, nanos as u32))
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(m: i64, leap: bool) -> i64 {
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The first day of the Gregorian calendar in Java's `GregorianCalendar`
/// (1582-10-15), in days since 1970-01-01.
const GREGORIAN_CUTOVER: i64 = -141_427;

/// Days since 1970-01-01 of a date in Java's calendar: Gregorian from
/// 1582-10-15, Julian before (a date in the gap counts as Julian, as
/// Java's lenient calendar does).
fn days_from_java_date(y: i64, m: i64, d: i64) -> i64 {
    let gregorian = days_from_civil(y, m, d);
    if gregorian >= GREGORIAN_CUTOVER {
        return gregorian;
    }
    // The Julian day number of a Julian calendar date.
    let a = (14 - m) / 12;
    let y = y + 4800 - a;
    let m = m + 12 * a - 3;
    let jdn = d + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - 32_083;
    jdn - 2_440_588
}

/// The date in Java's calendar of a day count since 1970-01-01.
fn java_date_from_days(days: i64) -> (i64, u32, u32) {
    if days >= GREGORIAN_CUTOVER {
        return civil_from_days(days);
    }
    let c = days + 2_440_588 + 32_082;
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2) / 153;
    let day = (e - (153 * m + 2) / 5 + 1) as u32;
    let month = (m + 3 - 12 * (m / 10)) as u32;
    (d - 4800 + m / 10, month, day)
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Date and time of day (UTC) of `seconds` since the epoch.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    weekday: usize,
}

fn civil(seconds: i64, java_calendar: bool) -> Civil {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (year, month, day) = if java_calendar {
        java_date_from_days(days)
    } else {
        civil_from_days(days)
    };
    Civil {
        year,
        month,
        day,
        hour: secs / 3600,
        minute: secs / 60 % 60,
        second: secs % 60,
        // 1970-01-01 was a Thursday.
        weekday: (days + 4).rem_euclid(7) as usize,
    }
}

/// A year as Java's formats print it: at least four digits.
fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

/// How Clojure prints a `java.util.Date` inside `#inst "…"`:
/// `2020-01-01T00:00:00.000-00:00` (milliseconds, UTC).
pub(crate) fn format_inst(seconds: i64, nanos: u32) -> String {
    let c = civil(seconds, true);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}-00:00",
        year_text(c.year),
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        nanos / 1_000_000
    )
}

/// Java's `Instant.toString` (ISO-8601 in UTC, the fraction in groups of
/// three digits as needed): `2020-01-01T00:00:00.123456Z`.
pub(crate) fn format_instant(seconds: i64, nanos: u32) -> String {
    let c = civil(seconds, false);
    let year = if c.year > 9999 {
        format!("+{}", c.year)
    } else {
        year_text(c.year)
    };
    let fraction = if nanos == 0 {
        String::new()
    } else if nanos % 1_000_000 == 0 {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos % 1000 == 0 {
        format!(".{:06}", nanos / 1000)
    } else {
        format!(".{nanos:09}")
    };
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}Z",
        c.month, c.day, c.hour, c.minute, c.second
    )
}

/// Java's `Date.toString` in UTC: `Wed Jan 01 00:00:00 UTC 2020`.
pub(crate) fn date_to_string(seconds: i64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let c = civil(seconds, true);
    format!(
        "{} {} {:02} {:02}:{:02}:{:02} UTC {}",
        DAYS[c.weekday],
        MONTHS[(c.month - 1) as usize],
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.year
    )
}

/// Milliseconds since the epoch of `seconds` + `nanos` (Java's
/// `Instant.toEpochMilli`, `Date.getTime`), or `None` on overflow.
pub(crate) fn epoch_millis(seconds: i64, nanos: u32) -> Option<i64> {
    seconds
        .checked_mul(1000)?
        .checked_add(i64::from(nanos / 1_000_000))
}

/// Seconds (rounded down) and nanoseconds of `ms` milliseconds since the
/// epoch.
pub(crate) fn from_millis(ms: i64) -> (i64, u32) {
    (
        ms.div_euclid(1000),
        (ms.rem_euclid(1000) * 1_000_000) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_parse_as_java() {
        assert_eq!(
            parse_uuid("1-2-3-4-5"),
            Ok((0x0000_0001_0002_0003, 0x0004_0000_0000_0005))
        );
        assert_eq!(
            format_uuid(0x0000_0001_0002_0003, 0x0004_0000_0000_0005),
            "00000001-0002-0003-0004-000000000005"
        );
        let (m, l) = parse_uuid("123456789-2-3-4-5").unwrap_or_default();
        assert_eq!(format_uuid(m, l), "23456789-0002-0003-0004-000000000005");
        assert_eq!(
            parse_uuid("-2-3-4-5"),
            Err(UuidError::NumberFormat(String::new()))
        );
        assert_eq!(
            parse_uuid("g-2-3-4-5"),
            Err(UuidError::NumberFormat("Error at index 0 in: \"g\"".into()))
        );
        assert!(parse_uuid("+1-2-3-4-5").is_ok());
        assert_eq!(
            parse_uuid("1-2-3-4-5-6"),
            Err(UuidError::Illegal(
                "Invalid UUID string: 1-2-3-4-5-6".into()
            ))
        );
    }

    #[test]
    fn timestamps_parse_as_clojure() {
        assert_eq!(parse_timestamp("2020"), Ok((1_577_836_800, 0)));
        assert_eq!(
            parse_timestamp("2020-01-01T12:30:45.123456789+02:00"),
            Ok((1_577_836_800 + 10 * 3600 + 30 * 60 + 45, 123_456_789))
        );
        assert_eq!(
            parse_timestamp("2020-13-01"),
            Err("failed: (<= 1 months 12)".into())
        );
        assert_eq!(
            parse_timestamp("2020-1-01"),
            Err("Unrecognized date/time syntax: 2020-1-01".into())
        );
    }

    #[test]
    fn instants_print_as_java() {
        assert_eq!(format_inst(0, 0), "1970-01-01T00:00:00.000-00:00");
        assert_eq!(
            format_inst(-1, 999_000_000),
            "1969-12-31T23:59:59.999-00:00"
        );
        assert_eq!(
            format_inst(253_402_300_800, 0),
            "10000-01-01T00:00:00.000-00:00"
        );
        assert_eq!(format_instant(0, 1000), "1970-01-01T00:00:00.000001Z");
        assert_eq!(format_instant(0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(
            date_to_string(1_577_836_800),
            "Wed Jan 01 00:00:00 UTC 2020"
        );
        // Java's calendar is Julian before 1582-10-15 (values from the JVM).
        assert_eq!(
            format_inst(-62_135_596_800, 0),
            "0001-01-03T00:00:00.000-00:00"
        );
        assert_eq!(parse_timestamp("1582-10-10"), Ok((-12_218_860_800, 0)));
        assert_eq!(parse_timestamp("0001-01-01"), Ok((-62_135_769_600, 0)));
    }
}
