//! Demo data: a small, clearly synthetic dataset (every name says "demo") and one user of each
//! role, so that a new user can try every home page, and a few hundred synthetic workers across
//! three provinces, their districts and communes, CCWC focal points among them. Loading it twice
//! changes nothing.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::{
    audit::{self, Actor},
    store::{organizations, users},
    users::service::{self, NewUser},
};

/// The password of every demo account: demo data is for trying the product, never for real use.
pub const DEMO_PASSWORD: &str = "kamlang-demo-2026";

pub struct DemoLogin {
    pub role: &'static str,
    pub email: String,
}

struct DemoOrg {
    key: &'static str,
    name_en: &'static str,
    name_km: &'static str,
    kind: &'static str,
    sector: &'static str,
    admin_unit: &'static str,
    parent: Option<&'static str>,
}

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        key: "ministry",
        name_en: "Demo Ministry of Social Affairs",
        name_km: "ក្រសួងសង្គមកិច្ច (សាកល្បង)",
        kind: "ministry",
        sector: "government",
        admin_unit: "KH",
        parent: None,
    },
    DemoOrg {
        key: "institute",
        name_en: "Demo National Institute of Social Affairs",
        name_km: "វិទ្យាស្ថានជាតិសង្គមកិច្ច (សាកល្បង)",
        kind: "training_provider",
        sector: "government",
        admin_unit: "12",
        parent: Some("ministry"),
    },
    DemoOrg {
        key: "province",
        name_en: "Demo Battambang Department of Social Affairs",
        name_km: "មន្ទីរសង្គមកិច្ចខេត្តបាត់ដំបង (សាកល្បង)",
        kind: "provincial_department",
        sector: "government",
        admin_unit: "02",
        parent: Some("ministry"),
    },
    DemoOrg {
        key: "district",
        name_en: "Demo Banan District Office of Social Affairs",
        name_km: "ការិយាល័យសង្គមកិច្ចស្រុកបាណន់ (សាកល្បង)",
        kind: "district_office",
        sector: "government",
        admin_unit: "0201",
        parent: Some("province"),
    },
    DemoOrg {
        key: "ccwc",
        name_en: "Demo Kantueu Muoy CCWC",
        name_km: "គណៈកម្មាធិការទទួលបន្ទុកកិច្ចការនារី និងកុមារ ឃុំកន្ទឺ ១ (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "020101",
        parent: Some("district"),
    },
    DemoOrg {
        key: "ngo",
        name_en: "Demo Child Protection NGO",
        name_km: "អង្គការការពារកុមារ (សាកល្បង)",
        kind: "ngo",
        sector: "ngo",
        admin_unit: "12",
        parent: None,
    },
    DemoOrg {
        key: "siemreap",
        name_en: "Demo Siem Reap Department of Social Affairs",
        name_km: "មន្ទីរសង្គមកិច្ចខេត្តសៀមរាប (សាកល្បង)",
        kind: "provincial_department",
        sector: "government",
        admin_unit: "17",
        parent: Some("ministry"),
    },
    DemoOrg {
        key: "angkorchum",
        name_en: "Demo Angkor Chum District Office of Social Affairs",
        name_km: "ការិយាល័យសង្គមកិច្ចស្រុកអង្គរជុំ (សាកល្បង)",
        kind: "district_office",
        sector: "government",
        admin_unit: "1701",
        parent: Some("siemreap"),
    },
    DemoOrg {
        key: "kandal",
        name_en: "Demo Kandal Department of Social Affairs",
        name_km: "មន្ទីរសង្គមកិច្ចខេត្តកណ្ដាល (សាកល្បង)",
        kind: "provincial_department",
        sector: "government",
        admin_unit: "08",
        parent: Some("ministry"),
    },
    DemoOrg {
        key: "kandalstueng",
        name_en: "Demo Kandal Stueng District Office of Social Affairs",
        name_km: "ការិយាល័យសង្គមកិច្ចស្រុកកណ្ដាលស្ទឹង (សាកល្បង)",
        kind: "district_office",
        sector: "government",
        admin_unit: "0801",
        parent: Some("kandal"),
    },
    DemoOrg {
        key: "ccwc-020102",
        name_en: "Demo Kantueu Pir CCWC",
        name_km: "គ.ក.ន.ក ឃុំកន្ទឺ ២ (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "020102",
        parent: Some("district"),
    },
    DemoOrg {
        key: "ccwc-020103",
        name_en: "Demo Bay Damram CCWC",
        name_km: "គ.ក.ន.ក ឃុំបាយដំរាំ (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "020103",
        parent: Some("district"),
    },
    DemoOrg {
        key: "ccwc-170101",
        name_en: "Demo Char Chhuk CCWC",
        name_km: "គ.ក.ន.ក ឃុំចារឈូក (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "170101",
        parent: Some("angkorchum"),
    },
    DemoOrg {
        key: "ccwc-170102",
        name_en: "Demo Doun Paeng CCWC",
        name_km: "គ.ក.ន.ក ឃុំដូនពេង (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "170102",
        parent: Some("angkorchum"),
    },
    DemoOrg {
        key: "ccwc-170103",
        name_en: "Demo Kouk Doung CCWC",
        name_km: "គ.ក.ន.ក ឃុំគោកដូង (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "170103",
        parent: Some("angkorchum"),
    },
    DemoOrg {
        key: "ccwc-080101",
        name_en: "Demo Ampov Prey CCWC",
        name_km: "គ.ក.ន.ក ឃុំអំពៅព្រៃ (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "080101",
        parent: Some("kandalstueng"),
    },
    DemoOrg {
        key: "ccwc-080102",
        name_en: "Demo Anlung Romiet CCWC",
        name_km: "គ.ក.ន.ក ឃុំអន្លង់រមៀត (សាកល្បង)",
        kind: "commune_committee",
        sector: "government",
        admin_unit: "080102",
        parent: Some("kandalstueng"),
    },
];

