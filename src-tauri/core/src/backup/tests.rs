use std::path::Path;

use crate::store::Connection;
use chrono::Timelike;

use super::*;
use crate::accounts::{AccountInput, Actor};
use crate::clock::FixedClock;
use crate::test_office::{desk, Desk};
use crate::Office;

fn stamp(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y%m%d-%H%M").unwrap()
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").into_bytes()
}

/// A letter with a scan, registered by the clerk; returns the attachment's id.
fn letter_with_scan(d: &Desk, text: &str) -> i64 {
    let scan = d.dir.path().join(format!("{text}.pdf"));
    std::fs::write(&scan, pdf(text)).unwrap();
    let file = d
        .office
        .letter_register(
            &d.clerk,
            &crate::letters::tests::letter_input(),
            None,
            std::slice::from_ref(&scan),
        )
        .unwrap();
    std::fs::remove_file(scan).unwrap();
    file.attachments[0].id
}

/// A new PC: an empty data folder, a first administrator of its own.
fn new_pc() -> (tempfile::TempDir, Office, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let office = Office::open(
        &dir.path().join("loket.db"),
        Box::new(FixedClock("2026-12-02T01:00:00Z".parse().unwrap())),
    )
    .unwrap();
    let admin = office
        .create_first_admin(&AccountInput {
            username: "sementara".into(),
            full_name: "Admin Sementara".into(),
            password: "pc-baru-kantor-1".into(),
            ..Default::default()
        })
        .unwrap();
    (dir, office, admin)
}

/// Every row of every table but the audit trail, as text: equal dumps, equal data. (The
/// search indexes are written anew by a restore, in their own internal order: left out.)
fn dump(conn: &Connection) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit_log'
                AND name NOT LIKE 'search_index%' AND name NOT LIKE 'people_search%'
              ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut rows = Vec::new();
    for table in tables {
        // Sorted as text: full-text index tables have no rowid to order by.
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut query = stmt.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.value(i).unwrap()))
                .collect();
            rows.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    rows.sort();
    rows
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_restored_on_a_new_pc_opens_every_scan() {
    crate::test_office::sqlite_file_only!(
        "about scans kept as files and SQLite's own file (the server: office_server_tests.rs)"
    );
    let d = desk();
    let first = letter_with_scan(&d, "surat-pertama");
    let second = letter_with_scan(&d, "surat-kedua");
    let usb = tempfile::tempdir().unwrap();
    let target = usb.path().join("loket-20261130-0900.db");
    let report = d.office.backup_create(&d.admin, &target).unwrap();
    assert_eq!((report.scans, report.scans_missing), (2, 0));
    assert_eq!(files_in(usb.path()), ["loket-20261130-0900.db"], "one file");
    let before = d.office.read(|tx| Ok(dump(tx))).unwrap();

    let (dir, pc, temporary_admin) = new_pc();
    let restored = pc
        .backup_restore(&temporary_admin, &target, dir.path())
        .unwrap();
    assert!(restored.scans_in_backup);
    assert_eq!((restored.scans, restored.scans_missing), (2, 0));
    assert_eq!(pc.read(|tx| Ok(dump(tx))).unwrap(), before);
    // The office's own accounts are back; its scans open, checked by hash.
    let admin = pc.sign_in("admin", "sandi-kantor-kupang").unwrap();
    for (id, text) in [(first, "surat-pertama"), (second, "surat-kedua")] {
        let path = pc.attachment_file(&admin, id).unwrap();
        assert!(path.starts_with(dir.path()));
        assert_eq!(std::fs::read(path).unwrap(), pdf(text));
    }
    assert!(pc.audit_verify(&admin).unwrap().intact);
    // The working copy is gone; the new PC's own first data is kept beside.
    let left = files_in(dir.path());
    assert!(left.iter().all(|n| !n.contains("pemulihan")), "{left:?}");
    assert!(
        left.iter().any(|n| n.starts_with("pre-restore-")),
        "{left:?}"
    );
}

