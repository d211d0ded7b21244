//! The facade as a whole: Beranda and the deadline calculator on real dates, the settings
//! forms, every change's trace in the audit trail, and permissions enforced by the core
//! itself, whatever the window shows.

mod settings_and_dashboard {
    use crate::settings::{self, channels};
    use crate::test_office::bare_office;

    #[test]
    fn dashboard_on_a_saturday_before_the_new_year() {
        let (office, admin) = bare_office("2026-11-28T02:00:00Z");
        let board = office.dashboard(&admin).unwrap();
        assert_eq!(board.today_label, "Sabtu, 28 November 2026");
        assert!(!board.is_working_day);
        assert_eq!(board.day_off_reason.as_deref(), Some("Akhir pekan"));
        assert_eq!(board.missing_holiday_years, vec![2027]);
        assert_eq!(
            board.upcoming_holidays[0].name,
            "Cuti bersama Kelahiran Yesus Kristus"
        );
        let letter = board
            .deadlines_if_received_now
            .iter()
            .find(|d| d.channel.code == "letter")
            .unwrap();
        // Received on a Saturday: counted from Monday 30 November, as a case would be.
        assert_eq!(letter.deadline.label, "Rabu, 9 Desember 2026");
    }

    #[test]
    fn dashboard_names_the_holiday() {
        let (office, admin) = bare_office("2026-12-25T01:00:00Z");
        let board = office.dashboard(&admin).unwrap();
        assert_eq!(
            board.day_off_reason.as_deref(),
            Some("Kelahiran Yesus Kristus")
        );
        assert_eq!(board.office_name, "DINAS SOSIAL");
    }

    #[test]
    fn deadline_calculator_and_a_changed_setting() {
        let (office, me) = bare_office("2026-11-28T02:00:00Z");
        assert_eq!(
            office
                .deadline_for(&me, "lapor", "16/03/2026")
                .unwrap()
                .label,
            "Kamis, 2 April 2026"
        );
        office
            .channel_deadlines_save(
                &me,
                &[channels::DeadlineInput {
                    code: "lapor".into(),
                    value: "3".into(),
                }],
            )
            .unwrap();
        assert_eq!(
            office
                .deadline_for(&me, "lapor", "16/03/2026")
                .unwrap()
                .label,
            "Kamis, 26 Maret 2026"
        );
        assert_eq!(
            office
                .deadline_for(&me, "letter", "31/02/2026")
                .unwrap_err()
                .field(),
            Some("received")
        );
        assert_eq!(
            office
                .deadline_for(&me, "fax", "16/03/2026")
                .unwrap_err()
                .code(),
            "channel.not_found"
        );
    }

    #[test]
    fn a_new_years_list_silences_the_warning() {
        let (office, me) = bare_office("2026-11-28T02:00:00Z");
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("libur-2027.csv");
        std::fs::write(
            &csv,
            "Tanggal;Keterangan;Jenis\n01/01/2027;Tahun Baru 2027 Masehi;libur nasional\n",
        )
        .unwrap();
        let summary = office.holidays_import(&me, &csv).unwrap();
        assert_eq!(summary.years[0].year, 2027);
        assert!(office
            .dashboard(&me)
            .unwrap()
            .missing_holiday_years
            .is_empty());
        // A picture renamed .csv is refused and changes nothing.
        let fake = dir.path().join("gambar.csv");
        std::fs::write(&fake, settings::emblem::tests::png(40)).unwrap();
        assert_eq!(
            office.holidays_import(&me, &fake).unwrap_err().code(),
            "import.not_csv"
        );
        assert_eq!(office.holidays(&me, 2027).unwrap().holidays.len(), 1);
        assert_eq!(
            office.holidays(&me, 300_000).unwrap_err().code(),
            "date.out_of_range"
        );
    }
}

mod audited_actions {
    use serde_json::{json, Value};

