//! Laporan in the real window: the month's recap matches the records the test created, a
//! figure opens the cases it counts, and the Excel export is written where the save dialog
//! said (the native dialog cannot be driven over WebDriver, so the page's dialog call answers
//! with the path a person would have picked).

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate, Utc};
use serde_json::json;

use crate::fresh_app;
use crate::screens::assert_fits;

/// A case received on `day` at 09.00 (a working morning, or counted from the next one).
async fn case(app: &loket_e2e::App, channel: &str, summary: &str, day: NaiveDate) -> i64 {
    app.invoke(
        "case_register",
        json!({ "input": {
            "channel": channel, "kind": "pengaduan", "identity": "anonymous", "person": null,
            "summary": summary, "letter_id": null,
            "received_date": day.format("%d/%m/%Y").to_string(), "received_time": "09.00",
        }}),
    )
    .await["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn the_month_recap_matches_the_records_and_exports_to_excel() {
    let (_driver, app, _data) = fresh_app().await;
    let kabid = crate::cases::official(
        &app,
        "Maria Goreti Bria, S.Sos.",
        "197505122000032002",
        "Kepala Bidang Rehabilitasi Sosial",
        6,
    )
    .await;
    // Last month, whatever day the test runs: three cases received on the 10th (counted by
    // the 14th at the latest, whatever the weekday), one answered on the 15th — before any
    // 7-working-day deadline from then.
    let today = (Utc::now() + chrono::Duration::hours(8)).date_naive();
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap();
    let last_month = this_month.pred_opt().unwrap().with_day(1).unwrap();
    let tenth = last_month.with_day(10).unwrap();
    case(&app, "whatsapp", "Bantuan PKH belum cair", tenth).await;
    case(&app, "email", "Permintaan data penerima BPNT", tenth).await;
    let answered = case(&app, "whatsapp", "Jadwal penyaluran sembako lansia", tenth).await;
    app.invoke(
        "case_answer",
        json!({ "id": answered, "input": {
            "via": "whatsapp",
            "answered_date": last_month.with_day(15).unwrap().format("%d/%m/%Y").to_string(),
            "official_id": kabid, "note": "Dijadwalkan minggu depan",
        }}),
    )
    .await;
    app.invoke(
        "visit_register",
        json!({ "input": {
            "person_id": null, "name": "Agustina Lakapu", "id_type": "ktp", "id_number": "5371015205900012",
            "phone": "0812-3456-7890", "address": "Oesapa", "institution": "",
            "purpose_category": "informasi", "purpose": "Syarat bantuan pendidikan",
            "companions": "0", "deposit_card": true, "deposit_slot": "A-1",
        }}),
    )
    .await;

    // This month: the visit.
    app.click("a[data-area=laporan]").await;
    app.wait_css("#recap-summary").await;
    assert_eq!(app.wait_text("#recap-visits strong", "1").await, "1");
    // Last month: the three cases (both still-open ones are past their deadline by now).
    app.client
        .execute(
            &format!(
                "location.hash = '#laporan?jenis=bulan&tahun={}&nomor={}';",
                last_month.year(),
                last_month.month()
            ),
            vec![],
        )
        .await
        .unwrap();
    app.wait_text("#recap-total strong", "3").await;
    assert_eq!(app.wait_text("#recap-on-time strong", "1").await, "1");
    assert_eq!(app.wait_text("#recap-late strong", "2").await, "2");
    assert_eq!(app.wait_text("#recap-share strong", "33,3%").await, "33,3%");
    assert_eq!(app.wait_text("#recap-visits strong", "0").await, "0");
    app.wait_text("#recap-by-channel-count tr[data-code=whatsapp]", "2")
        .await;
    app.wait_css("#chart-months rect").await;
    app.screenshot("laporan").await;
    assert_fits(&app, "Laporan").await;

    // A figure opens the cases it counts.
    app.click("#recap-by-channel-count tr[data-code=whatsapp] button")
        .await;
    app.wait_text("#recap-list h2", "(2)").await;
    let rows = app
        .client
        .execute(
            "return document.querySelectorAll('#recap-list-table tbody tr').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(rows, json!(2));
    app.screenshot("laporan-daftar").await;

    // The export: the cases of the month to Excel, where the "dialog" says.
    // Saved outside the data folder, as the dialog would (Loket refuses its own folder).
    let documents = tempfile::tempdir().unwrap();
    let target = documents.path().join("pengaduan-bulan-ini.xlsx");
    app.client
        .execute(
            "const [path] = arguments; window.__TAURI__.dialog.save = async () => path;",
            vec![json!(target)],
        )
        .await
        .unwrap();
    app.wait_css("#export-form [name=list]")
        .await
        .select_by_value("cases")
        .await
        .unwrap();
    app.click_text("Ekspor…").await;
    app.wait_text("#export-done", "Tersimpan 3 baris").await;
    app.screenshot("laporan-ekspor").await;
    let mut book: Xlsx<_> = open_workbook(&target).expect("the export is a real .xlsx");
    let sheet = book.worksheet_range("Pengaduan").unwrap();
    assert_eq!(sheet.height(), 4, "header and three cases");
    assert_eq!(
        sheet.get((0, 0)),
        Some(&Data::String("Nomor registrasi".into()))
    );
    assert!(
        matches!(sheet.get((1, 0)), Some(Data::String(n)) if n.starts_with(&format!("PGD-{}-", today.year())))
    );
    assert!(
        matches!(sheet.get((1, 2)), Some(Data::DateTime(_))),
        "{:?}",
        sheet.get((1, 2))
    );
    app.quit().await;
}
