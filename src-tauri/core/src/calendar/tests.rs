use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The 2026 SKB list as shipped in the first migration.
fn calendar_2026() -> WorkingCalendar {
    let conn = crate::store::open_in_memory().unwrap();
    let dates = holidays::all_dates(&conn).unwrap();
    assert_eq!(
        dates.len(),
        25,
        "16 national days + 2 Idul Fitri days + 7 cuti bersama"
    );
    WorkingCalendar::new(dates)
}

#[test]
fn every_2026_holiday_is_not_a_working_day() {
    let cal = calendar_2026();
    let listed = [
        d(2026, 1, 1),
        d(2026, 1, 16),
        d(2026, 2, 16),
        d(2026, 2, 17),
        d(2026, 3, 18),
        d(2026, 3, 19),
        d(2026, 3, 20),
        d(2026, 3, 21),
        d(2026, 3, 22),
        d(2026, 3, 23),
        d(2026, 3, 24),
        d(2026, 4, 3),
        d(2026, 4, 5),
        d(2026, 5, 1),
        d(2026, 5, 14),
        d(2026, 5, 15),
        d(2026, 5, 27),
        d(2026, 5, 28),
        d(2026, 5, 31),
        d(2026, 6, 1),
        d(2026, 6, 16),
        d(2026, 8, 17),
        d(2026, 8, 25),
        d(2026, 12, 24),
        d(2026, 12, 25),
    ];
    for date in listed {
        assert!(cal.is_holiday(date), "{date} listed");
        assert!(!cal.is_working_day(date), "{date} is not a working day");
    }
    // Ordinary days around them still are.
    for date in [
        d(2026, 1, 2),
        d(2026, 3, 17),
        d(2026, 3, 25),
        d(2026, 12, 23),
        d(2026, 12, 28),
    ] {
        assert!(cal.is_working_day(date), "{date} is a working day");
    }
    assert!(!cal.is_working_day(d(2026, 11, 28)), "Saturday");
    assert!(!cal.is_working_day(d(2026, 11, 29)), "Sunday");
}

#[test]
fn add_working_days_table() {
    let cal = calendar_2026();
    // (received, n, expected) — day of receipt is day 0.
    let table = [
        // An ordinary week: Monday + 7 = Wednesday of the next week.
        (d(2026, 11, 2), 7, d(2026, 11, 11)),
        (d(2026, 11, 2), 0, d(2026, 11, 2)),
        (d(2026, 11, 2), 1, d(2026, 11, 3)),
        // Received on a Saturday: Monday is day 1.
        (d(2026, 11, 28), 1, d(2026, 11, 30)),
        (d(2026, 11, 28), 7, d(2026, 12, 8)),
        // Idul Fitri week: 18–24 March are all off (with the weekend of 21–22).
        (d(2026, 3, 16), 1, d(2026, 3, 17)),
        (d(2026, 3, 16), 2, d(2026, 3, 25)),
        (d(2026, 3, 17), 7, d(2026, 4, 2)),
        (d(2026, 3, 19), 1, d(2026, 3, 25)),
        // Good Friday 3 April.
        (d(2026, 4, 1), 2, d(2026, 4, 6)),
        // Ascension and its cuti bersama, then Idul Adha and its cuti bersama.
        (d(2026, 5, 13), 1, d(2026, 5, 18)),
        (d(2026, 5, 26), 1, d(2026, 5, 29)),
        // Pancasila day Monday 1 June.
        (d(2026, 5, 29), 1, d(2026, 6, 2)),
        // Imlek with cuti bersama on the Monday before.
        (d(2026, 2, 13), 1, d(2026, 2, 18)),
        // Turn of the year: 24–25 December off, then 2027 with no list yet (weekends only).
        (d(2026, 12, 23), 1, d(2026, 12, 28)),
        (d(2026, 12, 23), 7, d(2027, 1, 5)),
        (d(2025, 12, 31), 1, d(2026, 1, 2)),
        // SP4N-LAPOR, 8 working days, over Independence Day.
        (d(2026, 8, 12), 8, d(2026, 8, 26)),
    ];
    for (from, n, expected) in table {
        assert_eq!(
            cal.add_working_days(from, n).unwrap(),
            expected,
            "{from} + {n}"
        );
        assert_eq!(
            cal.working_days_between(from, expected),
            n as i64,
            "{from}..{expected}"
        );
    }
}

