//! Reference data shipped with the product: the CQF levels and their minimum credits, the credit
//! rule of each delivery mode, the workforce categories, and the 2025 gazetteer (a national root,
//! 25 provinces, 210 districts and 1,661 communes as administrative units, and 14,576 villages).
//!
//! The English facts come from the files under `migration/data`; the Khmer titles are ours and
//! are data an administrator can correct later.

use crate::reference_files::*;
use sea_orm_migration::prelude::*;
use serde::Deserialize;

use crate::m20261121_000001_foundation::{AdminUnits, CqfLevels, DeliveryModes, Villages, WorkforceCategories};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The code of the national root of the administrative hierarchy.
pub const NATIONAL_CODE: &str = "KH";

/// Rows per INSERT: keeps every statement well under SQLite's and PostgreSQL's bind limits.
const BATCH_ROWS: usize = 1000;

fn parse<T: for<'de> Deserialize<'de>>(name: &str, data: &str) -> Result<Vec<T>, DbErr> {
    csv::Reader::from_reader(data.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| DbErr::Migration(format!("reference file {name}: {e}")))
}

#[derive(Deserialize)]
struct CqfLevelRow {
    level: i16,
    tvet_qualification_en: String,
    higher_education_qualification_en: Option<String>,
    min_credits: i32,
}

fn cqf_title_km(level: i16) -> &'static str {
    match level {
        1 => "វិញ្ញាបនបត្រវិជ្ជាជីវៈ",
        2 => "វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ១",
        3 => "វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ២",
        4 => "វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ៣",
        5 => "សញ្ញាបត្រជាន់ខ្ពស់បច្ចេកទេស / បរិញ្ញាបត្ររង",
        6 => "បរិញ្ញាបត្របច្ចេកវិទ្យា / បរិញ្ញាបត្រ",
        7 => "អនុបណ្ឌិត",
        _ => "បណ្ឌិត",
    }
}

#[derive(Deserialize)]
struct DeliveryModeRow {
    mode: String,
    description: String,
    hours_per_credit: i32,
}

fn delivery_mode_titles(code: &str) -> (&'static str, &'static str) {
    match code {
        "instruction" => ("Instruction", "ការបង្រៀន"),
        "laboratory" => ("Laboratory or workshop", "មន្ទីរពិសោធន៍ ឬសិក្ខាសាលា"),
        _ => ("Field work or internship", "ការងារវាល ឬកម្មសិក្សា"),
    }
}

#[derive(Deserialize)]
struct CategoryRow {
    code: String,
    name_en: String,
    certification_level_sought: String,
    definition_source: String,
    definition: String,
}

fn category_title_km(code: &str) -> &'static str {
    match code {
        "professional_social_worker" => "អ្នកសង្គមកិច្ចវិជ្ជាជីវៈ",
        "para_professional" => "អ្នកសង្គមកិច្ចពាក់កណ្ដាលវិជ្ជាជីវៈ",
        "para_social_worker" => "ជំនួយការសង្គមកិច្ច",
        _ => "បុគ្គលិកពាក់ព័ន្ធ",
    }
}

#[derive(Deserialize)]
struct ProvinceRow {
    province_code: String,
    province_kh: String,
    province_en: String,
}

#[derive(Deserialize)]
struct DistrictRow {
    province_code: String,
    district_code: String,
    district_kh: String,
    district_en: String,
}

#[derive(Deserialize)]
struct CommuneRow {
    province_code: String,
    district_code: String,
    commune_code: String,
    commune_kh: String,
    commune_en: String,
}

#[derive(Deserialize)]
struct VillageRow {
    province_code: String,
    commune_code: String,
    village_code: String,
    village_kh: String,
    village_en: String,
}

struct UnitRow {
    code: String,
    level: &'static str,
    parent: Option<String>,
    province: Option<String>,
    name_km: String,
    name_en: String,
}

