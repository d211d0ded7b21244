use loket_e2e::Key;

use crate::{database, fresh_app};

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn office_phone_change_survives_a_restart() {
    let (driver, app, data) = fresh_app().await;
    app.click_text("Pengaturan").await;
    app.wait_text("main h2", "Profil kantor").await;
    let phone = app.wait_css("[name=phone]").await;
    phone.clear().await.unwrap();
    phone.send_keys("(0380) 821 234").await.unwrap();
    app.screenshot("settings-profile").await;
    app.click_text("Simpan kop surat").await;
    app.wait_text("#toast", "Kop surat tersimpan").await;
    app.wait_text("#letterhead-versions", "(0380) 821 234")
        .await;
    app.quit().await;

    // A new launch on the same data folder reads the saved letterhead.
    let app = driver.launch(data.path()).await;
    app.sign_in(loket_e2e::ADMIN_USER, loket_e2e::ADMIN_PASSWORD)
        .await;
    app.click_text("Pengaturan").await;
    let shown = app.value("[name=phone]").await;
    assert_eq!(shown, "(0380) 821 234");
    app.quit().await;

    let versions: i64 = database(&data)
        .query_row("SELECT count(*) FROM letterheads", [], |r| r.get(0))
        .unwrap();
    assert_eq!(versions, 2, "the default version stays beside the new one");
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn invalid_nip_is_named_beside_the_field_and_nothing_is_saved() {
    let (_driver, app, data) = fresh_app().await;
    app.click_text("Pengaturan").await;
    app.click_text("Pejabat").await;
    app.click_text("Tambah pejabat").await;

    // Keyboard only: the name field has focus; Enter moves to the next field.
    app.wait_focus("name").await;
    app.type_keys("Maria Fanggidae, S.Sos").await;
    app.press(Key::Enter).await;
    // Birth month 13: the NIP's first eight digits are not a date.
    app.type_keys("19781321 200501 2 003").await;
    app.press(Key::Tab).await;
    let message = app
        .wait_text("[data-field=nip] .field-error", "Tanggal lahir dalam NIP")
        .await;
    assert!(message.contains("tidak valid"), "{message}");

    app.type_keys("p").await; // the rank list: "p" picks the first "P…" rank
    app.press(Key::Tab).await;
    app.type_keys("Sekretaris").await;
    // Ctrl+Enter saves from anywhere.
    app.type_keys(&format!(
        "{}{}",
        char::from(Key::Control),
        char::from(Key::Enter)
    ))
    .await;
    app.wait_text("[data-field=nip] .field-error", "Tanggal lahir dalam NIP")
        .await;
    app.screenshot("settings-official-invalid-nip").await;
    let focused_name = app.focused().await.attr("name").await.unwrap();
    assert_eq!(
        focused_name.as_deref(),
        Some("nip"),
        "focus goes to the field to fix"
    );
    app.quit().await;

    let officials: i64 = database(&data)
        .query_row("SELECT count(*) FROM officials", [], |r| r.get(0))
        .unwrap();
    assert_eq!(officials, 0);
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_holiday_added_with_the_keyboard_moves_deadlines() {
    let (_driver, app, data) = fresh_app().await;
    app.click_text("Pengaturan").await;
    app.click_text("Hari Libur").await;
    app.wait_css("#holiday-list").await;
    // The form's first field has focus: date, Enter, name, Enter, kind, Enter saves.
    app.wait_focus("date").await;
    app.type_keys("02/11/2026").await;
    app.press(Key::Enter).await;
    app.type_keys("Libur daerah HUT Kota Kupang").await;
    app.press(Key::Enter).await;
    app.press(Key::Enter).await;
    app.wait_text("#toast", "Senin, 2 November 2026 tersimpan")
        .await;
    app.wait_text("#holiday-list", "Libur daerah HUT Kota Kupang")
        .await;
    app.screenshot("settings-holidays").await;

    // Beranda's calculator now skips it: a letter received Friday 30 October is due after
    // 7 working days, on Wednesday 11 November instead of Tuesday 10 November.
    app.click_text("Beranda").await;
    let received = app.wait_css("[name=received]").await;
    received.clear().await.unwrap();
    received.send_keys("30/10/2026").await.unwrap();
    let channel = app.wait_css("[name=channel]").await;
    channel.select_by_value("letter").await.unwrap();
    app.click_text("Hitung").await;
    app.wait_text("#deadline-result", "Rabu, 11 November 2026")
        .await;
    app.quit().await;

    let kind: String = database(&data)
        .query_row(
            "SELECT kind FROM holidays WHERE date = '2026-11-02'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kind, "libur_nasional");
}

/// Two Admins with the same official open (here: the window, and a save from "another PC"
/// through the same command): the later save is refused, naming who changed it and when,
/// and what the other saved stays.
#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_save_over_another_desks_change_is_refused_with_who_and_when() {
    let (_driver, app, data) = fresh_app().await;
    let id = crate::cases::official(
        &app,
        "Maria Goreti Bria, S.Sos.",
        "197505122000032002",
        "Kepala Bidang Rehabilitasi Sosial",
        6,
    )
    .await;
    app.click_text("Pengaturan").await;
    app.click_text("Pejabat").await;
    app.click("#official-list tbody tr td:nth-child(2)").await;
    app.wait_css("[name=position]").await;
    // Meanwhile, at another PC.
    app.invoke(
        "official_save",
        serde_json::json!({ "id": id, "input": {
            "name": "Maria Goreti Bria, S.Sos., M.Si.", "nip": "197505122000032002",
            "rank_code": "IV/a", "position": "Kepala Bidang Rehabilitasi Sosial", "unit_id": 6,
            "active_from": "01/01/2020", "active_to": "",
        }}),
    )
    .await;
    app.fill("position", "Kepala Bidang Perlindungan Sosial")
        .await;
    app.click_text("Simpan perubahan").await;
    let message = app.wait_text(".form-error", "sudah diubah oleh").await;
    assert!(message.contains("Admin Dinas Sosial"), "{message}");
    app.screenshot("settings-changed-meanwhile").await;
    app.quit().await;
    let (name, position): (String, String) = database(&data)
        .query_row("SELECT name, position FROM officials", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(name, "Maria Goreti Bria, S.Sos., M.Si.");
    assert_eq!(position, "Kepala Bidang Rehabilitasi Sosial");
}
