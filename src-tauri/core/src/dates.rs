//! Civil dates as the office writes them: typed `dd/mm/yyyy`, shown `28 November 2026`,
//! weekday names in Indonesian, and the office's time zone, WITA (UTC+8, no daylight saving).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Utc, Weekday};

use crate::error::{Error, Result};

/// Dates outside this range are typing mistakes, not office records.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// WITA, Asia/Makassar: a fixed UTC+8 (Indonesia has no daylight saving).
pub fn wita() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The office's calendar date at an instant.
pub fn wita_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&wita()).date_naive()
}

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

/// `28 November 2026`
pub fn format_long(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// `Sabtu, 28 November 2026`
pub fn format_with_weekday(date: NaiveDate) -> String {
    format!("{}, {}", weekday_name(date.weekday()), format_long(date))
}

/// `28/11/2026`, the form staff type.
pub fn format_short(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Reads a date typed as `dd/mm/yyyy` (also `d-m-yyyy`, `d.m.yyyy`) or ISO `yyyy-mm-dd`.
pub fn parse(field: &str, label: &str, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(
            field,
            "field.required",
            format!("{label} wajib diisi."),
        ));
    }
    let invalid = || {
        Error::invalid(
            field,
            "date.invalid",
            format!("{label} tidak valid; tulis sebagai hh/bb/tttt, misalnya 28/11/2026."),
        )
    };
    if text.len() > 10 {
        return Err(invalid());
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(invalid());
    }
    let (year, month, day) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else {
        (parts[2], parts[1], parts[0])
    };
    if year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return Err(invalid());
    }
    let (year, month, day): (i32, u32, u32) = (
        year.parse().map_err(|_| invalid())?,
        month.parse().map_err(|_| invalid())?,
        day.parse().map_err(|_| invalid())?,
    );
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)?;
    check_range(field, label, date)?;
    Ok(date)
}

/// Reads a time of day typed as `16.00` or `16:00` (the dot is how Indonesian writes it).
pub fn parse_time(field: &str, label: &str, text: &str) -> Result<NaiveTime> {
    let invalid = || {
        Error::invalid(
            field,
            "time.invalid",
            format!("{label} tidak valid; tulis sebagai jj.mm, misalnya 16.00."),
        )
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(
            field,
            "field.required",
            format!("{label} wajib diisi."),
        ));
    }
    let (hours, minutes) = text.split_once(['.', ':']).ok_or_else(invalid)?;
    let digits =
        |part: &str| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || minutes.len() != 2 || !digits(minutes) {
        return Err(invalid());
    }
    NaiveTime::from_hms_opt(
        hours.parse().map_err(|_| invalid())?,
        minutes.parse().map_err(|_| invalid())?,
        0,
    )
    .ok_or_else(invalid)
}

/// `16.00`: a time as Indonesian staff write it.
pub fn format_time(time: NaiveTime) -> String {
    time.format("%H.%M").to_string()
}

/// The instant a WITA date and time of day stand for.
pub fn wita_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    date.and_time(time)
        .and_local_timezone(wita())
        .single()
        .expect("WITA has a fixed offset")
        .with_timezone(&Utc)
}

/// When something was handed in, as typed in a form's `received_date` and `received_time`
/// (a date alone means 08.00, the office's opening), or `now` when both are empty. Not in
/// the future and not more than a year ago: both are typing mistakes.
pub fn received_instant(date: &str, time: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    past_instant(
        ("received_date", "Tanggal diterima"),
        ("received_time", "Jam diterima"),
        date,
        time,
        now,
    )
}

/// When something happened, as typed (`dd/mm/yyyy` and `hh.mm` in WITA; a day without a time
/// is 08.00; nothing typed is now): not in the future and at most a year ago. Errors name the
/// given fields.
pub fn past_instant(
    (date_field, date_label): (&str, &str),
    (time_field, time_label): (&str, &str),
    date: &str,
    time: &str,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    if date.trim().is_empty() && time.trim().is_empty() {
        return Ok(now);
    }
    let day = parse(date_field, date_label, date)?;
    let time = if time.trim().is_empty() {
        NaiveTime::from_hms_opt(8, 0, 0).expect("valid time")
    } else {
        parse_time(time_field, time_label, time)?
    };
    let instant = wita_instant(day, time);
    if instant > now {
        return Err(Error::invalid(
            date_field,
            "date.received_in_future",
            format!("{date_label} tidak boleh sesudah saat ini."),
        ));
    }
    if (now - instant).num_days() > 366 {
        return Err(Error::invalid(
            date_field,
            "date.out_of_range",
            format!("{date_label} paling lama satu tahun yang lalu."),
        ));
    }
    Ok(instant)
}

/// An optional date: empty text is `None`.
pub fn parse_optional(field: &str, label: &str, text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse(field, label, text).map(Some)
    }
}

pub fn check_range(field: &str, label: &str, date: NaiveDate) -> Result<()> {
    if date.year() < FIRST_YEAR || date.year() > LAST_YEAR {
        return Err(Error::invalid(
            field,
            "date.out_of_range",
            format!("{label} harus antara tahun {FIRST_YEAR} dan {LAST_YEAR}."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formats_in_indonesian() {
        assert_eq!(
            format_with_weekday(d(2026, 11, 28)),
            "Sabtu, 28 November 2026"
        );
        assert_eq!(format_long(d(2026, 8, 17)), "17 Agustus 2026");
        assert_eq!(format_short(d(2026, 3, 5)), "05/03/2026");
    }

    #[test]
    fn wita_date_turns_at_16_utc() {
        let before: DateTime<Utc> = "2026-12-31T15:59:59Z".parse().unwrap();
        let after: DateTime<Utc> = "2026-12-31T16:00:00Z".parse().unwrap();
        assert_eq!(wita_date(before), d(2026, 12, 31));
        assert_eq!(wita_date(after), d(2027, 1, 1));
    }

    #[test]
    fn parses_typed_dates() {
        assert_eq!(
            parse("f", "Tanggal", "28/11/2026").unwrap(),
            d(2026, 11, 28)
        );
        assert_eq!(parse("f", "Tanggal", "1-2-2026").unwrap(), d(2026, 2, 1));
        assert_eq!(parse("f", "Tanggal", "2026-02-01").unwrap(), d(2026, 2, 1));
        for bad in [
            "",
            "31/02/2026",
            "28/11/26",
            "2026/13/01",
            "abc",
            "1/1/1/2026",
            "28/11/20266",
        ] {
            assert!(parse("f", "Tanggal", bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse("f", "Tanggal", "01/01/1899").unwrap_err().code(),
            "date.out_of_range"
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = parse("f", "Tanggal", &text);
        }
    }
}
