//! Trust in the real window: a complainant who asked for confidentiality is shown to the
//! Admin who handles her case and hidden from reception (her scan listed without its name and
//! refused), a guessed name finds nothing; the backup carries the scan and a restore says
//! what it brought back.

use loket_e2e::Key;
use serde_json::json;

use crate::cases::{account, become_user, official};
use crate::fresh_app;

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_confidential_complainant_is_hidden_from_reception_and_backed_up_with_her_scan() {
    let (_driver, app, data) = fresh_app().await;
    let head = official(
        &app,
        "Drs. Frans Lebu Raya",
        "196805121994031004",
        "Kepala Dinas Sosial",
        1,
    )
    .await;
    account(&app, "resepsi.ani", "resepsionis", head).await;
    let files = tempfile::tempdir().unwrap();
    let scan = files.path().join("KTP Yohana Lakapu.pdf");
    std::fs::write(&scan, b"%PDF-1.7\n% ktp\ntrailer <<>>\n%%EOF\n").unwrap();
    let letter = app
        .invoke(
            "letter_register",
            json!({
                "input": {
                    "letter_number": "-", "letter_date": "27/11/2026", "sender_name": "Yohana Lakapu",
                    "sender_address": "Jl. Rahasia Negara 77", "subject": "Potongan bantuan sosial",
                    "urgency": "rahasia", "kind": "lainnya",
                },
                "complaint": null,
                "files": [scan],
            }),
        )
        .await;
    let letter_id = letter["letter"]["id"].as_i64().unwrap();
    let scan_id = letter["attachments"][0]["id"].as_i64().unwrap();
    let case = app
        .invoke(
            "case_register",
            json!({ "input": {
                "channel": "letter", "kind": "pengaduan", "identity": "confidential",
                "person": {
                    "person_id": null, "name": "Yohana Lakapu", "id_type": "lainnya",
                    "id_number": "", "phone": "0812 9988 7766",
                    "address": "Jl. Rahasia Negara 77", "institution": "",
                },
                "summary": "Bantuan sosial dipotong oknum kelurahan", "letter_id": letter_id,
            }}),
        )
        .await;
    let case_id = case["id"].as_i64().unwrap();
    assert!(
        case["person_id"].is_null(),
        "the window never gets her record"
    );

    // The Admin answers for the office's personal data: he sees who she is.
    app.client
        .execute(&format!("location.hash = '#pengaduan/{case_id}'"), vec![])
        .await
        .unwrap();
    app.wait_text("#confidential-complainant", "Yohana Lakapu")
        .await;
    app.wait_text("#attachments", "KTP Yohana Lakapu.pdf").await;
    app.screenshot("case-confidential-admin").await;

    // The backup holds the database and the scan, in one file.
    app.client
        .execute("location.hash = '#pengaturan/cadangan'", vec![])
        .await
        .unwrap();
    app.wait_css("#backup-now").await;
    let backup = files.path().join("loket-cadangan.db");
    app.client
        .execute(
            "const [path] = arguments; window.__TAURI__.dialog.save = async () => path;",
            vec![json!(backup)],
        )
        .await
        .unwrap();
    app.click("#backup-now").await;
    app.wait_text("#backup-result", "1 berkas pindaian").await;
    app.screenshot("backup-with-scans").await;
    assert!(backup.exists());

    // Reception reads the case, but not her name, her details or her scan.
    become_user(&app, "resepsi.ani").await;
    app.client
        .execute(&format!("location.hash = '#pengaduan/{case_id}'"), vec![])
        .await
        .unwrap();
    app.wait_text("#case-complainant", "(identitas dirahasiakan)")
        .await;
    let attachments = app.wait_text("#attachments", "Pindaian 1").await;
    assert!(!attachments.contains("Yohana"), "{attachments}");
    assert!(app
        .client
        .find(fantoccini::Locator::Css("#confidential-complainant"))
        .await
        .is_err());
    let page = app
        .client
        .find(fantoccini::Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("Yohana") && !page.contains("Rahasia Negara"),
        "{page}"
    );
    app.screenshot("case-confidential-reception").await;
    let refused = app
        .client
        .execute_async(
            "const [id, done] = arguments; window.__TAURI__.core.invoke('attachment_open', { id }).then(() => done('opened'), (e) => done(e.code));",
            vec![json!(scan_id)],
        )
        .await
        .unwrap();
    assert_eq!(refused, json!("auth.forbidden"));
    // A guessed name in the search box: nothing, and no count that says otherwise.
    app.click("#global-search").await;
    app.type_keys("Lakapu").await;
    app.press(Key::Enter).await;
    let results = app.wait_text("#search-results", "Tidak ada").await;
    assert!(results.contains("Hasil (0)"), "{results}");
    app.screenshot("search-guessed-name").await;

    // Back as Admin: restoring the backup reports what came back.
    app.click("#sign-out").await;
    app.sign_in(loket_e2e::ADMIN_USER, loket_e2e::ADMIN_PASSWORD)
        .await;
    app.wait_css("#signed-in-name").await;
    app.client
        .execute("location.hash = '#pengaturan/cadangan'", vec![])
        .await
        .unwrap();
    app.wait_css("#backup-restore").await;
    app.client
        .execute(
            "const [path] = arguments; window.__TAURI__.dialog.open = async () => path;",
            vec![json!(backup)],
        )
        .await
        .unwrap();
    app.click("#backup-restore").await;
    app.click("#confirm-ok").await;
    let report = app.wait_text("#restore-result", "Pemulihan selesai").await;
    assert!(report.contains("entri jejak audit"), "{report}");
    app.screenshot("restore-done").await;
    app.quit().await;
    assert!(
        std::fs::read_dir(data.path())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("pre-restore-")),
        "the replaced data is kept"
    );
}