#[test]
fn the_daily_backup_keeps_each_scan_once_and_restores_on_a_new_pc() {
    crate::test_office::sqlite_file_only!(
        "about scans kept as files and SQLite's own file (the server: office_server_tests.rs)"
    );
    let d = desk();
    let scan = letter_with_scan(&d, "harian");
    let usb = tempfile::tempdir().unwrap();
    d.office.backup_folder_save(&d.admin, usb.path()).unwrap();
    // A partial copy from a USB disk pulled out yesterday.
    std::fs::write(
        usb.path().join("loket-auto-20261129-1000.db.loket.part"),
        b"x",
    )
    .unwrap();
    let made = d.office.auto_backup_if_due().unwrap().unwrap();
    assert_eq!(
        files_in(usb.path()),
        ["lampiran", "loket-auto-20261130-0900.db"],
        "leftover removed, scans beside"
    );
    // The next day's backup finds the scan already there.
    d.clock.advance(chrono::Duration::days(1));
    let next = d.office.auto_backup_if_due().unwrap().unwrap();
    assert_ne!(made, next);
    let scans =
        crate::attachments::stored_files(&crate::store::open_plain(&next).unwrap()).unwrap();
    assert_eq!(scans.len(), 1);

    let (dir, pc, temporary_admin) = new_pc();
    let restored = pc
        .backup_restore(&temporary_admin, &made, dir.path())
        .unwrap();
    assert_eq!((restored.scans, restored.scans_missing), (1, 0));
    let admin = pc.sign_in("admin", "sandi-kantor-kupang").unwrap();
    assert_eq!(
        std::fs::read(pc.attachment_file(&admin, scan).unwrap()).unwrap(),
        pdf("harian")
    );
}

#[test]
fn an_old_backup_without_scans_still_restores_and_says_so() {
    crate::test_office::sqlite_file_only!(
        "about scans kept as files and SQLite's own file (the server: office_server_tests.rs)"
    );
    let d = desk();
    let scan = letter_with_scan(&d, "lama");
    // A backup as Loket wrote them before it carried scans: the database alone.
    let old = tempfile::tempdir().unwrap();
    let target = old.path().join("loket-lama.db");
    d.office
        .read(|tx| crate::store::copy_to_file(tx, &target))
        .unwrap();
    let (dir, pc, temporary_admin) = new_pc();
    let restored = pc
        .backup_restore(&temporary_admin, &target, dir.path())
        .unwrap();
    assert!(!restored.scans_in_backup);
    assert_eq!((restored.scans, restored.scans_missing), (0, 1));
    let admin = pc.sign_in("admin", "sandi-kantor-kupang").unwrap();
    assert_eq!(
        pc.attachment_file(&admin, scan).unwrap_err().code(),
        "attachment.damaged"
    );
    // Restored on the PC that still has the scan, nothing is missing.
    let again = d
        .office
        .backup_restore(&d.admin, &target, d.dir.path())
        .unwrap();
    assert_eq!((again.scans, again.scans_missing), (1, 0));
}

#[test]
fn backup_then_reveal_then_restore_keeps_the_reveal_in_the_trail() {
    let d = desk();
    let visit = d
        .office
        .visit_register(&d.reception, &crate::guestbook::tests::visit_input())
        .unwrap();
    let usb = tempfile::tempdir().unwrap();
    let target = usb.path().join("sebelum.db");
    d.office.backup_create(&d.admin, &target).unwrap();
    let trail_at_backup = d.office.read(|tx| crate::audit::tail(tx)).unwrap().unwrap();
    d.office
        .reveal_id_number(&d.admin, visit.person_id)
        .unwrap();
    let revealed = d.office.read(|tx| crate::audit::tail(tx)).unwrap().unwrap();
    // The admin tries to erase the reveal by restoring the copy made before it.
    d.office
        .backup_restore(&d.admin, &target, d.dir.path())
        .unwrap();
    let trail = d
        .office
        .audit_search(&d.admin, &Default::default())
        .unwrap();
    let actions: Vec<&str> = trail.iter().take(3).map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["backup.restore", "person.reveal_id", "backup.create"]
    );
    assert_eq!(trail[0].changes["audit_carried"], 2);
    // Carried as they were: the same ids and hashes, so the chain still verifies.
    let kept = d
        .office
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT hash FROM audit_log WHERE id = ?1",
                [revealed.id],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap();
    assert_eq!(kept, revealed.hash);
    assert!(revealed.id > trail_at_backup.id);
    let check = d.office.audit_verify(&d.admin).unwrap();
    assert!(check.intact, "{}", check.message);
    assert!(d.office.audit_verify_at_startup().unwrap().intact);
}

