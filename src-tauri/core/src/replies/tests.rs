//! The reply's path: drafted from a template, returned once, corrected, initialled by two
//! reviewers, signed by the Head with the next outgoing number; and the rules on the way.

use chrono::Duration;

use crate::accounts::Actor;
use crate::cases::CaseInput;
use crate::error::Error;
use crate::letters::tests::letter_input;
use crate::people::PersonInput;
use crate::replies::DraftInput;
use crate::settings::officials::OfficialInput;
use crate::test_office::{desk, Desk};
use crate::ReplyFile;

fn letter_case(d: &Desk) -> i64 {
    let letter = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[])
        .unwrap()
        .letter;
    let case_id = d
        .office
        .case_register(
            &d.clerk,
            &CaseInput {
                channel: "letter".into(),
                kind: "pengaduan".into(),
                identity: "named".into(),
                person: Some(PersonInput {
                    name: "Yuliana Nenobais".into(),
                    id_type: "lainnya".into(),
                    address: "Jl. Timor Raya 17, Oesapa".into(),
                    ..Default::default()
                }),
                summary: "Verifikasi ulang data DTKS warga RT 004".into(),
                letter_id: Some(letter.id),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    // The Head disposes the letter before anyone replies to it.
    d.office
        .dispose(
            &d.head,
            &crate::dispositions::DispositionInput {
                letter_id: Some(letter.id),
                case_id: Some(case_id),
                to_official_ids: vec![d.kasubag_id],
                instructions: vec!["proses".into()],
                ..Default::default()
            },
        )
        .unwrap();
    case_id
}

/// The draft's current content as the form would send it back, with `reviewers`.
fn input_of(file: &ReplyFile, reviewers: &[i64]) -> DraftInput {
    let c = &file.reply.content;
    DraftInput {
        seen: None,
        addressee: c.addressee.clone(),
        addressee_address: c.addressee_address.clone(),
        addressee_place: c.addressee_place.clone(),
        sifat: c.sifat.clone(),
        enclosures: c.enclosures.to_string(),
        subject: c.subject.clone(),
        body: c.body.replace(
            "[Uraikan hasil penanganan pengaduan.]",
            "Data Saudara telah kami periksa.",
        ),
        copies: c.copies.join("\n"),
        classification_code: c.classification_code.clone(),
        signer_official_id: Some(c.signer_official_id),
        reviewer_ids: reviewers.iter().map(|id| Some(*id)).collect(),
    }
}

fn code(err: Error) -> &'static str {
    err.code()
}

/// A draft by the Kasubag, reviewed by the Kasubag's Kabid… here: Kasubag → Kabid, signed by
/// the Head. Returns the draft's id.
fn drafted(d: &Desk, reviewers: &[i64]) -> i64 {
    let case_id = letter_case(d);
    let file = d
        .office
        .reply_create(&d.clerk, case_id, "jawaban_pengaduan")
        .unwrap();
    let id = file.reply.id;
    d.office
        .reply_save(&d.clerk, id, &input_of(&file, reviewers))
        .unwrap();
    id
}

#[test]
fn a_draft_is_filled_from_the_case_and_its_letter() {
    let d = desk();
    let case_id = letter_case(&d);
    let file = d
        .office
        .reply_create(&d.clerk, case_id, "jawaban_pengaduan")
        .unwrap();
    let c = &file.reply.content;
    assert_eq!(c.addressee, "Sdr. Yuliana Nenobais");
    assert_eq!(c.addressee_address, "Jl. Timor Raya 17, Oesapa");
    assert_eq!(c.addressee_place, "Kupang");
    assert!(
        c.body
            .contains("melalui surat nomor 005/RT.04/XI/2026 tanggal 25 November 2026"),
        "{}",
        c.body
    );
    assert!(c.body.contains("PGD-2026-0001"), "{}", c.body);
    assert!(c
        .body
        .contains("Permohonan verifikasi ulang data DTKS warga"));
    assert_eq!(c.signer_official_id, d.head_id, "the Head signs by default");
    assert_eq!(file.reply.status, "konsep");
    assert_eq!(file.reply.version, 1);
    assert!(file.can_edit && file.can_submit);
    // The case's file lists it.
    let case = d.office.case_file(&d.kabid, case_id).unwrap();
    assert_eq!(case.replies.len(), 1);
    // The placeholder left in the body is refused until it is written.
    let err = d
        .office
        .reply_save(&d.clerk, file.reply.id, &{
            let mut input = input_of(&file, &[]);
            input.body = file.reply.content.body.clone() + " {nama}";
            input
        })
        .unwrap_err();
    assert_eq!(code(err), "reply.unfilled_field");
}

