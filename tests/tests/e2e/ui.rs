//! The web shell through HTTP: sign-in with cookies, CSRF protection, security headers, language.

use reqwest::{StatusCode, header};
use tests::{ADMIN_EMAIL, PASSWORD, TestApp};

fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

#[tokio::test]
async fn signing_in_through_the_form_sets_httponly_cookies_and_shows_the_home_page() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .post(app.url("/login"))
        .form(&[("email", ADMIN_EMAIL), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let cookies: Vec<String> = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("kamlang_access=") && c.contains("HttpOnly") && c.contains("SameSite=Lax"))
    );
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("kamlang_refresh=") && c.contains("HttpOnly") && c.contains("SameSite=Strict"))
    );

    let browser = cookie_client();
    browser
        .post(app.url("/login"))
        .form(&[("email", ADMIN_EMAIL), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .unwrap();
    let home = browser
        .get(app.url("/"))
        .header(header::ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    let html = home.text().await.unwrap();
    assert!(html.contains("Test Administrator"), "the home page names the user");
    assert!(
        html.contains("/api/docs"),
        "the administrator's home links the API documentation"
    );

    // Signing out revokes the session.
    let out = browser.post(app.url("/logout")).send().await.unwrap();
    assert!(out.url().path().ends_with("/login"));
    let again = browser.get(app.url("/")).send().await.unwrap();
    assert!(
        again.url().path().ends_with("/login"),
        "signed out: back to the login page"
    );
}

#[tokio::test]
async fn a_wrong_password_re_shows_the_form_with_an_error_in_the_chosen_language() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .post(app.url("/login"))
        .header(header::COOKIE, "kamlang_lang=km")
        .form(&[("email", ADMIN_EMAIL), ("password", "wrong"), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let html = resp.text().await.unwrap();
    assert!(html.contains("lang=\"km\""));
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains(ADMIN_EMAIL), "the email is kept");
    assert!(html.contains(&web::i18n::t(web::Lang::Km, "login-error-invalid")));
}

#[tokio::test]
async fn cross_site_form_posts_are_refused() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .post(app.url("/login"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", ADMIN_EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = app
        .http
        .post(app.url("/login"))
        .header("origin", app.base_url.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", ADMIN_EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "a same-origin post goes through");
}

#[tokio::test]
async fn pages_carry_security_headers_and_work_without_javascript() {
    let app = TestApp::spawn().await;
    let resp = app.http.get(app.url("/login")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let h = resp.headers();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    let html = resp.text().await.unwrap();
    assert!(!html.contains("<script"), "the login page needs no JavaScript");
    assert!(html.contains("name=\"viewport\""));
    let font = app
        .http
        .get(app.url(web::assets::NOTO_SANS_KHMER_PATH))
        .send()
        .await
        .unwrap();
    assert_eq!(font.status(), StatusCode::OK);
    assert_eq!(font.bytes().await.unwrap().len(), web::assets::NOTO_SANS_KHMER.len());
}

#[tokio::test]
async fn the_language_switch_is_remembered_and_safe() {
    let app = TestApp::spawn().await;
    let resp = app.http.get(app.url("/lang/en?next=/about")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()["location"], "/about");
    let cookie = resp.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("kamlang_lang=en") && cookie.contains("Max-Age="),
        "{cookie}"
    );
    let resp = app
        .http
        .get(app.url("/lang/km?next=https://evil.example/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"], "/", "no open redirect");

    // Khmer is the default; the About page shows the gazetteer and its attribution.
    let about = app
        .http
        .get(app.url("/about"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(about.contains("lang=\"km\""));
    assert!(
        about.contains("១.៦៦១") || about.contains("១,៦៦១") || about.contains("1,661"),
        "the commune count"
    );
    assert!(about.contains("data.mef.gov.kh"));
    let about_en = app
        .http
        .get(app.url("/about"))
        .header(header::COOKIE, "kamlang_lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(about_en.contains("14,576"), "the village count");
    assert!(about_en.contains("General Directorate of Digital Economy"));
}

#[tokio::test]
async fn an_expired_access_cookie_is_renewed_from_the_refresh_cookie() {
    let app = TestApp::spawn().await;
    let tokens = app.login(ADMIN_EMAIL, PASSWORD).await;
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let resp = app
        .http
        .get(app.url("/"))
        .header(
            header::COOKIE,
            format!("kamlang_access=expired; kamlang_refresh={refresh}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "still signed in");
    assert!(
        resp.headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("kamlang_access="))
    );
}

#[tokio::test]
async fn an_empty_or_malformed_login_form_is_a_page_not_a_crash() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .post(app.url("/login"))
        .form(&[("email", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let html = resp.text().await.unwrap();
    assert!(html.contains("role=\"alert\""), "{html}");
    let resp = app
        .http
        .post(app.url("/login"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(
        resp.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}

#[tokio::test]
async fn registering_through_the_form_shows_field_errors_then_the_profile() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    let browser = cookie_client();
    browser
        .post(app.url("/login"))
        .form(&[("email", ADMIN_EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let org = org.to_string();
    let mut form = vec![
        ("family_name_km", "សុខ"),
        ("given_name_km", ""),
        ("sex", "female"),
        ("birth_date", "1990-05-17"),
        ("category", "para_social_worker"),
        ("organization_id", org.as_str()),
        ("duty_station_code", "020101"),
        ("employment_type", "volunteer"),
        ("posting_start_date", "2024-01-01"),
        ("phone", "12"),
    ];
    let resp = browser.post(app.url("/workers")).form(&form).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let html = resp.text().await.unwrap();
    assert!(html.contains("id=\"form-errors\""), "an error summary");
    assert!(html.contains("value=\"020101\""), "typed values are kept");
    form[1] = ("given_name_km", "ស្រីមុំ");
    form[9] = ("phone", "012 345 678");
    let resp = browser.post(app.url("/workers")).form(&form).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "redirected to the profile");
    assert!(resp.url().path().starts_with("/workers/"));
    let html = resp.text().await.unwrap();
    assert!(html.contains("KL-0000001-8"));
    assert!(html.contains("+85512345678"));
}
