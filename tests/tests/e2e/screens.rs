use crate::fresh_app;

/// Every tab of Pengaturan, with a heading it must show.
const TABS: [(&str, &str); 9] = [
    ("Profil & Kop Surat", "Profil kantor dan kop surat"),
    ("Unit Organisasi", "Struktur organisasi"),
    ("Pejabat", "Pejabat"),
    ("Batas Waktu", "Batas waktu penyelesaian per saluran"),
    ("Penomoran", "Format penomoran surat"),
    ("Kode Klasifikasi", "Kode klasifikasi"),
    ("Hari Libur", "Hari libur dan cuti bersama"),
    ("Akun Pengguna", "Akun pengguna"),
    ("Cadangan", "Cadangan basis data"),
];

#[tokio::test]
#[ignore = "needs the built app and a display: run by scripts/test.sh"]
async fn every_screen_fits_the_office_screens_without_sideways_scrolling() {
    let (_driver, app, _data) = fresh_app().await;
    // The file dialog itself cannot be driven over WebDriver; its wiring can be checked.
    let dialog = app
        .client
        .execute(
            "return typeof (window.__TAURI__.dialog && window.__TAURI__.dialog.open);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        dialog,
        serde_json::json!("function"),
        "the dialog plugin's API is in the window"
    );
    for (width, height) in [(1366u32, 768u32), (1920, 1080)] {
        app.client
            .set_window_rect(0, 0, width, height)
            .await
            .unwrap();
        app.click_text("Beranda").await;
        app.wait_css("#dashboard-today").await;
        assert_fits(&app, &format!("Beranda at {width}x{height}")).await;
        app.screenshot(&format!("beranda-{width}")).await;
        app.click_text("Pengaturan").await;
        for (index, (tab, heading)) in TABS.iter().enumerate() {
            app.click_text(tab).await;
            app.wait_text(".tab-panel h2", heading).await;
            assert_fits(&app, &format!("{tab} at {width}x{height}")).await;
            app.screenshot(&format!("pengaturan-{index}-{width}")).await;
        }
        app.click_text("Jejak Audit").await;
        app.wait_text("#audit-list", "account.create_first_admin")
            .await;
        assert_fits(&app, &format!("Jejak Audit at {width}x{height}")).await;
        app.screenshot(&format!("audit-{width}")).await;
    }
    app.quit().await;
}

async fn assert_fits(app: &loket_e2e::App, what: &str) {
    let overflow = app
        .client
        .execute(
            "const m = document.querySelector('main'); \
             return [m.scrollWidth - m.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        overflow,
        serde_json::json!([0, 0]),
        "{what} scrolls sideways"
    );
}