#[test]
fn returned_corrected_initialled_twice_and_signed() {
    let d = desk();
    let id = drafted(&d, &[d.kasubag_id, d.kabid_id]);
    let o = &d.office;
    let file = o.reply_submit(&d.clerk, id).unwrap();
    assert_eq!(file.reply.status, "paraf");
    assert_eq!(file.reply.awaiting_official_id, Some(d.kasubag_id));

    // No skipping: the Kabid cannot initial before the Kasubag, the Head cannot sign yet.
    assert_eq!(
        code(o.reply_initial(&d.kabid, id).unwrap_err()),
        "reply.not_your_turn"
    );
    assert_eq!(
        code(o.reply_sign(&d.head, id).unwrap_err()),
        "reply.awaiting_initials"
    );
    assert_eq!(
        code(o.reply_initial(&d.head, id).unwrap_err()),
        "reply.signer_initials"
    );
    let file = o.reply_initial(&d.kasubag, id).unwrap();
    assert_eq!(file.reply.awaiting_official_id, Some(d.kabid_id));
    assert_eq!(
        code(o.reply_initial(&d.kasubag, id).unwrap_err()),
        "reply.not_your_turn"
    );

    // The Kabid returns it; the note is required, then it goes back to the author.
    assert_eq!(
        code(o.reply_return(&d.kabid, id, "  ").unwrap_err()),
        "field.required"
    );
    d.clock.advance(Duration::minutes(30));
    let file = o
        .reply_return(&d.kabid, id, "Sebutkan jadwal pemutakhiran data.")
        .unwrap();
    assert_eq!(file.reply.status, "dikembalikan");
    assert_eq!(
        file.return_note.as_deref(),
        Some("Sebutkan jadwal pemutakhiran data.")
    );
    assert_eq!(file.reply.awaiting_official_id, None);
    // A returned draft cannot be signed, nor initialled.
    assert_eq!(
        code(o.reply_sign(&d.head, id).unwrap_err()),
        "reply.returned"
    );
    assert_eq!(
        code(o.reply_initial(&d.kasubag, id).unwrap_err()),
        "reply.not_your_turn"
    );
    // Only the author corrects it.
    let mut corrected = input_of(&file, &[d.kasubag_id, d.kabid_id]);
    corrected.body = corrected.body.replace(
        "Data Saudara telah kami periksa.",
        "Data Saudara telah kami periksa dan diusulkan pada pemutakhiran bulan Desember 2026.",
    );
    assert!(matches!(
        o.reply_save(&d.kabid, id, &corrected),
        Err(Error::Forbidden { .. })
    ));
    let file = o.reply_save(&d.clerk, id, &corrected).unwrap();
    assert_eq!(file.reply.version, 3, "created, edited, corrected");
    // Saving the same text again adds no version.
    assert_eq!(
        o.reply_save(&d.clerk, id, &corrected)
            .unwrap()
            .reply
            .version,
        3
    );

    // Second round, from the first reviewer again.
    o.reply_submit(&d.clerk, id).unwrap();
    assert_eq!(
        o.reply_file(&d.clerk, id)
            .unwrap()
            .reply
            .awaiting_official_id,
        Some(d.kasubag_id)
    );
    o.reply_initial(&d.kasubag, id).unwrap();
    let file = o.reply_initial(&d.kabid, id).unwrap();
    assert_eq!(file.reply.status, "siap_tanda_tangan");
    assert!(o.reply_file(&d.head, id).unwrap().can_sign);
    assert_eq!(
        code(o.reply_sign(&d.kabid, id).unwrap_err()),
        "reply.not_signer"
    );
    let file = o.reply_sign(&d.head, id).unwrap();
    assert_eq!(file.reply.status, "ditandatangani");
    assert_eq!(
        file.reply.outgoing_number.as_deref(),
        Some("400.9/1/Dinsos/2026")
    );
    assert_eq!(file.reply.letter_date_label, "30 November 2026");
    let actions: Vec<&str> = file.trail.iter().map(|t| t.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "ajukan",
            "paraf",
            "kembalikan",
            "ajukan",
            "paraf",
            "paraf",
            "tanda_tangan"
        ]
    );

    // Frozen: no more edits, in the core and in the database.
    assert_eq!(
        code(o.reply_save(&d.clerk, id, &corrected).unwrap_err()),
        "reply.not_editable"
    );
    let err = o
        .write(|tx| Ok(tx.execute("UPDATE replies SET template_code = 'x' WHERE id = ?1", [id])?))
        .unwrap_err();
    assert!(err.to_string().contains("frozen") || matches!(err, Error::Sql(_)));

    // The paraf column holds this round's two initials, in order.
    let (_, print) = o.read(|tx| super::signed_print(tx, id)).unwrap();
    let names: Vec<&str> = print.initials.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Yohanes Ndolu, S.H.", "Maria Goreti Bria, S.Sos."]);
    assert_eq!(print.number, "400.9/1/Dinsos/2026");
    assert!(print
        .paragraphs
        .iter()
        .any(|p| p.contains("bulan Desember 2026")));

    // The outgoing register lists it.
    let register = o
        .outgoing_letters(&d.reception, &Default::default())
        .unwrap();
    assert_eq!(register.rows.len(), 1);
    assert_eq!(register.rows[0].number, "400.9/1/Dinsos/2026");
    assert_eq!(register.rows[0].addressee, "Sdr. Yuliana Nenobais");

    // Every version is kept and any two compare word by word.
    let versions = o.reply_file(&d.clerk, id).unwrap().versions;
    assert_eq!(versions.len(), 3);
    let comparison = o.reply_compare(&d.kabid, id, 3, 2).unwrap();
    assert_eq!((comparison.older, comparison.newer), (2, 3));
    let added: String = comparison
        .pieces
        .iter()
        .filter(|p| p.kind == super::compare::PieceKind::Added)
        .map(|p| p.text.as_str())
        .collect();
    assert!(added.contains("Desember"), "{added}");
}

