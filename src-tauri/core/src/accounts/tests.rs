use super::*;

fn now() -> DateTime<Utc> {
    "2026-11-28T01:00:00Z".parse().unwrap()
}

fn input(username: &str, role: &str) -> AccountInput {
    AccountInput {
        seen: None,
        username: username.into(),
        full_name: format!("Staf {username}"),
        role: Role::parse(role).expect("a role code"),
        official_id: None,
        active: true,
        password: "rahasia-kantor-1".into(),
    }
}

#[test]
fn the_permission_table_role_by_action() {
    use Action::*;
    use Role::*;
    // Every role × every action, written out so a change to the table is a visible change here.
    let expected: [(Role, [bool; 24]); 5] = [
        // dashboard settings accounts audit verify backup restore | record view reveal personal
        // | letters cases view-cases handle dispose paper | draft review sign | meet reopen
        // contacts accept-audit-end
        (
            Admin,
            [
                true, true, true, true, true, true, true, true, true, true, true, //
                true, true, true, true, false, true, //
                false, false, false, //
                false, true, true, true,
            ],
        ),
        (
            Resepsionis,
            [
                true, false, false, false, false, false, false, true, true, true, false, //
                false, true, true, false, false, false, //
                false, false, false, //
                false, false, true, false,
            ],
        ),
        (
            PengelolaSurat,
            [
                true, false, false, false, false, false, false, false, true, false, false, //
                true, true, true, true, false, true, //
                true, false, false, //
                false, false, true, false,
            ],
        ),
        (
            Pejabat,
            [
                true, false, false, false, false, false, false, false, true, false, false, //
                false, false, true, true, true, false, //
                true, true, true, //
                true, false, true, false,
            ],
        ),
        (
            KepalaDinas,
            [
                true, false, false, true, true, false, false, false, true, true, false, //
                false, false, true, true, true, false, //
                true, true, true, //
                true, true, true, false,
            ],
        ),
    ];
    let actions = [
        ViewDashboard,
        ManageSettings,
        ManageAccounts,
        ViewAudit,
        VerifyAudit,
        Backup,
        Restore,
        RecordVisits,
        ViewVisits,
        RevealNik,
        ManagePersonalData,
        RecordLetters,
        RecordCases,
        ViewCases,
        HandleCases,
        Dispose,
        RecordPaperDisposition,
        DraftReplies,
        ReviewReplies,
        SignReplies,
        MeetVisitors,
        ReopenCases,
        LogContacts,
        AcceptAuditEnd,
    ];
    assert_eq!(
        actions.len(),
        Action::ALL.len(),
        "every action is in this test"
    );
    for (role, row) in expected {
        for (action, want) in actions.iter().zip(row) {
            assert_eq!(allowed(role, *action), want, "{role:?} × {action:?}");
        }
    }
}

#[test]
fn sign_in_with_right_and_wrong_passwords() {
    let conn = crate::store::open_in_memory().unwrap();
    let admin = create(&conn, &input("admin", "admin"), false, now()).unwrap();
    assert!(!admin.must_change_password);
    let actor = sign_in(&conn, "ADMIN", "rahasia-kantor-1", now()).unwrap();
    assert_eq!(actor.role, Role::Admin);
    assert!(actor.permissions.contains(&Action::ManageSettings));
    let err = sign_in(&conn, "admin", "salah-sekali", now()).unwrap_err();
    assert_eq!(err.code(), "account.wrong_password");
    assert_eq!(err.to_string(), "Nama pengguna atau kata sandi salah.");
    let unknown = sign_in(&conn, "siapa", "rahasia-kantor-1", now()).unwrap_err();
    assert_eq!(
        unknown.to_string(),
        err.to_string(),
        "no hint which usernames exist"
    );
}