/// Someone with the file cuts the newest entry off the audit trail while Loket is closed. At
/// the next start the Admin is told on Beranda, looks at Jejak Audit, and once the cause is
/// known accepts the present end on this PC: the acceptance is itself in the trail.
#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_cut_trail_is_shown_on_beranda_and_accepted_by_the_admin() {
    let (driver, app, data) = fresh_app().await;
    app.invoke(
        "account_create",
        json!({ "input": {
            "username": "resepsi.ani", "full_name": "resepsi.ani", "role": "resepsionis",
            "official_id": null, "active": true, "password": "Sementara-2026",
        }}),
    )
    .await;
    app.quit().await;
    let db = rusqlite::Connection::open(data.path().join("loket.db")).unwrap();
    let guard: String = db
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    db.execute_batch(&format!(
        "DROP TRIGGER audit_log_no_delete;
         DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);
         {guard};"
    ))
    .unwrap();
    drop(db);

    let app = driver.launch(data.path()).await;
    app.sign_in(loket_e2e::ADMIN_USER, loket_e2e::ADMIN_PASSWORD)
        .await;
    // Told on Beranda (drawn again when the start-up check ends after it).
    let told = app.wait_text("#dashboard-audit", "terpotong").await;
    assert!(told.contains("Jejak Audit"), "{told}");
    app.screenshot("dashboard-audit-cut").await;
    app.click("#dashboard-audit a").await;
    app.wait_text("#audit-check", "terpotong").await;
    app.wait_css("#audit-accept-end").await;
    app.screenshot("audit-cut-before-accepting").await;
    app.click("#audit-accept-end").await;
    app.wait_css("#confirm[open]").await;
    let asked = app.wait_text("#confirm-text", "atas nama Anda").await;
    assert!(asked.contains("nomor 2 (2 entri)"), "{asked}");
    app.click("#confirm-ok").await;
    app.wait_text("#audit-check", "Acuan baru tercatat").await;
    app.wait_text("#audit-check", "Jejak audit utuh").await;
    app.wait_text("#audit-list", "audit.accept_end").await;
    app.screenshot("audit-cut-accepted").await;
    // The finding is answered, and Beranda says who accepted it, for the Head to see too.
    app.click_text("Beranda").await;
    app.wait_css("main .grid-2").await;
    app.wait_text(
        "#dashboard-audit-accepted",
        "Admin Dinas Sosial menerima temuan",
    )
    .await;
    assert!(app
        .client
        .find(fantoccini::Locator::Css("#dashboard-audit"))
        .await
        .is_err());
    app.screenshot("dashboard-audit-accepted").await;
    // Reception is told neither, and cannot ask for the check's finding.
    become_user(&app, "resepsi.ani").await;
    app.wait_css("main .grid-2").await;
    for banner in ["#dashboard-audit", "#dashboard-audit-accepted"] {
        assert!(app
            .client
            .find(fantoccini::Locator::Css(banner))
            .await
            .is_err());
    }
    let refused = app
        .client
        .execute_async(
            "const [done] = arguments; window.__TAURI__.core.invoke('audit_startup_check').then(() => done('answered'), (e) => done(e.code));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(refused, json!("auth.forbidden"));
    app.quit().await;

    let accepted: Vec<String> = crate::database(&data)
        .prepare("SELECT account_name FROM audit_log WHERE action = 'audit.accept_end'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(accepted, [loket_e2e::ADMIN_USER]);
}
