//! Start-up of Loket against an empty Tauri 2 app built the same way, side by side under
//! Xvfb, runs alternating: the time from launch until the first screen is usable (Loket:
//! the sign-in screen of an office that already has its database; the reference: its
//! heading), and the resident memory of the app with its WebKit processes a few seconds
//! later, idle on that screen. Prints each run, the medians and the ratios.
//!
//! ```text
//! cargo build --release -p loket -p loket-startup-reference \
//!     --features loket/custom-protocol,loket-startup-reference/custom-protocol
//! cargo run --release -p loket-e2e --bin startup-bench [runs]
//! ```
//! `LOKET_APP` and `LOKET_REFERENCE_APP` name other binaries.

use std::path::{Path, PathBuf};
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

fn release_binary(variable: &str, name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(variable) {
        return PathBuf::from(path);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let binary = target.join("release").join(name);
    assert!(
        binary.exists(),
        "{} is missing: build it first (see this file's header) or set {variable}",
        binary.display()
    );
    binary
}

struct Figures {
    ready_ms: Vec<f64>,
    memory_mib: Vec<f64>,
    /// Inside the page: from the navigation's start to the first screen (DOM ready and
    /// the heading there), as the page's own clock saw it.
    page_ms: Vec<f64>,
}

impl Figures {
    fn new() -> Self {
        Figures {
            ready_ms: Vec::new(),
            memory_mib: Vec::new(),
            page_ms: Vec::new(),
        }
    }
}

/// How long the page itself took, from its navigation's start until now (the heading shows).
async fn page_time(app: &loket_e2e::App) -> f64 {
    app.client
        .execute("return performance.now();", vec![])
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// One launch: time until `ready` shows, then the idle memory after `settle`.
async fn measure(
    driver: &Driver,
    binary: &Path,
    args: &[&str],
    ready: &str,
    processes: &[&str],
) -> (f64, f64, f64) {
    let started = Instant::now();
    let app = driver.launch_binary(binary, args, ready).await;
    let ready_ms = started.elapsed().as_secs_f64() * 1000.0;
    let page_ms = page_time(&app).await;
    if let Ok(marks) = app
        .client
        .execute(
            "const n = performance.getEntriesByType('navigation')[0] || {};
             return JSON.stringify({ response_end: n.responseEnd, dom_ready: n.domContentLoadedEventStart,
               marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]) });",
            vec![],
        )
        .await
    {
        if std::env::var_os("LOKET_BENCH_MARKS").is_some() {
            println!("  {}: {}", binary.display(), marks);
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let memory = rss_kib(processes) as f64 / 1024.0;
    app.quit().await;
    (ready_ms, memory, page_ms)
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let loket = release_binary("LOKET_APP", "loket");
    let reference = release_binary("LOKET_REFERENCE_APP", "loket-startup-reference");
    let driver = Driver::start();
    // An office that already exists: Loket opens its database and shows the sign-in screen,
    // as on every working morning.
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().display().to_string();
    let args = ["--data-dir", data_dir.as_str()];
    {
        let app = driver.launch_binary(&loket, &args, "main h1").await;
        app.create_first_admin().await;
        app.quit().await;
    }
    const WEBKIT: [&str; 2] = ["WebKitWebProces", "WebKitNetworkPr"];
    let mut ours = Figures::new();
    let mut empty = Figures::new();
    for run in 1..=runs {
        // Alternating, so a slow moment of the machine hits both.
        let (ready, memory, page) = measure(
            &driver,
            &reference,
            &[],
            "main h1",
            &["loket-startup-r", WEBKIT[0], WEBKIT[1]],
        )
        .await;
        empty.ready_ms.push(ready);
        empty.memory_mib.push(memory);
        empty.page_ms.push(page);
        let (our_ready, our_memory, our_page) = measure(
            &driver,
            &loket,
            &args,
            "main h1",
            &["loket", WEBKIT[0], WEBKIT[1]],
        )
        .await;
        ours.ready_ms.push(our_ready);
        ours.memory_mib.push(our_memory);
        ours.page_ms.push(our_page);
        println!(
            "run {run}: empty Tauri app {ready:.0} ms (page {page:.0} ms), {memory:.0} MiB; \
             Loket {our_ready:.0} ms (page {our_page:.0} ms), {our_memory:.0} MiB"
        );
    }
    let (our_ready, empty_ready) = (median(&ours.ready_ms), median(&empty.ready_ms));
    let (our_memory, empty_memory) = (median(&ours.memory_mib), median(&empty.memory_mib));
    println!(
        "median of {runs}: first usable screen Loket {our_ready:.0} ms vs empty Tauri app \
         {empty_ready:.0} ms = {:.2}× (goal ≤ 1.20×); idle memory {our_memory:.0} vs \
         {empty_memory:.0} MiB = {:.2}× (goal ≤ 1.10×)",
        our_ready / empty_ready,
        our_memory / empty_memory
    );
    println!(
        "of which inside the page (navigation start to first screen, the page's own clock): \
         Loket {:.0} ms, empty Tauri app {:.0} ms",
        median(&ours.page_ms),
        median(&empty.page_ms)
    );
}
