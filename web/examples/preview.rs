//! Renders sample pages (sign-in, home per role, about, error, the worker registry's list,
//! profile, create and edit forms and import page, and the training catalogue, a cohort's results
//! grid, with errors and read-only, and a transcript), with the stylesheet and font at their
//! served paths, and every email ([`web::email::sample_messages`]) as `email-<kind>-<lang>.html`
//! and `.txt`, into a folder (default `/tmp/web-preview`) to look at in a browser:
//!
//! ```sh
//! cargo run -p web --example preview -- /tmp/web-preview
//! python3 -m http.server -d /tmp/web-preview -b 127.0.0.1 8111
//! chromium --headless --screenshot=... http://127.0.0.1:8111/workers-km.html
//! chromium --headless --window-size=390,1400 --screenshot=... http://127.0.0.1:8111/email-certificate-issued-km.html
//! chromium --headless --window-size=500,1600 --screenshot=... http://127.0.0.1:8111/cohort-km.html
//! ```

use std::path::{Path, PathBuf};

use web::Lang;
use web::assets;
use web::email::{render_email, sample_messages};
use web::i18n;
use web::pages::{AboutPage, ErrorPage, HomePage, LoginPage, Shell, ShellUser, home_cards_for_role};
use web::registry::{
    CATEGORY_CODES, CategorySpanView, Choice, EMPLOYMENT_TYPE_CODES, ImportPage, ImportProblemView, ImportReportView,
    PostingView, SEX_CODES, STATUS_CODES, WorkerFormPage, WorkerListPage, WorkerProfilePage, WorkerRowView, WorkerView,
    any_choice, category_label, code_choices, employment_type_label, field_error, field_label, sex_label, status_label,
};
use web::training::{
    CatalogueModuleView, CataloguePage, CatalogueQualificationView, CohortCellView, CohortPage, CohortRowView,
    ProgressView, TranscriptModuleView, TranscriptPage, credit_source_label, qualification_level_label, results_error,
};

fn write(dir: &Path, served_path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = dir.join(served_path.trim_start_matches('/'));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("/tmp/web-preview"), PathBuf::from);
    write(&dir, assets::STYLE_CSS_PATH, assets::STYLE_CSS.as_bytes())?;
    write(&dir, assets::NOTO_SANS_KHMER_PATH, assets::NOTO_SANS_KHMER)?;

    for lang in Lang::ALL {
        let code = lang.code();
        let user = |role: &str| ShellUser {
            display_name: match lang {
                Lang::Km => "ចាន់ សុខា".to_owned(),
                Lang::En => "Chan Sokha".to_owned(),
            },
            role: role.to_owned(),
            organization: Some("NISA".to_owned()),
        };
        let signed_in = |role: &str, path: &str| Shell {
            lang,
            user: Some(user(role)),
            current_path: path.to_owned(),
            flash: None,
        };

        let login = LoginPage {
            shell: Shell::new(lang, "/login"),
            email: String::new(),
            error: None,
            next: "/".to_owned(),
        };
        write(&dir, &format!("login-{code}.html"), login.render()?.as_bytes())?;

        let mut failed_shell = Shell::new(lang, "/login");
        failed_shell.flash = Some(i18n::t(lang, "flash-signed-out"));
        let failed = LoginPage {
            shell: failed_shell,
            email: "sokha@example.org".to_owned(),
            error: Some(i18n::t(lang, "login-error-invalid")),
            next: "/".to_owned(),
        };
        write(&dir, &format!("login-error-{code}.html"), failed.render()?.as_bytes())?;

        for role in [
            "admin",
            "registrar",
            "hr_officer",
            "licensing_officer",
            "planner",
            "trainee",
        ] {
            let mut shell = signed_in(role, "/");
            if role == "admin" {
                shell.flash = Some(i18n::t(lang, "flash-signed-in"));
            }
            let home = HomePage {
                shell,
                cards: home_cards_for_role(role),
            };
            let name = format!("home-{}-{code}.html", role.replace('_', "-"));
            write(&dir, &name, home.render()?.as_bytes())?;
        }

        let about = AboutPage {
            shell: signed_in("planner", "/about"),
            provinces: 25,
            districts: 210,
            communes: 1_661,
            villages: 14_576,
            version: env!("CARGO_PKG_VERSION"),
        };
        write(&dir, &format!("about-{code}.html"), about.render()?.as_bytes())?;

        registry_pages(&dir, lang, signed_in("hr_officer", "/workers"))?;
        training_pages(&dir, lang, signed_in("registrar", "/training"))?;

        let error = ErrorPage {
            shell: Shell::new(lang, "/nowhere"),
            status: 404,
            title: i18n::t(lang, "error-not-found-title"),
            message: i18n::t(lang, "error-not-found-message"),
        };
        write(&dir, &format!("error-{code}.html"), error.render()?.as_bytes())?;

        for message in sample_messages() {
            let email = render_email(lang, &message)?;
            let name = format!("email-{}-{code}", message.kind().replace('_', "-"));
            write(&dir, &format!("{name}.html"), email.html.as_bytes())?;
            let text = format!("Subject: {}\n\n{}", email.subject, email.text);
            write(&dir, &format!("{name}.txt"), text.as_bytes())?;
        }
    }
    println!("wrote the preview to {}", dir.display());
    Ok(())
}