#[test]
fn review_path_rules_on_saving() {
    let d = desk();
    let case_id = letter_case(&d);
    let o = &d.office;
    let file = o
        .reply_create(&d.clerk, case_id, "jawaban_pengaduan")
        .unwrap();
    let id = file.reply.id;
    let sekretaris = o
        .official_save(
            &d.admin,
            None,
            &OfficialInput {
                seen: None,
                name: "Agustinus Seran, S.STP.".into(),
                nip: "197903211998111001".into(),
                rank_code: "IV/b".into(),
                position: "Sekretaris".into(),
                unit_id: Some(2),
                active_from: "01/01/2020".into(),
                active_to: String::new(),
            },
        )
        .unwrap()
        .id;
    let four = input_of(&file, &[d.kasubag_id, d.kabid_id, sekretaris, d.kasubag_id]);
    let err = o.reply_save(&d.clerk, id, &four).unwrap_err();
    assert_eq!(code(err), "reply.too_many_reviewers");
    let twice = input_of(&file, &[d.kasubag_id, d.kasubag_id]);
    assert_eq!(
        code(o.reply_save(&d.clerk, id, &twice).unwrap_err()),
        "reply.reviewer_twice"
    );
    let signer_initials = input_of(&file, &[d.kasubag_id, d.head_id]);
    assert_eq!(
        code(o.reply_save(&d.clerk, id, &signer_initials).unwrap_err()),
        "reply.signer_initials"
    );
    // Bad input is named by field, and nothing is saved.
    let mut bad = input_of(&file, &[]);
    bad.addressee = " ".into();
    bad.sifat = "kilat".into();
    bad.body = "x".repeat(10 * 1024 * 1024);
    bad.enclosures = "-3".into();
    let err = o.reply_save(&d.clerk, id, &bad).unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["addressee", "sifat", "enclosures", "body"]);
    assert_eq!(o.reply_file(&d.clerk, id).unwrap().reply.version, 1);

    // Three reviewers is the most; the Sekretaris signs a.n. the Head.
    let mut three = input_of(&file, &[d.kasubag_id, d.kabid_id]);
    three.signer_official_id = Some(sekretaris);
    let file = o.reply_save(&d.clerk, id, &three).unwrap();
    assert_eq!(file.reply.signer_label, "a.n. Kepala Dinas — Sekretaris");
    let signer = o
        .read(|tx| super::signer::signer(tx, sekretaris, o.today()))
        .unwrap();
    assert_eq!(
        signer.block.title_lines,
        ["a.n. KEPALA DINAS SOSIAL KOTA KUPANG", "SEKRETARIS,"]
    );
    // The Head's own block, and a Plt. standing in for him.
    let head = o
        .read(|tx| super::signer::signer(tx, d.head_id, o.today()))
        .unwrap();
    assert_eq!(head.block.title_lines, ["KEPALA DINAS SOSIAL KOTA KUPANG,"]);
    assert_eq!(head.block.nip, "19680512 199403 1 004");
}

