//! Two versions of a draft compared word by word, so a reviewer sees exactly what the
//! author changed after a correction.

use std::time::Duration;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PieceKind {
    Same,
    Added,
    Removed,
}

/// A run of words that are the same in both versions, only in the newer or only in the older.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub kind: PieceKind,
    pub text: String,
}

/// The words of `older` and `newer` as runs of kept, added and removed text. Whitespace
/// (line breaks included) stays with the words so the result reads like the letter.
pub fn words(older: &str, newer: &str) -> Vec<Piece> {
    let diff = TextDiff::configure()
        // A pathological pair must not freeze the screen; after this the diff is coarser.
        .timeout(Duration::from_millis(500))
        .diff_words(older, newer);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => PieceKind::Same,
            ChangeTag::Insert => PieceKind::Added,
            ChangeTag::Delete => PieceKind::Removed,
        };
        let text = change.value();
        match pieces.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => pieces.push(Piece {
                kind,
                text: text.to_owned(),
            }),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.kind {
                PieceKind::Same => p.text.clone(),
                PieceKind::Added => format!("[+{}]", p.text),
                PieceKind::Removed => format!("[-{}]", p.text),
            })
            .collect()
    }

    #[test]
    fn changed_words_are_marked_and_the_rest_kept() {
        let older = "Data Saudara telah kami periksa bersama pendamping.";
        let newer = "Data Saudara telah kami periksa ulang bersama pendamping PKH.";
        let pieces = words(older, newer);
        let text = shown(&pieces);
        assert!(text.contains("[+ulang"), "{text}");
        assert!(text.contains("[-pendamping.]"), "{text}");
        assert!(text.contains("[+pendamping PKH.]"), "{text}");
        let kept: String = pieces
            .iter()
            .filter(|p| p.kind != PieceKind::Added)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(kept, older);
        let new: String = pieces
            .iter()
            .filter(|p| p.kind != PieceKind::Removed)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(new, newer);
    }

    #[test]
    fn equal_versions_have_no_change() {
        let pieces = words("Sama saja.\n\nDua paragraf.", "Sama saja.\n\nDua paragraf.");
        assert!(pieces.iter().all(|p| p.kind == PieceKind::Same));
    }
}