/// A sample worker: (Khmer name, Latin name, registry number, category, status, posting).
type SampleWorker = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const WORKERS: [SampleWorker; 5] = [
    (
        "សុខ ចាន់ថា",
        "SOK Chantha",
        "KL-2026-000017",
        "professional_social_worker",
        "active",
        Some("Social worker, Kampong Cham DoSVY, Kampong Cham"),
    ),
    (
        "ហេង សុភាព",
        "HENG Sopheap",
        "KL-2026-000018",
        "para_professional",
        "active",
        Some("Case manager, Batheay District Office, Batheay, Kampong Cham"),
    ),
    (
        "កែវ ស្រីមុំ",
        "KEO Sreymom",
        "KL-2026-000021",
        "para_social_worker",
        "inactive",
        None,
    ),
    (
        "លី វណ្ណា",
        "LY Vanna",
        "KL-2026-000034",
        "allied_worker",
        "left_workforce",
        Some("Teacher, Chbar Mon Primary School, Chbar Mon, Kampong Speu"),
    ),
    (
        "ជា សុវណ្ណ",
        "CHEA Sovann",
        "KL-2026-000035",
        "para_social_worker",
        "deceased",
        None,
    ),
];

fn rows(lang: Lang) -> Vec<WorkerRowView> {
    WORKERS
        .iter()
        .enumerate()
        .map(|(i, &(km, latin, number, category, status, posting))| WorkerRowView {
            href: format!("/workers/{}", i + 1),
            registry_number: number.to_owned(),
            name_km: Some(km.to_owned()),
            name_latin: (i != 2).then(|| latin.to_owned()),
            category: category_label(lang, category),
            status: status_label(lang, status),
            status_code: status.to_owned(),
            posting: posting.map(str::to_owned),
        })
        .collect()
}