#[test]
fn wrong_passwords_grow_a_delay_then_lock() {
    let conn = crate::store::open_in_memory().unwrap();
    create(&conn, &input("ani", "resepsionis"), false, now()).unwrap();
    let mut at = now();
    for attempt in 1..=LOCK_AFTER {
        let err = sign_in(&conn, "ani", "keliru-keliru", at).unwrap_err();
        assert_eq!(err.code(), "account.wrong_password", "attempt {attempt}");
        at += delay_after(attempt);
    }
    // Locked now: even the right password waits.
    let locked_at = now() + Duration::seconds(20);
    let err = sign_in(&conn, "ani", "rahasia-kantor-1", locked_at).unwrap_err();
    assert_eq!(err.code(), "auth.throttled");
    assert!(err.to_string().contains("menit"), "{err}");
    assert!(list(&conn).unwrap()[0].locked_until.is_some());
    // After the lock, the right password works and resets the count.
    let later = locked_at + Duration::minutes(LOCK_MINUTES);
    sign_in(&conn, "ani", "rahasia-kantor-1", later).unwrap();
    assert!(list(&conn).unwrap()[0].locked_until.is_none());
    assert_eq!(delay_after(1), Duration::zero());
    assert_eq!(delay_after(3), Duration::seconds(2));
    assert_eq!(delay_after(4), Duration::seconds(4));
}

/// Every answer of a run of sign-ins, as the person at the screen sees it.
fn answers(conn: &Connection, username: &str, password: &str) -> Vec<(String, String)> {
    let mut at = now();
    let mut seen = Vec::new();
    for attempt in 1..=7 {
        let err = sign_in(conn, username, password, at).unwrap_err();
        seen.push((err.code().to_owned(), err.to_string()));
        // The second-to-last try comes too early; the others wait as told.
        at += if attempt == 5 {
            Duration::seconds(30)
        } else {
            delay_after(attempt)
        };
    }
    seen
}

#[test]
fn an_unknown_name_and_a_disabled_account_answer_exactly_as_a_real_one() {
    let conn = crate::store::open_in_memory().unwrap();
    create(&conn, &input("ani", "resepsionis"), false, now()).unwrap();
    let off = create(&conn, &input("lama", "resepsionis"), false, now()).unwrap();
    let mut disabled = input("lama", "resepsionis");
    disabled.active = false;
    update(&conn, off.id, &disabled).unwrap();
    let real = answers(&conn, "ani", "keliru-keliru");
    assert_eq!(real[0].1, "Nama pengguna atau kata sandi salah.");
    assert!(real[4].1.contains("dikunci"), "{real:?}");
    assert_eq!(real[5].0, "auth.throttled", "{real:?}");
    // A name nobody has, and a disabled account even with its right password.
    assert_eq!(answers(&conn, "siapa-saja", "keliru-keliru"), real);
    assert_eq!(answers(&conn, "LAMA", "rahasia-kantor-1"), real);
    // Every name's tries are kept alike: only as salted hashes, and only for a day.
    let kept: Vec<String> = conn
        .prepare("SELECT name_hash FROM sign_in_attempts")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(kept.len(), 3, "ani, siapa-saja, lama");
    assert!(kept.iter().all(|k| k.len() == 64 && !k.contains("siapa")));
    // The lock shows in the Admin's list, and a reset password lifts it.
    let citra = create(&conn, &input("citra", "resepsionis"), false, now()).unwrap();
    let mut at = now();
    for attempt in 1..=LOCK_AFTER {
        let _ = sign_in(&conn, "citra", "keliru-keliru", at);
        at += delay_after(attempt);
    }
    assert!(get(&conn, citra.id).unwrap().locked_until.is_some());
    reset_password(&conn, citra.id, "sementara-baru-1").unwrap();
    assert!(get(&conn, citra.id).unwrap().locked_until.is_none());
    sign_in(&conn, "citra", "sementara-baru-1", at).unwrap();
    let _ = sign_in(&conn, "lain", "x", now() + Duration::days(2));
    let left: i64 = conn
        .query_row("SELECT count(*) FROM sign_in_attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 1);
}

#[test]
fn a_right_password_clears_the_count_of_its_name() {
    let conn = crate::store::open_in_memory().unwrap();
    create(&conn, &input("ani", "resepsionis"), false, now()).unwrap();
    for _ in 0..2 {
        let _ = sign_in(&conn, "ani", "keliru-keliru", now());
    }
    sign_in(&conn, "ani", "rahasia-kantor-1", now()).unwrap();
    // Two more wrong tries do not reach the third one's wait.
    for _ in 0..2 {
        let err = sign_in(&conn, "ani", "keliru-keliru", now()).unwrap_err();
        assert_eq!(err.code(), "account.wrong_password");
    }
}

#[test]
fn an_attempt_inside_the_delay_is_refused_without_checking() {
    let conn = crate::store::open_in_memory().unwrap();
    create(&conn, &input("budi", "resepsionis"), false, now()).unwrap();
    for _ in 0..3 {
        let _ = sign_in(&conn, "budi", "keliru-keliru", now());
    }
    let err = sign_in(
        &conn,
        "budi",
        "rahasia-kantor-1",
        now() + Duration::seconds(1),
    )
    .unwrap_err();
    assert_eq!(err.code(), "auth.throttled");
    assert!(err.to_string().contains("detik"), "{err}");
    sign_in(
        &conn,
        "budi",
        "rahasia-kantor-1",
        now() + Duration::seconds(3),
    )
    .unwrap();
}

#[test]
fn accounts_are_disabled_not_deleted_and_one_admin_stays() {
    let conn = crate::store::open_in_memory().unwrap();
    let admin = create(&conn, &input("admin", "admin"), false, now()).unwrap();
    let staff = create(&conn, &input("citra", "resepsionis"), true, now()).unwrap();
    assert!(staff.must_change_password);
    let mut off = input("citra", "resepsionis");
    off.active = false;
    update(&conn, staff.id, &off).unwrap();
    // The right password of a disabled account gets the answer any wrong name gets.
    let err = sign_in(&conn, "citra", "rahasia-kantor-1", now()).unwrap_err();
    let unknown = sign_in(&conn, "tidak-ada", "rahasia-kantor-1", now()).unwrap_err();
    assert_eq!(err.code(), "account.wrong_password");
    assert_eq!(err.to_string(), unknown.to_string());
    let mut demote = input("admin", "resepsionis");
    demote.active = true;
    assert_eq!(
        update(&conn, admin.id, &demote).unwrap_err().code(),
        "account.last_admin"
    );
    assert_eq!(list(&conn).unwrap().len(), 2);
}

#[test]
fn passwords_and_names_are_checked() {
    let conn = crate::store::open_in_memory().unwrap();
    let mut bad = input("a b", "pejabat");
    bad.password = "pendek".into();
    let err = create(&conn, &bad, false, now()).unwrap_err();
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["username", "official_id", "password"]);
    let mut has_name = input("dewi", "resepsionis");
    has_name.password = "dewi12345".into();
    assert_eq!(
        create(&conn, &has_name, false, now()).unwrap_err().code(),
        "account.password_has_username"
    );
    create(&conn, &input("dewi", "resepsionis"), false, now()).unwrap();
    assert_eq!(
        create(&conn, &input("Dewi", "admin"), false, now())
            .unwrap_err()
            .code(),
        "account.username_taken"
    );
}

