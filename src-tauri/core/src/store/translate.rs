//! The few differences between the two dialects that are mechanical, undone in one place so
//! a module writes its SQL once: parameters (`?1`, `:name` → `$n`) and `LIKE`, which is
//! case-insensitive in SQLite and so becomes `ILIKE` on PostgreSQL. Everything else a
//! module writes in the common subset, or gives a text per dialect.

/// Where the value of one `$n` of the translated text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// `?n`: the n-th positional value (1-based).
    Position(usize),
    /// `:name` (kept with its colon, as callers name it).
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub text: String,
    /// `slots[k]` fills `$(k+1)`.
    pub slots: Vec<Slot>,
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// SQLite-flavoured SQL as PostgreSQL reads it. String literals, quoted names and comments
/// are copied untouched.
pub fn to_postgres(sql: &str) -> Translated {
    let chars: Vec<char> = sql.chars().collect();
    let mut text = String::with_capacity(sql.len() + 8);
    let mut slots: Vec<Slot> = Vec::new();
    let mut next_bare = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' => {
                let end = closing(&chars, i, c);
                text.extend(&chars[i..end]);
                i = end;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '\n')
                    .map_or(chars.len(), |p| i + p);
                text.extend(&chars[i..end]);
                i = end;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                let end = (i + 2..chars.len().saturating_sub(1))
                    .find(|&j| chars[j] == '*' && chars[j + 1] == '/')
                    .map_or(chars.len(), |j| j + 2);
                text.extend(&chars[i..end]);
                i = end;
            }
            '?' => {
                let digits = take_while(&chars, i + 1, |c| c.is_ascii_digit());
                let position = if digits.is_empty() {
                    let n = next_bare;
                    next_bare += 1;
                    n
                } else {
                    digits.parse().unwrap_or(0)
                };
                let slot = Slot::Position(position);
                let index = slot_index(&mut slots, slot);
                text.push_str(&format!("${index}"));
                i += 1 + digits.len();
            }
            ':' | '@' | '$'
                if chars
                    .get(i + 1)
                    .is_some_and(|&n| n.is_ascii_alphabetic() || n == '_')
                    && !(c == ':' && i > 0 && chars[i - 1] == ':') =>
            {
                let name = take_while(&chars, i + 1, is_word);
                let slot = Slot::Name(format!("{c}{name}"));
                let index = slot_index(&mut slots, slot);
                text.push_str(&format!("${index}"));
                i += 1 + name.len();
            }
            c if is_word(c) && (i == 0 || !is_word(chars[i - 1])) => {
                let word = take_while(&chars, i, is_word);
                if word.eq_ignore_ascii_case("LIKE") {
                    text.push_str("ILIKE");
                } else {
                    text.push_str(&word);
                }
                i += word.len();
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    Translated { text, slots }
}

/// The index just past the quote that closes the one at `start` (a doubled quote is an
/// escaped one).
fn closing(chars: &[char], start: usize, quote: char) -> usize {
    let mut j = start + 1;
    while j < chars.len() {
        if chars[j] == quote {
            if chars.get(j + 1) == Some(&quote) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    chars.len()
}

fn take_while(chars: &[char], from: usize, keep: impl Fn(char) -> bool) -> String {
    chars[from.min(chars.len())..]
        .iter()
        .take_while(|&&c| keep(c))
        .collect()
}

/// The `$n` of `slot`, reusing the number when the same parameter appears again.
fn slot_index(slots: &mut Vec<Slot>, slot: Slot) -> usize {
    if let Slot::Position(n) = slot {
        // `?n` keeps its own number, so `$n` lines up with the n-th value.
        while slots.len() < n {
            slots.push(Slot::Position(slots.len() + 1));
        }
        return n;
    }
    match slots.iter().position(|s| *s == slot) {
        Some(found) => found + 1,
        None => {
            slots.push(slot);
            slots.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_and_named_parameters_become_dollar_numbers() {
        let t = to_postgres("SELECT a FROM t WHERE b = ?2 AND c = ?1");
        assert_eq!(t.text, "SELECT a FROM t WHERE b = $2 AND c = $1");
        assert_eq!(t.slots, vec![Slot::Position(1), Slot::Position(2)]);

        let t = to_postgres("UPDATE t SET a = :a WHERE id = :id AND (:a IS NULL OR x = :a)");
        assert_eq!(
            t.text,
            "UPDATE t SET a = $1 WHERE id = $2 AND ($1 IS NULL OR x = $1)"
        );
        assert_eq!(
            t.slots,
            vec![Slot::Name(":a".into()), Slot::Name(":id".into())]
        );
    }

    #[test]
    fn literals_comments_and_casts_are_left_alone() {
        let t = to_postgres(
            "SELECT ':not', 'it''s ?1', \"a:b\" -- :c ?\n FROM t /* :d */ WHERE x::text LIKE :e",
        );
        assert_eq!(
            t.text,
            "SELECT ':not', 'it''s ?1', \"a:b\" -- :c ?\n FROM t /* :d */ WHERE x::text ILIKE $1"
        );
        assert_eq!(t.slots, vec![Slot::Name(":e".into())]);
    }

    #[test]
    fn like_is_a_keyword_not_part_of_a_name() {
        let t = to_postgres("SELECT liked, unlike FROM t WHERE name NOT LIKE 'x%' OR a like ?");
        assert_eq!(
            t.text,
            "SELECT liked, unlike FROM t WHERE name NOT ILIKE 'x%' OR a ILIKE $1"
        );
    }

    #[test]
    fn bare_question_marks_count_up() {
        let t = to_postgres("INSERT INTO t VALUES (?, ?, ?)");
        assert_eq!(t.text, "INSERT INTO t VALUES ($1, $2, $3)");
        assert_eq!(t.slots.len(), 3);
    }
}