    use crate::accounts::{self, Actor};
    use crate::settings::numbering::NumberingInput;
    use crate::test_office::bare_office;
    use crate::Office;

    fn office() -> (Office, Actor) {
        bare_office("2026-11-28T02:00:00Z")
    }

    fn account(office: &Office, admin: &Actor, username: &str, role: &str) -> Actor {
        let input = accounts::AccountInput {
            username: username.into(),
            full_name: username.into(),
            role: accounts::Role::parse(role).expect("a role code"),
            active: true,
            password: "sementara-123".into(),
            ..Default::default()
        };
        office.account_create(admin, &input).unwrap();
        office.sign_in(username, "sementara-123").unwrap()
    }

    #[test]
    fn a_receptionist_cannot_change_settings_even_by_calling_the_core() {
        let (office, admin) = office();
        let receptionist = account(&office, &admin, "resepsi", "resepsionis");
        assert!(receptionist.must_change_password);
        // Nothing but the password change until the admin's temporary password is replaced.
        assert_eq!(
            office.dashboard(&receptionist).unwrap_err().code(),
            "auth.forbidden"
        );
        let receptionist = office
            .change_own_password(&receptionist, "sementara-123", "punya-sendiri-9")
            .unwrap();
        office.dashboard(&receptionist).unwrap();
        let input = NumberingInput {
            agenda: "{nomor}".into(),
            outgoing: "{nomor}".into(),
        };
        let err = office.numbering_save(&receptionist, &input).unwrap_err();
        assert_eq!(err.code(), "auth.forbidden");
        assert!(err.to_string().contains("Resepsionis"), "{err}");
        assert_eq!(
            office.accounts(&receptionist).unwrap_err().code(),
            "auth.forbidden"
        );
        assert_eq!(
            office
                .audit_search(&receptionist, &Default::default())
                .unwrap_err()
                .code(),
            "auth.forbidden"
        );
        assert_eq!(
            office.numbering(&admin).unwrap().outgoing,
            "{kode}/{nomor}/{unit}/{tahun}",
            "nothing changed"
        );
    }

