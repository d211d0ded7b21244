//! Checks shared by every form: trimmed text with a length limit and no control characters.
//! A 10 MB paste into a name field ends here with a message, not in the database.

use crate::error::{Error, Result};

/// Required single-line text, trimmed; `label` is the field's Indonesian name.
pub fn required(field: &str, label: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = optional(field, label, value, max_chars)?;
    if value.is_empty() {
        return Err(Error::invalid(
            field,
            "field.required",
            format!("{label} wajib diisi."),
        ));
    }
    Ok(value)
}

/// Optional single-line text, trimmed; empty is allowed.
pub fn optional(field: &str, label: &str, value: &str, max_chars: usize) -> Result<String> {
    // Count lazily: a huge paste is rejected without walking all of it.
    if value.chars().take(max_chars + 1).count() > max_chars {
        return Err(Error::invalid(
            field,
            "field.too_long",
            format!("{label} terlalu panjang (paling banyak {max_chars} karakter)."),
        ));
    }
    let value = value.trim();
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            "field.control_chars",
            format!("{label} berisi karakter yang tidak dapat dicetak; ketik ulang isiannya."),
        ));
    }
    Ok(value.to_owned())
}

/// Text of several lines (a letter's body): line breaks kept as `\n`, tabs as spaces, other
/// control characters refused; trimmed at both ends.
pub fn multiline(
    field: &str,
    label: &str,
    value: &str,
    max_chars: usize,
    required: bool,
) -> Result<String> {
    if value.chars().take(max_chars + 1).count() > max_chars {
        return Err(Error::invalid(
            field,
            "field.too_long",
            format!("{label} terlalu panjang (paling banyak {max_chars} karakter)."),
        ));
    }
    let value = value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ");
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(
            field,
            "field.control_chars",
            format!("{label} berisi karakter yang tidak dapat dicetak; ketik ulang isiannya."),
        ));
    }
    let value = value.trim().to_owned();
    if required && value.is_empty() {
        return Err(Error::invalid(
            field,
            "field.required",
            format!("{label} wajib diisi."),
        ));
    }
    Ok(value)
}

/// Parses a whole number typed into a field, within an inclusive range.
pub fn integer_in(field: &str, label: &str, value: &str, min: i64, max: i64) -> Result<i64> {
    let out_of_range = || {
        Error::invalid(
            field,
            "field.out_of_range",
            format!("{label} harus bilangan bulat {min} sampai {max}."),
        )
    };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(
            field,
            "field.required",
            format!("{label} wajib diisi."),
        ));
    }
    if trimmed.len() > 12 || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(out_of_range());
    }
    let number: i64 = trimmed.parse().map_err(|_| out_of_range())?;
    if number < min || number > max {
        return Err(out_of_range());
    }
    Ok(number)
}

/// The label of a code in a `(code, label)` table; empty for an unknown code.
pub fn label(table: &[(&str, &'static str)], code: &str) -> &'static str {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("")
}

/// A typed text as a literal inside a `LIKE` pattern (with `ESCAPE '\\'`).
pub fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims_and_rejects_empty() {
        assert_eq!(required("f", "Nama", "  Ani  ", 10).unwrap(), "Ani");
        assert_eq!(
            required("f", "Nama", "   ", 10).unwrap_err().code(),
            "field.required"
        );
    }

    #[test]
    fn long_and_control_text_is_refused() {
        let paste = "x".repeat(10 * 1024 * 1024);
        let err = optional("f", "Alamat", &paste, 200).unwrap_err();
        assert_eq!(err.code(), "field.too_long");
        assert!(err.to_string().contains("Alamat"));
        assert_eq!(
            optional("f", "Alamat", "a\u{0}b", 200).unwrap_err().code(),
            "field.control_chars"
        );
    }

    #[test]
    fn multiline_keeps_line_breaks_and_refuses_the_rest() {
        assert_eq!(
            multiline("f", "Isi", " a\r\nb\tc\n\n", 100, true).unwrap(),
            "a\nb c"
        );
        assert_eq!(
            multiline("f", "Isi", "  ", 100, true).unwrap_err().code(),
            "field.required"
        );
        assert_eq!(multiline("f", "Isi", "", 100, false).unwrap(), "");
        assert_eq!(
            multiline("f", "Isi", "a\u{7}", 100, true)
                .unwrap_err()
                .code(),
            "field.control_chars"
        );
        let paste = "x".repeat(10 * 1024 * 1024);
        assert_eq!(
            multiline("f", "Isi", &paste, 100, true).unwrap_err().code(),
            "field.too_long"
        );
    }

    #[test]
    fn integers_are_bounded() {
        assert_eq!(integer_in("f", "Ukuran", " 14 ", 6, 30).unwrap(), 14);
        for bad in ["", "5", "31", "-1", "1e3", "99999999999999999999", "١٢"] {
            assert!(integer_in("f", "Ukuran", bad, 6, 30).is_err(), "{bad}");
        }
    }
}
