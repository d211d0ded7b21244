use serde_json::json;

use crate::fresh_app;

/// Every tab of Pengaturan, with a heading it must show.
const TABS: [(&str, &str); 11] = [
    ("Profil & Kop Surat", "Profil kantor dan kop surat"),
    ("Unit Organisasi", "Struktur organisasi"),
    ("Pejabat", "Pejabat"),
    ("Batas Waktu", "Batas waktu penyelesaian per saluran"),
    ("Penomoran", "Format penomoran surat"),
    ("Surat & Templat", "Templat surat balasan"),
    ("Kode Klasifikasi", "Kode klasifikasi"),
    ("Hari Libur", "Hari libur dan cuti bersama"),
    ("Akun Pengguna", "Akun pengguna"),
    ("Cadangan", "Cadangan basis data"),
    ("Data Pribadi", "Masa simpan data tamu"),
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
    let person = busy_counter(&app).await;
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
        app.click("a[data-area=bukutamu]").await;
        app.wait_css("#held-cards").await;
        assert_fits(&app, &format!("Buku Tamu at {width}x{height}")).await;
        app.screenshot(&format!("bukutamu-{width}")).await;
        app.click("[data-tab=cari]").await;
        app.wait_text(".tab-panel h2", "Cari kunjungan").await;
        app.type_keys(&format!(
            "{}{}",
            char::from(loket_e2e::Key::Control),
            char::from(loket_e2e::Key::Enter)
        ))
        .await;
        app.wait_css("#visit-search-results").await;
        assert_fits(&app, &format!("Cari kunjungan at {width}x{height}")).await;
        app.screenshot(&format!("bukutamu-cari-{width}")).await;
        app.client
            .execute(
                &format!("location.hash = '#bukutamu/orang/{person}';"),
                vec![],
            )
            .await
            .unwrap();
        app.wait_css("#person-visits").await;
        assert_fits(&app, &format!("Riwayat tamu at {width}x{height}")).await;
        app.screenshot(&format!("bukutamu-orang-{width}")).await;
        for (address, marker, shot) in [
            ("pengaduan/daftar", "#case-list", "pengaduan"),
            ("pengaduan/baru", "[name=summary]", "pengaduan-baru"),
            ("suratmasuk/agenda", "#letter-list", "suratmasuk"),
            ("suratmasuk/baru", "[name=letter_number]", "suratmasuk-baru"),
            ("cari?q=Bantuan", "#search-results", "cari"),
            ("laporan", "#recap-summary", "laporan"),
            ("suratkeluar/konsep", "#replies-awaiting", "suratkeluar"),
            (
                "suratkeluar/register",
                "#outgoing-list",
                "suratkeluar-register",
            ),
        ] {
            app.client
                .execute(&format!("location.hash = '#{address}';"), vec![])
                .await
                .unwrap();
            app.wait_css(marker).await;
            assert_fits(&app, &format!("#{address} at {width}x{height}")).await;
            app.screenshot(&format!("{shot}-{width}")).await;
        }
        app.click_text("Jejak Audit").await;
        app.wait_text("#audit-list", "account.create_first_admin")
            .await;
        assert_fits(&app, &format!("Jejak Audit at {width}x{height}")).await;
        app.screenshot(&format!("audit-{width}")).await;
    }
    app.quit().await;
}

/// A counter in full swing: long names and positions, a card held, a meeting running.
async fn busy_counter(app: &loket_e2e::App) -> i64 {
    let official = app
        .invoke(
            "official_save",
            json!({ "id": null, "input": {
                "name": "Dra. Maria Magdalena Fanggidae-Nubatonis, M.Si.", "nip": "197001011995032001",
                "rank_code": "IV/b", "position": "Kepala Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
                "unit_id": 8, "active_from": "01/01/2020", "active_to": "",
            }}),
        )
        .await["id"]
        .clone();
    let mut person = 0;
    for (name, nik, slot) in [
        (
            "Benediktus Fransiskus Xaverius Manek-Tallo",
            "5371011205850003",
            "12",
        ),
        ("Agustina Margaretha Lakapu", "5371015205900012", "A-7"),
    ] {
        let visit = app
            .invoke(
                "visit_register",
                json!({ "input": {
                    "person_id": null, "name": name, "id_type": "ktp", "id_number": nik,
                    "phone": "0812-3456-7890", "address": "Jl. Timor Raya Km. 7, RT 004/RW 002, Kelurahan Oesapa Barat, Kecamatan Kelapa Lima",
                    "institution": "Lembaga Kesejahteraan Sosial Anak Bintang Timur",
                    "purpose_category": "pengaduan",
                    "purpose": "Bantuan Program Keluarga Harapan belum cair sejak triwulan kedua dan data DTKS tidak sesuai",
                    "companions": "2", "deposit_card": true, "deposit_slot": slot,
                }}),
            )
            .await;
        let id = visit["id"].clone();
        person = visit["person_id"].as_i64().unwrap();
        app.invoke(
            "visit_route",
            json!({ "id": id, "input": { "asked_level": "kabid", "official_id": official } }),
        )
        .await;
        app.invoke("visit_start_meeting", json!({ "id": id })).await;
    }
    person
}

pub(crate) async fn assert_fits(app: &loket_e2e::App, what: &str) {
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
