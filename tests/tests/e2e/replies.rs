//! A case's reply letter in the real window: the records clerk drafts it from a template, the
//! Kasubag returns it once with a note, the clerk corrects it (the versions compare word by
//! word), the Kasubag and the Kabid initial it, the Head signs it and the outgoing number
//! appears; the letter PDF is produced, and the register lists it.

use std::process::Command;

use loket_e2e::{App, Key};
use serde_json::json;

use crate::cases::{account, become_user, official};
use crate::screens::assert_fits;
use crate::{database, fresh_app};

fn count(data: &tempfile::TempDir, sql: &str) -> i64 {
    database(data).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Signs out and back in as someone who already chose a password.
pub(crate) async fn switch_to(app: &App, username: &str) {
    app.click("#sign-out").await;
    app.sign_in(username, "Sandi-Sendiri-2026").await;
    app.wait_text("#signed-in-name", username).await;
}

/// Types `text` into the text area `name` (replacing it), line breaks as the Enter key: the
/// driver does not turn "\n" into a key press.
pub(crate) async fn type_text(app: &App, name: &str, text: &str) {
    let enter = char::from(Key::Enter).to_string();
    app.fill(name, &text.replace('\n', &enter)).await;
}

/// Opens the first draft in one of the Surat Keluar lists.
pub(crate) async fn open_from_inbox(app: &App, table: &str) {
    app.click("a[data-area=suratkeluar]").await;
    app.click(&format!("#{table} tbody tr td:nth-child(2)"))
        .await;
    app.wait_css("#review-path").await;
}

/// Waits for a note dialog; WebKitWebDriver loses the first synthetic click inside a freshly
/// opened modal dialog, so the test clicks its title first (as in the disposition test).
pub(crate) async fn note_dialog(app: &App, id: &str) {
    app.wait_css(&format!("#{id}[open]")).await;
    app.click(&format!("#{id} h2")).await;
}

const BODY_V2: &str = "Menindaklanjuti pengaduan Saudara mengenai data DTKS warga RT 004, \
bersama ini kami sampaikan bahwa data tiga warga telah kami periksa bersama pendamping.\n\n\
Demikian jawaban ini kami sampaikan. Atas perhatian Saudara, kami ucapkan terima kasih.";

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_reply_is_returned_corrected_initialled_twice_and_signed() {
    let (_driver, app, data) = fresh_app().await;
    let head = official(
        &app,
        "Drs. Frans Lebu Raya",
        "196805121994031004",
        "Kepala Dinas Sosial",
        1,
    )
    .await;
    let kabid = official(
        &app,
        "Maria Goreti Bria, S.Sos.",
        "197505122000032002",
        "Kepala Bidang Rehabilitasi Sosial",
        6,
    )
    .await;
    let kasubag = official(
        &app,
        "Yohanes Ndolu, S.H.",
        "198008172005011003",
        "Kepala Sub Bagian Umum dan Kepegawaian",
        3,
    )
    .await;
    account(&app, "kadis", "kepala_dinas", head).await;
    account(&app, "kabid", "pejabat", kabid).await;
    account(&app, "kasubag", "pejabat", kasubag).await;
    app.invoke(
        "account_create",
        json!({ "input": {
            "username": "arsip", "full_name": "arsip", "role": "pengelola_surat",
            "official_id": null, "active": true, "password": "Sementara-2026",
        }}),
    )
    .await;
    // The letter and its case (their screens have their own test).
    let letter = app
        .invoke(
            "letter_register",
            json!({ "input": {
                "letter_number": "005/RT.04/XI/2026", "letter_date": "25/11/2026",
                "sender_name": "Ketua RT 004 Kelurahan Oesapa",
                "subject": "Permohonan verifikasi ulang data DTKS warga RT 004",
                "urgency": "segera", "enclosures": "", "classification_code": "400.9",
                "kind": "lainnya",
            }, "complaint": null, "files": [] }),
        )
        .await;
    let case = app
        .invoke(
            "case_register",
            json!({ "input": {
                "channel": "letter", "kind": "pengaduan", "identity": "named",
                "person": { "person_id": null, "name": "Yuliana Nenobais", "id_type": "lainnya",
                            "id_number": "", "phone": "", "address": "Jl. Timor Raya 17, Oesapa",
                            "institution": "" },
                "summary": "Verifikasi ulang data DTKS warga RT 004",
                "letter_id": letter["letter"]["id"],
            }}),
        )
        .await;
    let case_id = case["id"].as_i64().unwrap();
    for user in ["kasubag", "kabid", "kadis"] {
        become_user(&app, user).await;
    }
    // The Head disposes the letter's case before anyone replies to it (its own test).
    app.invoke(
        "dispose",
        json!({ "input": {
            "letter_id": letter["letter"]["id"], "case_id": case_id,
            "to_official_ids": [kasubag], "instructions": ["proses"],
        }, "onPaper": false }),
    )
    .await;

    // The clerk drafts the reply from the case's page.
    become_user(&app, "arsip").await;
    app.client
        .execute(&format!("location.hash = '#pengaduan/{case_id}';"), vec![])
        .await
        .unwrap();
    app.click("#reply-new").await;
    note_dialog(&app, "reply-new-dialog").await;
    app.wait_css("[name=template]")
        .await
        .select_by_value("jawaban_pengaduan")
        .await
        .unwrap();
    app.screenshot("reply-new-dialog").await;
    app.click_text("Buat konsep").await;
    app.wait_text("#reply-title", "Konsep surat balasan").await;
    assert_eq!(app.value("[name=addressee]").await, "Sdr. Yuliana Nenobais");
    assert!(app.value("[name=body]").await.contains("005/RT.04/XI/2026"));
    type_text(&app, "body", BODY_V2).await;
    app.fill("copies", "Wali Kota Kupang (sebagai laporan)")
        .await;
    for (name, official) in [("reviewer1", kasubag), ("reviewer2", kabid)] {
        app.wait_css(&format!("[name={name}]"))
            .await
            .select_by_value(&official.to_string())
            .await
            .unwrap();
    }
    app.click_text("Simpan konsep").await;
    app.wait_text("#reply-status", "versi 2").await;
    assert_fits(&app, "the draft's page").await;
    app.screenshot("reply-draft").await;
    app.click("#reply-submit").await;
    app.wait_text("#reply-status", "Menunggu paraf: Yohanes Ndolu")
        .await;

    // The Kasubag returns it with a note.
    switch_to(&app, "kasubag").await;
    app.wait_text("#reply-badge", "1").await;
    open_from_inbox(&app, "awaiting-table").await;
    app.screenshot("reply-review").await;
    app.click("#reply-return").await;
    note_dialog(&app, "reply-return-dialog").await;
    app.fill("note", "Sebutkan jadwal pemutakhiran data bulan Desember.")
        .await;
    app.click_text("Kembalikan").await;
    app.wait_text("#reply-status", "Dikembalikan").await;

    // The clerk sees the note, corrects the draft and sends it up again.
    switch_to(&app, "arsip").await;
    open_from_inbox(&app, "mine-table").await;
    app.wait_text("#return-note", "jadwal pemutakhiran").await;
    type_text(
        &app,
        "body",
        &BODY_V2.replace(
            "bersama pendamping.",
            "bersama pendamping dan diusulkan pada pemutakhiran data bulan Desember 2026.",
        ),
    )
    .await;
    app.click_text("Simpan konsep").await;
    app.wait_text("#reply-status", "versi 3").await;
    app.click_text("Bandingkan").await;
    app.wait_text("#reply-diff .changes ins", "Desember").await;
    app.screenshot("reply-compare").await;
    app.click("#reply-submit").await;
    app.wait_text("#reply-status", "Menunggu paraf").await;

    // Two initials, in order.
    switch_to(&app, "kasubag").await;
    open_from_inbox(&app, "awaiting-table").await;
    app.click("#reply-initial").await;
    app.wait_text("#reply-status", "Maria Goreti Bria").await;
    switch_to(&app, "kabid").await;
    open_from_inbox(&app, "awaiting-table").await;
    app.click("#reply-initial").await;
    app.wait_text("#reply-status", "Menunggu tanda tangan")
        .await;

    // The Head signs; the number appears.
    switch_to(&app, "kadis").await;
    open_from_inbox(&app, "awaiting-table").await;
    app.click("#reply-sign").await;
    app.wait_css("#confirm[open]").await;
    app.click("#confirm-ok").await;
    app.wait_text("#reply-title", "Surat 400.9/1/Dinsos/2026")
        .await;
    app.wait_text("#review-path", "✓").await;
    assert_fits(&app, "the signed letter's page").await;
    app.screenshot("reply-signed").await;
    let reply_id = count(&data, "SELECT max(id) FROM replies");
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM reply_reviews WHERE action = 'paraf'"
        ),
        2
    );
    assert_eq!(count(&data, "SELECT count(*) FROM reply_versions"), 3);

    // The PDF: the file the save dialog would have named.
    // Saved outside the data folder, as the dialog would (Loket refuses its own folder).
    let documents = tempfile::tempdir().unwrap();
    let pdf = documents.path().join("surat-balasan.pdf");
    app.invoke(
        "reply_pdf",
        json!({ "id": reply_id, "officeCopy": true, "path": pdf }),
    )
    .await;
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "400.9/1/Dinsos/2026",
        "Yth. Sdr. Yuliana Nenobais",
        "Desember 2026",
        "DRS. FRANS LEBU RAYA",
        "Yohanes Ndolu",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }

    // The outgoing register lists it.
    app.click("a[data-area=suratkeluar]").await;
    app.click("[data-tab=register]").await;
    app.wait_text("#outgoing-table", "400.9/1/Dinsos/2026")
        .await;
    app.screenshot("outgoing-register").await;
    app.quit().await;
}
