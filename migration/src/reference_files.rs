//! The reference files shipped with the product, embedded at compile time.
//!
//! The gazetteer is the 2025 list of Cambodia's administrative divisions published by the General
//! Directorate of Digital Economy (GDDE), Ministry of Economy and Finance, under the Data EF Terms
//! of Use, which require attribution: see `migration/data/gazetteer/NOTICE.md`.

pub const GAZETTEER_NOTICE: &str = include_str!("../data/gazetteer/NOTICE.md");
pub const PROVINCES_CSV: &str = include_str!("../data/gazetteer/CambodiaProvinceList2025.csv");
pub const DISTRICTS_CSV: &str = include_str!("../data/gazetteer/CambodiaDistrictList2025.csv");
pub const COMMUNES_CSV: &str = include_str!("../data/gazetteer/CambodiaCommuneList2025.csv");
pub const VILLAGES_CSV: &str = include_str!("../data/gazetteer/CambodiaVillagesList2025.csv");
pub const CQF_LEVELS_CSV: &str = include_str!("../data/reference/cqf_levels.csv");
pub const DELIVERY_MODES_CSV: &str = include_str!("../data/reference/delivery_modes.csv");
pub const WORKFORCE_CATEGORIES_CSV: &str = include_str!("../data/reference/workforce_categories.csv");
pub const TRAINING_TARGETS_CSV: &str = include_str!("../data/reference/training_targets_2021_2025.csv");
pub const WORKFORCE_BASELINE_CSV: &str = include_str!("../data/reference/workforce_baseline.csv");