#[test]
fn outgoing_numbers_run_per_year_and_a_letter_without_a_code_is_not_signed() {
    let d = desk();
    let o = &d.office;
    let sign = |reviewers: &[i64]| -> Option<String> {
        let id = drafted(&d, reviewers);
        o.reply_submit(&d.clerk, id).unwrap();
        for _ in reviewers {
            let file = o.reply_file(&d.clerk, id).unwrap();
            let actor: &Actor = if file.reply.awaiting_official_id == Some(d.kasubag_id) {
                &d.kasubag
            } else {
                &d.kabid
            };
            o.reply_initial(actor, id).unwrap();
        }
        o.reply_sign(&d.head, id).unwrap().reply.outgoing_number
    };
    assert_eq!(sign(&[]).as_deref(), Some("400.9/1/Dinsos/2026"));
    assert_eq!(sign(&[d.kabid_id]).as_deref(), Some("400.9/2/Dinsos/2026"));
    d.clock.advance(Duration::days(40));
    assert_eq!(sign(&[]).as_deref(), Some("400.9/1/Dinsos/2027"));

    // Without a classification code, the format's {kode} cannot be filled: refused, and no
    // number is used up.
    let id = drafted(&d, &[]);
    let file = o.reply_file(&d.clerk, id).unwrap();
    let mut input = input_of(&file, &[]);
    input.classification_code = String::new();
    o.reply_save(&d.clerk, id, &input).unwrap();
    o.reply_submit(&d.clerk, id).unwrap();
    assert_eq!(
        code(o.reply_sign(&d.head, id).unwrap_err()),
        "reply.classification_needed"
    );
    assert_eq!(sign(&[]).as_deref(), Some("400.9/2/Dinsos/2027"));
}

#[test]
fn a_signed_letter_reprints_the_same_after_the_letterhead_changes() {
    let d = desk();
    let o = &d.office;
    let id = drafted(&d, &[d.kabid_id]);
    o.reply_submit(&d.clerk, id).unwrap();
    o.reply_initial(&d.kabid, id).unwrap();
    o.reply_sign(&d.head, id).unwrap();
    let before = o.reply_pdf(&d.clerk, id, true).unwrap();
    assert_eq!(before.file_name, "surat-400-9-1-Dinsos-2026-arsip.pdf");

    // The office moves; the letterhead and the page settings change the next day.
    d.clock.advance(Duration::days(1));
    let current = o.letterhead_current(&d.admin).unwrap();
    let mut moved = crate::settings::letterhead::tests::input_from(&current, "01/12/2026");
    moved.street_address = "Jalan El Tari No. 5".into();
    o.letterhead_save(&d.admin, &moved).unwrap();
    o.letter_setup_save(
        &d.admin,
        &crate::settings::letter_setup::LetterSetupInput {
            paper: "F4".into(),
            margin_top_mm: "25".into(),
            margin_bottom_mm: "25".into(),
            margin_left_mm: "30".into(),
            margin_right_mm: "20".into(),
            font: "serif".into(),
            font_pt: "12".into(),
        },
    )
    .unwrap();
    let after = o.reply_pdf(&d.clerk, id, true).unwrap();
    assert_eq!(
        without_file_id(&before.bytes),
        without_file_id(&after.bytes)
    );
    // A new draft does use the new letterhead.
    let draft = drafted(&d, &[]);
    let text =
        String::from_utf8_lossy(&o.reply_pdf(&d.clerk, draft, false).unwrap().bytes).into_owned();
    assert!(text.starts_with("%PDF-"));
}