/// (organisation key, how many, category, focal point, position)
const STAFFING: &[(&str, usize, &str, bool, &str)] = &[
    (
        "ministry",
        30,
        "professional_social_worker",
        false,
        "Social affairs officer",
    ),
    ("institute", 10, "professional_social_worker", false, "Lecturer"),
    ("province", 25, "para_professional", false, "DoSVY officer"),
    ("siemreap", 25, "para_professional", false, "DoSVY officer"),
    ("kandal", 25, "para_professional", false, "DoSVY officer"),
    (
        "district",
        8,
        "para_professional",
        false,
        "District social affairs officer",
    ),
    (
        "angkorchum",
        8,
        "para_professional",
        false,
        "District social affairs officer",
    ),
    (
        "kandalstueng",
        8,
        "para_professional",
        false,
        "District social affairs officer",
    ),
    ("ngo", 40, "para_professional", false, "Child protection officer"),
];

const CCWC_FOCAL_POINTS: usize = 2;
const CCWC_MEMBERS: usize = 10;

const FAMILY: &[(&str, &str)] = &[
    ("សុខ", "Sok"),
    ("ចាន់", "Chan"),
    ("ហេង", "Heng"),
    ("លី", "Ly"),
    ("គឹម", "Kim"),
    ("ម៉ៅ", "Mao"),
    ("ឈុន", "Chhun"),
    ("ស៊ុន", "Sun"),
    ("ពៅ", "Pov"),
    ("កែវ", "Keo"),
    ("ម៉ម", "Mom"),
    ("ឡុង", "Long"),
];
const GIVEN: &[(&str, &str, &str)] = &[
    ("ស្រីមុំ", "Srey Mom", "female"),
    ("សុភា", "Sophea", "female"),
    ("ចន្ថា", "Chantha", "female"),
    ("រតនា", "Ratana", "female"),
    ("សុខា", "Sokha", "female"),
    ("បុប្ផា", "Bopha", "female"),
    ("ដារ៉ា", "Dara", "male"),
    ("វិចិត្រ", "Vichet", "male"),
    ("ពិសិដ្ឋ", "Piseth", "male"),
    ("សុវណ្ណ", "Sovann", "male"),
    ("រិទ្ធី", "Rithy", "male"),
    ("វណ្ណៈ", "Vannak", "male"),
];

