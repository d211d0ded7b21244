//! What the benches share: Kupang names for the people they invent, and the figures they
//! print. Each bench uses part of it.
#![allow(dead_code)]

use std::time::Duration;

pub mod ten_years;

pub const FIRST: [&str; 24] = [
    "Maria",
    "Yohanes",
    "Agustina",
    "Benediktus",
    "Fransiskus",
    "Yuliana",
    "Petrus",
    "Theresia",
    "Antonius",
    "Margaretha",
    "Yosef",
    "Elisabeth",
    "Daniel",
    "Ester",
    "Yakobus",
    "Rambu",
    "Umbu",
    "Dewi",
    "Ahmad",
    "Siti",
    "Made",
    "Ketut",
    "Novi",
    "Imelda",
];
pub const LAST: [&str; 24] = [
    "Seran",
    "Manek",
    "Lakapu",
    "Bria",
    "Tefa",
    "Ndolu",
    "Fanggidae",
    "Pah",
    "Nubatonis",
    "Bessie",
    "Tallo",
    "Lay",
    "Mone",
    "Riwu",
    "Kana",
    "Dethan",
    "Leo",
    "Nenabu",
    "Amalo",
    "Sabu",
    "Boling",
    "Taek",
    "Haning",
    "Ratu",
];

pub fn name(i: u64) -> String {
    let first = FIRST[(i % 24) as usize];
    let middle = FIRST[((i / 24) % 24) as usize];
    let last = LAST[((i / 576) % 24) as usize];
    // A serial keeps names distinct enough to look like a real register.
    format!("{first} {middle} {last} {}", i % 97)
}

/// Median and 95th percentile.
pub fn median(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    (times[times.len() / 2], p95)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