/// The bytes before the trailer's /ID, which printpdf fills with a per-call counter; the
/// metadata dates are fixed (the renderer never reads the clock).
fn without_file_id(bytes: &[u8]) -> &[u8] {
    let at = bytes
        .windows(3)
        .rposition(|w| w == b"/ID")
        .unwrap_or(bytes.len());
    &bytes[..at]
}

#[test]
fn who_may_do_what() {
    let d = desk();
    let o = &d.office;
    let case_id = letter_case(&d);
    // Reception reads cases but does not draft replies.
    assert!(matches!(
        o.reply_create(&d.reception, case_id, "jawaban_pengaduan"),
        Err(Error::Forbidden { .. })
    ));
    // An official drafts his own; another official cannot submit it.
    let file = o
        .reply_create(&d.kabid, case_id, "undangan_klarifikasi")
        .unwrap();
    assert!(matches!(
        o.reply_submit(&d.kasubag, file.reply.id),
        Err(Error::Forbidden { .. })
    ));
    // The author withdraws it with a reason; then nothing more happens to it.
    let cancelled = o
        .reply_cancel(&d.kabid, file.reply.id, "Diganti surat lain")
        .unwrap();
    assert_eq!(cancelled.reply.status, "dibatalkan");
    assert_eq!(
        code(o.reply_submit(&d.kabid, file.reply.id).unwrap_err()),
        "reply.not_submittable"
    );
    // Each step is in the audit trail.
    let audit = o
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT count(*) FROM audit_log WHERE entity = 'reply'",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap();
    assert_eq!(audit, 2);
}

#[test]
fn withdrawn_and_returned_drafts_lose_their_initials() {
    let d = desk();
    let o = &d.office;
    let id = drafted(&d, &[d.kasubag_id, d.kabid_id]);
    o.reply_submit(&d.clerk, id).unwrap();
    o.reply_initial(&d.kasubag, id).unwrap();
    // Only the author withdraws; then it is a plain draft again, editable.
    assert!(matches!(
        o.reply_withdraw(&d.kabid, id),
        Err(Error::Forbidden { .. })
    ));
    let file = o.reply_withdraw(&d.clerk, id).unwrap();
    assert_eq!(file.reply.status, "konsep");
    assert!(file.can_edit && !file.can_withdraw);
    assert_eq!(
        code(o.reply_initial(&d.kabid, id).unwrap_err()),
        "reply.not_your_turn"
    );
    let reply = o.read(|tx| super::get(tx, id, o.today())).unwrap();
    let print = o
        .read(|tx| {
            let head = crate::settings::letterhead::in_force_on(tx, o.today())?;
            super::print_data(tx, &reply, &head, o.today(), None)
        })
        .unwrap();
    assert!(print.initials.is_empty(), "the lapsed paraf is not printed");
    // Returned: same.
    o.reply_submit(&d.clerk, id).unwrap();
    o.reply_initial(&d.kasubag, id).unwrap();
    o.reply_return(&d.kabid, id, "Perbaiki alamat.").unwrap();
    let reply = o.read(|tx| super::get(tx, id, o.today())).unwrap();
    assert!(reply.reviewers.iter().all(|r| !r.initialled));
    let initials = o.read(|tx| super::initials(tx, &reply)).unwrap();
    assert!(initials.is_empty());
}