/// A small deterministic generator: the same demo every time.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The demo workforce as an import file, so that demo data goes through the same checks as a
/// registrar's file.
fn demo_workers_csv(org_ids: &[(&str, Uuid)]) -> String {
    let id_of = |key: &str| {
        org_ids
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, id)| *id)
            .expect("demo organisation")
    };
    let unit_of = |key: &str| {
        ORGS.iter()
            .find(|o| o.key == key)
            .map(|o| o.admin_unit)
            .expect("demo organisation")
    };
    let mut rows: Vec<(String, &str, bool, &str, &str)> = Vec::new();
    for (key, count, category, focal, position) in STAFFING {
        for _ in 0..*count {
            rows.push((id_of(key).to_string(), unit_of(key), *focal, category, position));
        }
    }
    for org in ORGS.iter().filter(|o| o.kind == "commune_committee") {
        for i in 0..(CCWC_FOCAL_POINTS + CCWC_MEMBERS) {
            let focal = i < CCWC_FOCAL_POINTS;
            let (category, position) = if focal {
                ("para_social_worker", "CCWC focal point for children")
            } else {
                ("allied_worker", "CCWC member")
            };
            rows.push((id_of(org.key).to_string(), org.admin_unit, focal, category, position));
        }
    }
    let mut rng = Lcg(2026);
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "family_name_km",
        "given_name_km",
        "family_name_latin",
        "given_name_latin",
        "sex",
        "birth_date",
        "national_id",
        "phone",
        "email",
        "category",
        "organization_id",
        "duty_station_code",
        "position_title",
        "focal_point",
        "employment_type",
        "posting_start_date",
    ]);
    for (i, (org, unit, focal, category, position)) in rows.iter().enumerate() {
        let (fam_km, fam_lat) = FAMILY[rng.next(FAMILY.len())];
        let (giv_km, giv_lat, sex) = GIVEN[rng.next(GIVEN.len())];
        let birth = format!(
            "{}-{:02}-{:02}",
            1965 + rng.next(35),
            1 + rng.next(12),
            1 + rng.next(28)
        );
        let start = format!("{}-{:02}-01", 2015 + rng.next(10), 1 + rng.next(12));
        let employment = if *category == "allied_worker" || *focal {
            "volunteer"
        } else {
            "civil_servant"
        };
        // Synthetic national IDs all start with 99: no real card carries them.
        let _ = w.write_record([
            fam_km.to_owned(),
            giv_km.to_owned(),
            fam_lat.to_owned(),
            giv_lat.to_owned(),
            sex.to_owned(),
            birth,
            format!("99{:07}", i + 1),
            format!("012{:06}", 100_000 + i),
            String::new(),
            (*category).to_owned(),
            org.clone(),
            (*unit).to_owned(),
            (*position).to_owned(),
            if *focal { "yes" } else { "no" }.to_owned(),
            employment.to_owned(),
            start,
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// (role, email, display name, organisation key)
const USERS: &[(&str, &str, &str, Option<&str>)] = &[
    ("admin", "demo-admin@kamlang.example", "Demo Administrator", None),
    (
        "registrar",
        "demo-registrar@kamlang.example",
        "Demo Registrar",
        // NISA's registrar, who runs the demo cohort and issues its certificates.
        Some("nisa"),
    ),
    (
        "hr_officer",
        "demo-hr@kamlang.example",
        "Demo HR Officer",
        Some("province"),
    ),
    (
        "licensing_officer",
        "demo-licensing@kamlang.example",
        "Demo Licensing Officer",
        None,
    ),
    ("planner", "demo-planner@kamlang.example", "Demo Planner", None),
    ("trainee", "demo-trainee@kamlang.example", "Demo Trainee", None),
];

pub async fn load(db: &DatabaseConnection) -> anyhow::Result<Vec<DemoLogin>> {
    let actor = Actor("demo-loader".to_owned());
    let mut ids: Vec<(&str, Uuid)> = Vec::new();
    for org in ORGS {
        let existing = organizations::Entity::find()
            .filter(organizations::Column::NameEn.eq(org.name_en))
            .one(db)
            .await?;
        let id = match existing {
            Some(o) => o.id,
            None => {
                let parent = org
                    .parent
                    .and_then(|p| ids.iter().find(|(k, _)| *k == p).map(|(_, id)| *id));
                let now = chrono::Utc::now();
                let tx = audit::begin(db).await?;
                let created = organizations::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    name_en: Set(org.name_en.to_owned()),
                    name_km: Set(Some(org.name_km.to_owned())),
                    kind: Set(org.kind.to_owned()),
                    sector: Set(org.sector.to_owned()),
                    admin_unit_code: Set(Some(org.admin_unit.to_owned())),
                    parent_id: Set(parent),
                    status: Set("active".to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                }
                .insert(&tx)
                .await?;
                audit::record(
                    &tx,
                    &actor,
                    "organization.created",
                    "organization",
                    created.id,
                    None::<&()>,
                    Some(&created),
                )
                .await?;
                tx.commit().await?;
                created.id
            }
        };
        ids.push((org.key, id));
    }
    let csv = demo_workers_csv(&ids);
    let report = crate::registry::import::run(
        db,
        crate::registry::import::ImportRequest {
            actor: &actor,
            scope: &crate::registry::scope::WorkerScope::All,
            registered_by: None,
            file_name: "demo-workers.csv".to_owned(),
            bytes: csv.into_bytes(),
            kind: crate::registry::import::FileKind::Csv,
            dry_run: false,
        },
        &|_| {},
    )
    .await
    .map_err(|e| anyhow::anyhow!("importing the demo workers: {e}"))?;
    if let Some(p) = report.problems.first() {
        anyhow::bail!(
            "the demo workers do not import: row {} {}: {}",
            p.row,
            p.column,
            p.problem
        );
    }
    load_training(db).await?;
    load_licence_types(db).await?;
    let mut logins = Vec::new();
    for (role, email, name, org) in USERS {
        let exists = users::Entity::find()
            .filter(users::Column::Email.eq(*email))
            .one(db)
            .await?
            .is_some();
        if !exists {
            let scope = org.and_then(|k| match k {
                "nisa" => migration::NISA_ID.parse().ok(),
                _ => ids.iter().find(|(key, _)| *key == k).map(|(_, id)| *id),
            });
            let worker_id = if *role == "trainee" {
                Some(demo_trainee_worker(db).await?)
            } else {
                None
            };
            service::create(
                db,
                &actor,
                NewUser {
                    email: (*email).to_owned(),
                    display_name: (*name).to_owned(),
                    role: (*role).to_owned(),
                    scope_organization_id: scope,
                    locale: Some("km".to_owned()),
                    password: Some(DEMO_PASSWORD.to_owned()),
                    worker_id,
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("creating the demo user {email}: {e}"))?;
        }
        logins.push(DemoLogin {
            role,
            email: (*email).to_owned(),
        });
    }
    Ok(logins)
}

/// The demo licence types (registered para social worker, para-professional practitioner, social
/// worker): invented rules, marked as demo in their titles' source, until the committee sets them.
async fn load_licence_types(db: &DatabaseConnection) -> anyhow::Result<()> {
    use crate::store::licence_types;
    let actor = Actor("demo-loader".to_owned());
    for t in domain::licensing::demo_licence_types() {
        if licence_types::Entity::find_by_id(t.code.as_str())
            .one(db)
            .await?
            .is_some()
        {
            continue;
        }
        let now = chrono::Utc::now();
        let tx = audit::begin(db).await?;
        let row = licence_types::ActiveModel {
            code: Set(t.code.as_str().to_owned()),
            title_km: Set(t.title_km.clone()),
            title_en: Set(format!("{} (demo)", t.title_en)),
            category: Set(t.category.as_str().to_owned()),
            required_level: Set(t.required_level.as_str().to_owned()),
            validity_months: Set(t.validity_months as i32),
            cpd_hours_per_cycle: Set(t.cpd_hours_per_cycle as i32),
            grace_days: Set(t.grace_days as i32),
            status: Set("active".to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(&tx)
        .await?;
        audit::record(
            &tx,
            &actor,
            "licence_type.saved",
            "licence_type",
            &row.code,
            None::<&()>,
            Some(&row),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The worker the demo trainee's account reads: the first focal point of the demo cohort, who
/// finished every module of the Vocational Certificate.
async fn demo_trainee_worker(db: &DatabaseConnection) -> anyhow::Result<Uuid> {
    use crate::store::{cohorts, enrolments};
    let cohort = cohorts::Entity::find()
        .filter(cohorts::Column::Name.starts_with("Demo VC cohort"))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo cohort is missing"))?;
    enrolments::Entity::find()
        .filter(enrolments::Column::CohortId.eq(cohort.id))
        .order_by_asc(enrolments::Column::WorkerId)
        .one(db)
        .await?
        .map(|e| e.worker_id)
        .ok_or_else(|| anyhow::anyhow!("the demo cohort has no trainee"))
}

/// The legacy BSST and PSST module lists (Strategic Plan for Training the Social Service
/// Workforce 2021-2025, section 1.3.1), which carry no hours: the hours below are invented for
/// the demo, and every demo module's title says so.
const LEGACY_MODULES: &str = include_str!("../../migration/data/reference/legacy_training_modules.csv");

/// A NISA Vocational Certificate built from the BSST titles and a TVC 1 from the PSST titles,
/// with a cohort of CCWC focal points and their results.
async fn load_training(db: &DatabaseConnection) -> anyhow::Result<()> {
    use crate::store::{cohorts, modules, qualification_modules, qualifications};
    let nisa: Uuid = migration::NISA_ID.parse()?;
    if qualifications::Entity::find()
        .filter(qualifications::Column::Code.eq("DEMO-VC-SW"))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let actor = Actor("demo-loader".to_owned());
    // (code, title, whether it is the practicum) per programme
    type Modules = Vec<(String, String, bool)>;
    let mut programmes: Vec<(&str, Modules)> = vec![("BSST", Vec::new()), ("PSST", Vec::new())];
    let mut reader = csv::Reader::from_reader(LEGACY_MODULES.as_bytes());
    for rec in reader.records() {
        let rec = rec?;
        let (programme, number, title) = (&rec[0], &rec[2], &rec[3]);
        let code = format!("DEMO-{programme}-{number:0>2}");
        let practicum = title.eq_ignore_ascii_case("practicum");
        if let Some((_, list)) = programmes.iter_mut().find(|(p, _)| *p == programme) {
            list.push((code, title.to_owned(), practicum));
        }
    }
    let now = chrono::Utc::now();
    let tx = audit::begin(db).await?;
    // NISA accredited for the VC and TVC 1-3 (demo accreditations, from 2025), so that the demo
    // cohort's graduates can be certified.
    for level in ["cqf-1", "cqf-2", "cqf-3", "cqf-4"] {
        let accreditation = crate::store::accreditations::ActiveModel {
            id: Set(Uuid::now_v7()),
            provider_id: Set(nisa),
            level: Set(level.to_owned()),
            valid_from: Set(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date")),
            valid_until: Set(chrono::NaiveDate::from_ymd_opt(2029, 12, 31)),
            granted_by: Set("demo-loader".to_owned()),
            created_at: Set(now),
            revoked_at: Set(None),
            revoked_reason: Set(None),
        }
        .insert(&tx)
        .await?;
        audit::record(
            &tx,
            &actor,
            "accreditation.granted",
            "accreditation",
            accreditation.id,
            None::<&()>,
            Some(&accreditation),
        )
        .await?;
    }
    let mut ids: std::collections::HashMap<String, Uuid> = std::collections::HashMap::new();
    for (_, list) in &programmes {
        for (code, title, practicum) in list {
            // Invented demo hours: 30 h instruction + 15 h workshop (2.5 credits); a practicum
            // is 135 h of supervised field work (3 credits).
            let (i, l, f) = if *practicum { (0, 0, 135) } else { (30, 15, 0) };
            let credits = domain::ModuleHours {
                instruction: i,
                laboratory: l,
                field: f,
            }
            .credits();
            let m = modules::ActiveModel {
                id: Set(Uuid::now_v7()),
                provider_id: Set(nisa),
                code: Set(code.clone()),
                title_en: Set(format!("{title} (demo hours)")),
                title_km: Set(format!("{title} (ម៉ោងសាកល្បង)")),
                hours_instruction: Set(i as i32),
                hours_laboratory: Set(l as i32),
                hours_field: Set(f as i32),
                credits_ninetieths: Set(credits.ninetieths() as i64),
                competency_areas: Set("[\"knowledge\",\"skills\"]".to_owned()),
                learning_outcomes: Set(String::new()),
                status: Set("active".to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
            .insert(&tx)
            .await?;
            audit::record(&tx, &actor, "module.created", "module", m.id, None::<&()>, Some(&m)).await?;
            ids.insert(code.clone(), m.id);
        }
    }
    let mut vc_id = None;
    for ((programme, list), (code, level, en, km, category)) in programmes.iter().zip([
        (
            "DEMO-VC-SW",
            "cqf-1",
            "Vocational Certificate in Social Work (demo)",
            "វិញ្ញាបនបត្រវិជ្ជាជីវៈផ្នែកសង្គមកិច្ច (សាកល្បង)",
            "para_social_worker",
        ),
        (
            "DEMO-TVC1-SW",
            "cqf-2",
            "Technical and Vocational Certificate 1 in Social Work (demo)",
            "វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ១ ផ្នែកសង្គមកិច្ច (សាកល្បង)",
            "para_professional",
        ),
    ]) {
        let _ = programme;
        let q = qualifications::ActiveModel {
            id: Set(Uuid::now_v7()),
            provider_id: Set(nisa),
            code: Set(code.to_owned()),
            version: Set(1),
            level: Set(level.to_owned()),
            title_en: Set(en.to_owned()),
            title_km: Set(km.to_owned()),
            field_of_study_en: Set("Social work".to_owned()),
            field_of_study_km: Set("សង្គមកិច្ច".to_owned()),
            minimum_credits_ninetieths: Set(domain::Credits::from_whole(30).ninetieths() as i64),
            target_category: Set(category.to_owned()),
            status: Set("active".to_owned()),
            created_at: Set(now),
        }
        .insert(&tx)
        .await?;
        for (module_code, _, _) in list {
            qualification_modules::ActiveModel {
                qualification_id: Set(q.id),
                module_id: Set(ids[module_code]),
                required: Set(true),
            }
            .insert(&tx)
            .await?;
        }
        audit::record(
            &tx,
            &actor,
            "qualification.created",
            "qualification",
            q.id,
            None::<&()>,
            Some(&q),
        )
        .await?;
        if code == "DEMO-VC-SW" {
            vc_id = Some(q.id);
        }
    }
    // A cohort of the demo CCWC focal points.
    let cohort = cohorts::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(nisa),
        qualification_id: Set(vc_id.expect("the demo VC")),
        name: Set("Demo VC cohort, Battambang and Siem Reap 2026".to_owned()),
        start_date: Set(chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date")),
        end_date: Set(chrono::NaiveDate::from_ymd_opt(2026, 3, 20)),
        location_code: Set(Some("02".to_owned())),
        trainers: Set("[\"Demo Trainer\"]".to_owned()),
        created_at: Set(now),
        version: Set(1),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &actor,
        "cohort.created",
        "cohort",
        cohort.id,
        None::<&()>,
        Some(&cohort),
    )
    .await?;
    tx.commit().await?;

    let focal_points: Vec<Uuid> = crate::store::deployments::Entity::find()
        .filter(crate::store::deployments::Column::IsFocalPoint.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.worker_id)
        .collect();
    // In registration order, so that the first focal point (the demo trainee's worker, see
    // `demo_trainee_worker`) is one who finished every module.
    let mut focal_points = focal_points;
    focal_points.sort();
    focal_points.dedup();
    let admin = crate::auth::CurrentUser {
        id: Uuid::nil(),
        email: "demo-loader".to_owned(),
        display_name: "Demo loader".to_owned(),
        role: domain::Role::Admin,
        scope_organization_id: None,
        locale: "en".to_owned(),
        worker_id: None,
    };
    crate::training::cohorts::enrol(
        db,
        &admin,
        cohort.id,
        crate::training::cohorts::Enrol {
            worker_ids: focal_points.clone(),
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("enrolling the demo cohort: {e}"))?;
    // Everyone passes the first modules; half the cohort has finished them all.
    let vc_modules = &programmes[0].1;
    let mut results = Vec::new();
    for (i, worker) in focal_points.iter().enumerate() {
        let done = if i % 2 == 0 {
            vc_modules.len()
        } else {
            vc_modules.len() / 2
        };
        for (code, _, _) in vc_modules.iter().take(done) {
            results.push(crate::training::cohorts::ResultRow {
                worker_id: *worker,
                module_code: code.clone(),
                result: "pass".to_owned(),
                score: Some(60 + (i % 40) as u16),
            });
        }
    }
    let report = crate::training::cohorts::record_results(
        db,
        &admin,
        cohort.id,
        crate::training::cohorts::CohortResults {
            assessed_on: "2026-03-20".to_owned(),
            assessor: "Demo Trainer".to_owned(),
            results,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("recording the demo results: {e}"))?;
    if let Some(p) = report.problems.first() {
        anyhow::bail!(
            "the demo results do not record: row {} {}: {}",
            p.row,
            p.field,
            p.problem
        );
    }
    Ok(())
}
