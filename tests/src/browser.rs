//! A real browser for the UI tests: Debian's chromium driven through chromedriver (WebDriver).
//!
//! When chromedriver or chromium is missing, [`Browser::start`] returns `None` and the test says
//! it was skipped; with `CI=true` their absence fails the test instead.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

pub struct Browser {
    pub client: Client,
    driver: Child,
}

fn find(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

/// Where screenshots go: `$KAMLANG_SCREENSHOT_DIR`, else `target/screenshots` of the workspace.
pub fn screenshot_dir() -> PathBuf {
    let dir = std::env::var("KAMLANG_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("target")
                .join("screenshots")
        });
    std::fs::create_dir_all(&dir).expect("creating the screenshot directory");
    dir
}

impl Browser {
    /// Starts chromedriver and a headless chromium of `width` x `height`.
    pub async fn start(test: &str, width: u32, height: u32) -> Option<Browser> {
        let driver_path = find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
        let chromium = find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
        let (Some(driver_path), Some(chromium)) = (driver_path, chromium) else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "{test}: chromium and chromedriver are required when CI=true (apt-get install chromium chromium-driver)"
                );
            }
            eprintln!(
                "SKIPPED {test}: chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        let profile = tempfile::tempdir().expect("a profile directory").keep();
        let mut caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        if width < 500 {
            // Headless Chromium will not make a window narrower than 500 px: emulate the phone's
            // viewport instead, so a 360 px screenshot is really 360 px wide.
            caps["goog:chromeOptions"]["mobileEmulation"] =
                json!({"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.0}});
        }
        let caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..50 {
            let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            match builder.capabilities(caps.clone()).connect(&url).await {
                Ok(client) => return Some(Browser { client, driver }),
                Err(e) => {
                    last_error = Some(e);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("{test}: could not start a browser session: {last_error:?}");
    }

    /// Saves a PNG screenshot of the current page and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("taking a screenshot");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("saving the screenshot");
        path
    }

    /// Signs in through the login page, in English, and waits for the signed-in header.
    pub async fn sign_in(&self, base_url: &str, email: &str, password: &str) {
        use fantoccini::Locator;
        let c = &self.client;
        c.goto(&format!("{base_url}/lang/en?next=/login"))
            .await
            .expect("opening the login page");
        c.find(Locator::Id("email"))
            .await
            .expect("the email field")
            .send_keys(email)
            .await
            .expect("typing");
        c.find(Locator::Id("password"))
            .await
            .expect("the password field")
            .send_keys(password)
            .await
            .expect("typing");
        c.find(Locator::Id("login-submit"))
            .await
            .expect("the submit button")
            .click()
            .await
            .expect("clicking");
        c.wait().for_element(Locator::Id("user-name")).await.expect("signed in");
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // The driver (and its browser) stop in Drop.
    }
}

impl Drop for Browser {
    /// A test that fails before `close` still stops chromedriver and its browser.
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