#[test]
fn working_days_between_counts_after_the_first_date() {
    let cal = calendar_2026();
    assert_eq!(cal.working_days_between(d(2026, 11, 2), d(2026, 11, 2)), 0);
    assert_eq!(cal.working_days_between(d(2026, 11, 2), d(2026, 11, 9)), 5);
    assert_eq!(cal.working_days_between(d(2026, 11, 9), d(2026, 11, 2)), -5);
    // March 2026: 22 weekdays minus 5 weekday holidays (18, 19, 20, 23, 24).
    assert_eq!(cal.working_days_between(d(2026, 2, 28), d(2026, 3, 31)), 17);
    // The whole of 2026: 261 weekdays minus the 21 holidays that fall on weekdays.
    assert_eq!(
        cal.working_days_between(d(2025, 12, 31), d(2026, 12, 31)),
        261 - 21
    );
}

#[test]
fn too_long_a_span_is_refused() {
    let cal = calendar_2026();
    assert_eq!(
        cal.add_working_days(d(2026, 1, 1), MAX_WORKING_DAYS + 1)
            .unwrap_err()
            .code(),
        "calendar.span_too_long"
    );
}

#[test]
fn deadlines_per_channel() {
    let cal = calendar_2026();
    let letter = Channel::for_test("letter", DeadlineUnit::WorkingDays, 7);
    let lapor = Channel::for_test("lapor", DeadlineUnit::WorkingDays, 8);
    let counter = Channel::for_test("counter", DeadlineUnit::Minutes, 15);
    // Received Monday 2 November 2026, 09:30 WITA.
    let received: DateTime<Utc> = "2026-11-02T01:30:00Z".parse().unwrap();
    let due = cal.deadline(&letter, received).unwrap();
    assert_eq!(due.due_date, d(2026, 11, 11));
    assert_eq!(
        due.due_at,
        "2026-11-11T15:59:59Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(due.label, "Rabu, 11 November 2026");
    assert_eq!(
        cal.deadline(&lapor, received).unwrap().due_date,
        d(2026, 11, 12)
    );
    let at_counter = cal.deadline(&counter, received).unwrap();
    assert_eq!(
        at_counter.due_at,
        "2026-11-02T01:45:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(at_counter.label, "Senin, 2 November 2026 pukul 09.45 WITA");
    // 23:30 WITA on 31 December is still 31 December in the office.
    let late: DateTime<Utc> = "2026-12-31T15:30:00Z".parse().unwrap();
    assert_eq!(
        cal.deadline(&letter, late).unwrap().due_date,
        d(2027, 1, 11)
    );
}

proptest! {
    #[test]
    fn calendar_never_panics(
        from in -400_000i32..400_000,
        to in -400_000i32..400_000,
        days in 0u32..2000,
        minutes in -10_000_000i64..10_000_000,
        seconds in i64::MIN / 1_000_000..i64::MAX / 1_000_000,
    ) {
        let cal = calendar_2026();
        let base = d(2026, 1, 1);
        let from = base.checked_add_signed(Duration::days(from as i64)).unwrap_or(base);
        let to = base.checked_add_signed(Duration::days(to as i64)).unwrap_or(base);
        let _ = cal.add_working_days(from, days);
        let _ = cal.working_days_between(from, to);
        let received = DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or_default();
        let _ = cal.deadline(&Channel::for_test("c", DeadlineUnit::Minutes, minutes.max(1)), received);
        let _ = cal.deadline(&Channel::for_test("c", DeadlineUnit::WorkingDays, minutes.max(1)), received);
    }

    #[test]
    fn between_inverts_add(offset in 0i64..3000, days in 0u32..400) {
        let cal = calendar_2026();
        let from = d(2025, 6, 1) + Duration::days(offset);
        let to = cal.add_working_days(from, days).unwrap();
        prop_assert_eq!(cal.working_days_between(from, to), days as i64);
        prop_assert!(days == 0 || cal.is_working_day(to));
    }
}

fn wita(y: i32, m: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    dates::wita_instant(
        d(y, m, day),
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
    )
}

fn four_pm() -> NaiveTime {
    NaiveTime::from_hms_opt(16, 0, 0).unwrap()
}

#[test]
fn after_closing_time_an_item_counts_from_the_next_working_day() {
    let cal = calendar_2026();
    let cases = [
        // (handed in, counts as received)
        (wita(2026, 11, 27, 15, 59), d(2026, 11, 27)), // Friday, still open
        (wita(2026, 11, 27, 16, 0), d(2026, 11, 30)),  // Friday at closing: Monday
        (wita(2026, 11, 28, 10, 0), d(2026, 11, 30)),  // Saturday: Monday
        (wita(2026, 11, 30, 6, 30), d(2026, 11, 30)),  // before opening: that day
        (wita(2026, 5, 13, 17, 0), d(2026, 5, 18)),    // before Ascension + cuti bersama
        (wita(2026, 3, 17, 16, 30), d(2026, 3, 25)),   // eve of the Idul Fitri week
        (wita(2026, 12, 23, 16, 5), d(2026, 12, 28)),  // before cuti bersama and Christmas
    ];
    for (handed_in, counted) in cases {
        assert_eq!(
            cal.counted_receipt_date(handed_in, four_pm()).unwrap(),
            counted,
            "handed in {handed_in}"
        );
    }
}

#[test]
fn case_deadlines_for_every_channel() {
    let cal = calendar_2026();
    let conn = crate::store::open_in_memory().unwrap();
    let channel = |code: &str| crate::settings::channels::get(&conn, code).unwrap();
    let due = |code: &str, at: DateTime<Utc>| {
        cal.case_deadline(&channel(code), at, four_pm())
            .unwrap()
            .due_date
    };
    // An ordinary week: Monday 23 November 2026, 10.00.
    let monday = wita(2026, 11, 23, 10, 0);
    for (code, expected) in [
        ("suggestion_box", d(2026, 12, 2)),
        ("letter", d(2026, 12, 2)),
        ("email", d(2026, 12, 2)),
        ("whatsapp", d(2026, 12, 2)),
        ("facebook", d(2026, 12, 2)),
        ("lapor", d(2026, 12, 3)),
    ] {
        assert_eq!(due(code, monday), expected, "{code}");
    }
    let counter = cal
        .case_deadline(&channel("counter"), monday, four_pm())
        .unwrap();
    assert_eq!(counter.due_at, wita(2026, 11, 23, 10, 15));

    // Friday 29 May before a long weekend (Sunday 31 May Waisak, Monday 1 June Pancasila).
    assert_eq!(due("letter", wita(2026, 5, 29, 10, 0)), d(2026, 6, 10));
    assert_eq!(due("lapor", wita(2026, 5, 29, 10, 0)), d(2026, 6, 11));
    // The same Friday after closing: counted from Tuesday 2 June.
    assert_eq!(due("letter", wita(2026, 5, 29, 17, 0)), d(2026, 6, 11));

    // The Idul Fitri week (18–24 March off): a letter of Tuesday 17 March is due on Thursday
    // 2 April; LAPOR's eighth day skips Good Friday and Easter to Monday 6 April.
    assert_eq!(due("letter", wita(2026, 3, 17, 10, 0)), d(2026, 4, 2));
    assert_eq!(due("lapor", wita(2026, 3, 17, 10, 0)), d(2026, 4, 6));
    // A WhatsApp message on a cuti bersama day counts from Wednesday 25 March.
    assert_eq!(due("whatsapp", wita(2026, 3, 20, 9, 0)), d(2026, 4, 6));
}