async fn insert_units(manager: &SchemaManager<'_>, rows: Vec<UnitRow>) -> Result<(), DbErr> {
    for chunk in rows.chunks(BATCH_ROWS) {
        let mut insert = Query::insert()
            .into_table(AdminUnits::Table)
            .columns([
                AdminUnits::Code,
                AdminUnits::Level,
                AdminUnits::ParentCode,
                AdminUnits::ProvinceCode,
                AdminUnits::NameKm,
                AdminUnits::NameEn,
            ])
            .to_owned();
        for r in chunk {
            insert.values_panic([
                r.code.clone().into(),
                r.level.into(),
                r.parent.clone().into(),
                r.province.clone().into(),
                r.name_km.clone().into(),
                r.name_en.clone().into(),
            ]);
        }
        manager.exec_stmt(insert).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut insert = Query::insert()
            .into_table(CqfLevels::Table)
            .columns([
                CqfLevels::Level,
                CqfLevels::TitleEn,
                CqfLevels::TitleKm,
                CqfLevels::HigherEducationTitleEn,
                CqfLevels::MinCredits,
            ])
            .to_owned();
        for r in parse::<CqfLevelRow>("cqf_levels.csv", CQF_LEVELS_CSV)? {
            insert.values_panic([
                r.level.into(),
                r.tvet_qualification_en.into(),
                cqf_title_km(r.level).into(),
                r.higher_education_qualification_en.filter(|s| !s.is_empty()).into(),
                r.min_credits.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert()
            .into_table(DeliveryModes::Table)
            .columns([
                DeliveryModes::Code,
                DeliveryModes::TitleEn,
                DeliveryModes::TitleKm,
                DeliveryModes::DescriptionEn,
                DeliveryModes::HoursPerCredit,
            ])
            .to_owned();
        for r in parse::<DeliveryModeRow>("delivery_modes.csv", DELIVERY_MODES_CSV)? {
            let (en, km) = delivery_mode_titles(&r.mode);
            insert.values_panic([
                r.mode.into(),
                en.into(),
                km.into(),
                r.description.into(),
                r.hours_per_credit.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert()
            .into_table(WorkforceCategories::Table)
            .columns([
                WorkforceCategories::Code,
                WorkforceCategories::TitleEn,
                WorkforceCategories::TitleKm,
                WorkforceCategories::CertificationSoughtEn,
                WorkforceCategories::DefinitionEn,
                WorkforceCategories::DefinitionSource,
            ])
            .to_owned();
        for r in parse::<CategoryRow>("workforce_categories.csv", WORKFORCE_CATEGORIES_CSV)? {
            let km = category_title_km(&r.code);
            insert.values_panic([
                r.code.into(),
                r.name_en.into(),
                km.into(),
                r.certification_level_sought.into(),
                r.definition.into(),
                r.definition_source.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        let mut units = vec![UnitRow {
            code: NATIONAL_CODE.into(),
            level: "national",
            parent: None,
            province: None,
            name_km: "ព្រះរាជាណាចក្រកម្ពុជា".into(),
            name_en: "Kingdom of Cambodia".into(),
        }];
        units.extend(
            parse::<ProvinceRow>("provinces", PROVINCES_CSV)?
                .into_iter()
                .map(|r| UnitRow {
                    province: Some(r.province_code.clone()),
                    code: r.province_code,
                    level: "province",
                    parent: Some(NATIONAL_CODE.into()),
                    name_km: r.province_kh,
                    name_en: r.province_en,
                }),
        );
        units.extend(
            parse::<DistrictRow>("districts", DISTRICTS_CSV)?
                .into_iter()
                .map(|r| UnitRow {
                    code: r.district_code,
                    level: "district",
                    parent: Some(r.province_code.clone()),
                    province: Some(r.province_code),
                    name_km: r.district_kh,
                    name_en: r.district_en,
                }),
        );
        units.extend(
            parse::<CommuneRow>("communes", COMMUNES_CSV)?
                .into_iter()
                .map(|r| UnitRow {
                    code: r.commune_code,
                    level: "commune",
                    parent: Some(r.district_code),
                    province: Some(r.province_code),
                    name_km: r.commune_kh,
                    name_en: r.commune_en,
                }),
        );
        insert_units(manager, units).await?;
        let villages = parse::<VillageRow>("villages", VILLAGES_CSV)?;
        for chunk in villages.chunks(BATCH_ROWS) {
            let mut insert = Query::insert()
                .into_table(Villages::Table)
                .columns([
                    Villages::Code,
                    Villages::CommuneCode,
                    Villages::ProvinceCode,
                    Villages::NameKm,
                    Villages::NameEn,
                ])
                .to_owned();
            for r in chunk {
                insert.values_panic([
                    r.village_code.clone().into(),
                    r.commune_code.clone().into(),
                    r.province_code.clone().into(),
                    r.village_kh.clone().into(),
                    r.village_en.clone().into(),
                ]);
            }
            manager.exec_stmt(insert).await?;
        }
        Ok(())
    }
}
