//! Start-up figures of the real app under Xvfb: time from launch until the first screen is
//! ready (the WebDriver session is open and the first-run screen has rendered), then until
//! Beranda shows after creating the administrator, and the resident memory of the app with
//! its WebKit processes once idle. Prints one line per run and the median.
//!
//! cargo build -p loket && cargo run -p loket-e2e --bin startup-bench [runs]

use std::time::{Duration, Instant};

use loket_e2e::Driver;

/// Resident memory (KiB) of every process whose command name starts with one of `names`.
fn rss_kib(names: &[&str]) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let name = status
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("Name:"))
            .map(str::trim)
            .unwrap_or("");
        if names.iter().any(|n| name.starts_with(n)) {
            total += status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    total
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let driver = Driver::start();
    let mut ready_ms = Vec::new();
    let mut memory_mib = Vec::new();
    for run in 1..=runs {
        let data = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let app = driver.launch(data.path()).await;
        let ready = started.elapsed();
        app.create_first_admin().await;
        app.wait_css("#dashboard-today").await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let rss = rss_kib(&["loket", "WebKitWebProces", "WebKitNetworkPr"]) as f64 / 1024.0;
        println!(
            "run {run}: first screen in {} ms, app + WebKit {rss:.0} MiB resident on Beranda",
            ready.as_millis()
        );
        ready_ms.push(ready.as_millis());
        memory_mib.push(rss);
        app.quit().await;
    }
    ready_ms.sort();
    memory_mib.sort_by(f64::total_cmp);
    println!(
        "median of {runs}: first screen in {} ms, {:.0} MiB resident (each run creates a new database)",
        ready_ms[runs / 2],
        memory_mib[runs / 2]
    );
}
