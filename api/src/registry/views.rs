//! What the registry's API returns: response types of its own, never rows.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::store::{deployments, worker_categories, workers};

#[derive(Debug, Serialize, ToSchema)]
pub struct NameParts {
    pub family_name_km: Option<String>,
    pub given_name_km: Option<String>,
    pub family_name_latin: Option<String>,
    pub given_name_latin: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Worker {
    pub id: Uuid,
    #[schema(example = "KL-0000001-8")]
    pub registry_number: String,
    pub national_id: Option<String>,
    pub name: NameParts,
    /// Khmer then Latin, for display.
    pub display_name: String,
    /// female or male.
    pub sex: String,
    pub birth_date: NaiveDate,
    /// E.164, e.g. +85512345678.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The current workforce category.
    #[schema(example = "para_social_worker")]
    pub category: String,
    /// active, inactive, left_workforce or deceased.
    pub status: String,
    pub registered_by_organization_id: Option<Uuid>,
    /// Set when this record was merged into another (the survivor).
    pub merged_into: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send it back with an edit: a stale version is refused with 409.
    pub version: i32,
}

pub fn display_name(w: &workers::Model) -> String {
    let km = match (&w.family_name_km, &w.given_name_km) {
        (Some(f), Some(g)) => Some(format!("{f} {g}")),
        _ => None,
    };
    let latin = match (&w.family_name_latin, &w.given_name_latin) {
        (Some(f), Some(g)) => Some(format!("{f} {g}")),
        _ => None,
    };
    match (km, latin) {
        (Some(k), Some(l)) => format!("{k} ({l})"),
        (Some(k), None) => k,
        (None, Some(l)) => l,
        (None, None) => w.registry_number.clone(),
    }
}

impl From<workers::Model> for Worker {
    fn from(w: workers::Model) -> Self {
        Worker {
            display_name: display_name(&w),
            id: w.id,
            registry_number: w.registry_number,
            national_id: w.national_id,
            name: NameParts {
                family_name_km: w.family_name_km,
                given_name_km: w.given_name_km,
                family_name_latin: w.family_name_latin,
                given_name_latin: w.given_name_latin,
            },
            sex: w.sex,
            birth_date: w.birth_date,
            phone: w.phone,
            email: w.email,
            category: w.category,
            status: w.status,
            registered_by_organization_id: w.registered_by_organization_id,
            merged_into: w.merged_into,
            created_at: w.created_at,
            updated_at: w.updated_at,
            version: w.version,
        }
    }
}

/// What anyone signed in may see of any worker: no contact details, no birth date.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkerSummary {
    pub id: Uuid,
    pub registry_number: String,
    pub name: NameParts,
    pub display_name: String,
    pub category: String,
    pub status: String,
    /// Certificates held (filled by the certificates capability).
    pub certificates: Vec<String>,
    /// Licences held (filled by the licensing capability).
    pub licences: Vec<String>,
}

impl From<workers::Model> for WorkerSummary {
    fn from(w: workers::Model) -> Self {
        WorkerSummary {
            display_name: display_name(&w),
            id: w.id,
            registry_number: w.registry_number,
            name: NameParts {
                family_name_km: w.family_name_km,
                given_name_km: w.given_name_km,
                family_name_latin: w.family_name_latin,
                given_name_latin: w.given_name_latin,
            },
            category: w.category,
            status: w.status,
            certificates: Vec::new(),
            licences: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategorySpan {
    pub category: String,
    pub effective_from: NaiveDate,
    /// The last day, when a later category replaced it.
    pub effective_to: Option<NaiveDate>,
    pub reason: Option<String>,
}

impl From<worker_categories::Model> for CategorySpan {
    fn from(c: worker_categories::Model) -> Self {
        CategorySpan {
            category: c.category,
            effective_from: c.effective_from,
            effective_to: c.effective_to,
            reason: c.reason,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Deployment {
    pub id: Uuid,
    pub worker_id: Uuid,
    pub organization_id: Uuid,
    /// The gazetteer code of the duty station (province, district or commune).
    pub duty_station_code: String,
    pub position_title: Option<String>,
    /// A child-protection focal point (e.g. of a CCWC).
    pub is_focal_point: bool,
    /// civil_servant, contract or volunteer.
    pub employment_type: String,
    pub is_primary: bool,
    pub start_date: NaiveDate,
    /// The last day of the posting; absent while it lasts.
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
    pub version: i32,
}

impl From<deployments::Model> for Deployment {
    fn from(d: deployments::Model) -> Self {
        Deployment {
            id: d.id,
            worker_id: d.worker_id,
            organization_id: d.organization_id,
            duty_station_code: d.duty_station_code,
            position_title: d.position_title,
            is_focal_point: d.is_focal_point,
            employment_type: d.employment_type,
            is_primary: d.is_primary,
            start_date: d.start_date,
            end_date: d.end_date,
            end_reason: d.end_reason,
            version: d.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkerProfile {
    pub worker: Worker,
    pub categories: Vec<CategorySpan>,
    /// Postings of this record and of any record merged into it, newest first.
    pub deployments: Vec<Deployment>,
    /// Open flags of likely duplicates.
    pub possible_duplicates: Vec<DuplicateCandidate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateCandidate {
    /// The flag, to dismiss it or merge.
    pub flag_id: Uuid,
    pub worker_id: Uuid,
    pub registry_number: String,
    pub display_name: String,
    pub birth_date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedWorker {
    pub worker: Worker,
    pub deployment: Option<Deployment>,
    /// Records that look like the same person (same birth date, similar name): flagged for review.
    pub possible_duplicates: Vec<DuplicateCandidate>,
}