#[test]
fn a_reviewer_who_left_office_is_named_before_the_draft_goes_up() {
    let d = desk();
    let o = &d.office;
    let id = drafted(&d, &[d.kasubag_id, d.kabid_id]);
    let kabid = o
        .officials(&d.admin)
        .unwrap()
        .into_iter()
        .find(|x| x.id == d.kabid_id)
        .unwrap();
    o.official_save(
        &d.admin,
        Some(d.kabid_id),
        &OfficialInput {
            seen: None,
            name: kabid.name.clone(),
            nip: kabid.nip.clone(),
            rank_code: kabid.rank_code.clone(),
            position: kabid.position.clone(),
            unit_id: Some(kabid.unit_id),
            active_from: "01/01/2020".into(),
            active_to: "27/11/2026".into(),
        },
    )
    .unwrap();
    assert_eq!(
        code(o.reply_submit(&d.clerk, id).unwrap_err()),
        "reply.reviewer_inactive"
    );
    // Choosing another reviewer lets it go up; the comparison shows the changed path.
    let file = o.reply_file(&d.clerk, id).unwrap();
    o.reply_save(&d.clerk, id, &input_of(&file, &[d.kasubag_id]))
        .unwrap();
    o.reply_submit(&d.clerk, id).unwrap();
    let comparison = o.reply_compare(&d.clerk, id, 2, 3).unwrap();
    let removed: String = comparison
        .pieces
        .iter()
        .filter(|p| p.kind == super::compare::PieceKind::Removed)
        .map(|p| p.text.as_str())
        .collect();
    assert!(removed.contains("Maria"), "{removed}");
}

