//! Drives the built Loket app through its real window: Xvfb for the display, tauri-driver in
//! front of WebKitWebDriver, fantoccini as the WebDriver client. Each [`App`] is one launch
//! of the binary on a data folder the test owns, so a restart is "stop, start again on the
//! same folder".

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

pub use fantoccini::key::Key;

pub const ADMIN_USER: &str = "admin.dinsos";
pub const ADMIN_PASSWORD: &str = "Kupang-85228!";

/// The debug binary built by `cargo build -p loket`, or `LOKET_APP`.
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("LOKET_APP") {
        return PathBuf::from(path);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let binary = target.join("debug").join("loket");
    assert!(
        binary.exists(),
        "{} is missing: build the app first (cargo build -p loket) or set LOKET_APP",
        binary.display()
    );
    binary
}

/// Where tests leave screenshots for people to look at.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("target")
        .join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A virtual display of its own (unless the caller already has one), and a tauri-driver.
pub struct Driver {
    xvfb: Option<Child>,
    driver: Child,
    pub port: u16,
    pub display: String,
}

impl Driver {
    pub fn start() -> Driver {
        Self::start_with_screen("1366x768x24")
    }

    pub fn start_with_screen(screen: &str) -> Driver {
        let (xvfb, display) = start_xvfb(screen);
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver --locked)");
        let driver = Driver {
            xvfb,
            driver,
            port,
            display,
        };
        driver.wait_ready();
        driver
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.port)) {
                use std::io::{Read, Write};
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let _ = stream.write_all(
                    b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                );
                let mut reply = String::new();
                let _ = stream.read_to_string(&mut reply);
                if reply.starts_with("HTTP/1.1 200") || reply.starts_with("HTTP/1.0 200") {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("tauri-driver did not answer on port {}", self.port);
    }

    /// Launches the app on `data_dir` and opens a WebDriver session on its window.
    pub async fn launch(&self, data_dir: &Path) -> App {
        let data_dir = data_dir.display().to_string();
        self.launch_binary(&app_binary(), &["--data-dir", &data_dir], "main h1")
            .await
    }

    /// Launches any Tauri app (the start-up bench's reference too) and waits until `ready`
    /// (a CSS selector) is in its window.
    pub async fn launch_binary(&self, binary: &Path, args: &[&str], ready: &str) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": binary, "args": args }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .unwrap_or_else(|e| panic!("WebDriver session on {}: {e}", binary.display()));
        let app = App { client };
        app.wait_css(ready).await;
        app
    }

    /// Launches the app on a new data folder and creates the first administrator there.
    pub async fn launch_as_new_admin(&self, data_dir: &Path) -> App {
        let app = self.launch(data_dir).await;
        app.create_first_admin().await;
        app
    }
}

fn tauri_driver() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo").into()))
    {
        let candidate = Path::new(&home).join("bin").join("tauri-driver");
        if candidate.exists() {
            return candidate;
        }
    }
    PathBuf::from("tauri-driver")
}

/// Starts an Xvfb of our own. `-displayfd 1` lets the server pick a free display number
/// itself and print it once it accepts connections: probing `/tmp/.X11-unix` ourselves was
/// fooled by the lock files a killed server leaves behind on a reused CI machine, and the
/// server also knows how to clear a stale lock whose process is gone.
fn start_xvfb(screen: &str) -> (Option<Child>, String) {
    if let Ok(display) = std::env::var("DISPLAY") {
        if !display.is_empty() && std::env::var_os("LOKET_E2E_OWN_DISPLAY").is_none() {
            return (None, display);
        }
    }
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            screen,
            "-nolisten",
            "tcp",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts (apt-get install xvfb)");
    let stdout = child.stdout.take().expect("Xvfb stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    match receiver.recv_timeout(Duration::from_secs(20)) {
        Ok(line) if line.trim().parse::<u32>().is_ok() => {
            (Some(child), format!(":{}", line.trim()))
        }
        other => {
            stop_child(&mut child);
            panic!("Xvfb did not report a display number: {other:?}");
        }
    }
}