#[test]
fn a_trail_cut_off_at_its_end_is_noticed() {
    crate::test_office::sqlite_file_only!(
        "about scans kept as files and SQLite's own file (the server: office_server_tests.rs)"
    );
    let d = desk();
    d.office
        .visit_register(&d.reception, &crate::guestbook::tests::visit_input())
        .unwrap();
    assert!(d.office.audit_verify_at_startup().unwrap().intact);
    // Someone with the file drops the protection and deletes the newest entries: what is
    // left still chains, but the anchor beside the database names an entry that is gone.
    let path = d.dir.path().join("loket.db");
    let raw = crate::store::open_plain(&path).unwrap();
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_delete;
         DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log);",
    )
    .unwrap();
    drop(raw);
    let check = d.office.audit_verify_at_startup().unwrap();
    assert!(!check.intact);
    assert!(check.cut_off);
    assert_eq!(check.first_broken, None);
    assert!(check.message.contains("terpotong"), "{}", check.message);
    // A save after the cut (a sign-in is one) does not move the anchor past it.
    d.office.sign_in("admin", "sandi-kantor-kupang").unwrap();
    let check = d.office.audit_verify_at_startup().unwrap();
    assert!(check.cut_off, "{}", check.message);
    // Deleting the anchor as well is noticed: the database knows it had one.
    std::fs::remove_file(d.dir.path().join("loket.db.audit-anchor")).unwrap();
    let check = d.office.audit_verify_at_startup().unwrap();
    assert!(!check.intact);
    assert!(check.message.contains("hilang"), "{}", check.message);
    // A database that never had an anchor (before this Loket) gets one at its next change.
    let fresh = tempfile::tempdir().unwrap();
    let path = fresh.path().join("loket.db");
    let office = Office::open(
        &path,
        Box::new(FixedClock("2026-12-02T01:00:00Z".parse().unwrap())),
    )
    .unwrap();
    assert!(office.audit_verify_at_startup().unwrap().intact);
    office
        .create_first_admin(&AccountInput {
            username: "admin".into(),
            full_name: "Admin".into(),
            password: "sandi-kantor-kupang".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(fresh.path().join("loket.db.audit-anchor").exists());
    assert!(office.audit_verify_at_startup().unwrap().intact);
}

/// Once the cause of a cut is known, the Admin takes the end he was shown as this PC's
/// anchor: recorded in the trail with what the anchor held and where, shown on Beranda to
/// those who verify the trail for a month, refused to anyone else, for a trail found whole,
/// for an end other than the one shown, and for a chain broken in the middle, which saves
/// nothing.
#[test]
fn an_admin_accepts_a_cut_once_its_cause_is_known() {
    crate::test_office::sqlite_file_only!(
        "about the file's own anchor (the server: office_server_tests.rs)"
    );
    let d = desk();
    let seen_end = |office: &Office| office.audit_verify(&d.admin).unwrap().end.unwrap();
    let refused = d
        .office
        .audit_accept_end(&d.admin, &seen_end(&d.office))
        .unwrap_err();
    assert_eq!(refused.code(), "audit.nothing_to_accept");
    let anchor_file = d.dir.path().join("loket.db.audit-anchor");
    let path = d.dir.path().join("loket.db");
    let raw = crate::store::open_plain(&path).unwrap();
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_delete;
         DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);",
    )
    .unwrap();
    let anchored = crate::audit::Anchor::read(&anchor_file).unwrap();
    let shown = d.office.audit_verify(&d.admin).unwrap();
    assert!(shown.cut_off, "{}", shown.message);
    let shown_end = shown.end.unwrap();
    assert!(matches!(
        d.office.audit_accept_end(&d.reception, &shown_end),
        Err(crate::Error::Forbidden { .. })
    ));
    // The end shown cut in its turn before the Admin confirms: not what was shown.
    raw.execute("DELETE FROM audit_log WHERE id = ?1", [shown_end.id])
        .unwrap();
    let refused = d.office.audit_accept_end(&d.admin, &shown_end).unwrap_err();
    assert_eq!(refused.code(), "audit.changed_since_check");
    let shown_end = seen_end(&d.office);
    // Saves after the check (another desk) are accepted on top of the end shown.
    d.office.sign_in("admin", "sandi-kantor-kupang").unwrap();

    let office = Office::open(&path, Box::new(d.clock.clone()))
        .unwrap()
        .with_pc_name("LOKET-ADMIN");
    let check = office.audit_accept_end(&d.admin, &shown_end).unwrap();
    assert!(check.intact, "{}", check.message);
    let trail = office.audit_search(&d.admin, &Default::default()).unwrap();
    let newest = &trail[0];
    assert_eq!(newest.action, "audit.accept_end");
    assert_eq!(newest.account_name, d.admin.username);
    assert_eq!(newest.changes["anchor_held"]["entry"], anchored.id);
    assert_eq!(newest.changes["anchor_held"]["hash"], anchored.hash[..16]);
    assert_eq!(newest.changes["accepted_end"]["entry"], shown_end.id);
    assert_eq!(trail[1].action, "account.sign_in");
    assert_eq!(newest.changes["end_when_accepted"]["entry"], trail[1].id);
    assert_eq!(newest.changes["pc"], "LOKET-ADMIN");
    // The anchor is the acceptance itself.
    assert_eq!(
        crate::audit::Anchor::read(&anchor_file).unwrap().id,
        newest.id
    );
    // Beranda tells the Admin and the Head, not reception, for a month.
    let told = office.dashboard(&d.head).unwrap().audit_accepted.unwrap();
    assert_eq!(told.by, d.admin.full_name);
    assert_eq!(told.pc, "LOKET-ADMIN");
    assert!(office.dashboard(&d.admin).unwrap().audit_accepted.is_some());
    assert!(office
        .dashboard(&d.reception)
        .unwrap()
        .audit_accepted
        .is_none());
    d.clock.advance(chrono::Duration::days(31));
    assert!(office.dashboard(&d.head).unwrap().audit_accepted.is_none());

    // From now on the new end is held: a second cut is reported again, as a change when an
    // entry written after it took the number.
    assert!(office.audit_verify_at_startup().unwrap().intact);
    raw.execute("DELETE FROM audit_log WHERE id = ?1", [newest.id])
        .unwrap();
    office.sign_in("admin", "sandi-kantor-kupang").unwrap();
    let check = office.audit_verify_at_startup().unwrap();
    assert!(
        check.message.contains("berbeda isinya"),
        "{}",
        check.message
    );
    office
        .audit_accept_end(&d.admin, &seen_end(&office))
        .unwrap();

    // A lost anchor file is accepted the same way, and named so in the trail.
    std::fs::remove_file(&anchor_file).unwrap();
    let check = office.audit_verify_at_startup().unwrap();
    assert!(check.message.contains("hilang"), "{}", check.message);
    assert!(
        office
            .audit_accept_end(&d.admin, &seen_end(&office))
            .unwrap()
            .intact
    );
    let newest = &office.audit_search(&d.admin, &Default::default()).unwrap()[0];
    assert_eq!(newest.changes["anchor_held"], "berkas penanda hilang");

    // An anchor that cannot be written is said so, not reported as done.
    std::fs::remove_file(&anchor_file).unwrap();
    std::fs::create_dir(&anchor_file).unwrap();
    let refused = office
        .audit_accept_end(&d.admin, &seen_end(&office))
        .unwrap_err();
    assert_eq!(refused.code(), "audit.anchor_unwritable");
    assert!(refused.to_string().contains("sudah tercatat"), "{refused}");
    std::fs::remove_dir(&anchor_file).unwrap();
    office
        .audit_accept_end(&d.admin, &seen_end(&office))
        .unwrap();

    // An entry changed in the middle is no cut to accept, and nothing is recorded.
    let end_before = seen_end(&office);
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET changes = '{}' WHERE id = 2;",
    )
    .unwrap();
    let entries = || -> i64 {
        raw.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let entries_before = entries();
    let refused = office.audit_accept_end(&d.admin, &end_before).unwrap_err();
    assert_eq!(refused.code(), "audit.broken_not_accepted");
    assert!(refused.to_string().contains("nomor 2"), "{refused}");
    assert_eq!(entries(), entries_before);
}