fn registry_pages(dir: &Path, lang: Lang, shell: Shell) -> Result<(), Box<dyn std::error::Error>> {
    let code = lang.code();
    let with_any = |mut choices: Vec<Choice>| {
        choices.insert(0, any_choice(lang, !choices.iter().any(|c| c.selected)));
        choices
    };
    let list = WorkerListPage {
        shell: Shell {
            current_path: "/workers?status=active".to_owned(),
            ..shell.clone()
        },
        q: "sok".to_owned(),
        statuses: with_any(code_choices(&STATUS_CODES, "active", |c| status_label(lang, c))),
        categories: with_any(code_choices(&CATEGORY_CODES, "", |c| category_label(lang, c))),
        provinces: with_any(vec![
            Choice::new("03", "Kampong Cham", false),
            Choice::new("05", "Kampong Speu", false),
            Choice::new("12", "Phnom Penh", false),
        ]),
        rows: rows(lang),
        next_href: Some("/workers?after=KL-2026-000035".to_owned()),
        can_create: true,
        can_import: true,
        total_shown: 5,
    };
    write(dir, &format!("workers-{code}.html"), list.render()?.as_bytes())?;

    let profile = WorkerProfilePage {
        shell: Shell {
            current_path: "/workers/1".to_owned(),
            ..shell.clone()
        },
        worker: WorkerView {
            registry_number: "KL-2026-000017".to_owned(),
            name_km: Some("សុខ ចាន់ថា".to_owned()),
            name_latin: Some("SOK Chantha".to_owned()),
            sex: sex_label(lang, "female"),
            birth_date: Some((1988, 4, 13)),
            national_id: Some("010203045".to_owned()),
            phone: Some("012 345 678".to_owned()),
            email: None,
            category: category_label(lang, "professional_social_worker"),
            status: status_label(lang, "active"),
            status_code: "active".to_owned(),
            merged_into: None,
        },
        categories: vec![
            CategorySpanView {
                category: category_label(lang, "professional_social_worker"),
                from: (2023, 9, 1),
                to: None,
            },
            CategorySpanView {
                category: category_label(lang, "para_professional"),
                from: (2015, 3, 2),
                to: Some((2023, 8, 31)),
            },
        ],
        postings: vec![
            PostingView {
                organization: "Kampong Cham DoSVY".to_owned(),
                duty_station: "Kampong Cham, Kampong Cham".to_owned(),
                position: Some("Social worker".to_owned()),
                focal_point: true,
                employment_type: employment_type_label(lang, "civil_servant"),
                primary: true,
                start: (2023, 9, 1),
                end: None,
                current: true,
            },
            PostingView {
                organization: "Batheay District Office".to_owned(),
                duty_station: "Batheay, Kampong Cham".to_owned(),
                position: None,
                focal_point: false,
                employment_type: employment_type_label(lang, "contract"),
                primary: false,
                start: (2015, 3, 2),
                end: Some((2023, 8, 31)),
                current: false,
            },
        ],
        possible_duplicates: rows(lang).into_iter().skip(1).take(1).collect(),
        can_edit: true,
        edit_href: "/workers/1/edit".to_owned(),
        flash: Some(i18n::t(lang, "flash-worker-created")),
        transcript_href: Some("/workers/1/transcript".to_owned()),
    };
    write(dir, &format!("worker-{code}.html"), profile.render()?.as_bytes())?;

    let values = [
        ("family_name_km", "សុខ"),
        ("given_name_km", "Chantha"),
        ("family_name_latin", "SOK"),
        ("given_name_latin", "Chantha"),
        ("sex", "female"),
        ("birth_date", "1988-04-13"),
        ("phone", "012 345 678"),
        ("duty_station_code", "0301"),
        ("focal_point", "yes"),
        ("posting_start_date", "2023-09-01"),
    ];
    let errors = [
        ("given_name_km", field_error(lang, "script")),
        ("category", field_error(lang, "required")),
        ("organization_id", field_error(lang, "required")),
    ];
    let form = WorkerFormPage {
        shell: Shell {
            current_path: "/workers/new".to_owned(),
            ..shell.clone()
        },
        editing: false,
        action: "/workers".to_owned(),
        values: values.iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect(),
        errors: errors.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
        sexes: code_choices(&SEX_CODES, "", |c| sex_label(lang, c)),
        categories: code_choices(&CATEGORY_CODES, "", |c| category_label(lang, c)),
        employment_types: code_choices(&EMPLOYMENT_TYPE_CODES, "civil_servant", |c| {
            employment_type_label(lang, c)
        }),
        organizations: vec![
            Choice::new("1", "Kampong Cham DoSVY", false),
            Choice::new("2", "Batheay District Office", false),
        ],
        version: None,
    };
    write(dir, &format!("worker-new-{code}.html"), form.render()?.as_bytes())?;

    let edit = WorkerFormPage {
        shell: Shell {
            current_path: "/workers/1/edit".to_owned(),
            ..shell.clone()
        },
        editing: true,
        action: "/workers/1/edit".to_owned(),
        errors: [("version".to_owned(), i18n::t(lang, "worker-error-version"))].into(),
        version: Some(3),
        ..form
    };
    write(dir, &format!("worker-edit-{code}.html"), edit.render()?.as_bytes())?;

    let import = ImportPage {
        shell: Shell {
            current_path: "/workers/import".to_owned(),
            ..shell.clone()
        },
        template_href: "/api/v1/imports/workers/template.csv".to_owned(),
        report: Some(ImportReportView {
            dry_run: true,
            file_name: "kampong-cham-staff-2026.xlsx".to_owned(),
            rows_total: 1_240,
            rows_valid: 1_237,
            rows_created: 1_190,
            rows_existing: 47,
            problems: vec![
                ImportProblemView {
                    row: 14,
                    column: field_label(lang, "birth_date"),
                    problem: field_error(lang, "date"),
                },
                ImportProblemView {
                    row: 212,
                    column: field_label(lang, "family_name_km"),
                    problem: field_error(lang, "script"),
                },
                ImportProblemView {
                    row: 1_033,
                    column: field_label(lang, "duty_station_code"),
                    problem: field_error(lang, "exists"),
                },
            ],
            report_csv_href: Some("/api/v1/imports/workers/7f3a/report.csv".to_owned()),
            commit_token: None,
        }),
        error: None,
    };
    write(dir, &format!("import-{code}.html"), import.render()?.as_bytes())?;

    let import_ok = ImportPage {
        report: Some(ImportReportView {
            problems: Vec::new(),
            commit_token: Some("7f3a".to_owned()),
            rows_valid: 1_240,
            rows_created: 1_193,
            ..import.report.clone().unwrap_or_default()
        }),
        ..import.clone()
    };
    write(dir, &format!("import-ok-{code}.html"), import_ok.render()?.as_bytes())?;

    let import_error = ImportPage {
        report: None,
        error: Some(i18n::t(lang, "import-error-no-file")),
        ..import
    };
    write(
        dir,
        &format!("import-error-{code}.html"),
        import_error.render()?.as_bytes(),
    )?;
    Ok(())
}