/// Asks a child to stop (SIGTERM, so Xvfb removes its lock file and socket and
/// tauri-driver stops its WebKitWebDriver), and kills it if it has not after three seconds.
fn stop_child(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for Driver {
    fn drop(&mut self) {
        stop_child(&mut self.driver);
        if let Some(xvfb) = &mut self.xvfb {
            stop_child(xvfb);
        }
    }
}

/// One running app window.
pub struct App {
    pub client: Client,
}

impl App {
    pub async fn wait_css(&self, css: &str) -> Element {
        // Looked for every 20 ms (fantoccini's default is 250 ms): a test waits no longer than
        // it must, and the start-up bench's times are not rounded up to a quarter second.
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .every(Duration::from_millis(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
    }

    /// Waits until `css` contains `text` as rendered (`innerText`: what the user reads, without
    /// WebDriver's visibility heuristics, which miss text in the clipped title bar).
    pub async fn wait_text(&self, css: &str, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last = element
                    .prop("innerText")
                    .await
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                if last.contains(text) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.screenshot("failed-wait").await;
        panic!("{css} never showed {text:?}; last text: {last:?} (screenshot: failed-wait.png)");
    }

    /// Clicks the element once it is there. Views draw themselves after their command
    /// answers, so an element found a moment ago may have been replaced by the time of the
    /// click: then it is found again, as a user would look again.
    pub async fn click(&self, css: &str) {
        let mut attempts = 0;
        loop {
            let element = self.wait_css(css).await;
            // WebKitWebDriver does not scroll inside a scrolling dialog by itself; a user would.
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'center' });",
                    vec![serde_json::to_value(&element).unwrap_or_default()],
                )
                .await;
            match element.click().await {
                Ok(_) => return,
                // Replaced since it was found: WebKitWebDriver says "not found", "stale", or
                // (seen in CI on a busy machine) nothing at all. Look again, as a user would.
                Err(_) if attempts < 5 => {
                    attempts += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("click {css}: {e}"),
            }
        }
    }

    /// Clicks the link or button whose visible text is `text`.
    pub async fn click_text(&self, text: &str) {
        let xpath = format!("//*[self::a or self::button][normalize-space(.)='{text}']");
        let mut attempts = 0;
        loop {
            let element = self
                .client
                .wait()
                .at_most(Duration::from_secs(15))
                .every(Duration::from_millis(20))
                .for_element(Locator::XPath(&xpath))
                .await
                .unwrap_or_else(|e| panic!("no link or button {text:?}: {e}"));
            match element.click().await {
                Ok(_) => return,
                // Drawn again since it was found (see `click`).
                Err(_) if attempts < 5 => {
                    attempts += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("click {text:?}: {e}"),
            }
        }
    }

    /// The element that has keyboard focus.
    pub async fn focused(&self) -> Element {
        self.client
            .active_element()
            .await
            .expect("a focused element")
    }

    /// Waits until the field named `name` has keyboard focus.
    pub async fn wait_focus(&self, name: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(element) = self.client.active_element().await {
                if element.attr("name").await.ok().flatten().as_deref() == Some(name) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("field {name:?} never got the focus");
    }

    /// Types into whatever has focus, like a user at the keyboard.
    pub async fn type_keys(&self, keys: &str) {
        self.focused().await.send_keys(keys).await.expect("typing");
    }

    pub async fn press(&self, key: Key) {
        self.type_keys(&char::from(key).to_string()).await;
    }

    pub async fn value(&self, css: &str) -> String {
        self.wait_css(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn screenshot(&self, name: &str) {
        // What the DOM holds is painted on the next frames: without waiting for them the
        // picture can show the screen before (seen: the start-up failure shot showing the
        // sign-in screen it had replaced). Two frames, or 300 ms if frames are throttled.
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 let sent = false;
                 const once = () => { if (!sent) { sent = true; done(); } };
                 requestAnimationFrame(() => requestAnimationFrame(once));
                 setTimeout(once, 300);",
                vec![],
            )
            .await;
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(screenshot_dir().join(format!("{name}.png")), png);
        }
    }

    /// Fills in the first-run form, like the office's administrator on day one.
    pub async fn create_first_admin(&self) {
        self.wait_text("main h1", "Selamat datang").await;
        self.fill("full_name", "Admin Dinas Sosial").await;
        self.fill("username", ADMIN_USER).await;
        self.fill("password", ADMIN_PASSWORD).await;
        self.fill("password2", ADMIN_PASSWORD).await;
        self.click_text("Buat akun Admin").await;
        self.wait_text("#signed-in-name", "Admin Dinas Sosial")
            .await;
    }

    /// Signs in through the sign-in screen and waits until the next screen replaced it (the
    /// password is checked off the window's thread, so the click returns at once).
    pub async fn sign_in(&self, username: &str, password: &str) {
        self.wait_text("main h1", "Masuk ke Loket").await;
        self.fill("username", username).await;
        self.fill("password", password).await;
        self.click_text("Masuk").await;
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let heading = match self.client.find(Locator::Css("main h1")).await {
                Ok(h1) => h1.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if !heading.is_empty() && heading != "Masuk ke Loket" {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "still on the sign-in screen 15 s after signing in as {username}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Replaces the text of the visible field named `name`.
    pub async fn fill(&self, name: &str, text: &str) {
        let field = self.wait_css(&format!("[name='{name}']")).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Calls a command the way the UI does (for setting up records a test is not about);
    /// a refused command panics with its Indonesian message.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> serde_json::Value {
        let script = "const [command, args, done] = arguments;
            window.__TAURI__.core.invoke(command, args)
                .then((value) => done({ ok: value === undefined ? null : value }))
                .catch((error) => done({ error }));";
        let answer = self
            .client
            .execute_async(script, vec![command.into(), args])
            .await
            .unwrap_or_else(|e| panic!("invoke {command}: {e}"));
        match answer.get("ok") {
            Some(value) => value.clone(),
            None => panic!("{command} was refused: {}", answer["error"]),
        }
    }

    /// Ends the session; tauri-driver then closes the app.
    pub async fn quit(self) {
        self.client.close().await.expect("session closes");
        // The app needs a moment to exit and release the database.
        tokio::time::sleep(Duration::from_millis(1200)).await;
    }
}
