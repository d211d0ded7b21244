//! Buku Tamu in the real window: a visit registered with the keyboard alone, the ID card in
//! the held list until check-out, a returning visitor from three digits of the phone, an
//! invalid NIK refused beside its field, the visit dialog, search and history, closing the
//! day, and the printed register.

use std::process::Command;

use loket_e2e::{App, Key};
use serde_json::json;

use crate::{database, fresh_app};

const NIK: &str = "5371015205900012";

fn count(data: &tempfile::TempDir, sql: &str) -> i64 {
    database(data).query_row(sql, [], |r| r.get(0)).unwrap()
}

async fn open_guestbook(app: &App) {
    app.click("a[data-area=bukutamu]").await;
    app.wait_text("main h1", "Buku Tamu").await;
}

fn ctrl_enter() -> String {
    format!("{}{}", char::from(Key::Control), char::from(Key::Enter))
}

/// Types a whole visit from the name field on, Enter moving from field to field.
async fn type_visit(app: &App) {
    app.wait_focus("name").await;
    app.type_keys("Maria Goreti Seran").await;
    app.press(Key::Enter).await; // → ID type (KTP already chosen)
    app.press(Key::Enter).await; // → number
    app.type_keys(NIK).await;
    app.press(Key::Enter).await; // → phone
    app.type_keys("0812-3456-7890").await;
    app.press(Key::Enter).await; // → institution (none)
    app.press(Key::Enter).await; // → address
    app.type_keys("Jl. Timor Raya 12, Oesapa").await;
    app.press(Key::Enter).await; // → purpose category (Pengaduan)
    app.press(Key::Enter).await; // → purpose
    app.type_keys("Bantuan PKH belum cair sejak Agustus").await;
    app.press(Key::Enter).await; // → companions (0)
    app.press(Key::Enter).await; // → "ID card left" (ticked)
    app.press(Key::Enter).await; // → slot (first free one offered)
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_visit_with_a_deposited_ktp_by_keyboard_until_check_out() {
    let (_driver, app, data) = fresh_app().await;
    open_guestbook(&app).await;
    type_visit(&app).await;
    app.wait_focus("deposit_slot").await;
    assert_eq!(app.value("[name=deposit_slot]").await, "1");
    app.press(Key::Enter).await; // the last field saves

    let held = app.wait_text("#held-cards", "Maria Goreti Seran").await;
    assert!(held.contains("5371**********12"), "{held}");
    assert!(!held.contains(NIK), "the list shows the NIK masked: {held}");
    app.wait_text("#visit-saved", "KTP disimpan di tempat 1")
        .await;
    app.wait_text("#held-badge", "1").await;
    app.wait_focus("name").await; // ready for the next visitor
    app.screenshot("guestbook-registered").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM id_deposits WHERE returned_at IS NULL"
        ),
        1
    );

    // The day's register, saved where the dialog would have said.
    // Saved outside the data folder, as the dialog would (Loket refuses its own folder).
    let documents = tempfile::tempdir().unwrap();
    let pdf = documents.path().join("buku-tamu.pdf");
    let day = app.invoke("guestbook_today", json!({})).await["date"]
        .as_str()
        .unwrap()
        .to_owned();
    app.invoke(
        "guestbook_register_pdf",
        json!({ "day": day, "path": pdf.to_str().unwrap() }),
    )
    .await;
    let text = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Maria Goreti Seran") && text.contains("5371**********12"),
        "{text}"
    );
    assert!(!text.contains(NIK), "the register never shows a full NIK");
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "{fonts}"
    );
    let png = loket_e2e::screenshot_dir().join("guestbook-register-pdf");
    assert!(Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "60",
            "-singlefile",
            pdf.to_str().unwrap(),
            png.to_str().unwrap()
        ])
        .status()
        .unwrap()
        .success());

    // Checking out returns the card in the same action.
    app.click("#held-cards [data-checkout]").await;
    app.wait_css("#held-empty").await;
    app.wait_text("#toast", "KTP dikembalikan").await;
    app.wait_text("#done-today", "Maria Goreti Seran").await;
    app.screenshot("guestbook-checked-out").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM id_deposits WHERE returned_at IS NULL"
        ),
        0
    );
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM visits WHERE time_out IS NOT NULL"
        ),
        1
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_returning_visitor_is_filled_in_from_three_digits_of_the_phone() {
    let (_driver, app, data) = fresh_app().await;
    open_guestbook(&app).await;
    type_visit(&app).await;
    app.press(Key::Enter).await;
    app.wait_text("#held-cards", "Maria Goreti Seran").await;
    app.click("#held-cards [data-checkout]").await;
    app.wait_css("#held-empty").await;

    app.click("[name=phone]").await;
    app.type_keys("789").await;
    app.wait_text("#visitor-suggestions", "Maria Goreti Seran")
        .await;
    app.screenshot("guestbook-suggestions").await;
    app.press(Key::Down).await;
    app.press(Key::Enter).await;
    app.wait_text("#picked-visitor", "Tamu lama: Maria Goreti Seran")
        .await;
    assert_eq!(app.value("[name=name]").await, "Maria Goreti Seran");
    assert_eq!(app.value("[name=id_number]").await, "5371**********12");
    assert_eq!(app.value("[name=phone]").await, "0812-3456-7890");
    assert_eq!(
        app.value("[name=address]").await,
        "Jl. Timor Raya 12, Oesapa"
    );
    app.wait_focus("purpose_category").await;
    app.fill("purpose", "Menanyakan jadwal pencairan").await;
    app.type_keys(&ctrl_enter()).await;
    app.wait_text("#held-cards", "Maria Goreti Seran").await;
    assert_eq!(count(&data, "SELECT count(*) FROM people"), 1, "one person");
    assert_eq!(count(&data, "SELECT count(*) FROM visits"), 2, "two visits");
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn an_invalid_nik_is_named_beside_the_field_and_nothing_is_saved() {
    let (_driver, app, data) = fresh_app().await;
    open_guestbook(&app).await;
    app.wait_focus("name").await;
    app.type_keys("Yohanes Bria").await;
    app.press(Key::Enter).await;
    app.press(Key::Enter).await;
    app.type_keys("5371013205850003").await; // born on the 32nd
    app.press(Key::Tab).await;
    app.wait_text(
        "[data-field=id_number] .field-error",
        "Tanggal lahir pada NIK",
    )
    .await;
    app.fill("address", "Jl. Soeharto 3, Naikoten").await;
    app.fill("purpose", "Konsultasi").await;
    app.type_keys(&ctrl_enter()).await;
    app.wait_text("[data-field=id_number] .field-error", "tidak valid")
        .await;
    app.screenshot("guestbook-invalid-nik").await;
    assert_eq!(count(&data, "SELECT count(*) FROM visits"), 0);
    assert_eq!(count(&data, "SELECT count(*) FROM people"), 0);
    assert_eq!(count(&data, "SELECT count(*) FROM id_deposits"), 0);
    app.quit().await;
}

/// Records a visit through the command the form uses (for tests about what comes next).
async fn register(app: &App, name: &str, nik: &str, slot: &str) -> i64 {
    let visit = app
        .invoke(
            "visit_register",
            json!({ "input": {
                "person_id": null, "name": name, "id_type": "ktp", "id_number": nik,
                "phone": "", "address": "Kelurahan Oebobo, Kupang", "institution": "",
                "purpose_category": "pengaduan", "purpose": "Data DTKS tidak sesuai",
                "companions": "", "deposit_card": true, "deposit_slot": slot,
            }}),
        )
        .await;
    visit["id"].as_i64().unwrap()
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn the_visit_dialog_routes_times_and_closes_a_visit() {
    let (_driver, app, data) = fresh_app().await;
    app.invoke(
        "official_save",
        json!({ "id": null, "input": {
            "name": "Drs. Yakobus Tefa", "nip": "197001011995031001", "rank_code": "IV/a",
            "position": "Kepala Bidang Rehabilitasi Sosial", "unit_id": 6,
            "active_from": "01/01/2020", "active_to": "",
        }}),
    )
    .await;
    register(&app, "Benediktus Manek", "5371011205850003", "B2").await;
    open_guestbook(&app).await;
    app.click("#in-building tbody tr td:nth-child(2)").await;
    app.wait_text("#visit-dialog", "Benediktus Manek").await;
    app.screenshot("guestbook-visit-dialog-open").await;
    app.click("#route-save").await;
    app.wait_text(
        "#visit-dialog",
        "Kepala Bidang Rehabilitasi Sosial (Drs. Yakobus Tefa)",
    )
    .await;
    app.click("#start-meeting").await;
    app.wait_text("#visit-dialog", "Mulai bertemu").await;
    app.click("#outcome-save").await;
    app.wait_text("#visit-outcome", "Dijawab langsung").await;
    app.screenshot("guestbook-visit-dialog").await;
    app.click("#checkout-save").await;
    app.wait_text("#visit-deposit", "dikembalikan").await;
    app.press(Key::Escape).await;
    app.wait_css("#held-empty").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM visits WHERE outcome = 'answered' AND time_out IS NOT NULL"
        ),
        1
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn search_history_reveal_and_closing_the_day_with_a_card_held() {
    let (_driver, app, data) = fresh_app().await;
    register(&app, "Agustina Lakapu", "5371015205900012", "C1").await;
    open_guestbook(&app).await;
    app.click("[data-tab=cari]").await;
    app.fill("name", "lakapu").await;
    app.press(Key::Enter).await;
    app.type_keys(&ctrl_enter()).await;
    app.wait_text("#visit-search-results", "Agustina Lakapu")
        .await;
    app.click("#visit-search-results tbody tr td:nth-child(2)")
        .await;
    app.wait_text("main h1", "Agustina Lakapu").await;
    app.wait_text("#person-id-number", "5371**********12").await;
    app.click("#person-reveal").await;
    app.wait_text("#person-id-number", NIK).await;
    app.screenshot("guestbook-person").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM audit_log WHERE action = 'person.reveal_id'"
        ),
        1
    );

    open_guestbook(&app).await;
    app.click("#close-day").await;
    app.wait_text("#close-day-dialog", "Masih ada 1 kartu identitas")
        .await;
    app.click("#close-day-dialog button.primary").await; // no reason yet
    app.wait_text(
        "#close-day-dialog [data-field=reason] .field-error",
        "alasannya",
    )
    .await;
    app.fill("reason", "Pemilik akan mengambil besok pagi")
        .await;
    app.type_keys(&ctrl_enter()).await;
    app.wait_text("#toast", "alasannya dicatat").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM day_closings WHERE held_count = 1 AND reason LIKE 'Pemilik%'"
        ),
        1
    );

    // She leaves without the card; her husband collects it later.
    app.click("#in-building tbody tr td:nth-child(2)").await;
    app.wait_text("#visit-dialog", "Agustina Lakapu").await;
    app.click("#visit-dialog details summary").await;
    app.fill("keep_reason", "Pemilik buru-buru, suami mengambil sore")
        .await;
    app.type_keys(&ctrl_enter()).await;
    app.wait_text("#toast", "kartunya tetap disimpan").await;
    app.click("#visit-dialog button.close").await;
    app.wait_text("#held-cards", "Pemilik sudah keluar").await;
    app.click("#held-cards [data-return]").await;
    app.wait_text("#card-return-dialog", "milik Agustina Lakapu")
        .await;
    app.screenshot("guestbook-card-return").await;
    app.fill("returned_to", "Yosef Lakapu (suami)").await;
    app.press(Key::Enter).await;
    app.wait_css("#held-empty").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM id_deposits WHERE returned_to = 'Yosef Lakapu (suami)'
               AND held_reason LIKE 'Pemilik buru-buru%'"
        ),
        1
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn closing_loket_with_a_card_held_records_the_reason_first() {
    let (_driver, app, data) = fresh_app().await;
    register(&app, "Agustina Lakapu", "5371015205900012", "C1").await;
    open_guestbook(&app).await;
    // The shell sends this when the window is asked to close with cards held (a WebDriver
    // session cannot press the window's close button).
    let close_requested = |may_record: bool| {
        json!({
            "event": "loket://close-requested",
            "payload": { "held": 1, "may_record": may_record },
        })
    };
    // Nobody who may answer for the reason is signed in: a sign-in is asked for first.
    app.invoke("plugin:event|emit", close_requested(false))
        .await;
    app.wait_text("#close-app-dialog", "masuk dulu").await;
    app.click("#close-app-dialog button.primary").await;
    app.invoke("plugin:event|emit", close_requested(true)).await;
    app.wait_text("#close-app-dialog", "Masih ada 1 kartu identitas")
        .await;
    app.screenshot("guestbook-close-app").await;
    app.fill("reason", "Kartu di laci terkunci, pemilik datang besok")
        .await;
    // The app records the reason and exits, so the click itself may get no answer.
    let _ = app
        .wait_css("#close-app-dialog button.primary")
        .await
        .click()
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let recorded = count(
            &data,
            "SELECT count(*) FROM day_closings WHERE kind = 'app' AND held_count = 1",
        );
        if recorded == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the reason was never recorded"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}
