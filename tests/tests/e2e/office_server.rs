//! An office of many PCs on one PostgreSQL server, in real windows: the connection form's
//! answers, the move of one PC's office onto the server, and two desks (two app processes,
//! two data folders) seeing each other's work without a reload. The server is the one the
//! test command starts (`LOKET_E2E_PG`, a connection string that may create databases).

use std::sync::atomic::{AtomicUsize, Ordering};

use loket_e2e::{App, Driver};
use serde_json::json;

use crate::cases::{account, become_user, disposition_dialog, official};

/// The store is synchronous; the tests run on tokio, which refuses a blocking client on its
/// own threads.
fn off_the_runtime<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(work)
        .join()
        .expect("the server step ran")
}

/// A new, empty database on the test server, and its connection string. Fails (does not
/// skip) without a server: the test command always gives one.
fn new_database() -> (String, String) {
    off_the_runtime(create_database)
}

fn create_database() -> (String, String) {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let admin = std::env::var("LOKET_E2E_PG").expect(
        "LOKET_E2E_PG names a PostgreSQL server (scripts/test.sh starts one for these tests)",
    );
    let name = format!(
        "loket_e2e_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let config = loket_core::store::server::create_database(&admin, &name)
        .unwrap_or_else(|e| panic!("creating {name}: {e}"));
    (admin, config)
}

/// The parts of a `key=value` connection string, as the form asks for them (the last of a
/// key wins, as for the store).
fn part(config: &str, key: &str) -> String {
    config
        .split_whitespace()
        .rev()
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .unwrap_or_default()
        .trim_matches('\'')
        .to_owned()
}

async fn open_database_settings(app: &App) {
    app.click("a[data-area=pengaturan]").await;
    app.click("[data-tab=basis-data]").await;
    app.wait_css("#database-settings").await;
    app.click("#database-kind input[value=server]").await;
}

async fn fill_server(
    app: &App,
    host: &str,
    port: &str,
    database: &str,
    user: &str,
    password: &str,
) {
    app.fill("host", host).await;
    app.fill("port", port).await;
    app.fill("database", database).await;
    app.fill("user", user).await;
    app.fill("password", password).await;
}

/// *Uji koneksi* names what is wrong beside the field that fixes it: a wrong password, a
/// host that does not answer, a database that is not there; then a good one passes, and
/// the office on this PC moves onto it with its progress and a count check.
#[tokio::test]
#[ignore = "needs the built app, a display and a PostgreSQL server: run by scripts/test.sh"]
async fn the_connection_form_names_each_problem_and_the_office_moves_onto_the_server() {
    let (admin, config) = new_database();
    let (host, port, user, password) = (
        part(&admin, "host"),
        part(&admin, "port"),
        part(&admin, "user"),
        part(&admin, "password"),
    );
    let database = part(&config, "dbname");
    let (driver, app, data) = crate::fresh_app().await;
    // Something to move: a letter in the agenda book.
    app.invoke(
        "letter_register",
        json!({ "input": {
            "letter_number": "007/RT.02/XI/2026", "letter_date": "26/11/2026",
            "sender_name": "Ketua RT 002 Kelurahan Oebobo",
            "subject": "Undangan rapat warga", "kind": "lainnya", "urgency": "biasa",
        }, "complaint": null, "files": [] }),
    )
    .await;
    // Enough rows that the move lasts seconds and its progress can be watched: throttle
    // entries, the one table without a hash chain or references.
    {
        let mut file = rusqlite::Connection::open(data.path().join("loket.db")).unwrap();
        let tx = file.transaction().unwrap();
        for n in 0..150_000 {
            tx.execute(
                "INSERT INTO sign_in_attempts (name_hash, failures, last_failure_at)
                 VALUES (?1, 1, '2026-11-30T01:00:00Z')",
                [format!("{n:064x}")],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    open_database_settings(&app).await;
    app.screenshot("database-form").await;

    fill_server(&app, &host, &port, &database, &user, "bukan-sandinya").await;
    app.click("#database-test").await;
    let wrong = app
        .wait_text("[data-field=password] .field-error", "sandi")
        .await;
    app.screenshot("database-wrong-password").await;

    fill_server(
        &app,
        "server-kantor.invalid",
        &port,
        &database,
        &user,
        &password,
    )
    .await;
    app.click("#database-test").await;
    let unreachable = app
        .wait_text("[data-field=host] .field-error", "tidak terjangkau")
        .await;
    app.screenshot("database-host-unreachable").await;

    fill_server(&app, &host, &port, "loket_tidak_ada", &user, &password).await;
    app.click("#database-test").await;
    let missing = app
        .wait_text("[data-field=database] .field-error", "tidak ada")
        .await;
    app.screenshot("database-missing").await;
    for message in [&wrong, &unreachable, &missing] {
        assert!(
            !message.contains("Error"),
            "Indonesian, not the driver's: {message}"
        );
    }

    fill_server(&app, &host, &port, &database, &user, &password).await;
    app.click("#database-test").await;
    app.wait_text("#database-test-ok", "masih kosong").await;
    app.screenshot("database-test-ok").await;
    // This office keeps the weaker TLS choice, which says what it risks (Beranda warns the
    // Admin about it after the move, below).
    assert!(
        app.value("[name=tls]").await == "require",
        "TLS is required by default"
    );
    app.click("[name=tls] option[value=prefer]").await;

    app.click("#database-move").await;
    app.click_text("Pindahkan").await;
    app.wait_text("#move-label", "baris").await;
    app.screenshot("database-move-progress").await;
    let report = app.wait_text("#move-result", "Pemindahan selesai").await;
    assert!(report.contains("utuh"), "{report}");
    app.screenshot("database-moved").await;
    // The server holds the office now; this PC's file is kept as it was.
    let on_server = config.clone();
    let letters: i64 = off_the_runtime(move || {
        loket_core::store::server::open(&on_server)
            .unwrap()
            .query_row("SELECT count(*) FROM letters", [], |r| r.get(0))
            .unwrap()
    });
    assert_eq!(letters, 1);
    assert!(report.contains("150.0"), "the rows counted: {report}");
    assert_eq!(
        crate::database(&data)
            .query_row("SELECT count(*) FROM letters", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        1
    );
    let saved = std::fs::read_to_string(data.path().join("database.json")).unwrap();
    assert!(
        saved.contains("\"server\"") && !saved.contains(&password),
        "{saved}"
    );
    app.quit().await;

    // Opened again, this PC works on the server with the saved choice; Beranda tells the
    // Admin that its TLS choice lets the password be read on the network.
    let app = driver.launch(data.path()).await;
    app.sign_in(loket_e2e::ADMIN_USER, loket_e2e::ADMIN_PASSWORD)
        .await;
    let warning = app.wait_text("#dashboard-tls", "disadap").await;
    assert!(warning.contains("Wajib"), "{warning}");
    app.screenshot("database-tls-warning-beranda").await;
    app.click("#dashboard-tls a").await;
    app.wait_text("#database-tls-weak", "Wajib").await;
    app.screenshot("database-tls-warning-form").await;
    app.quit().await;
}

/// Launches Loket on the office server with a data folder of its own, as a second PC.
async fn desk(driver: &Driver, data: &tempfile::TempDir, config: &str) -> App {
    let data_dir = data.path().display().to_string();
    driver
        .launch_binary(
            &loket_e2e::app_binary(),
            &["--data-dir", &data_dir, "--database", config],
            "main h1",
        )
        .await
}

/// The clerk registers a complaint letter at her PC; the Head's queue on his PC shows it
/// without a reload; he disposes it, and the clerk's open case file shows the disposition.
#[tokio::test]
#[ignore = "needs the built app, a display and a PostgreSQL server: run by scripts/test.sh"]
async fn two_desks_on_one_server_see_each_others_work_without_a_reload() {
    let (_admin, config) = new_database();
    let (clerk_pc, head_pc) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (clerk_driver, head_driver) = (Driver::start(), Driver::start());

    // The clerk's PC sets the office up on the server.
    let clerk = desk(&clerk_driver, &clerk_pc, &config).await;
    clerk.create_first_admin().await;
    let head = official(
        &clerk,
        "Drs. Frans Lebu Raya",
        "196805121994031004",
        "Kepala Dinas Sosial",
        1,
    )
    .await;
    let kabid = official(
        &clerk,
        "Maria Goreti Bria, S.Sos.",
        "197505122000032002",
        "Kepala Bidang Rehabilitasi Sosial",
        6,
    )
    .await;
    account(&clerk, "kadis", "kepala_dinas", head).await;
    account(&clerk, "kabid", "pejabat", kabid).await;
    clerk
        .invoke(
            "account_create",
            json!({ "input": {
                "username": "arsip", "full_name": "arsip", "role": "pengelola_surat",
                "official_id": null, "active": true, "password": "Sementara-2026",
            }}),
        )
        .await;
    become_user(&clerk, "kadis").await;
    become_user(&clerk, "arsip").await;

    // The Head at his own PC, on Beranda, with nothing waiting yet.
    let head_desk = desk(&head_driver, &head_pc, &config).await;
    head_desk.sign_in("kadis", "Sandi-Sendiri-2026").await;
    head_desk.wait_text("#signed-in-name", "kadis").await;
    head_desk.wait_css("#count-open").await;

    // The clerk registers a complaint letter: its case opens with it.
    clerk.click("a[data-area=suratmasuk]").await;
    clerk.click("[data-tab=baru]").await;
    clerk.fill("letter_number", "012/PKH/XI/2026").await;
    clerk.fill("letter_date", "27/11/2026").await;
    clerk.fill("sender_name", "Yuliana Nenobais").await;
    clerk
        .fill("subject", "Bantuan PKH tidak cair sejak Agustus")
        .await;
    clerk
        .wait_css("[name=kind]")
        .await
        .select_by_value("pengaduan")
        .await
        .unwrap();
    clerk.wait_css("#letter-complaint:not([hidden])").await;
    clerk.fill("phone", "081338012345").await;
    clerk.click_text("Simpan dan beri nomor agenda").await;
    let reg_number = clerk.wait_text("#case-number", "PGD-").await;
    let reg_number = reg_number.trim().to_owned();

    // His queue shows it without anyone touching his window.
    head_desk.wait_text("#dashboard-queue", &reg_number).await;
    head_desk.screenshot("two-desks-head-queue-live").await;
    head_desk.click("#queue tbody tr td:nth-child(3)").await;
    head_desk.wait_text("#case-number", &reg_number).await;
    head_desk.click("#dispose").await;
    disposition_dialog(&head_desk).await;
    head_desk
        .click(&format!(
            "#disposition-dialog label:has([data-official='{kabid}'])"
        ))
        .await;
    head_desk
        .click("#disposition-dialog [data-instruction=proses]")
        .await;
    head_desk.click_text("Kirim disposisi").await;
    head_desk.wait_text("#case-status", "Didisposisikan").await;

    // The clerk's case file, still open, shows the disposition.
    clerk.wait_text("#dispositions", "Maria Goreti Bria").await;
    clerk.wait_text("#case-status", "Didisposisikan").await;
    clerk.screenshot("two-desks-clerk-case-live").await;
    head_desk.quit().await;
    clerk.quit().await;
}
