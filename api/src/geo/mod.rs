//! The 2025 gazetteer, public: provinces, their districts, their communes and villages.

use axum::{Json, extract::State};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::{ApiPath, AppError, AppResult, ErrorBody},
    state::AppState,
    store::{admin_units, villages},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_provinces))
        .routes(routes!(get_unit))
        .routes(routes!(list_districts))
        .routes(routes!(list_communes))
        .routes(routes!(list_villages))
}

#[derive(Serialize, ToSchema)]
pub struct AdminUnit {
    #[schema(example = "0102")]
    pub code: String,
    /// national, province, district, commune or village.
    #[schema(example = "district")]
    pub level: String,
    pub parent_code: Option<String>,
    pub name_km: String,
    pub name_en: String,
}

impl From<admin_units::Model> for AdminUnit {
    fn from(m: admin_units::Model) -> Self {
        AdminUnit {
            code: m.code,
            level: m.level,
            parent_code: m.parent_code,
            name_km: m.name_km,
            name_en: m.name_en,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Village {
    /// Unique id of this village row.
    pub id: i32,
    /// The gazetteer code (`PPDDCCVV`); 26 codes are repeated in the 2025 source.
    #[schema(example = "01020101")]
    pub code: String,
    pub commune_code: String,
    pub name_km: String,
    pub name_en: String,
}

/// Counts of provinces, districts, communes and villages, for the About page and tests.
pub async fn counts(db: &sea_orm::DatabaseConnection) -> Result<[u64; 4], sea_orm::DbErr> {
    let mut out = [0u64; 4];
    for (i, level) in ["province", "district", "commune"].iter().enumerate() {
        out[i] = admin_units::Entity::find()
            .filter(admin_units::Column::Level.eq(*level))
            .count(db)
            .await?;
    }
    out[3] = villages::Entity::find().count(db).await?;
    Ok(out)
}

async fn children(state: &AppState, parent_level: &str, code: &str) -> AppResult<Vec<AdminUnit>> {
    let parent = admin_units::Entity::find_by_id(code.to_owned()).one(&state.db).await?;
    if parent.as_ref().map(|p| p.level.as_str()) != Some(parent_level) {
        return Err(AppError::not_found(parent_level));
    }
    let rows = admin_units::Entity::find()
        .filter(admin_units::Column::ParentCode.eq(code))
        .order_by_asc(admin_units::Column::Code)
        .all(&state.db)
        .await?;
    Ok(rows.into_iter().map(AdminUnit::from).collect())
}

/// The 25 capital and provinces.
#[utoipa::path(get, path = "/api/v1/geo/provinces", tag = "geo", responses((status = 200, body = Vec<AdminUnit>)))]
pub async fn list_provinces(State(state): State<AppState>) -> AppResult<Json<Vec<AdminUnit>>> {
    children(&state, "national", migration::NATIONAL_CODE).await.map(Json)
}

/// One administrative unit by code: the national root `KH`, a province `PP`, a district `PPDD` or a commune `PPDDCC`.
#[utoipa::path(get, path = "/api/v1/geo/units/{code}", tag = "geo",
    params(("code" = String, Path, description = "Gazetteer code")),
    responses((status = 200, body = AdminUnit), (status = 404, body = ErrorBody)))]
pub async fn get_unit(State(state): State<AppState>, ApiPath(code): ApiPath<String>) -> AppResult<Json<AdminUnit>> {
    let unit = admin_units::Entity::find_by_id(code).one(&state.db).await?;
    unit.map(|u| Json(u.into()))
        .ok_or_else(|| AppError::not_found("administrative unit"))
}

/// The municipalities, districts and khans of a province.
#[utoipa::path(get, path = "/api/v1/geo/provinces/{code}/districts", tag = "geo",
    params(("code" = String, Path, description = "Province code, e.g. 01")),
    responses((status = 200, body = Vec<AdminUnit>), (status = 404, body = ErrorBody)))]
pub async fn list_districts(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> AppResult<Json<Vec<AdminUnit>>> {
    children(&state, "province", &code).await.map(Json)
}

/// The communes and sangkats of a district.
#[utoipa::path(get, path = "/api/v1/geo/districts/{code}/communes", tag = "geo",
    params(("code" = String, Path, description = "District code, e.g. 0102")),
    responses((status = 200, body = Vec<AdminUnit>), (status = 404, body = ErrorBody)))]
pub async fn list_communes(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> AppResult<Json<Vec<AdminUnit>>> {
    children(&state, "district", &code).await.map(Json)
}

/// The villages of a commune.
#[utoipa::path(get, path = "/api/v1/geo/communes/{code}/villages", tag = "geo",
    params(("code" = String, Path, description = "Commune code, e.g. 010201")),
    responses((status = 200, body = Vec<Village>), (status = 404, body = ErrorBody)))]
pub async fn list_villages(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> AppResult<Json<Vec<Village>>> {
    let commune = admin_units::Entity::find_by_id(code.clone()).one(&state.db).await?;
    if commune.as_ref().map(|c| c.level.as_str()) != Some("commune") {
        return Err(AppError::not_found("commune"));
    }
    let rows = villages::Entity::find()
        .filter(villages::Column::CommuneCode.eq(code))
        .order_by_asc(villages::Column::Code)
        .order_by_asc(villages::Column::Id)
        .all(&state.db)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|v| Village {
                id: v.id,
                code: v.code,
                commune_code: v.commune_code,
                name_km: v.name_km,
                name_en: v.name_en,
            })
            .collect(),
    ))
}