/// The live database file (and its WAL) as bytes.
fn live_bytes(dir: &Path) -> Vec<Vec<u8>> {
    ["loket.db", "loket.db-wal"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap_or_default())
        .collect()
}

/// A Loket database at `version` with an active admin, to be spoiled by `spoil`.
fn candidate_at(path: &Path, version: i64, spoil: &str) {
    let conn = crate::store::open_plain(path).unwrap();
    crate::store::migrate(&conn, version).unwrap();
    // Straight into the table: at an older version the account code's other tables may
    // not exist yet.
    conn.execute(
        "INSERT INTO accounts (username, full_name, role, password_hash, created_at)
         VALUES ('admin', 'A', 'admin', 'x', '2026-11-01T00:00:00Z')",
        [],
    )
    .unwrap();
    conn.execute_batch(spoil).unwrap();
}

#[test]
fn a_hostile_or_half_migratable_candidate_leaves_the_live_data_byte_identical() {
    let d = desk();
    letter_with_scan(&d, "hidup");
    let bad = tempfile::tempdir().unwrap();
    let at = |name: &str| bad.path().join(name);
    let good = at("good.db");
    d.office.backup_create(&d.admin, &good).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(at("truncated.db"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(
        at("random.db"),
        (0..50_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    crate::store::open_plain(&at("foreign.db"))
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let latest = crate::store::latest_version();
    // A trigger of its own that would rewrite the accounts on the next sign-in.
    candidate_at(
        &at("trigger.db"),
        latest,
        "CREATE TRIGGER takeover AFTER UPDATE ON accounts BEGIN
             UPDATE accounts SET role = 'admin'; END;",
    );
    // The same, hiding behind the name of the table a backup carries its scans in…
    candidate_at(
        &at("scans-trigger.db"),
        latest,
        "CREATE TRIGGER backup_scans AFTER UPDATE ON accounts BEGIN
             UPDATE accounts SET role = 'admin'; END;",
    );
    // …or behind SQLite's own prefix, written straight into the schema.
    candidate_at(
        &at("sqlite-trigger.db"),
        latest,
        "PRAGMA writable_schema = ON;
         INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
         VALUES ('trigger', 'sqlite_x', 'accounts', 0,
                 'CREATE TRIGGER sqlite_x AFTER UPDATE ON accounts BEGIN UPDATE accounts SET role = ''admin''; END');
         PRAGMA writable_schema = OFF;",
    );
    candidate_at(
        &at("extra-column.db"),
        latest,
        "ALTER TABLE people ADD note TEXT;",
    );
    // Migrates half way: version 7 would add a setting this file already has.
    candidate_at(
        &at("half.db"),
        6,
        "INSERT INTO settings (key, value) VALUES ('letter.paper', 'A5');",
    );
    candidate_at(
        &at("tampered.db"),
        latest,
        "INSERT INTO audit_log (id, at, account_name, action, entity, entity_id, changes, prev_hash, hash)
         VALUES (1, '2026-11-01T00:00:00.000000Z', 'x', 'y', 'z', '1', '{}', 'aa', 'bb');",
    );
    candidate_at(
        &at("no-admin.db"),
        latest,
        "UPDATE accounts SET active = 0;",
    );
    candidate_at(
        &at("newer.db"),
        latest,
        &format!("PRAGMA user_version = {};", latest + 1),
    );
    let before = live_bytes(d.dir.path());
    let folder_before = files_in(d.dir.path());
    for (name, code, why) in [
        ("truncated.db", "backup.invalid_file", "rusak"),
        (
            "random.db",
            "backup.invalid_file",
            "bukan basis data SQLite",
        ),
        ("foreign.db", "backup.invalid_file", "bukan cadangan Loket"),
        ("trigger.db", "backup.invalid_file", "(trigger takeover)"),
        (
            "scans-trigger.db",
            "backup.invalid_file",
            "(trigger backup_scans)",
        ),
        (
            "sqlite-trigger.db",
            "backup.invalid_file",
            "(trigger sqlite_x)",
        ),
        ("extra-column.db", "backup.invalid_file", "(table people)"),
        ("half.db", "backup.invalid_file", "tidak dapat diperbarui"),
        ("tampered.db", "backup.invalid_file", "Jejak audit"),
        ("no-admin.db", "backup.invalid_file", "Admin aktif"),
        ("newer.db", "store.too_new", "lebih baru"),
    ] {
        let candidate = at(name);
        let candidate_bytes = std::fs::read(&candidate).unwrap();
        let err = d
            .office
            .backup_restore(&d.admin, &candidate, d.dir.path())
            .unwrap_err();
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(err.to_string().contains(why), "{name}: {err}");
        assert_eq!(live_bytes(d.dir.path()), before, "{name}");
        assert_eq!(
            files_in(d.dir.path()),
            folder_before,
            "{name}: nothing left"
        );
        assert_eq!(
            std::fs::read(&candidate).unwrap(),
            candidate_bytes,
            "{name}"
        );
    }
    // And the good one still restores.
    d.office
        .backup_restore(&d.admin, &good, d.dir.path())
        .unwrap();
}

#[test]
fn backups_go_outside_the_data_folder_and_a_failed_one_leaves_nothing() {
    crate::test_office::sqlite_file_only!(
        "about scans kept as files and SQLite's own file (the server: office_server_tests.rs)"
    );
    let d = desk();
    for name in ["loket.db", "loket.db-wal", "cadangan.db"] {
        let err = d
            .office
            .backup_create(&d.admin, &d.dir.path().join(name))
            .unwrap_err();
        assert_eq!(err.code(), "file.in_data_folder", "{name}");
    }
    assert_eq!(
        d.office
            .backup_folder_save(&d.admin, d.dir.path())
            .unwrap_err()
            .code(),
        "file.in_data_folder"
    );
    // The copy is made, then cannot get its name (a folder is in the way): nothing stays.
    let usb = tempfile::tempdir().unwrap();
    let target = usb.path().join("cadangan.db");
    let partial = d.office.read(|tx| snapshot(tx, &target)).unwrap();
    std::fs::create_dir_all(target.join("isi")).unwrap();
    assert!(complete(partial, &|_| Ok(None), &target, ScanCopies::Inside).is_err());
    assert_eq!(files_in(usb.path()), ["cadangan.db"]);
    assert!(target.is_dir());
}

#[test]
fn a_backup_names_scans_it_could_not_carry() {
    crate::test_office::sqlite_file_only!(
        "about scans kept as files and SQLite's own file (the server: office_server_tests.rs)"
    );
    let d = desk();
    let id = letter_with_scan(&d, "hilang");
    let path = d.office.attachment_file(&d.admin, id).unwrap();
    std::fs::write(&path, b"%PDF-rusak %%EOF").unwrap();
    let usb = tempfile::tempdir().unwrap();
    let report = d
        .office
        .backup_create(&d.admin, &usb.path().join("c.db"))
        .unwrap();
    assert_eq!((report.scans, report.scans_missing), (0, 1));
    let note = &d
        .office
        .audit_search(&d.admin, &Default::default())
        .unwrap()[0];
    assert_eq!(note.action, "backup.create");
    assert_eq!(note.changes["scans_missing"], 1);
}

#[test]
fn rotation_keeps_14_days_and_12_months() {
    let mut backups = Vec::new();
    // Two backups a day for 400 days.
    let start = stamp("20251001-0800");
    for day in 0..400 {
        for hour in [8, 13] {
            let t = start + chrono::Duration::days(day) + chrono::Duration::hours(hour - 8);
            backups.push((
                t,
                PathBuf::from(format!("loket-{}.db", t.format("%Y%m%d-%H%M"))),
            ));
        }
    }
    let victims = rotation_victims(&backups);
    let kept: Vec<_> = backups
        .iter()
        .filter(|(_, p)| !victims.contains(p))
        .collect();
    let daily: Vec<_> = kept.iter().filter(|(t, _)| t.hour() == 13).collect();
    assert_eq!(daily.len(), KEEP_DAILY);
    assert_eq!(
        daily[0].0.date(),
        stamp("20261022-0000").date(),
        "the last 14 days"
    );
    assert!(kept
        .iter()
        .all(|(t, _)| t.format("%H").to_string() == "13" || t.day() == 1 && t.hour() == 8));
    assert_eq!(kept.len(), KEEP_DAILY + KEEP_MONTHLY, "{kept:?}");
}

#[test]
fn a_restored_database_gets_search_indexes_written_anew() {
    let d = desk();
    letter_with_scan(&d, "indeks");
    let usb = tempfile::tempdir().unwrap();
    let target = usb.path().join("indeks.db");
    d.office.backup_create(&d.admin, &target).unwrap();
    // A doctored copy whose index finds a name its records do not hold.
    crate::store::open_plain(&target)
        .unwrap()
        .execute_batch(
            "INSERT INTO search_index (rowid, title, body) VALUES (999 * 4 + 3, 'Nama Tersembunyi', '');",
        )
        .unwrap();
    d.office
        .backup_restore(&d.admin, &target, d.dir.path())
        .unwrap();
    let admin = d.office.sign_in("admin", "sandi-kantor-kupang").unwrap();
    let found = d
        .office
        .search(
            &admin,
            &crate::search::SearchQuery {
                text: "Tersembunyi".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((found.total, found.hits.len()), (0, 0));
    // What the records hold is still found.
    let found = d
        .office
        .search(
            &admin,
            &crate::search::SearchQuery {
                text: "verifikasi".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.total, found.hits.len());
    assert!(found.total >= 1);
}

#[test]
fn a_doctored_list_of_scans_is_refused_and_placed_scans_go_when_a_restore_fails() {
    let d = desk();
    letter_with_scan(&d, "daftar");
    let usb = tempfile::tempdir().unwrap();
    let target = usb.path().join("daftar.db");
    d.office.backup_create(&d.admin, &target).unwrap();
    let doctored = usb.path().join("diubah.db");
    std::fs::copy(&target, &doctored).unwrap();
    crate::store::open_plain(&doctored)
        .unwrap()
        .execute_batch(&format!(
            "UPDATE attachments SET sha256 = '{}'",
            "é".repeat(64)
        ))
        .unwrap();
    let err = d
        .office
        .backup_restore(&d.admin, &doctored, d.dir.path())
        .unwrap_err();
    assert!(err.to_string().contains("lampiran"), "{err}");

    // On a new PC the scan is put in place, then the last step fails (the name for the
    // replaced data is taken by a folder): the scan goes again, nothing else changes.
    let (dir, pc, temporary) = new_pc();
    let live = dir.path().join("loket.db");
    let kept_as = dir.path().join("pra-pemulihan.db");
    std::fs::create_dir_all(&kept_as).unwrap();
    let storage = crate::attachments::Storage::Folder(dir.path().join("lampiran"));
    let err = pc.read(|_| Ok(())).and_then(|_| {
        let mut conn = crate::store::open_plain(&live).unwrap();
        restore::restore_from(
            &mut conn,
            &restore::RestoreRequest {
                candidate: &target,
                keep_folder: dir.path(),
                kept_as: &kept_as,
                storage: Some(&storage),
                actor: &temporary,
                now: chrono::Utc::now(),
            },
        )
    });
    assert!(err.is_err());
    let left: Vec<_> = walk(&dir.path().join("lampiran"));
    assert!(left.is_empty(), "{left:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            found.extend(walk(&entry.path()));
        } else {
            found.push(entry.path());
        }
    }
    found
}

#[test]
fn a_damaged_scan_beside_the_daily_backups_is_noticed_on_its_day_and_written_anew() {
    crate::test_office::sqlite_file_only!(
        "about scans kept as files and SQLite's own file (the server: office_server_tests.rs)"
    );
    let d = desk();
    letter_with_scan(&d, "rusak");
    let usb = tempfile::tempdir().unwrap();
    d.office.backup_folder_save(&d.admin, usb.path()).unwrap();
    d.office.auto_backup_if_due().unwrap().unwrap();
    let kept = walk(&usb.path().join(SCANS_FOLDER));
    assert_eq!(kept.len(), 1);
    let good = std::fs::read(&kept[0]).unwrap();
    let mut bad = good.clone();
    bad[12] ^= 0xFF;
    std::fs::write(&kept[0], &bad).unwrap();
    let group =
        u8::from_str_radix(&kept[0].file_name().unwrap().to_string_lossy()[..1], 16).unwrap();
    let storage = d.dir.path().join("lampiran");
    let backup = |recheck| {
        let target = usb.path().join(format!("loket-auto-uji-{recheck:?}.db"));
        let partial = d.office.read(|tx| snapshot(tx, &target)).unwrap();
        complete(
            partial,
            &|scan| {
                Ok(crate::attachments::read_intact(
                    &storage,
                    &scan.sha256,
                    scan.kind,
                ))
            },
            &target,
            ScanCopies::Beside { recheck },
        )
        .unwrap()
    };
    // Not its day: trusted by its size.
    backup(Some((group + 1) % 16));
    assert_eq!(std::fs::read(&kept[0]).unwrap(), bad);
    // Its day: read, found damaged, written anew from this PC's copy.
    let report = backup(Some(group));
    assert_eq!((report.scans, report.scans_missing), (1, 0));
    assert_eq!(std::fs::read(&kept[0]).unwrap(), good);
    // A backup by hand too big for one file on a FAT32 disk keeps its scans beside it.
    assert_eq!(ScanCopies::by_hand(1 << 30), ScanCopies::Inside);
    assert_eq!(
        ScanCopies::by_hand(4 << 30),
        ScanCopies::Beside { recheck: None }
    );
}

/// A form opened before a restore (on this PC, or on another desk of the office server)
/// holds values the restore has since replaced: its save is refused, naming the restore,
/// although the record's own entries came back with the trail unchanged.
#[test]
fn a_form_opened_before_a_restore_cannot_save_over_what_it_put_back() {
    let d = desk();
    let unit = d
        .office
        .units(&d.admin)
        .unwrap()
        .into_iter()
        .find(|u| u.depth > 0)
        .expect("a seeded unit");
    let input = |name: &str, seen: i64| crate::settings::units::UnitInput {
        parent_id: unit.parent_id,
        kind: unit.kind.as_str().into(),
        name: name.into(),
        code: unit.code.clone(),
        active: unit.active,
        seen: Some(seen),
    };
    let usb = tempfile::tempdir().unwrap();
    let target = usb.path().join("sebelum.db");
    d.office.backup_create(&d.admin, &target).unwrap();
    let opened = d.office.revision(&d.admin, "unit", unit.id).unwrap();
    d.office
        .backup_restore(&d.admin, &target, d.dir.path())
        .unwrap();
    let refused = d
        .office
        .unit_save(
            &d.admin,
            Some(unit.id),
            &input("Nama dari formulir lama", opened),
        )
        .unwrap_err();
    assert_eq!(refused.code(), "record.changed_meanwhile");
    assert!(
        refused
            .to_string()
            .contains("pemulihan cadangan oleh admin"),
        "{refused}"
    );
    // Opened anew after the restore, the same save goes through.
    let seen = d.office.revision(&d.admin, "unit", unit.id).unwrap();
    assert!(seen > opened);
    d.office
        .unit_save(&d.admin, Some(unit.id), &input("Nama baru", seen))
        .unwrap();
}
