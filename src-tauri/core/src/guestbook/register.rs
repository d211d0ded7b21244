//! The rows of the printed daily register and of a person's data export, from the visits.
//! The register shows the NIK masked; only the export (audited) shows it in full.

use super::Visit;
use crate::documents::guestbook_register::RegisterRow;

/// One printed row per visit, in order of arrival.
pub fn rows(visits: &[Visit]) -> Vec<RegisterRow> {
    let mut ordered: Vec<&Visit> = visits.iter().collect();
    ordered.sort_by_key(|v| (v.time_in, v.id));
    ordered
        .into_iter()
        .enumerate()
        .map(|(index, visit)| row(index + 1, visit, visit.time_in_label.clone()))
        .collect()
}

/// A row for the person's export, dated because it spans many days.
pub fn dated_rows(visits: &[Visit]) -> Vec<RegisterRow> {
    visits
        .iter()
        .enumerate()
        .map(|(index, visit)| {
            let when = format!(
                "{} {}",
                crate::dates::format_short(visit.visit_date),
                visit.time_in_label
            );
            row(index + 1, visit, when)
        })
        .collect()
}

fn row(number: usize, visit: &Visit, time_in: String) -> RegisterRow {
    let mut purpose = visit.purpose_category_label.to_owned();
    if !visit.purpose.is_empty() {
        purpose = format!("{purpose} — {}", visit.purpose);
    }
    if visit.companions > 0 {
        purpose = format!("{purpose} (+{} pengikut)", visit.companions);
    }
    RegisterRow {
        number,
        time_in,
        time_out: visit.time_out_label.clone(),
        name: visit.name.clone(),
        id_masked: match (visit.id_number_masked.as_str(), visit.id_type_label) {
            ("", _) => String::new(),
            // The number on a KTP is the NIK, the name people know it by.
            (number, "KTP") => format!("NIK {number}"),
            (number, kind) => format!("{kind} {number}"),
        },
        address: visit.address.clone(),
        institution: visit.institution.clone(),
        purpose,
        routed_to: visit.routed_to.clone(),
        outcome: visit.outcome_label.clone(),
    }
}
