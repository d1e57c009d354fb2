//! Reference data, public: the CQF levels, the workforce categories and the delivery modes with
//! their credit rule.

use axum::{Json, extract::State};
use sea_orm::{EntityTrait, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::AppResult,
    state::AppState,
    store::{cqf_levels, delivery_modes, workforce_categories},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cqf_levels))
        .routes(routes!(list_workforce_categories))
        .routes(routes!(list_delivery_modes))
}

#[derive(Serialize, ToSchema)]
pub struct CqfLevel {
    #[schema(example = 1)]
    pub level: i16,
    #[schema(example = "Vocational Certificate")]
    pub title_en: String,
    pub title_km: String,
    pub higher_education_title_en: Option<String>,
    #[schema(example = 30)]
    pub min_credits: i32,
}

#[derive(Serialize, ToSchema)]
pub struct WorkforceCategory {
    #[schema(example = "para_social_worker")]
    pub code: String,
    pub title_en: String,
    pub title_km: String,
    pub certification_sought_en: String,
    pub definition_en: String,
    pub definition_source: String,
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryMode {
    #[schema(example = "instruction")]
    pub code: String,
    pub title_en: String,
    pub title_km: String,
    pub description_en: String,
    /// Hours of this mode that make one credit (15, 30 or 45).
    #[schema(example = 15)]
    pub hours_per_credit: i32,
}

/// The 8 levels of the Cambodia Qualifications Framework and their minimum credits.
#[utoipa::path(get, path = "/api/v1/reference/cqf-levels", tag = "reference",
    responses((status = 200, body = Vec<CqfLevel>)))]
pub async fn list_cqf_levels(State(state): State<AppState>) -> AppResult<Json<Vec<CqfLevel>>> {
    let rows = cqf_levels::Entity::find()
        .order_by_asc(cqf_levels::Column::Level)
        .all(&state.db)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| CqfLevel {
                level: r.level,
                title_en: r.title_en,
                title_km: r.title_km,
                higher_education_title_en: r.higher_education_title_en,
                min_credits: r.min_credits,
            })
            .collect(),
    ))
}

/// The four workforce categories.
#[utoipa::path(get, path = "/api/v1/reference/workforce-categories", tag = "reference",
    responses((status = 200, body = Vec<WorkforceCategory>)))]
pub async fn list_workforce_categories(State(state): State<AppState>) -> AppResult<Json<Vec<WorkforceCategory>>> {
    let rows = workforce_categories::Entity::find()
        .order_by_asc(workforce_categories::Column::Code)
        .all(&state.db)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| WorkforceCategory {
                code: r.code,
                title_en: r.title_en,
                title_km: r.title_km,
                certification_sought_en: r.certification_sought_en,
                definition_en: r.definition_en,
                definition_source: r.definition_source,
            })
            .collect(),
    ))
}

/// The delivery modes and the credit rule: 1 credit = 15 h instruction = 30 h laboratory = 45 h field.
#[utoipa::path(get, path = "/api/v1/reference/delivery-modes", tag = "reference",
    responses((status = 200, body = Vec<DeliveryMode>)))]
pub async fn list_delivery_modes(State(state): State<AppState>) -> AppResult<Json<Vec<DeliveryMode>>> {
    let rows = delivery_modes::Entity::find()
        .order_by_asc(delivery_modes::Column::HoursPerCredit)
        .all(&state.db)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| DeliveryMode {
                code: r.code,
                title_en: r.title_en,
                title_km: r.title_km,
                description_en: r.description_en,
                hours_per_credit: r.hours_per_credit,
            })
            .collect(),
    ))
}
