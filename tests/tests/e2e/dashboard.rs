use crate::fresh_app;

const DAYS: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Today's date in WITA, worked out here independently of the app's own formatting.
fn today_in_wita() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let days = (now + 8 * 3600).div_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm); 1970-01-01 was a Thursday.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let weekday = DAYS[((days + 3).rem_euclid(7)) as usize];
    format!("{weekday}, {day} {} {year}", MONTHS[(month - 1) as usize])
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn dashboard_shows_today_and_the_missing_holiday_list() {
    let (_driver, app, _data) = fresh_app().await;
    let today = today_in_wita();
    app.wait_text("#dashboard-today", &today).await;
    app.wait_text("#today-label", &today).await;
    app.wait_text("#office-name", "DINAS SOSIAL").await;
    // Only 2026 ships with a holiday list, so next year's is reported missing.
    let warning = app
        .wait_text("[data-warning=calendar]", "belum diisi")
        .await;
    assert!(warning.contains("Daftar hari libur"), "{warning}");
    // The Admin is told the daily backup is not set up yet.
    app.wait_text("#dashboard-backup", "belum diatur").await;
    app.client
        .execute(
            "document.getElementById('dashboard-backup').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot("dashboard-backup").await;

    // The deadline calculator: a letter received on Monday 16 March 2026 is due after the
    // Idul Fitri week (18–24 March off), on Wednesday 25 March + 6 more working days.
    let received = app.wait_css("[name=received]").await;
    received.clear().await.unwrap();
    received.send_keys("16/03/2026").await.unwrap();
    app.click_text("Hitung").await;
    app.wait_text("#deadline-result", "Rabu, 1 April 2026")
        .await;
    app.screenshot("dashboard").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_database_from_a_newer_loket_is_refused_and_left_untouched() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("loket.db");
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (42); PRAGMA user_version = 999;",
        )
        .unwrap();
    }
    let before = std::fs::read(&file).unwrap();
    let driver = loket_e2e::Driver::start();
    let app = driver.launch(data.path()).await;
    let message = app.wait_text(".startup-failure", "lebih baru").await;
    assert!(message.contains("tidak diubah"), "{message}");
    app.screenshot("startup-newer-database").await;
    app.quit().await;
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is byte-identical"
    );
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn an_office_server_that_cannot_be_reached_is_named_on_a_clear_screen() {
    // A server whose socket folder holds no server: what a PC sees when the office server is
    // off or the network is down when Loket starts.
    let data = tempfile::tempdir().unwrap();
    let nowhere = tempfile::tempdir().unwrap();
    let config = format!("host={} user=loket dbname=loket", nowhere.path().display());
    let driver = loket_e2e::Driver::start();
    let data_dir = data.path().display().to_string();
    let app = driver
        .launch_binary(
            &loket_e2e::app_binary(),
            &["--data-dir", &data_dir, "--database", &config],
            "main h1",
        )
        .await;
    let message = app
        .wait_text(".startup-failure", "tidak dapat dihubungi")
        .await;
    assert!(message.contains("server"), "{message}");
    app.screenshot("startup-server-unreachable").await;
    app.quit().await;
    assert!(
        !data.path().join("loket.db").exists(),
        "no file database made in its place"
    );
}