#[test]
fn change_own_and_reset_password() {
    let conn = crate::store::open_in_memory().unwrap();
    let account = create(&conn, &input("eko", "resepsionis"), true, now()).unwrap();
    let err =
        change_own_password(&conn, account.id, "salah-salah", "baru-sekali-1", now()).unwrap_err();
    assert_eq!(err.field(), Some("current"));
    change_own_password(
        &conn,
        account.id,
        "rahasia-kantor-1",
        "baru-sekali-1",
        now(),
    )
    .unwrap();
    assert!(!get(&conn, account.id).unwrap().must_change_password);
    sign_in(&conn, "eko", "baru-sekali-1", now()).unwrap();
    reset_password(&conn, account.id, "sementara-99").unwrap();
    assert!(
        sign_in(&conn, "eko", "sementara-99", now())
            .unwrap()
            .must_change_password
    );
}

#[test]
fn an_idle_session_locks_and_stays_locked() {
    let conn = crate::store::open_in_memory().unwrap();
    create(&conn, &input("fani", "resepsionis"), false, now()).unwrap();
    let actor = sign_in(&conn, "fani", "rahasia-kantor-1", now()).unwrap();
    let idle = Duration::minutes(idle_minutes(&conn).unwrap());
    assert_eq!(idle, Duration::minutes(15));
    let mut session = Session::new(actor, now());
    session.touch(now() + Duration::minutes(14), idle).unwrap();
    // Activity at 14 minutes restarts the clock: 28 minutes is still fine.
    session.touch(now() + Duration::minutes(28), idle).unwrap();
    assert_eq!(
        session
            .touch(now() + Duration::minutes(44), idle)
            .unwrap_err()
            .code(),
        "auth.locked"
    );
    assert_eq!(
        session
            .touch(now() + Duration::minutes(45), idle)
            .unwrap_err()
            .code(),
        "auth.locked"
    );
    confirm_password(&conn, session.actor.account_id, "rahasia-kantor-1", now()).unwrap();
}