/// Sample modules: (code, English title, Khmer title, hours by mode, credits).
type SampleModule = (&'static str, &'static str, &'static str, (u32, u32, u32), &'static str);

const MODULES: [SampleModule; 5] = [
    (
        "VC-101",
        "Child protection basics",
        "មូលដ្ឋានគ្រឹះនៃការការពារកុមារ",
        (45, 0, 0),
        "3",
    ),
    ("VC-102", "Case management", "ការគ្រប់គ្រងករណី", (30, 15, 0), "2.5"),
    ("VC-103", "Working with families", "ការធ្វើការជាមួយគ្រួសារ", (30, 0, 45), "3"),
    (
        "VC-104",
        "Ethics and the code of conduct",
        "ក្រមសីលធម៌ និងក្រមប្រតិបត្តិ",
        (22, 0, 0),
        "1.4",
    ),
    (
        "VC-190",
        "Supervised field practice",
        "ការអនុវត្តការងារវាលក្រោមការណែនាំ",
        (0, 0, 1_080),
        "24",
    ),
];

fn title(lang: Lang, en: &str, km: &str) -> String {
    match lang {
        Lang::Km => km.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// A sample trainee: (worker id, registry number, name, (result, score) in each of [`MODULES`]).
type SampleTrainee = (
    &'static str,
    &'static str,
    &'static str,
    [(&'static str, &'static str); 5],
);

fn training_pages(dir: &Path, lang: Lang, shell: Shell) -> Result<(), Box<dyn std::error::Error>> {
    let code = lang.code();
    let catalogue = CataloguePage {
        shell: shell.clone(),
        modules: MODULES
            .iter()
            .map(|&(code, en, km, hours, credits)| CatalogueModuleView {
                code: code.to_owned(),
                title: title(lang, en, km),
                hours_instruction: hours.0,
                hours_laboratory: hours.1,
                hours_field: hours.2,
                credits: credits.to_owned(),
                provider: "NISA".to_owned(),
            })
            .collect(),
        qualifications: vec![
            CatalogueQualificationView {
                code: "VC-SW".to_owned(),
                version: 2,
                title: title(lang, "Vocational Certificate in Social Work", "វិញ្ញាបនបត្រវិជ្ជាជីវៈផ្នែកសង្គមកិច្ច"),
                level: qualification_level_label(lang, "cqf-1"),
                minimum_credits: "30".to_owned(),
                required: vec!["VC-101".to_owned(), "VC-102".to_owned(), "VC-190".to_owned()],
                elective: vec!["VC-103".to_owned(), "VC-104".to_owned()],
            },
            CatalogueQualificationView {
                code: "ALLIED-CP".to_owned(),
                version: 1,
                title: title(
                    lang,
                    "Child protection for allied workers",
                    "ការការពារកុមារសម្រាប់បុគ្គលិកវិស័យពាក់ព័ន្ធ",
                ),
                level: qualification_level_label(lang, "allied"),
                minimum_credits: "4.4".to_owned(),
                required: vec!["VC-101".to_owned(), "VC-104".to_owned()],
                elective: Vec::new(),
            },
        ],
    };
    write(dir, &format!("training-{code}.html"), catalogue.render()?.as_bytes())?;

    let trainees: [SampleTrainee; 4] = [
        (
            "11",
            "KL-2026-000017",
            "សុខ ចាន់ថា",
            [("pass", "85"), ("pass", "72"), ("fail", "41"), ("pass", ""), ("", "")],
        ),
        (
            "12",
            "KL-2026-000018",
            "ហេង សុភាព",
            [("pass", "90"), ("pass", "88"), ("pass", "77"), ("", ""), ("", "")],
        ),
        (
            "13",
            "KL-2026-000021",
            "កែវ ស្រីមុំ",
            [("fail", "38"), ("", ""), ("", ""), ("", ""), ("", "")],
        ),
        (
            "14",
            "KL-2026-000034",
            "CHEA Sovannarith Monyrath",
            [("pass", "64"), ("fail", "150"), ("", "72"), ("", ""), ("", "")],
        ),
    ];
    let cohort = CohortPage {
        shell: Shell {
            current_path: "/cohorts/7".to_owned(),
            ..shell.clone()
        },
        cohort_id: "7".to_owned(),
        name: title(lang, "Kampong Cham VC, 2026 first intake", "វគ្គ VC កំពង់ចាម ជំនាន់ទី១ ឆ្នាំ២០២៦"),
        qualification: title(
            lang,
            "Vocational Certificate in Social Work (VC-SW, version 2)",
            "វិញ្ញាបនបត្រវិជ្ជាជីវៈផ្នែកសង្គមកិច្ច (VC-SW កំណែទី ២)",
        ),
        dates: i18n::t_args(
            lang,
            "worker-period-closed",
            &[
                ("from", &i18n::format_date(lang, (2026, 3, 2))),
                ("to", &i18n::format_date(lang, (2026, 5, 29))),
            ],
        ),
        modules: MODULES
            .iter()
            .map(|&(code, en, km, _, _)| (code.to_owned(), title(lang, en, km)))
            .collect(),
        rows: trainees
            .iter()
            .map(|(worker_id, number, name, cells)| CohortRowView {
                worker_id: (*worker_id).to_owned(),
                registry_number: (*number).to_owned(),
                name: (*name).to_owned(),
                cells: MODULES
                    .iter()
                    .zip(cells.iter())
                    .map(|(module, (result, score))| CohortCellView {
                        module_code: module.0.to_owned(),
                        result: (*result).to_owned(),
                        score: (*score).to_owned(),
                    })
                    .collect(),
            })
            .collect(),
        assessed_on: "2026-05-29".to_owned(),
        can_record: true,
        errors: Vec::new(),
        flash: Some(i18n::t_count(lang, "flash-results-recorded", 12, &[])),
        upload_problems: Vec::new(),
        upload_error: None,
    };
    write(dir, &format!("cohort-{code}.html"), cohort.render()?.as_bytes())?;

    let with_errors = CohortPage {
        errors: vec![
            results_error(lang, 4, "KL-2026-000034", "VC-102", "score_range"),
            results_error(lang, 4, "KL-2026-000034", "VC-103", "score_without_result"),
        ],
        flash: None,
        ..cohort.clone()
    };
    write(
        dir,
        &format!("cohort-errors-{code}.html"),
        with_errors.render()?.as_bytes(),
    )?;

    let read_only = CohortPage {
        shell: Shell {
            user: shell.user.clone().map(|user| ShellUser {
                role: "hr_officer".to_owned(),
                ..user
            }),
            ..cohort.shell.clone()
        },
        can_record: false,
        flash: None,
        ..cohort
    };
    write(
        dir,
        &format!("cohort-read-only-{code}.html"),
        read_only.render()?.as_bytes(),
    )?;

    let transcript = TranscriptPage {
        shell: Shell {
            current_path: "/workers/1/transcript".to_owned(),
            ..shell
        },
        worker_name: "សុខ ចាន់ថា".to_owned(),
        registry_number: "KL-2026-000017".to_owned(),
        worker_href: "/workers/1".to_owned(),
        modules: vec![
            TranscriptModuleView {
                code: "VC-101".to_owned(),
                title: title(lang, MODULES[0].1, MODULES[0].2),
                credits: "3".to_owned(),
                via: credit_source_label(lang, "completion"),
                on: (2026, 3, 20),
            },
            TranscriptModuleView {
                code: "VC-102".to_owned(),
                title: title(lang, MODULES[1].1, MODULES[1].2),
                credits: "2.5".to_owned(),
                via: credit_source_label(lang, "rpl"),
                on: (2025, 11, 4),
            },
            TranscriptModuleView {
                code: "VC-104".to_owned(),
                title: title(lang, MODULES[3].1, MODULES[3].2),
                credits: "1.4".to_owned(),
                via: credit_source_label(lang, "transfer"),
                on: (2024, 8, 12),
            },
        ],
        total: "6.9".to_owned(),
        progress: vec![
            ProgressView {
                qualification: title(
                    lang,
                    "Vocational Certificate in Social Work (VC-SW, version 2)",
                    "វិញ្ញាបនបត្រវិជ្ជាជីវៈផ្នែកសង្គមកិច្ច (VC-SW កំណែទី ២)",
                ),
                earned: "6.9".to_owned(),
                minimum: "30".to_owned(),
                percent: 23,
                eligible: false,
                reasons: vec![
                    i18n::t_args(
                        lang,
                        "ineligible-not-enough-credits",
                        &[
                            ("earned", &i18n::format_decimal(lang, "6.9")),
                            ("minimum", &i18n::format_decimal(lang, "30")),
                        ],
                    ),
                    i18n::t_args(lang, "ineligible-required-modules-missing", &[("modules", "VC-190")]),
                ],
            },
            ProgressView {
                qualification: title(
                    lang,
                    "Child protection for allied workers (ALLIED-CP, version 1)",
                    "ការការពារកុមារសម្រាប់បុគ្គលិកវិស័យពាក់ព័ន្ធ (ALLIED-CP កំណែទី ១)",
                ),
                earned: "4.4".to_owned(),
                minimum: "4.4".to_owned(),
                percent: 100,
                eligible: true,
                reasons: Vec::new(),
            },
        ],
    };
    write(dir, &format!("transcript-{code}.html"), transcript.render()?.as_bytes())?;
    Ok(())
}
