//! The planner's pages: the dashboard (an indicator by admin unit, as a table and a chart, with
//! drill-down and exports) and the plan's targets against what is achieved. Aggregates only.

use axum::{
    Router,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use axum_extra::extract::CookieJar;
use chrono::Datelike;
use domain::planning::{AdminLevel, Indicator};
use sea_orm::EntityTrait;
use serde::Deserialize;
use web::{
    Lang,
    planning::{DashboardPage, IndicatorRowView, PlanningTargetsPage, TargetRowView},
};

use super::pages::{error_page, lang_of, render, shell};
use crate::{
    auth::CurrentUser,
    error::AppError,
    planning::{self, stats},
    state::AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/planning", get(dashboard))
        .route("/planning/targets", get(targets))
}

#[derive(Deserialize)]
struct DashboardQuery {
    indicator: Option<String>,
    level: Option<String>,
    year: Option<i32>,
    parent: Option<String>,
}

fn years(current: i32) -> Vec<i32> {
    (2021..=current.max(2021)).rev().collect()
}

async fn dashboard(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    Query(q): Query<DashboardQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/planning").into_response();
    };
    let result = async {
        planning::check_read(&user)?;
        let this_year = crate::certificates::issue::cambodia_today().year();
        let indicator = q
            .indicator
            .as_deref()
            .and_then(|i| i.parse::<Indicator>().ok())
            .unwrap_or(Indicator::WorkforceCount);
        let mut level = q
            .level
            .as_deref()
            .and_then(|l| l.parse::<AdminLevel>().ok())
            .unwrap_or(AdminLevel::Province);
        let finest = indicator.finest_level();
        if level.code_digits().unwrap_or(0) > finest.code_digits().unwrap_or(0) {
            level = finest;
        }
        let year = q.year.filter(|y| (2000..=2100).contains(y)).unwrap_or(this_year);
        // A parent counts only when it lies above the level asked for.
        let parent = q
            .parent
            .as_deref()
            .and_then(|p| domain::planning::parse_admin_code("parent", p).ok())
            .filter(|p| p.len() < level.code_digits().unwrap_or(0));
        let query = stats::StatsQuery {
            indicator,
            level,
            year,
            as_of: planning::as_of_for(year),
            parent: parent.clone(),
            breakdown: None,
        };
        let stats::Computed {
            units,
            rows,
            computed_at,
        } = stats::compute(
            &state.db,
            &state.planning,
            state.config.planning_refresh_seconds,
            &query,
        )
        .await?;
        let name = |code: &str| {
            units
                .iter()
                .find(|u| u.code == code)
                .map(|u| {
                    if lang == Lang::En {
                        u.name_en.clone()
                    } else {
                        u.name_km.clone()
                    }
                })
                .unwrap_or_else(|| code.to_owned())
        };
        // The breadcrumb: the country, then each unit above the parent, then the parent.
        let mut breadcrumb = vec![(
            web::planning::level_label(lang, "national"),
            web::planning::dashboard_href(indicator.code(), "province", year, None),
        )];
        let mut place = None;
        if let Some(p) = &parent {
            let mut codes = Vec::new();
            let mut code = p.clone();
            loop {
                codes.push(code.clone());
                match domain::planning::parent_code(&code) {
                    Some(up) if up != "KH" => code = up,
                    _ => break,
                }
            }
            codes.reverse();
            for c in codes {
                let unit = crate::store::admin_units::Entity::find_by_id(c.clone())
                    .one(&state.db)
                    .await?;
                let label = unit
                    .map(|u| if lang == Lang::En { u.name_en } else { u.name_km })
                    .unwrap_or_else(|| c.clone());
                let child = AdminLevel::of_code(&c)
                    .and_then(AdminLevel::child)
                    .unwrap_or(AdminLevel::Commune);
                breadcrumb.push((
                    label.clone(),
                    web::planning::dashboard_href(indicator.code(), child.code(), year, Some(&c)),
                ));
                place = Some(label);
            }
        }
        let export = |format: &str| {
            let mut href = format!(
                "/api/v1/stats/{}?level={}&year={year}&format={format}",
                indicator.code(),
                level.code()
            );
            if let Some(p) = &parent {
                href.push_str(&format!("&parent={p}"));
            }
            href
        };
        let can_drill = level.code_digits().unwrap_or(0) < finest.code_digits().unwrap_or(0);
        Ok::<_, AppError>(DashboardPage {
            shell: shell(&state, lang, Some(&user), "/planning").await,
            indicators: web::planning::indicator_choices(lang, indicator),
            levels: web::planning::level_choices(lang, indicator, level),
            years: web::planning::year_choices(lang, years(this_year), year),
            parent: parent.clone(),
            as_of: query.as_of.to_string(),
            // Cambodia's time (UTC+7, no daylight saving).
            computed_at: (computed_at + chrono::Duration::hours(7)).format("%H:%M").to_string(),
            title: web::planning::dashboard_title(lang, indicator, place.as_deref(), year),
            unit: indicator.unit().code().to_owned(),
            rows: rows
                .iter()
                .map(|r| {
                    let href = if can_drill {
                        web::planning::drill_down_href(indicator, &r.admin_code, year)
                    } else {
                        None
                    };
                    IndicatorRowView::from_statistic(r, name(&r.admin_code), href)
                })
                .collect(),
            breadcrumb,
            stale_after_years: domain::planning::DEFAULT_STALE_AFTER_YEARS,
            csv_href: export("csv"),
            dhis2_href: export("dhis2"),
            note: None,
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/planning"),
    }
}

#[derive(Deserialize)]
struct TargetsQuery {
    year: Option<i32>,
}

async fn targets(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    Query(q): Query<TargetsQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/planning/targets").into_response();
    };
    let result = async {
        let this_year = crate::certificates::issue::cambodia_today().year();
        let year = q.year.filter(|y| (2000..=2100).contains(y)).unwrap_or(this_year);
        let progress = planning::target_progress(&state.db, &user, year).await?;
        let mut rows = Vec::new();
        for p in &progress {
            let t = &p.target;
            let target = domain::planning::PlanTarget {
                certification: t.certification.clone(),
                cqf_level: t.cqf_level.and_then(|l| u8::try_from(l).ok()),
                workforce_category: t.workforce_category.parse().map_err(AppError::internal)?,
                target_group: t.target_group.clone(),
                organization_level: t.organization_level.parse().map_err(AppError::internal)?,
                trainees: t.trainees.max(0) as u64,
                credits_or_duration: t.credits_or_duration.clone(),
                source_note: t.source_note.clone(),
            };
            let mut row = TargetRowView::new(lang, &target, p.trained, p.certified);
            row.percent = p.percent.clone();
            rows.push(row);
        }
        Ok::<_, AppError>(PlanningTargetsPage {
            shell: shell(&state, lang, Some(&user), "/planning/targets").await,
            years: web::planning::year_choices(lang, years(this_year), year),
            rows,
            csv_href: format!("/api/v1/stats/certified?level=national&year={year}&format=csv"),
            note: None,
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/planning/targets"),
    }
}
