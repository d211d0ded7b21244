//! Indonesian phone numbers, stored in one form (`+6281234567890`) however they were typed:
//! `0812-3456-7890`, `+62 812 3456 7890`, `62812…`, `812…`, or a landline `(0380) 821234`.

use crate::error::{Error, Result};

/// National significant numbers (after +62) are 8 to 12 digits: landlines with their area
/// code are 8–10, mobiles (starting with 8) 9–12.
const MIN_NATIONAL: usize = 8;
const MAX_NATIONAL: usize = 12;

/// Normalises a typed phone number to `+62…`; empty stays empty (the field is optional).
pub fn normalise(field: &str, text: &str) -> Result<String> {
    let invalid = || {
        Error::invalid(
            field,
            "phone.invalid",
            "Nomor telepon tidak valid; tulis misalnya 0812-3456-7890 atau +62 812 3456 7890.",
        )
    };
    if text.len() > 32 {
        return Err(invalid());
    }
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if compact.is_empty() {
        return Ok(String::new());
    }
    let national = if let Some(rest) = compact.strip_prefix("+62") {
        rest
    } else if compact.starts_with('+') {
        return Err(Error::invalid(
            field,
            "phone.foreign",
            "Hanya nomor telepon Indonesia (+62) yang dapat dicatat.",
        ));
    } else if let Some(rest) = compact.strip_prefix("62") {
        rest
    } else if let Some(rest) = compact.strip_prefix('0') {
        rest
    } else {
        compact.as_str()
    };
    if !national.bytes().all(|b| b.is_ascii_digit())
        || !(MIN_NATIONAL..=MAX_NATIONAL).contains(&national.len())
        || national.starts_with(['0', '1'])
    {
        return Err(invalid());
    }
    Ok(format!("+62{national}"))
}

/// `+6281234567890` → `0812-3456-7890`, the form staff read aloud.
pub fn display(stored: &str) -> String {
    let Some(national) = stored.strip_prefix("+62") else {
        return stored.to_owned();
    };
    if !national.bytes().all(|b| b.is_ascii_digit()) {
        return stored.to_owned();
    }
    let local = format!("0{national}");
    if !national.starts_with('8') || local.len() <= 8 {
        return local;
    }
    format!("{}-{}-{}", &local[..4], &local[4..8], &local[8..])
}

/// The digits of a search text as a stored number would contain them: `0812` → `812`, so
/// that the `+62…` form is found by what people type.
pub fn search_digits(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    if digits.is_empty()
        || !digits
            .trim_start_matches('+')
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = digits.trim_start_matches('+');
    Some(
        digits
            .strip_prefix("62")
            .or_else(|| digits.strip_prefix('0'))
            .unwrap_or(digits)
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_typed_form_becomes_plus_62() {
        for typed in [
            "0812-3456-7890",
            "+62 812 3456 7890",
            "6281234567890",
            "81234567890 ",
            "(0812) 3456.7890",
        ] {
            assert_eq!(
                normalise("phone", typed).unwrap(),
                "+6281234567890",
                "{typed}"
            );
        }
        assert_eq!(normalise("phone", "(0380) 821234").unwrap(), "+62380821234");
        assert_eq!(normalise("phone", "  ").unwrap(), "");
    }

    #[test]
    fn wrong_numbers_are_refused_with_the_field() {
        for (typed, code) in [
            ("0812", "phone.invalid"),
            ("0812345678901234", "phone.invalid"),
            ("08123abc890", "phone.invalid"),
            ("+1 202 555 0100", "phone.foreign"),
            ("00812345678", "phone.invalid"),
            ("+62012345678", "phone.invalid"),
        ] {
            let err = normalise("phone", typed).unwrap_err();
            assert_eq!((err.code(), err.field()), (code, Some("phone")), "{typed}");
        }
    }

    #[test]
    fn shown_as_read_aloud() {
        assert_eq!(display("+6281234567890"), "0812-3456-7890");
        assert_eq!(display("+62380821234"), "0380821234");
        assert_eq!(display(""), "");
    }

    #[test]
    fn search_digits_match_the_stored_form() {
        assert_eq!(search_digits("0812").as_deref(), Some("812"));
        assert_eq!(search_digits("+62 812").as_deref(), Some("812"));
        assert_eq!(search_digits("789").as_deref(), Some("789"));
        assert_eq!(search_digits("Ani"), None);
    }

    proptest::proptest! {
        #[test]
        fn no_string_makes_it_panic(text in "\\PC{0,40}") {
            let _ = normalise("phone", &text);
            let _ = search_digits(&text);
            let _ = display(&text);
        }
    }
}