#[test]
fn registers_and_lists_never_name_a_confidential_complainant() {
    let d = desk();
    let o = &d.office;
    let case_id = o
        .case_register(
            &d.clerk,
            &CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                identity: "confidential".into(),
                person: Some(PersonInput {
                    name: "Rahasia Sekali".into(),
                    id_type: "lainnya".into(),
                    ..Default::default()
                }),
                summary: "Pungutan liar di kelurahan".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let file = o
        .reply_create(&d.clerk, case_id, "jawaban_pengaduan")
        .unwrap();
    // The letter itself is addressed to them…
    assert_eq!(file.reply.content.addressee, "Sdr. Rahasia Sekali");
    let id = file.reply.id;
    let mut input = input_of(&file, &[]);
    input.copies = "1. Inspektorat Kota Kupang\n2) Arsip\n112 Command Center".into();
    o.reply_save(&d.clerk, id, &input).unwrap();
    o.reply_submit(&d.clerk, id).unwrap();
    o.reply_sign(&d.head, id).unwrap();
    let reply = o.reply_file(&d.clerk, id).unwrap().reply;
    assert_eq!(
        reply.content.copies,
        ["Inspektorat Kota Kupang", "Arsip", "112 Command Center"]
    );
    // …but reception, who has nothing to do with it, cannot open it, and the lists, the
    // register and the audit trail do not name them.
    assert!(matches!(
        o.reply_file(&d.reception, id),
        Err(Error::Forbidden { .. })
    ));
    assert!(o.reply_pdf(&d.reception, id, true).is_err());
    let listed = &o.case_file(&d.reception, case_id).unwrap().replies[0];
    assert_eq!(listed.addressee_shown, crate::cases::CONFIDENTIAL_NAME);
    assert_eq!(listed.content.addressee, crate::cases::CONFIDENTIAL_NAME);
    assert!(listed.content.body.is_empty() && listed.withheld);
    let register = o
        .outgoing_letters(&d.reception, &Default::default())
        .unwrap();
    assert_eq!(register.rows[0].addressee, crate::cases::CONFIDENTIAL_NAME);
    let in_audit: i64 = o
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT count(*) FROM audit_log WHERE changes LIKE '%Rahasia%'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(in_audit, 0, "the audit trail never keeps the name");
}

#[test]
fn an_official_never_signs_his_own_draft_and_a_n_letters_are_initialled_first() {
    let d = desk();
    let o = &d.office;
    let case_id = letter_case(&d);
    // The Kabid drafts and names himself as signer (a.n. Kepala Dinas), with nobody to
    // initial it: refused on saving, naming the field.
    let file = o
        .reply_create(&d.kabid, case_id, "jawaban_pengaduan")
        .unwrap();
    let id = file.reply.id;
    let mut himself = input_of(&file, &[]);
    himself.signer_official_id = Some(d.kabid_id);
    let err = o.reply_save(&d.kabid, id, &himself).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("reply.author_signs", Some("signer_official_id"))
    );
    // Signed a.n. by the Kasubag, with only the author himself on the path: still nobody
    // else has read it.
    let mut own_paraf = input_of(&file, &[d.kabid_id]);
    own_paraf.signer_official_id = Some(d.kasubag_id);
    let err = o.reply_save(&d.kabid, id, &own_paraf).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("reply.review_required", Some("reviewer_ids"))
    );
    let mut no_paraf = input_of(&file, &[]);
    no_paraf.signer_official_id = Some(d.kasubag_id);
    assert_eq!(
        code(o.reply_save(&d.kabid, id, &no_paraf).unwrap_err()),
        "reply.review_required"
    );
    // With the Head as signer no paraf is required; the Head himself signs in person.
    o.reply_save(&d.kabid, id, &input_of(&file, &[])).unwrap();
    o.reply_submit(&d.kabid, id).unwrap();
    assert_eq!(
        o.reply_sign(&d.head, id).unwrap().reply.status,
        "ditandatangani"
    );

    // The Head drafts: his draft is offered to another signer (who signs a.n. him, so it
    // must be initialled first), and he cannot choose himself.
    let file = o
        .reply_create(&d.head, case_id, "informasi_diberikan")
        .unwrap();
    assert_ne!(file.reply.content.signer_official_id, d.head_id);
    assert_eq!(
        code(o.reply_submit(&d.head, file.reply.id).unwrap_err()),
        "reply.review_required"
    );
    let mut himself = input_of(&file, &[d.kasubag_id]);
    himself.signer_official_id = Some(d.head_id);
    assert_eq!(
        code(o.reply_save(&d.head, file.reply.id, &himself).unwrap_err()),
        "reply.author_signs"
    );
    // Nor can a draft of an older Loket, naming its author as signer and waiting on his desk,
    // be signed by him.
    o.write(|tx| {
        let mut content = file.reply.content.clone();
        content.signer_official_id = d.head_id;
        tx.execute(
            "INSERT INTO reply_versions (reply_id, version, content, saved_by, saved_at)
             VALUES (?1, 2, ?2, ?3, '2026-11-30T01:00:00Z')",
            crate::store::params![
                file.reply.id,
                serde_json::to_string(&content).unwrap(),
                d.head.account_id
            ],
        )?;
        Ok(tx.execute(
            "UPDATE replies SET status = 'siap_tanda_tangan', awaiting_official_id = ?1,
                    signer_official_id = ?1, current_version = 2
              WHERE id = ?2",
            [d.head_id, file.reply.id],
        )?)
    })
    .unwrap();
    assert!(!o.reply_file(&d.head, file.reply.id).unwrap().can_sign);
    assert_eq!(
        code(o.reply_sign(&d.head, file.reply.id).unwrap_err()),
        "reply.author_signs"
    );
    let signed: i64 = o
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT count(*) FROM replies WHERE outgoing_number IS NOT NULL",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(signed, 1, "no number taken by a refused signing");
}

