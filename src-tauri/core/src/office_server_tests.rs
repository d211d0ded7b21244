//! An office of many PCs on the office server: the move from one PC's file, scans that open
//! on every PC, and backups that restore into either store. These need a server
//! (`LOKET_TEST_PG`); without one they say so and end.

use std::path::Path;

use crate::store::{self, server::testing};
use crate::test_office::{desk_on, Desk};
use crate::Office;

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

/// A letter registered with scans picked from `folder`: returns the letter's attachments.
fn letter_with_scans(d: &Desk, folder: &Path, scans: &[(&str, Vec<u8>)]) -> Vec<i64> {
    let paths: Vec<_> = scans
        .iter()
        .map(|(name, bytes)| {
            let path = folder.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    d.office
        .letter_register(
            &d.clerk,
            &crate::letters::tests::letter_input(),
            None,
            &paths,
        )
        .unwrap()
        .attachments
        .iter()
        .map(|a| a.id)
        .collect()
}

fn counts(conn: &store::Connection) -> Vec<(String, i64)> {
    store::transfer::TABLES
        .iter()
        .map(|t| {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap();
            (t.to_string(), n)
        })
        .collect()
}

fn numbers(conn: &store::Connection) -> Vec<String> {
    conn.prepare(
        "SELECT agenda_number FROM letters UNION ALL SELECT reg_number FROM cases
         UNION ALL SELECT outgoing_number FROM replies WHERE outgoing_number IS NOT NULL
         ORDER BY 1",
    )
    .unwrap()
    .query_map([], |r| r.get(0))
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

fn sha256_of(path: &Path) -> String {
    crate::attachments::sha256_hex(&std::fs::read(path).unwrap())
}

/// A populated office on one PC (letters, cases, signed and numbered replies, scans, a long
/// audit trail) moves onto an empty server: counts, numbers, scans by hash and the chain all
/// match, the PC's file is untouched, and a second move onto the same database is refused.
#[test]
fn a_populated_office_moves_onto_an_empty_server_with_every_scan_and_its_trail() {
    crate::test_office::server_only!("there is no server to move onto");
    let d = desk_on(false);
    crate::standard_tests::signed_reply_from(&d, "jawaban_pengaduan");
    crate::standard_tests::signed_reply_from(&d, "informasi_diberikan");
    let picked = tempfile::tempdir().unwrap();
    // The same scan on two letters is kept once.
    let first = letter_with_scans(
        &d,
        picked.path(),
        &[("a.pdf", pdf("satu")), ("b.pdf", pdf("dua"))],
    );
    let second = letter_with_scans(&d, picked.path(), &[("c.pdf", pdf("satu"))]);
    // A long trail: two hundred visits, each audited.
    for _ in 0..200 {
        let visit = crate::guestbook::VisitInput {
            deposit_card: false,
            deposit_slot: String::new(),
            ..crate::guestbook::tests::visit_input()
        };
        d.office.visit_register(&d.reception, &visit).unwrap();
    }
    // The daily backup's folder was chosen on this PC (by a Loket that kept no duty PC).
    let usb = tempfile::tempdir().unwrap();
    d.office.backup_folder_save(&d.admin, usb.path()).unwrap();
    d.office
        .write(|tx| crate::settings::values::set(tx, crate::settings::values::BACKUP_DUTY_PC, ""))
        .unwrap();
    let file = d.dir.path().join("loket.db");
    let source = store::open(&file).unwrap();
    let before_counts = counts(&source);
    let before_numbers = numbers(&source);
    let trail_before: i64 = source
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    drop(source);
    let file_hash = sha256_of(&file);

    let config = testing::fresh_database();
    let mut seen = Vec::new();
    let report = d
        .office
        .move_to_server(&d.admin, &config, &mut |p| seen.push(p))
        .unwrap();
    assert_eq!(report.scans, 2, "two scans, one of them on two letters");
    assert_eq!(report.scans_missing, 0);
    assert_eq!(
        report.audit_entries,
        trail_before + 1,
        "the move itself is in the trail"
    );
    let last = seen.last().unwrap();
    assert_eq!((last.stage, last.done, last.all), ("Pindaian", 2, 2));
    assert!(seen.iter().any(|p| p.stage == "Data" && p.done == p.all));
    assert_eq!(
        sha256_of(&file),
        file_hash,
        "the PC's file is never written"
    );
    // Nothing more is saved into it: not by this window, nor by opening it again.
    let late = crate::guestbook::VisitInput {
        deposit_card: false,
        deposit_slot: String::new(),
        ..crate::guestbook::tests::visit_input()
    };
    let refused = d.office.visit_register(&d.reception, &late).unwrap_err();
    assert_eq!(refused.code(), "store.moved_to_server");
    let reopened = Office::open(&file, Box::new(d.clock.clone()))
        .err()
        .unwrap();
    assert_eq!(reopened.code(), "store.moved_to_server");
    assert!(reopened.to_string().contains("Server kantor"), "{reopened}");
    // Nor by a backup, a restore, the daily backup or a second move from this window.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("cadangan.db");
    for refused in [
        d.office.backup_create(&d.admin, &target).err(),
        d.office
            .backup_restore(&d.admin, &target, d.dir.path())
            .err(),
        d.office
            .move_to_server(&d.admin, &testing::fresh_database(), &mut |_| {})
            .err(),
    ] {
        assert_eq!(refused.unwrap().code(), "store.moved_to_server");
    }
    assert_eq!(d.office.auto_backup_if_due().unwrap(), None);
    assert!(!target.exists());
    assert_eq!(sha256_of(&file), file_hash);

    let server = store::server::open(&config).unwrap();
    let mut after = counts(&server);
    for (table, n) in after.iter_mut() {
        if table == "audit_log" {
            *n -= 1;
        }
    }
    assert_eq!(after, before_counts);
    assert_eq!(numbers(&server), before_numbers);
    let chain = crate::audit::verify(&server, &crate::audit::AnchorState::NotKept).unwrap();
    assert!(chain.intact, "{}", chain.message);
    // The PC that moved the office keeps the daily backup it ran.
    let duty = crate::settings::values::get(&server, crate::settings::values::BACKUP_DUTY_PC)
        .unwrap()
        .unwrap_or_default();
    assert_eq!(duty, crate::data_folder::this_pc());

    // Another PC (its own, empty data folder) opens every scan, checked by its hash.
    let other_pc = tempfile::tempdir().unwrap();
    let other = Office::open_server(&config, other_pc.path(), Box::new(d.clock.clone())).unwrap();
    for (id, bytes) in first
        .iter()
        .chain(&second)
        .zip([pdf("satu"), pdf("dua"), pdf("satu")])
    {
        let opened = other.attachment_file(&d.clerk, *id).unwrap();
        assert!(opened.starts_with(other_pc.path()), "{}", opened.display());
        assert_eq!(std::fs::read(opened).unwrap(), bytes);
    }
    // New records continue after the moved ones: numbers and ids.
    let last_seq: i64 = server
        .query_row("SELECT max(agenda_seq) FROM letters", [], |r| r.get(0))
        .unwrap();
    let next = other
        .letter_register(&d.clerk, &crate::letters::tests::letter_input(), None, &[])
        .unwrap()
        .letter;
    assert_eq!(next.agenda_seq, last_seq + 1);
    // A second move onto the same database, from a window on the same file: refused.
    crate::office_server::forget_move(&file);
    let again = Office::open(&file, Box::new(d.clock.clone())).unwrap();
    let error = again
        .move_to_server(&d.admin, &config, &mut |_| {})
        .unwrap_err();
    assert_eq!(error.code(), "store.target_not_empty");
    // Going back to this PC's file on purpose (Hanya komputer ini, confirmed) opens it.
    std::fs::write(file.with_extension("db.dipindahkan"), "dipindahkan").unwrap();
    assert!(Office::open(&file, Box::new(d.clock.clone())).is_err());
    crate::database_choice::save(d.dir.path(), &crate::database_choice::Choice::File).unwrap();
    Office::open(&file, Box::new(d.clock.clone())).unwrap();
    // Only an Admin moves the office.
    let fresh = testing::fresh_database();
    let refused = again
        .move_to_server(&d.clerk, &fresh, &mut |_| {})
        .unwrap_err();
    assert_eq!(refused.code(), "auth.forbidden", "{refused:?}");
}

/// On the server a scan is stored in the database once per SHA-256, opens on any PC, and
/// can be neither rewritten nor removed there.
#[test]
fn a_scan_registered_on_one_pc_opens_on_another_and_is_kept_once() {
    crate::test_office::server_only!("scans are files on one PC");
    let d = desk_on(true);
    let picked = tempfile::tempdir().unwrap();
    let ids = letter_with_scans(&d, picked.path(), &[("surat.pdf", pdf("surat"))]);
    letter_with_scans(&d, picked.path(), &[("lagi.pdf", pdf("surat"))]);
    assert!(
        !d.dir.path().join("lampiran").exists(),
        "no scan is kept as a file"
    );
    let stored: i64 = d
        .office
        .read(|tx| Ok(tx.query_row("SELECT count(*) FROM scans", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(stored, 1);
    let opened = d.office.attachment_file(&d.clerk, ids[0]).unwrap();
    assert_eq!(std::fs::read(&opened).unwrap(), pdf("surat"));
    // A copy changed on this PC is written anew from the server before it is shown.
    std::fs::write(&opened, b"diubah").unwrap();
    let again = d.office.attachment_file(&d.clerk, ids[0]).unwrap();
    assert_eq!(std::fs::read(again).unwrap(), pdf("surat"));
    for statement in ["UPDATE scans SET kind = 'png'", "DELETE FROM scans"] {
        let refused = d.office.write(|tx| Ok(tx.execute(statement, [])?));
        assert!(refused.is_err(), "{statement}");
    }
}

/// *Buat cadangan* on the server writes one file that restores into a fresh PC's folder and
/// into a fresh server database, scans included, the trail whole.
#[test]
fn a_server_backup_restores_into_a_fresh_folder_and_a_fresh_server_with_its_scans() {
    crate::test_office::server_only!("there is no server to back up");
    let d = desk_on(true);
    crate::standard_tests::signed_reply_from(&d, "jawaban_pengaduan");
    let picked = tempfile::tempdir().unwrap();
    letter_with_scans(
        &d,
        picked.path(),
        &[("a.pdf", pdf("a")), ("b.pdf", pdf("b"))],
    );
    let usb = tempfile::tempdir().unwrap();
    let target = usb.path().join("kantor.db");
    let made = d.office.backup_create(&d.admin, &target).unwrap();
    assert_eq!((made.scans, made.scans_missing), (2, 0));
    let expected_numbers = d.office.read(|tx| Ok(numbers(tx))).unwrap();

    let restored_into = |office: &Office, data_dir: &Path| {
        let admin = office
            .create_first_admin(&crate::accounts::AccountInput {
                username: "pemulih".into(),
                full_name: "Admin Baru".into(),
                password: "sandi-kantor-kupang-2026".into(),
                ..Default::default()
            })
            .unwrap();
        let report = office.backup_restore(&admin, &target, data_dir).unwrap();
        assert_eq!((report.scans, report.scans_missing), (2, 0), "{report:?}");
        let letters = office.letters(&d.clerk, &Default::default()).unwrap();
        assert!(!letters.letters.is_empty());
        let chain = office.audit_verify(&d.admin).unwrap();
        assert!(chain.intact, "{}", chain.message);
        let ids: Vec<i64> = office
            .read(|tx| {
                let mut stmt = tx.prepare("SELECT id FROM attachments ORDER BY id")?;
                let ids = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<std::result::Result<_, _>>()?;
                Ok(ids)
            })
            .unwrap();
        let opened: Vec<Vec<u8>> = ids
            .iter()
            .map(|id| std::fs::read(office.attachment_file(&d.clerk, *id).unwrap()).unwrap())
            .collect();
        assert_eq!(opened, [pdf("a"), pdf("b")]);
        assert_eq!(office.read(|tx| Ok(numbers(tx))).unwrap(), expected_numbers);
    };
    let folder = tempfile::tempdir().unwrap();
    let on_file = Office::open(&folder.path().join("loket.db"), Box::new(d.clock.clone())).unwrap();
    restored_into(&on_file, folder.path());
    let pc = tempfile::tempdir().unwrap();
    let on_server = Office::open_server(
        &testing::fresh_database(),
        pc.path(),
        Box::new(d.clock.clone()),
    )
    .unwrap();
    restored_into(&on_server, pc.path());
}

/// On the server every PC sees the one backup folder; only the PC that chose it writes the
/// daily backup, once a day for the whole office, and Beranda says when and where.
#[test]
fn the_daily_backup_runs_on_the_pc_that_holds_the_duty_and_beranda_says_when() {
    crate::test_office::server_only!("one PC holds its own duty");
    let d = desk_on(true);
    let config = d.server.clone().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let pc = |name: &str| {
        Office::open_server(&config, d.dir.path(), Box::new(d.clock.clone()))
            .unwrap()
            .with_pc_name(name)
    };
    let (reception_pc, records_pc) = (pc("RESEPSIONIS-1"), pc("TU-SURAT"));
    records_pc.backup_folder_save(&d.admin, usb.path()).unwrap();
    let board = reception_pc.dashboard(&d.admin).unwrap();
    let state = board.backup.unwrap();
    assert_eq!(
        (state.folder_set, state.duty_pc.as_str()),
        (true, "TU-SURAT")
    );
    assert!(state.last_label.is_empty() && state.overdue, "{state:?}");
    assert_eq!(
        reception_pc.auto_backup_if_due().unwrap(),
        None,
        "not its duty"
    );
    // Without a duty PC no PC writes into a folder that may exist on one of them only.
    records_pc
        .write(|tx| crate::settings::values::set(tx, crate::settings::values::BACKUP_DUTY_PC, ""))
        .unwrap();
    assert_eq!(
        records_pc.auto_backup_if_due().unwrap(),
        None,
        "nobody's duty"
    );
    records_pc.backup_folder_save(&d.admin, usb.path()).unwrap();
    let written = records_pc.auto_backup_if_due().unwrap().expect("its duty");
    assert!(written.starts_with(usb.path()));
    assert_eq!(records_pc.auto_backup_if_due().unwrap(), None, "once a day");
    let state = reception_pc.dashboard(&d.admin).unwrap().backup.unwrap();
    assert_eq!(state.last_label, "Senin, 30 November 2026 pukul 09.00 WITA");
    assert!(!state.overdue);
    // Only an Admin is shown the backup on Beranda.
    assert!(reception_pc.dashboard(&d.clerk).unwrap().backup.is_none());
}

/// Every PC holds the server's password, so someone at one could cut the newest entries off
/// the trail with the server's own tools. Each PC's anchor, in its own data folder, names
/// the last entry it wrote or checked: the cut is reported there. A PC with no anchor (new)
/// knows nothing to check; a restore that replaced the anchored part is no cut.
#[test]
fn a_trail_cut_on_the_server_is_reported_by_the_pc_that_saw_its_end() {
    crate::test_office::server_only!("a file's own anchor is tested in audit");
    let d = desk_on(true);
    let config = d.server.clone().unwrap();
    let other_pc = tempfile::tempdir().unwrap();
    let second = Office::open_server(&config, other_pc.path(), Box::new(d.clock.clone())).unwrap();
    // The second PC checks the trail at its start: what it saw is its anchor.
    assert!(second.audit_verify_at_startup().unwrap().intact);
    let anchors = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".audit-anchor")
            })
            .count()
    };
    assert_eq!(anchors(other_pc.path()), 1);
    d.office
        .visit_register(&d.reception, &crate::guestbook::tests::visit_input())
        .unwrap();
    // Someone with the password removes the newest entry, guards lifted and put back.
    let attacker = store::server::connect(&config).unwrap();
    attacker
        .execute_batch(
            "ALTER TABLE audit_log DISABLE TRIGGER USER;
             DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);
             ALTER TABLE audit_log ENABLE TRIGGER USER;",
        )
        .unwrap();
    let here = d.office.audit_verify(&d.admin).unwrap();
    assert!(!here.intact && here.cut_off, "{}", here.message);
    // Saves after the cut (a sign-in is one) do not move this PC's anchor past it.
    d.office.sign_in("admin", "sandi-kantor-kupang").unwrap();
    let here = d.office.audit_verify(&d.admin).unwrap();
    assert!(here.cut_off, "{}", here.message);
    // Nor does a restore entry written by hand excuse the cut: it is named.
    crate::audit::record(
        &attacker,
        None,
        chrono::Utc::now(),
        "backup.restore",
        "database",
        "main",
        serde_json::json!({ "by": "penyusup", "audit_shared": 0, "audit_carried": 0 }),
    )
    .unwrap();
    let here = d.office.audit_verify(&d.admin).unwrap();
    assert!(here.cut_off, "{}", here.message);
    assert!(here.message.contains("oleh penyusup"), "{}", here.message);
    // The second PC saw an end the trail still holds: whole, as far as it can know.
    assert!(second.audit_verify_at_startup().unwrap().intact);
    // A third PC, new to the office, has nothing to hold the trail to.
    let third_pc = tempfile::tempdir().unwrap();
    let third = Office::open_server(&config, third_pc.path(), Box::new(d.clock.clone())).unwrap();
    assert!(third.audit_verify_at_startup().unwrap().intact);
    // The Admin, having looked into it, accepts the cut on this PC: the acceptance names
    // what the anchor held, in the trail every PC sees, and this PC holds the new end.
    let shown = d.office.audit_verify(&d.admin).unwrap().end.unwrap();
    // Another PC saves meanwhile (on top of the end shown): accepted with it.
    second.sign_in("admin", "sandi-kantor-kupang").unwrap();
    let accepted = d.office.audit_accept_end(&d.admin, &shown).unwrap();
    assert!(accepted.intact, "{}", accepted.message);
    let newest = &d
        .office
        .audit_search(&d.admin, &Default::default())
        .unwrap()[0];
    assert_eq!(newest.action, "audit.accept_end");
    assert_eq!(
        newest.changes["anchor_held"]["replaced_by_restore"]["by"],
        "penyusup"
    );
    assert_eq!(newest.changes["accepted_end"]["entry"], shown.id);
    // Every PC's Beranda tells the Head.
    let told = second.dashboard(&d.head).unwrap().audit_accepted.unwrap();
    assert_eq!(told.by, d.admin.full_name);
    assert!(newest.changes["end_when_accepted"]["entry"].as_i64() > Some(shown.id));
    // The anchor is the acceptance itself, and later saves move it on as usual.
    assert_eq!(audit_tail_seen_by(d.dir.path()), newest.id);
    d.office.sign_in("admin", "sandi-kantor-kupang").unwrap();
    assert!(audit_tail_seen_by(d.dir.path()) > newest.id);
    assert!(d.office.audit_verify(&d.admin).unwrap().intact);

    // A restore of another office's backup replaces the trail the second PC anchored:
    // superseded, not cut, and the restore is in the trail for all to see.
    let elsewhere = desk_on(false);
    // Its trail parts from the server's after their common start: an hour apart.
    elsewhere.clock.advance(chrono::Duration::hours(1));
    elsewhere
        .office
        .visit_register(
            &elsewhere.reception,
            &crate::guestbook::tests::visit_input(),
        )
        .unwrap();
    let usb = tempfile::tempdir().unwrap();
    let backup = usb.path().join("kantor-lain.db");
    elsewhere
        .office
        .backup_create(&elsewhere.admin, &backup)
        .unwrap();
    let fresh = desk_on(true);
    fresh
        .office
        .visit_register(&fresh.reception, &crate::guestbook::tests::visit_input())
        .unwrap();
    let restorer_dir = tempfile::tempdir().unwrap();
    let restorer = Office::open_server(
        fresh.server.as_ref().unwrap(),
        restorer_dir.path(),
        Box::new(d.clock.clone()),
    )
    .unwrap();
    let watcher_dir = tempfile::tempdir().unwrap();
    let watcher = Office::open_server(
        fresh.server.as_ref().unwrap(),
        watcher_dir.path(),
        Box::new(d.clock.clone()),
    )
    .unwrap();
    assert!(watcher.audit_verify_at_startup().unwrap().intact);
    let restored = restorer
        .backup_restore(&fresh.admin, &backup, restorer_dir.path())
        .unwrap();
    let shared = restorer
        .audit_search(&fresh.admin, &Default::default())
        .unwrap()[0]
        .changes["audit_shared"]
        .as_i64()
        .unwrap();
    let anchored = audit_tail_seen_by(watcher_dir.path());
    assert!(
        shared < anchored,
        "the watcher's end was replaced: {restored:?}"
    );
    let seen = watcher.audit_verify_at_startup().unwrap();
    assert!(seen.intact, "{}", seen.message);
}

/// A daily backup's database restored without its `lampiran/` folder (only the file was
/// copied to the USB stick): the server's own copies of the scans serve, and scans nothing
/// refers to after the restore are let go.
#[test]
fn a_restore_on_the_server_keeps_the_scans_it_already_had() {
    crate::test_office::server_only!("scans are files on one PC");
    let d = desk_on(true);
    let picked = tempfile::tempdir().unwrap();
    let ids = letter_with_scans(&d, picked.path(), &[("a.pdf", pdf("a"))]);
    let folder = tempfile::tempdir().unwrap();
    d.office
        .backup_folder_save(&d.admin, folder.path())
        .unwrap();
    let daily = d
        .office
        .auto_backup_if_due()
        .unwrap()
        .expect("today's backup");
    std::fs::remove_dir_all(folder.path().join("lampiran")).unwrap();
    // A scan registered after the backup: the restore takes its letter away.
    letter_with_scans(&d, picked.path(), &[("b.pdf", pdf("b"))]);
    let report = d
        .office
        .backup_restore(&d.admin, &daily, d.dir.path())
        .unwrap();
    assert_eq!((report.scans, report.scans_missing), (1, 0), "{report:?}");
    let opened = d.office.attachment_file(&d.clerk, ids[0]).unwrap();
    assert_eq!(std::fs::read(opened).unwrap(), pdf("a"));
    let stored: i64 = d
        .office
        .read(|tx| Ok(tx.query_row("SELECT count(*) FROM scans", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(
        stored, 1,
        "the scan of the letter the restore took away is let go"
    );
}

/// The entry a PC's anchor names (its one anchor file in `dir`).
fn audit_tail_seen_by(dir: &Path) -> i64 {
    let file = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".audit-anchor"))
        .unwrap();
    crate::audit::Anchor::read(&file).unwrap().id
}

/// A kept scan whose bytes no longer have their hash (damaged on the server's disk, or
/// changed outside Loket) is repaired by a restore that holds the original, and by attaching
/// the original again; the table's rules still refuse any other rewrite.
#[test]
fn a_damaged_scan_on_the_server_is_repaired_by_its_original() {
    crate::test_office::server_only!("scans are files on one PC");
    let d = desk_on(true);
    let picked = tempfile::tempdir().unwrap();
    let ids = letter_with_scans(&d, picked.path(), &[("a.pdf", pdf("a"))]);
    let usb = tempfile::tempdir().unwrap();
    let backup = usb.path().join("kantor.db");
    d.office.backup_create(&d.admin, &backup).unwrap();
    let damage = || {
        let raw = store::server::connect(d.server.as_ref().unwrap()).unwrap();
        raw.execute_batch(
            "ALTER TABLE scans DISABLE TRIGGER scans_kept;
             UPDATE scans SET bytes = '\\x00'::bytea;
             ALTER TABLE scans ENABLE TRIGGER scans_kept;",
        )
        .unwrap();
    };
    damage();
    assert_eq!(
        d.office
            .attachment_file(&d.clerk, ids[0])
            .unwrap_err()
            .code(),
        "attachment.damaged"
    );
    let report = d
        .office
        .backup_restore(&d.admin, &backup, d.dir.path())
        .unwrap();
    assert_eq!((report.scans, report.scans_missing), (1, 0), "{report:?}");
    let opened = d.office.attachment_file(&d.clerk, ids[0]).unwrap();
    assert_eq!(std::fs::read(opened).unwrap(), pdf("a"));
    // Attaching the original again repairs it too.
    damage();
    letter_with_scans(&d, picked.path(), &[("lagi.pdf", pdf("a"))]);
    let opened = d.office.attachment_file(&d.clerk, ids[0]).unwrap();
    assert_eq!(std::fs::read(opened).unwrap(), pdf("a"));
}
