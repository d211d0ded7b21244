//! The service standard's two procedures in the real window. By letter: the records clerk
//! registers a complaint letter (its case opens in the same step), the Head finds it in his
//! queue and disposes it, the Kabid drafts the reply, the Sekretaris initials it, the Head
//! signs, the clerk sends it by post, and the case reads answered on that day, on time, in
//! the month's recap. At the counter: the official the visitor was sent to records the
//! meeting from his own account, and an answer that took longer, as agreed with the visitor,
//! is counted as agreed rather than late.

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::cases::{account, become_user, disposition_dialog, official};
use crate::replies::{note_dialog, open_from_inbox, switch_to};
use crate::screens::assert_fits;
use crate::{database, fresh_app};

fn count(data: &tempfile::TempDir, sql: &str) -> i64 {
    database(data).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// This month in WITA, as the recap's period.
fn this_month() -> Value {
    use chrono::Datelike;
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    json!({ "input": { "kind": "bulan", "year": today.year(), "number": today.month() } })
}

/// The month the case counts in (a letter that came after closing time counts from the
/// next working day, which may be in the next month).
fn case_month(data: &tempfile::TempDir) -> Value {
    let day: String = database(data)
        .query_row("SELECT received_date FROM cases", [], |r| r.get(0))
        .unwrap();
    let (year, month) = (&day[..4], &day[5..7]);
    json!({ "input": { "kind": "bulan", "year": year.parse::<i32>().unwrap(),
                       "number": month.parse::<u32>().unwrap() } })
}

/// Today in WITA as letters write it ("1 Desember 2026").
fn today_long() -> String {
    use chrono::Datelike;
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
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    format!(
        "{} {} {}",
        today.day(),
        MONTHS[today.month0() as usize],
        today.year()
    )
}

/// One row of a recap's count table by its code.
fn counted(table: &Value, code: &str) -> i64 {
    table
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("{code} missing in {table}"))["count"]
        .as_i64()
        .unwrap()
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Renders the first page of a PDF beside the screenshots, for people to look at.
fn render_png(pdf: &std::path::Path, name: &str) {
    let png = loket_e2e::screenshot_dir().join(name);
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "70",
            "-singlefile",
            pdf.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
}

/// Every font embedded, the file sound, and the words there.
fn check_pdf(pdf: &std::path::Path, words: &[&str]) -> String {
    let path = pdf.to_str().unwrap();
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF-"));
    let fonts = run("pdffonts", &[path]);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "{fonts}"
    );
    run("qpdf", &["--check", path]);
    let text = run("pdftotext", &["-layout", path, "-"]);
    for word in words {
        assert!(text.contains(word), "{word} missing:\n{text}");
    }
    text
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn a_complaint_letter_runs_the_standard_from_agenda_to_dispatch() {
    let (_driver, app, data) = fresh_app().await;
    let head = official(
        &app,
        "Drs. Frans Lebu Raya",
        "196805121994031004",
        "Kepala Dinas Sosial",
        1,
    )
    .await;
    let sekretaris = official(
        &app,
        "Agustinus Ndun, S.Sos., M.Si.",
        "197102141996031003",
        "Sekretaris Dinas Sosial",
        2,
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
    account(&app, "kadis", "kepala_dinas", head).await;
    account(&app, "sekretaris", "pejabat", sekretaris).await;
    account(&app, "kabid", "pejabat", kabid).await;
    app.invoke(
        "account_create",
        json!({ "input": {
            "username": "arsip", "full_name": "arsip", "role": "pengelola_surat",
            "official_id": null, "active": true, "password": "Sementara-2026",
        }}),
    )
    .await;
    for user in ["kadis", "sekretaris", "kabid"] {
        become_user(&app, user).await;
    }

    // The records clerk registers the letter as a complaint: the case opens with it.
    become_user(&app, "arsip").await;
    app.click("a[data-area=suratmasuk]").await;
    app.click("[data-tab=baru]").await;
    app.fill("letter_number", "012/PKH/XI/2026").await;
    app.fill("letter_date", "27/11/2026").await;
    app.fill("sender_name", "Yuliana Nenobais").await;
    app.fill("sender_address", "Jl. Timor Raya 17, Oesapa")
        .await;
    app.fill("subject", "Bantuan PKH tidak cair sejak Agustus")
        .await;
    app.wait_css("[name=kind]")
        .await
        .select_by_value("pengaduan")
        .await
        .unwrap();
    app.wait_css("#letter-complaint:not([hidden])").await;
    assert_eq!(
        app.value("[name=complainant_name]").await,
        "Yuliana Nenobais"
    );
    assert_eq!(
        app.value("[name=summary]").await,
        "Bantuan PKH tidak cair sejak Agustus"
    );
    app.fill("phone", "081338012345").await;
    app.screenshot("standard-letter-form").await;
    app.click_text("Simpan dan beri nomor agenda").await;
    let reg_number = app.wait_text("#case-number", "PGD-").await;
    app.wait_text("#case-status", "Diterima").await;
    assert_fits(&app, "the case opened from a letter").await;
    app.screenshot("standard-letter-case").await;
    assert_eq!(count(&data, "SELECT count(*) FROM letters"), 1);
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM cases c JOIN letters l ON l.id = c.letter_id
              WHERE c.channel = 'letter' AND c.received_at = l.received_at AND l.kind = 'pengaduan'"
        ),
        1,
        "the case counts from the letter's own arrival"
    );
    let case_id = count(&data, "SELECT id FROM cases");

    // It waits in the Head's queue on his Beranda.
    switch_to(&app, "kadis").await;
    app.wait_text("#dashboard-queue", &reg_number).await;
    assert_fits(&app, "the Head's Beranda with his queue").await;
    app.screenshot("standard-head-queue").await;
    app.click("#queue tbody tr td:nth-child(3)").await;
    app.wait_text("#case-number", &reg_number).await;
    app.click("#dispose").await;
    disposition_dialog(&app).await;
    app.click(&format!(
        "#disposition-dialog label:has([data-official='{kabid}'])"
    ))
    .await;
    app.click("#disposition-dialog [data-instruction=proses]")
        .await;
    app.click_text("Kirim disposisi").await;
    app.wait_text("#case-status", "Didisposisikan").await;
    app.click("a[data-area=beranda]").await;
    app.wait_css("#count-open").await;
    wait_gone(&app, "#dashboard-queue").await; // a disposed case leaves the queue

    // The Kabid drafts the reply; the path goes up through the Sekretaris.
    switch_to(&app, "kabid").await;
    app.click("a[data-area=disposisi]").await;
    app.click("#inbox tbody tr td:nth-child(2)").await;
    app.wait_text("#case-number", &reg_number).await;
    app.click("#reply-new").await;
    note_dialog(&app, "reply-new-dialog").await;
    app.wait_css("[name=template]")
        .await
        .select_by_value("jawaban_pengaduan")
        .await
        .unwrap();
    app.click_text("Buat konsep").await;
    app.wait_text("#reply-title", "Konsep surat balasan").await;
    let body = app.value("[name=body]").await;
    assert!(body.contains("012/PKH/XI/2026"), "{body}");
    assert!(
        body.contains(&today_long()),
        "the reply names the day the letter arrived: {body}"
    );
    app.wait_css("[name=reviewer1]")
        .await
        .select_by_value(&sekretaris.to_string())
        .await
        .unwrap();
    app.click_text("Simpan konsep").await;
    app.wait_text("#reply-status", "versi 2").await;
    app.click("#reply-submit").await;
    app.wait_text("#reply-status", "Menunggu paraf: Agustinus Ndun")
        .await;

    switch_to(&app, "sekretaris").await;
    open_from_inbox(&app, "awaiting-table").await;
    app.click("#reply-initial").await;
    app.wait_text("#reply-status", "Menunggu tanda tangan")
        .await;

    switch_to(&app, "kadis").await;
    open_from_inbox(&app, "awaiting-table").await;
    app.click("#reply-sign").await;
    app.wait_css("#confirm[open]").await;
    app.click("#confirm-ok").await;
    let number = app.wait_text("#reply-title", "Surat ").await;
    let number = number.trim_start_matches("Surat ").to_owned();
    assert_eq!(
        count(&data, "SELECT count(*) FROM cases WHERE status = 'dijawab'"),
        0,
        "signing alone does not answer the case"
    );

    // The clerk sends it by post from the outgoing register.
    switch_to(&app, "arsip").await;
    app.click("a[data-area=suratkeluar]").await;
    app.click("[data-tab=register]").await;
    app.wait_text("#outgoing-table", &number).await;
    let reply_id = count(&data, "SELECT id FROM replies");
    app.click(&format!("[data-dispatch='{reply_id}']")).await;
    note_dialog(&app, "dispatch-dialog").await;
    app.wait_css("#dispatch-dialog [name=method]")
        .await
        .select_by_value("pos")
        .await
        .unwrap();
    app.fill("carrier", "Kantor Pos Kupang").await;
    app.screenshot("standard-dispatch-dialog").await;
    app.click_text("Simpan pengiriman").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(&data, "SELECT count(*) FROM dispatches") == 0 {
        if Instant::now() > deadline {
            app.screenshot("failed-dispatch").await;
            panic!("the dispatch was never saved");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.wait_text("#outgoing-table", "Dikirim").await;
    assert_fits(&app, "the outgoing register").await;
    app.screenshot("standard-outgoing-register").await;

    // The case reads answered on the dispatch day, on time.
    app.client
        .execute(&format!("location.hash = '#pengaduan/{case_id}';"), vec![])
        .await
        .unwrap();
    app.wait_text("#case-status", "tepat waktu").await;
    let status = app.wait_text("#case-status", "Dijawab").await;
    assert!(!status.contains("melewati"), "{status}");
    app.wait_text("#case-answer", "dikirim: Pos").await;
    app.wait_text("#case-dispatches", "Kantor Pos Kupang").await;
    assert_fits(&app, "the answered case").await;
    app.screenshot("standard-case-answered").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM cases c JOIN dispatches d ON d.reply_id =
                    (SELECT id FROM replies WHERE case_id = c.id)
              WHERE c.status = 'dijawab' AND c.answered_at = d.dispatched_date"
        ),
        1,
        "answered on the dispatch date"
    );

    // The month's recap counts it on time.
    switch_to(&app, "kadis").await;
    let recap = app.invoke("recap", case_month(&data)).await;
    assert_eq!(recap["sla"]["on_time"], 1, "{}", recap["sla"]);
    assert_eq!(recap["sla"]["late"], 0);
    assert_eq!(counted(&recap["by_status"], "dijawab"), 1);

    // The dispatch book prints with the receiver's signature column.
    let documents = tempfile::tempdir().unwrap();
    let book = documents.path().join("buku-ekspedisi.pdf");
    app.invoke(
        "dispatch_book_pdf",
        json!({ "filter": { "from": "", "to": "" }, "path": book }),
    )
    .await;
    check_pdf(
        &book,
        &[
            "BUKU EKSPEDISI SURAT KELUAR",
            &number,
            "Pos",
            "Kantor Pos Kupang",
            "Tanda tangan",
        ],
    );
    render_png(&book, "standard-dispatch-book-pdf");
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn the_official_records_a_longer_answer_agreed_with_the_visitor() {
    let (_driver, app, data) = fresh_app().await;
    let kabid = official(
        &app,
        "Drs. Yakobus Tefa",
        "197001011995031001",
        "Kepala Bidang Rehabilitasi Sosial",
        6,
    )
    .await;
    account(&app, "kabid", "pejabat", kabid).await;

    // A WhatsApp complaint's receipt names the standard's helpdesk number.
    let case = app
        .invoke(
            "case_register",
            json!({ "input": {
                "channel": "whatsapp", "kind": "informasi", "identity": "named",
                "person": { "person_id": null, "name": "Marthen Luther Bessie", "id_type": "lainnya",
                            "id_number": "", "phone": "085239001122", "email": "",
                            "address": "Kelurahan Naikoten I", "institution": "" },
                "summary": "Syarat pengajuan bantuan sembako lansia",
            }}),
        )
        .await;
    let documents = tempfile::tempdir().unwrap();
    let receipt = documents.path().join("tanda-terima.pdf");
    app.invoke(
        "case_receipt_pdf",
        json!({ "id": case["id"], "path": receipt }),
    )
    .await;
    check_pdf(
        &receipt,
        &["WhatsApp kantor", "082147626662", "Marthen Luther Bessie"],
    );
    render_png(&receipt, "standard-whatsapp-receipt-pdf");

    // A one-minute target, so the test can go past it; reception sends the visitor in.
    app.invoke(
        "channel_deadlines_save",
        json!({ "inputs": [{ "code": "counter", "value": "1" }] }),
    )
    .await;
    let visit = app
        .invoke(
            "visit_register",
            json!({ "input": {
                "person_id": null, "name": "Benediktus Manek", "id_type": "ktp",
                "id_number": "5371011205850003", "phone": "", "address": "Kelurahan Oebobo, Kupang",
                "institution": "", "purpose_category": "pengaduan",
                "purpose": "Data DTKS keluarga tidak sesuai", "companions": "",
                "deposit_card": true, "deposit_slot": "A1",
            }}),
        )
        .await;
    app.invoke(
        "visit_route",
        json!({ "id": visit["id"], "input": { "asked_level": "kabid", "official_id": kabid } }),
    )
    .await;
    let routed = Instant::now();

    // The Kabid sees him waiting on his own Beranda and records the meeting himself.
    become_user(&app, "kabid").await;
    app.wait_text("#dashboard-visitors", "Benediktus Manek")
        .await;
    assert_fits(&app, "the official's Beranda").await;
    app.screenshot("standard-visitors-waiting").await;
    app.click("#visitors-waiting tbody tr td:nth-child(1)")
        .await;
    app.wait_text("#visit-dialog", "Benediktus Manek").await;
    app.click("#start-meeting").await;
    app.wait_text("#visit-dialog", "Mulai bertemu").await;
    // The answer takes longer than the target: the data must be checked with the
    // social worker, and the visitor agrees to wait.
    let past_target = Duration::from_secs(62);
    if let Some(rest) = past_target.checked_sub(routed.elapsed()) {
        tokio::time::sleep(rest).await;
    }
    app.wait_css("#visit-dialog [name=outcome]")
        .await
        .select_by_value("answered")
        .await
        .unwrap();
    app.fill(
        "longer_reason",
        "Data dicek bersama pendamping PKH; tamu bersedia menunggu",
    )
    .await;
    app.screenshot("standard-visit-outcome").await;
    app.click("#outcome-save").await;
    app.wait_text("#visit-outcome", "sesuai kebutuhan").await;
    app.press(loket_e2e::Key::Escape).await;
    wait_gone(&app, "#visit-dialog").await;
    wait_gone(&app, "#dashboard-visitors").await;
    assert_eq!(
        count(
            &data,
            "SELECT count(*) FROM visits v JOIN audit_log l ON l.entity = 'visit'
                    AND l.entity_id = CAST(v.id AS TEXT) AND l.action = 'visit.outcome'
                    JOIN accounts a ON a.id = l.account_id
              WHERE a.username = 'kabid' AND v.longer_reason <> ''"
        ),
        1,
        "recorded from the official's own account"
    );

    // The recap: one counter answer as agreed, none over.
    switch_to_admin(&app).await;
    let recap = app.invoke("recap", this_month()).await;
    assert_eq!(counted(&recap["counter_answers"], "agreed"), 1);
    assert_eq!(counted(&recap["counter_answers"], "over"), 0);
    assert_eq!(counted(&recap["counter_answers"], "within"), 0);
    app.click("a[data-area=laporan]").await;
    app.wait_text("#recap-counter-answers", "Sesuai kebutuhan")
        .await;
    app.client
        .execute(
            "document.getElementById('recap-counter-answers').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("standard-recap-counter").await;
    app.quit().await;
}

/// Waits until nothing matches `css` (a closed dialog, an emptied list).
async fn wait_gone(app: &loket_e2e::App, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app
        .client
        .find_all(fantoccini::Locator::Css(css))
        .await
        .unwrap()
        .is_empty()
    {
        assert!(Instant::now() < deadline, "{css} is still there");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn switch_to_admin(app: &loket_e2e::App) {
    app.click("#sign-out").await;
    app.sign_in(loket_e2e::ADMIN_USER, loket_e2e::ADMIN_PASSWORD)
        .await;
    app.wait_css("#signed-in-name").await;
}
