//! NIK, the 16-digit population number on the KTP: `PPKKCC DDMMYY SSSS` — province,
//! regency/city and district codes, the birth date (day + 40 for women) and a serial.
//! Only what can be checked offline is checked; a NIK that passes may still not exist.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};

/// Province codes in use (38 provinces, including the four Papua provinces of 2022).
const PROVINCES: [u8; 38] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

/// What a valid NIK says about its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nik {
    pub digits: String,
    pub birth_date: NaiveDate,
    pub female: bool,
}

fn invalid(field: &str, code: &'static str, message: &str) -> Error {
    Error::invalid(field, code, message)
}

/// Checks a typed NIK (spaces and dots allowed between digits) against `today`, the day it
/// is typed (a birth date cannot be later).
pub fn parse(field: &str, text: &str, today: NaiveDate) -> Result<Nik> {
    if text.len() > 40 {
        return Err(invalid(field, "nik.length", "NIK harus 16 angka."));
    }
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if compact.is_empty() {
        return Err(invalid(field, "field.required", "NIK wajib diisi."));
    }
    if !compact.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(field, "nik.digits", "NIK hanya berisi angka."));
    }
    if compact.len() != 16 {
        return Err(Error::invalid(
            field,
            "nik.length",
            format!("NIK harus 16 angka (tertulis {}).", compact.len()),
        ));
    }
    let number = |from: usize| -> u32 {
        let pair = &compact.as_bytes()[from..from + 2];
        u32::from(pair[0] - b'0') * 10 + u32::from(pair[1] - b'0')
    };
    let province = number(0) as u8;
    if !PROVINCES.contains(&province) {
        return Err(invalid(
            field,
            "nik.region",
            "Kode provinsi pada NIK (2 angka pertama) tidak dikenal.",
        ));
    }
    // Regencies are numbered from 01, cities from 71; 80 and above are unused.
    let regency = number(2);
    if regency == 0 || regency >= 80 {
        return Err(invalid(
            field,
            "nik.region",
            "Kode kabupaten/kota pada NIK (angka ke-3 dan ke-4) tidak valid.",
        ));
    }
    if number(4) == 0 {
        return Err(invalid(
            field,
            "nik.region",
            "Kode kecamatan pada NIK (angka ke-5 dan ke-6) tidak valid.",
        ));
    }
    let birth_date = birth_date(&compact, today).ok_or_else(|| {
        invalid(
            field,
            "nik.birth_date",
            "Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid.",
        )
    })?;
    if &compact[12..] == "0000" {
        return Err(invalid(
            field,
            "nik.serial",
            "Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.",
        ));
    }
    Ok(Nik {
        female: number(6) > 40,
        digits: compact,
        birth_date,
    })
}

/// DDMMYY with 40 added to the day for women; the century is the one that puts the date
/// in the past.
fn birth_date(digits: &str, today: NaiveDate) -> Option<NaiveDate> {
    let two = |from: usize| digits.get(from..from + 2)?.parse::<u32>().ok();
    let mut day = two(6)?;
    if day > 40 {
        day -= 40;
    }
    let month = two(8)?;
    let short_year = two(10)? as i32;
    let this_century = today.year() / 100 * 100;
    let date = NaiveDate::from_ymd_opt(this_century + short_year, month, day)?;
    if date <= today {
        return Some(date);
    }
    // Otherwise last century (a 29 February that century lacks stays invalid).
    NaiveDate::from_ymd_opt(this_century + short_year - 100, month, day)
}

/// `5371**********12`: how a NIK appears on lists, printouts and exports.
pub fn mask(nik: &str) -> String {
    crate::audit::mask_digits(nik)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn code(text: &str) -> &'static str {
        match parse("nik", text, today()) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn valid_male_and_female_numbers() {
        let man = parse("nik", "5371011205850003", today()).unwrap();
        assert_eq!(
            man.birth_date,
            NaiveDate::from_ymd_opt(1985, 5, 12).unwrap()
        );
        assert!(!man.female);
        let woman = parse("nik", "5371 0152 0590 0012", today()).unwrap();
        assert_eq!(woman.digits, "5371015205900012");
        assert_eq!(
            woman.birth_date,
            NaiveDate::from_ymd_opt(1990, 5, 12).unwrap()
        );
        assert!(woman.female);
        // Born this century.
        let child = parse("nik", "5371016101150001", today()).unwrap();
        assert_eq!(
            child.birth_date,
            NaiveDate::from_ymd_opt(2015, 1, 21).unwrap()
        );
    }

    #[test]
    fn each_rule_has_its_own_message() {
        let cases = [
            ("", "field.required"),
            ("537101120585000", "nik.length"),
            ("53710112058500031", "nik.length"),
            ("5371O11205850003", "nik.digits"),
            ("9971011205850003", "nik.region"),
            ("5300011205850003", "nik.region"),
            ("5385011205850003", "nik.region"),
            ("5371001205850003", "nik.region"),
            ("5371013205850003", "nik.birth_date"), // day 32
            ("5371017205850003", "nik.birth_date"), // day 72 (a woman's 32nd)
            ("5371011213850003", "nik.birth_date"), // month 13
            ("5371013002850003", "nik.birth_date"), // 30 February
            ("5371011205850000", "nik.serial"),
            ("5371011205850003", "ok"),
        ];
        for (text, expected) in cases {
            assert_eq!(code(text), expected, "{text}");
        }
        let err = parse("nik", "12345", today()).unwrap_err();
        assert_eq!(err.to_string(), "NIK harus 16 angka (tertulis 5).");
        assert_eq!(err.field(), Some("nik"));
    }

    #[test]
    fn a_birth_date_after_today_is_read_as_last_century() {
        // 29 Nov 26 is tomorrow: the holder was born in 1926.
        let old = parse("nik", "5371012911260001", today()).unwrap();
        assert_eq!(old.birth_date.year(), 1926);
        let born_today = parse("nik", "5371012811260001", today()).unwrap();
        assert_eq!(born_today.birth_date, today());
    }

    #[test]
    fn masking_keeps_region_and_last_two() {
        assert_eq!(mask("5371011205850003"), "5371**********03");
    }

    proptest::proptest! {
        #[test]
        fn no_string_makes_it_panic(text in "\\PC{0,40}") {
            let _ = parse("nik", &text, today());
        }

        #[test]
        fn no_digit_string_makes_it_panic(text in "[0-9 .]{0,24}") {
            let _ = parse("nik", &text, today());
        }
    }
}