    #[test]
    fn every_change_leaves_a_verifiable_trace() {
        let (office, admin) = office();
        let input = NumberingInput {
            agenda: "{nomor}/{tahun}".into(),
            outgoing: "{kode}/{nomor}/Dinsos/{tahun}".into(),
        };
        office.numbering_save(&admin, &input).unwrap();
        let _ = office.sign_in("admin", "salah-sandi-ini");
        let trail = office.audit_search(&admin, &Default::default()).unwrap();
        let actions: Vec<_> = trail.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "account.sign_in_failed",
                "numbering.update",
                "account.create_first_admin"
            ]
        );
        assert_eq!(
            trail[1].changes["agenda"],
            json!(["{nomor}", "{nomor}/{tahun}"])
        );
        assert_eq!(trail[1].account_name, "admin");
        assert_eq!(office.audit_verify(&admin).unwrap().first_broken, None);
        // A refused change leaves no entry.
        let bad = NumberingInput {
            agenda: "".into(),
            outgoing: "".into(),
        };
        assert!(office.numbering_save(&admin, &bad).is_err());
        assert_eq!(
            office
                .audit_search(&admin, &Default::default())
                .unwrap()
                .len(),
            3
        );
    }

    #[test]
    fn a_disabled_account_loses_its_session_rights_at_once() {
        let (office, admin) = office();
        let input = accounts::AccountInput {
            username: "kedua".into(),
            full_name: "Admin Kedua".into(),
            role: crate::accounts::Role::Admin,
            active: true,
            password: "sandi-cadangan-99".into(),
            ..Default::default()
        };
        let second = office.account_create(&admin, &input).unwrap();
        let disabled = accounts::AccountInput {
            active: false,
            ..input
        };
        office.account_update(&admin, second.id, &disabled).unwrap();
        assert_eq!(
            office.current_actor(second.id).unwrap_err().code(),
            "auth.not_signed_in"
        );
        assert_eq!(
            office.current_actor(admin.account_id).unwrap().role,
            accounts::Role::Admin
        );
    }

    #[test]
    fn failed_password_changes_and_disabled_sign_ins_are_in_the_trail() {
        let (office, admin) = office();
        let staff = account(&office, &admin, "resepsi", "resepsionis");
        let err = office
            .change_own_password(&staff, "bukan-ini-99", "punya-sendiri-9")
            .unwrap_err();
        assert_eq!(err.field(), Some("current"));
        let err = office
            .change_own_password(&staff, "sementara-123", "pendek")
            .unwrap_err();
        assert_eq!(err.code(), "account.password_short");
        let off = accounts::AccountInput {
            username: "resepsi".into(),
            full_name: "resepsi".into(),
            role: crate::accounts::Role::Resepsionis,
            active: false,
            ..Default::default()
        };
        office
            .account_update(&admin, staff.account_id, &off)
            .unwrap();
        let refused = office.sign_in("resepsi", "sementara-123").unwrap_err();
        assert_eq!(refused.code(), "account.wrong_password", "{refused}");
        let trail = office.audit_search(&admin, &Default::default()).unwrap();
        let seen: Vec<(&str, &serde_json::Value)> = trail
            .iter()
            .take(4)
            .map(|e| (e.action.as_str(), &e.changes["reason"]))
            .collect();
        assert_eq!(
            seen,
            [
                ("account.sign_in_failed", &json!("account.disabled")),
                ("account.update", &Value::Null),
                (
                    "account.change_password_failed",
                    &json!("account.password_short")
                ),
                (
                    "account.change_password_failed",
                    &json!("account.wrong_password")
                ),
            ]
        );
    }

    #[test]
    fn first_admin_only_once() {
        let (office, _) = office();
        assert!(!office.needs_first_admin().unwrap());
        let again = accounts::AccountInput {
            username: "kedua".into(),
            full_name: "X".into(),
            password: "sandi-kedua-99".into(),
            ..Default::default()
        };
        assert_eq!(
            office.create_first_admin(&again).unwrap_err().code(),
            "auth.forbidden"
        );
    }
}

/// The office server going away mid-action (LOKET_TEST_PG only: a file cannot be lost).
mod server_connection {
    use crate::guestbook::VisitInput;
    use crate::store::server::testing;
    use crate::test_office::desk;

    #[test]
    fn a_connection_lost_mid_action_saves_nothing_says_so_and_the_next_action_works() {
        let Some(server) = testing::server() else {
            eprintln!("skipped on SQLite: there is no server connection to lose");
            return;
        };
        let d = desk();
        let o = &d.office;
        let error = o
            .write(|tx| {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES ('test.half', 'setengah')",
                    [],
                )?;
                let pid: i64 = tx.query_row("SELECT pg_backend_pid()", [], |r| r.get(0))?;
                // The server ends this PC's session, as a restart or a dropped line would.
                crate::store::server::connect(&server)?.query_row(
                    "SELECT pg_terminate_backend(?1)",
                    [pid],
                    |r| r.get::<_, bool>(0),
                )?;
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES ('test.rest', 'sisanya')",
                    [],
                )?;
                Ok(())
            })
            .unwrap_err();
        assert_eq!(error.code(), "store.connection_lost", "{error:?}");
        assert!(!error.is_internal());
        assert!(
            error.to_string().contains("terputus") && error.to_string().contains("tidak tersimpan"),
            "{error}"
        );
        // The next action connects again and works; nothing of the lost one is there.
        let visitor = VisitInput {
            deposit_card: false,
            ..crate::guestbook::tests::visit_input()
        };
        o.visit_register(&d.reception, &visitor).unwrap();
        let half: i64 = o
            .read(|tx| {
                Ok(tx.query_row(
                    "SELECT count(*) FROM settings WHERE key IN ('test.half', 'test.rest')",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(half, 0);
    }
}
