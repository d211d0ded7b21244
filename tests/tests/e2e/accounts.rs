use std::time::Duration;

use loket_e2e::{Driver, ADMIN_PASSWORD, ADMIN_USER};

use crate::{database, fresh_app};

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn first_run_creates_the_admin_then_a_wrong_and_a_right_password() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let app = driver.launch(data.path()).await;
    app.wait_text("main h1", "Selamat datang").await;
    app.screenshot("first-run").await;
    // No navigation before anyone is signed in.
    let sidebar_visible = app.wait_css(".sidebar").await.is_displayed().await.unwrap();
    assert!(!sidebar_visible, "no navigation on the first-run screen");
    app.create_first_admin().await;
    app.wait_text("#signed-in-role", "Admin").await;
    app.click("#sign-out").await;

    app.wait_text("main h1", "Masuk ke Loket").await;
    app.fill("username", ADMIN_USER).await;
    app.fill("password", "bukan-sandinya").await;
    app.click_text("Masuk").await;
    app.wait_text(
        "[data-field=password] .field-error",
        "Nama pengguna atau kata sandi salah.",
    )
    .await;
    app.screenshot("sign-in-wrong-password").await;
    app.fill("password", ADMIN_PASSWORD).await;
    app.click_text("Masuk").await;
    app.wait_text("#signed-in-name", "Admin Dinas Sosial").await;
    app.quit().await;

    let trail: Vec<String> = {
        let db = database(&data);
        let mut stmt = db
            .prepare("SELECT action FROM audit_log ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(
        trail,
        [
            "account.create_first_admin",
            "account.sign_out",
            "account.sign_in_failed",
            "account.sign_in"
        ]
    );
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_receptionist_does_not_see_pengaturan() {
    let (_driver, app, _data) = fresh_app().await;
    app.click_text("Pengaturan").await;
    app.click_text("Akun Pengguna").await;
    app.wait_css("#account-list").await;
    app.fill("username", "resepsi.ani").await;
    app.fill("full_name", "Ani Resepsionis").await;
    app.wait_css("[name=role]")
        .await
        .select_by_value("resepsionis")
        .await
        .unwrap();
    app.fill("password", "Sementara-2026").await;
    app.click_text("Buat akun").await;
    app.wait_text("#account-list", "resepsi.ani").await;
    app.screenshot("settings-accounts").await;
    app.click("#sign-out").await;

    app.sign_in("resepsi.ani", "Sementara-2026").await;
    // The admin's password must be replaced first.
    app.wait_text("main h1", "Ganti kata sandi").await;
    app.fill("current", "Sementara-2026").await;
    app.fill("new", "Milik-Ani-2026").await;
    app.fill("new2", "Milik-Ani-2026").await;
    app.click_text("Simpan kata sandi").await;
    app.wait_text("#signed-in-role", "Resepsionis").await;
    app.wait_css("#dashboard-today").await;
    let settings_link = app.wait_css(".sidebar a[data-area=pengaturan]").await;
    assert!(
        !settings_link.is_displayed().await.unwrap(),
        "Pengaturan is hidden from a receptionist"
    );
    // Typing the address does not open it either.
    app.client
        .execute("location.hash = '#pengaturan/akun'", vec![])
        .await
        .unwrap();
    app.wait_css("#dashboard-today").await;
    // And the core refuses even a direct call.
    let refused = app
        .client
        .execute_async(
            "const done = arguments[0]; window.__TAURI__.core.invoke('accounts').then(() => done('allowed'), (e) => done(e.code));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(refused, serde_json::json!("auth.forbidden"));
    app.screenshot("receptionist-beranda").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn an_idle_session_locks_and_keeps_what_was_typed() {
    let (_driver, app, _data) = fresh_app().await;
    app.click_text("Pengaturan").await;
    app.click_text("Akun Pengguna").await;
    app.fill("idle_minutes", "1").await;
    app.click_text("Simpan").await;
    app.wait_text("#toast", "1 menit").await;

    app.click_text("Penomoran").await;
    // Someone typing without a pause for longer than the limit is never locked out: the
    // window tells the core often enough that the person is there.
    let agenda = app.wait_css("[name=agenda]").await;
    agenda.clear().await.unwrap();
    agenda.click().await.unwrap();
    let typing = std::time::Instant::now();
    let mut typed = String::new();
    while typing.elapsed() < Duration::from_secs(80) {
        app.type_keys("x").await;
        typed.push('x');
        tokio::time::sleep(Duration::from_secs(8)).await;
    }
    assert!(
        app.client
            .find(fantoccini::Locator::Css("#lock-overlay"))
            .await
            .is_err(),
        "no lock while typing"
    );
    let allowed = app
        .client
        .execute_async(
            "const done = arguments[0]; window.__TAURI__.core.invoke('dashboard').then(() => done('allowed'), (e) => done(e.code));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(allowed, serde_json::json!("allowed"), "the core agrees");
    assert_eq!(app.value("[name=agenda]").await, typed);
    app.fill("agenda", "{nomor}/SM/{tahun}").await;
    // A minute without touching anything (the check runs every 5 seconds).
    let lock = app
        .client
        .wait()
        .at_most(Duration::from_secs(90))
        .for_element(fantoccini::Locator::Css("#lock-overlay"))
        .await;
    lock.expect("the lock screen appears after a minute");
    app.screenshot("idle-lock").await;
    // While locked the core refuses work too.
    let refused = app
        .client
        .execute_async(
            "const done = arguments[0]; window.__TAURI__.core.invoke('dashboard').then(() => done('allowed'), (e) => done(e.code));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(refused, serde_json::json!("auth.locked"));
    app.wait_focus("password").await;
    app.type_keys("salah-sandi").await;
    app.press(loket_e2e::Key::Enter).await;
    app.wait_text("#lock-overlay .field-error", "salah").await;
    app.fill("password", ADMIN_PASSWORD).await;
    app.press(loket_e2e::Key::Enter).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while app
        .client
        .find(fantoccini::Locator::Css("#lock-overlay"))
        .await
        .is_ok()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the lock screen goes away"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.value("[name=agenda]").await,
        "{nomor}/SM/{tahun}",
        "typed text survives the lock"
    );
    app.quit().await;
}