/// Two people with the same draft open: the later save over the earlier one is refused,
/// naming who saved and when; nothing of it is kept. With the revision seen anew, it saves.
#[test]
fn a_save_over_someone_elses_later_change_is_refused_with_who_and_when() {
    let d = desk();
    let id = drafted(&d, &[d.kabid_id]);
    let opened_at = d.office.revision(&d.clerk, "reply", id).unwrap();
    // Someone else (the same draft, another PC) saves first, an hour later.
    d.clock.advance(chrono::Duration::hours(1));
    let file = d.office.reply_file(&d.clerk, id).unwrap();
    let mut theirs = input_of(&file, &[d.kabid_id]);
    theirs.subject = "Tanggapan atas pengaduan (diperbaiki)".into();
    theirs.seen = Some(opened_at);
    // The same records clerk's account at another PC: any save there counts.
    d.office.reply_save(&d.clerk, id, &theirs).unwrap();
    let mut mine = input_of(&file, &[d.kabid_id]);
    mine.subject = "Jawaban saya".into();
    mine.seen = Some(opened_at);
    let refused = d.office.reply_save(&d.clerk, id, &mine).unwrap_err();
    assert_eq!(refused.code(), "record.changed_meanwhile");
    let message = refused.to_string();
    assert!(
        message.contains("oleh tu pada 30/11/2026 10.00 WITA"),
        "{message}"
    );
    let kept = d.office.reply_file(&d.clerk, id).unwrap();
    assert_eq!(
        kept.reply.content.subject,
        "Tanggapan atas pengaduan (diperbaiki)"
    );
    // Seen anew, the same save goes through; a caller that opened no form is not checked.
    mine.seen = Some(d.office.revision(&d.clerk, "reply", id).unwrap());
    d.office.reply_save(&d.clerk, id, &mine).unwrap();
    mine.seen = None;
    d.office.reply_save(&d.clerk, id, &mine).unwrap();
    // A look is not a change: revealing a visitor's NIK leaves a correction form current.
    let visit = d
        .office
        .visit_register(&d.reception, &crate::guestbook::tests::visit_input())
        .unwrap();
    let seen = d
        .office
        .revision(&d.admin, "person", visit.person_id)
        .unwrap();
    d.office
        .reveal_id_number(&d.admin, visit.person_id)
        .unwrap();
    assert_eq!(
        d.office
            .revision(&d.admin, "person", visit.person_id)
            .unwrap(),
        seen
    );
    // Nor is a sign-in attempt on an account.
    let account_seen = d
        .office
        .revision(&d.admin, "account", d.clerk.account_id)
        .unwrap();
    let _ = d.office.sign_in("tu", "bukan-sandinya");
    assert_eq!(
        d.office
            .revision(&d.admin, "account", d.clerk.account_id)
            .unwrap(),
        account_seen
    );
    // An official's record: the same rule.
    let seen = d.office.revision(&d.admin, "official", d.kabid_id).unwrap();
    assert!(seen > 0);
    assert_eq!(
        d.office
            .revision(&d.admin, "letters", 1)
            .unwrap_err()
            .code(),
        "record.entity"
    );
}

/// A visitor's details brought up to date at the counter are a change of the person: a
/// correction form opened before it is refused instead of writing the old phone back.
#[test]
fn a_correction_opened_before_the_counter_updated_the_person_is_refused() {
    let d = desk();
    let first = crate::guestbook::tests::visit_input();
    let visit = d.office.visit_register(&d.reception, &first).unwrap();
    let opened = d
        .office
        .revision(&d.admin, "person", visit.person_id)
        .unwrap();
    d.clock.advance(chrono::Duration::minutes(30));
    let mut again = crate::guestbook::tests::visit_input();
    again.person.person_id = Some(visit.person_id);
    again.person.phone = "0813-9999-0000".into();
    again.deposit_card = false;
    again.deposit_slot = String::new();
    d.office.visit_register(&d.reception, &again).unwrap();
    let mut correction = first.person.clone();
    correction.address = "Jl. Timor Raya 14, Oesapa".into();
    correction.seen = Some(opened);
    let refused = d
        .office
        .person_correct(&d.admin, visit.person_id, &correction)
        .unwrap_err();
    assert_eq!(refused.code(), "record.changed_meanwhile");
    assert!(refused.to_string().contains("oleh resepsi"), "{refused}");
    // An unchanged visitor coming again changes nothing: the form stays current.
    let seen = d
        .office
        .revision(&d.admin, "person", visit.person_id)
        .unwrap();
    d.office.visit_register(&d.reception, &again).unwrap();
    correction.phone = "0813-9999-0000".into();
    correction.seen = Some(seen);
    d.office
        .person_correct(&d.admin, visit.person_id, &correction)
        .unwrap();
}
