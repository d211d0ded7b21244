//! NIP, the civil-servant number: 18 digits = birth date (yyyymmdd), appointment month
//! (yyyymm, TMT CPNS), sex (1 man, 2 woman), serial (001–999). A typo usually breaks one of
//! these parts, so each is checked and named in the message.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

const FIELD: &str = "nip";
const CODE: &str = "official.nip_invalid";

/// Youngest age at which one is appointed a civil servant.
const MIN_APPOINTMENT_AGE: i32 = 18;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip {
    pub digits: String,
    pub birth_date: NaiveDate,
    pub appointed_year: i32,
    pub appointed_month: u32,
}

fn invalid(message: &str) -> Error {
    Error::invalid(FIELD, CODE, message)
}

/// Checks a typed NIP (spaces allowed, as printed on letters) against `today`.
pub fn parse(text: &str, today: NaiveDate) -> Result<Nip> {
    if text.len() > 64 {
        return Err(invalid("NIP harus 18 angka."));
    }
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err(Error::invalid(FIELD, "field.required", "NIP wajib diisi."));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("NIP hanya boleh berisi angka."));
    }
    if digits.len() != 18 {
        return Err(invalid(&format!(
            "NIP harus 18 angka (tertulis {}).",
            digits.len()
        )));
    }
    let number = |range: std::ops::Range<usize>| -> u32 { digits[range].parse().unwrap_or(0) };
    let birth_date = NaiveDate::from_ymd_opt(number(0..4) as i32, number(4..6), number(6..8))
        .filter(|d| d.year() >= 1940 && d.year() <= today.year() - MIN_APPOINTMENT_AGE)
        .ok_or_else(|| invalid("Tanggal lahir dalam NIP (angka ke-1 sampai 8) tidak valid."))?;
    let appointed_year = number(8..12) as i32;
    let appointed_month = number(12..14);
    if !(1..=12).contains(&appointed_month) {
        return Err(invalid(
            "Bulan pengangkatan dalam NIP (angka ke-13 dan 14) harus 01 sampai 12.",
        ));
    }
    if appointed_year < birth_date.year() + MIN_APPOINTMENT_AGE {
        return Err(invalid(
            "Tahun pengangkatan dalam NIP (angka ke-9 sampai 12) tidak mungkin: sebelum usia 18 tahun.",
        ));
    }
    if (appointed_year, appointed_month) > (today.year(), today.month()) {
        return Err(invalid(
            "Tahun dan bulan pengangkatan dalam NIP (angka ke-9 sampai 14) belum terjadi.",
        ));
    }
    if !matches!(&digits[14..15], "1" | "2") {
        return Err(invalid("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."));
    }
    if &digits[15..18] == "000" {
        return Err(invalid(
            "Nomor urut dalam NIP (3 angka terakhir) tidak boleh 000.",
        ));
    }
    Ok(Nip {
        digits,
        birth_date,
        appointed_year,
        appointed_month,
    })
}

/// `19800101 200501 1 001`, the way NIPs are printed under signatures.
pub fn format_spaced(digits: &str) -> String {
    if digits.len() != 18 || !digits.is_ascii() {
        return digits.to_owned();
    }
    format!(
        "{} {} {} {}",
        &digits[0..8],
        &digits[8..14],
        &digits[14..15],
        &digits[15..18]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn valid_nips() {
        let nip = parse("19800101 200501 1 001", today()).unwrap();
        assert_eq!(nip.digits, "198001012005011001");
        assert_eq!(nip.birth_date, NaiveDate::from_ymd_opt(1980, 1, 1).unwrap());
        assert_eq!((nip.appointed_year, nip.appointed_month), (2005, 1));
        assert!(
            parse("197502292000032002", today()).is_err(),
            "1975 is not a leap year"
        );
        assert!(parse("197602292000032002", today()).is_ok(), "1976 is");
        assert_eq!(format_spaced("198001012005011001"), "19800101 200501 1 001");
    }

    #[test]
    fn each_broken_part_is_named() {
        let cases = [
            ("", "wajib"),
            ("1980010120050110", "18 angka"),
            ("19800101200501100155", "18 angka"),
            ("19800101-200501-1-001", "hanya boleh berisi angka"),
            ("198013012005011001", "Tanggal lahir"),
            ("198001322005011001", "Tanggal lahir"),
            ("193001012005011001", "Tanggal lahir"),
            ("198001012005131001", "Bulan pengangkatan"),
            ("198001011990011001", "sebelum usia 18"),
            ("198001012027011001", "belum terjadi"),
            ("198001012026121001", "belum terjadi"),
            ("198001012005013001", "jenis kelamin"),
            ("198001012005011000", "000"),
        ];
        for (nip, words) in cases {
            let err = parse(nip, today()).unwrap_err();
            assert_eq!(err.field(), Some("nip"));
            assert!(err.to_string().contains(words), "{nip}: {err}");
        }
        assert_eq!(
            parse("198001012005011001x", today()).unwrap_err().code(),
            "official.nip_invalid"
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,80}") {
            let _ = parse(&text, today());
            let _ = format_spaced(&text);
        }

        #[test]
        fn digit_strings_never_panic(text in "[0-9 ]{0,30}") {
            let _ = parse(&text, today());
        }
    }
}
