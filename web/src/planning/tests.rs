use domain::WorkforceCategory;
use domain::planning::{Denominator, OrganizationLevel, PlanTarget};

use super::*;
use crate::pages::tests::{assert_layout, signed_in};

/// Catalogue keys must never reach the page: a missing message would show as its key.
fn assert_translated(html: &str) {
    for prefix in [">planning-", "\"planning-col", "\"planning-targets-col", ">level-"] {
        assert!(!html.contains(prefix), "untranslated {prefix}");
    }
}

/// The start tag of the element with id `id`.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let needle = format!("id=\"{id}\"");
    let at = html.find(&needle).unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').expect("tag opens");
    let end = at + html[at..].find('>').expect("tag closes");
    &html[start..=end]
}

/// The markup from the start tag of `#id` to the end of its row or element `close`.
fn element<'a>(html: &'a str, id: &str, close: &str) -> &'a str {
    let start = html.find(tag_with_id(html, id)).unwrap();
    let end = start + html[start..].find(close).expect("element closes") + close.len();
    &html[start..end]
}

/// Checks the SVG without a parser: its elements open and close in equal numbers, `<rect>` and
/// `<path>` close themselves, every numeric attribute is a plain number (or a percentage), and no
/// `NaN`, infinity or script shows anywhere.
fn assert_well_formed_svg(svg: &str) {
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
    assert_eq!(svg.matches("<svg").count(), 1);
    for name in ["svg", "g", "text", "title", "desc"] {
        let opened = svg.matches(&format!("<{name}>")).count() + svg.matches(&format!("<{name} ")).count();
        let closed = svg.matches(&format!("</{name}>")).count();
        assert_eq!(opened, closed, "<{name}> opened {opened} times, closed {closed}");
    }
    for name in ["<rect ", "<path "] {
        for (at, _) in svg.match_indices(name) {
            let end = svg[at..].find('>').expect("tag closes");
            assert!(svg[at..at + end].ends_with('/'), "{name} closes itself");
        }
    }
    for attribute in ["x", "y", "width", "height", "font-size"] {
        let needle = format!(" {attribute}=\"");
        for (at, _) in svg.match_indices(&needle) {
            let value: String = svg[at + needle.len()..].chars().take_while(|c| *c != '"').collect();
            let number = value.strip_suffix('%').unwrap_or(&value);
            assert!(
                !number.is_empty()
                    && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && number.parse::<f64>().is_ok(),
                "{attribute}={value:?}"
            );
        }
    }
    let lower = svg.to_ascii_lowercase();
    assert!(!svg.contains("NaN") && !lower.contains("inf\"") && !lower.contains("infinity"));
    assert!(!lower.contains("<script"));
}

fn province(code: &str, name: &str, count: u64, denominator: Option<Denominator>) -> IndicatorRowView {
    let row = StatisticRow::rate(Indicator::WorkersPer100kChildren, code, 2025, count, denominator, 5);
    IndicatorRowView::from_statistic(
        &row,
        name,
        drill_down_href(Indicator::WorkersPer100kChildren, code, 2025),
    )
}

fn rate_rows() -> Vec<IndicatorRowView> {
    vec![
        province(
            "12",
            "Phnom Penh",
            420,
            Some(Denominator {
                year: 2024,
                count: 700_000,
            }),
        ),
        province(
            "08",
            "Kandal",
            150,
            Some(Denominator {
                year: 2019,
                count: 450_000,
            }),
        ),
        province("17", "Siem Reap", 90, None),
        province("24", "Pailin", 3, Some(Denominator { year: 2024, count: 0 })),
    ]
}

fn dashboard(lang: Lang, unit: IndicatorUnit, rows: Vec<IndicatorRowView>) -> DashboardPage {
    let indicator = match unit {
        IndicatorUnit::Per100k => Indicator::WorkersPer100kChildren,
        IndicatorUnit::Percent => Indicator::CcwcCoverage,
        IndicatorUnit::Count => Indicator::WorkforceCount,
    };
    DashboardPage {
        shell: signed_in(
            lang,
            "planner",
            "/planning?indicator=workers_per_100k_children&level=province&year=2025",
        ),
        indicators: indicator_choices(lang, indicator),
        levels: level_choices(lang, indicator, AdminLevel::Province),
        years: year_choices(lang, (2021..=2025).rev(), 2025),
        parent: None,
        as_of: "2025-06-30".to_owned(),
        computed_at: "10:45".to_owned(),
        breadcrumb: vec![(
            i18n::t(lang, "planning-level-national"),
            dashboard_href(indicator.code(), "province", 2025, None),
        )],
        title: dashboard_title(lang, indicator, None, 2025),
        unit: unit.code().to_owned(),
        rows,
        stale_after_years: 5,
        csv_href: "/api/v1/statistics.csv?indicator=workers_per_100k_children&level=province&year=2025".to_owned(),
        dhis2_href: "/api/v1/statistics/dhis2.json?year=2025".to_owned(),
        note: None,
    }
}

#[test]
fn the_dashboard_renders_in_both_languages_with_its_form() {
    for lang in Lang::ALL {
        let html = dashboard(lang, IndicatorUnit::Per100k, rate_rows()).render().unwrap();
        assert_layout(&html, lang);
        assert_translated(&html);
        let form = tag_with_id(&html, "planning-form");
        assert!(form.contains("method=\"get\"") && form.contains("action=\"/planning\""));
        assert!(tag_with_id(&html, "planning-indicator").contains("name=\"indicator\""));
        assert!(tag_with_id(&html, "planning-level").contains("name=\"level\""));
        assert!(tag_with_id(&html, "planning-year").contains("name=\"year\""));
        assert!(tag_with_id(&html, "planning-submit").contains("type=\"submit\""));
        assert!(html.contains("<option value=\"workers_per_100k_children\" selected>"));
        assert!(html.contains("<option value=\"province\" selected>"));
        assert!(!html.contains("name=\"parent\""), "no parent before drilling down");
        assert!(tag_with_id(&html, "planning-table").contains("class=\"table stack tight\""));
        assert!(tag_with_id(&html, "planning-csv").contains(
            "href=\"/api/v1/statistics.csv?indicator=workers_per_100k_children&#38;level=province&#38;year=2025\""
        ));
        assert!(tag_with_id(&html, "planning-dhis2").contains("/api/v1/statistics/dhis2.json?year=2025"));
        assert!(html.contains("id=\"planning-chart\""));
        assert_eq!(html.matches("<tr id=\"unit-").count(), 4);
    }
    let en = dashboard(Lang::En, IndicatorUnit::Per100k, rate_rows())
        .render()
        .unwrap();
    assert!(en.contains("<h1 id=\"planning-title\">Workers per 100,000 children · 2025</h1>"));
    assert!(en.contains("Figures as of 30 June 2025."));
    assert!(en.contains(">Children aged 0-17</th>"));
    let km = dashboard(Lang::Km, IndicatorUnit::Per100k, rate_rows())
        .render()
        .unwrap();
    assert!(km.contains("<option value=\"2025\" selected>២០២៥</option>"));
    assert!(km.contains("៣០ មិថុនា ២០២៥"));
}

#[test]
fn rates_show_their_figures_and_drill_down() {
    let html = dashboard(Lang::En, IndicatorUnit::Per100k, rate_rows())
        .render()
        .unwrap();
    let phnom_penh = element(&html, "unit-12", "</tr>");
    assert!(!phnom_penh.contains("data-flag"));
    assert!(phnom_penh.contains(
        "<a href=\"/planning?indicator=workers_per_100k_children&#38;level=district&#38;year=2025&#38;parent=12\">Phnom Penh</a>"
    ));
    assert!(phnom_penh.contains(">420</td>"));
    assert!(phnom_penh.contains(">700,000</td>"));
    assert!(phnom_penh.contains(">2024</td>"));
    assert!(phnom_penh.contains("<strong>60.0</strong>"));

    let km = dashboard(Lang::Km, IndicatorUnit::Per100k, rate_rows())
        .render()
        .unwrap();
    let phnom_penh = element(&km, "unit-12", "</tr>");
    assert!(phnom_penh.contains(">៧០០.០០០</td>"));
    assert!(phnom_penh.contains("<strong>៦០,០</strong>"));
}

#[test]
fn flagged_rows_show_a_marker_and_the_legend_explains_it() {
    let html = dashboard(Lang::En, IndicatorUnit::Per100k, rate_rows())
        .render()
        .unwrap();
    let kandal = element(&html, "unit-08", "</tr>");
    assert!(kandal.contains("data-flag=\"stale\""));
    assert!(
        kandal.contains("<strong>33.3</strong>"),
        "a stale rate is still shown: {kandal}"
    );
    assert!(kandal.contains("<span class=\"tag flag-stale\">Figure from 2019</span>"));
    let siem_reap = element(&html, "unit-17", "</tr>");
    assert!(siem_reap.contains("data-flag=\"missing\""));
    assert!(siem_reap.contains("<span class=\"tag flag-missing\">No population figure</span>"));
    assert!(!siem_reap.contains("<strong>"), "no value, never a zero: {siem_reap}");
    assert!(siem_reap.contains("class=\"num\">—</td>"), "empty cells show a dash");
    let pailin = element(&html, "unit-24", "</tr>");
    assert!(pailin.contains("<span class=\"tag flag-zero\">Population figure is zero</span>"));
    assert!(pailin.contains(">2024</td>"));

    let legend = element(&html, "planning-legend", "</dl>");
    assert!(legend.contains("Population figure from 2019, more than 5 years old"));
    assert!(legend.contains("There is no population figure for this unit"));
    assert!(legend.contains("The population figure of this unit is zero"));
    assert_eq!(legend.matches("<dt>").count(), 3);

    let km = dashboard(Lang::Km, IndicatorUnit::Per100k, rate_rows())
        .render()
        .unwrap();
    assert!(element(&km, "unit-08", "</tr>").contains("តួលេខឆ្នាំ ២០១៩"));
    assert!(element(&km, "planning-legend", "</dl>").contains("លើសពី ៥ ឆ្នាំ"));

    let clean = dashboard(Lang::En, IndicatorUnit::Per100k, rate_rows()[..1].to_vec())
        .render()
        .unwrap();
    assert!(!clean.contains("planning-legend"));
}

#[test]
fn counts_and_shares_have_their_own_columns() {
    let count_rows = vec![IndicatorRowView::from_statistic(
        &StatisticRow::count(Indicator::WorkforceCount, "KH", 2025, 4252),
        "Cambodia",
        None,
    )];
    let html = dashboard(Lang::En, IndicatorUnit::Count, count_rows).render().unwrap();
    let row = element(&html, "unit-KH", "</tr>");
    assert!(row.contains("<th scope=\"row\">Cambodia</th>"));
    assert!(row.contains("<strong>4,252</strong>"));
    assert!(!html.contains(">Per 100,000</th>"));

    let share = StatisticRow::share(Indicator::CcwcCoverage, "1201", 2025, 3, 8);
    let rows = vec![IndicatorRowView::from_statistic(&share, "Chamkar Mon", None)];
    for lang in Lang::ALL {
        let html = dashboard(lang, IndicatorUnit::Percent, rows.clone()).render().unwrap();
        assert_layout(&html, lang);
        assert_translated(&html);
        let row = element(&html, "unit-1201", "</tr>");
        let expected = match lang {
            Lang::En => "<strong>37.5%</strong>",
            Lang::Km => "<strong>៣៧,៥%</strong>",
        };
        assert!(row.contains(expected), "{row}");
        // CCWC coverage goes down to districts, not communes.
        assert!(!html.contains("<option value=\"commune\""));
    }
}

#[test]
fn a_drilled_down_dashboard_keeps_its_parent_and_shows_where_it_is() {
    let mut page = dashboard(Lang::En, IndicatorUnit::Count, Vec::new());
    page.parent = Some("12".to_owned());
    page.breadcrumb.push((
        "Phnom Penh".to_owned(),
        dashboard_href("workforce_count", "district", 2025, Some("12")),
    ));
    page.note = Some("Figures of the districts of Phnom Penh.".to_owned());
    let html = page.render().unwrap();
    assert!(html.contains("<input type=\"hidden\" name=\"parent\" value=\"12\">"));
    let crumbs = element(&html, "planning-breadcrumb", "</nav>");
    assert!(crumbs.contains(
        "<li><a href=\"/planning?indicator=workforce_count&#38;level=province&#38;year=2025\">Whole country</a></li>"
    ));
    assert!(crumbs.contains("<li><span aria-current=\"page\">Phnom Penh</span></li>"));
    assert!(html.contains("id=\"planning-none\""));
    assert!(html.contains("<p id=\"planning-note\" class=\"notice\">Figures of the districts of Phnom Penh.</p>"));
    assert!(!html.contains("<svg"));
}

#[test]
fn too_many_rows_make_no_chart() {
    let rows: Vec<IndicatorRowView> = (0..=MAX_CHART_BARS)
        .map(|i| {
            IndicatorRowView::from_statistic(
                &StatisticRow::count(Indicator::WorkforceCount, format!("{:06}", 10101 + i), 2025, i as u64),
                format!("Commune {i}"),
                None,
            )
        })
        .collect();
    let html = dashboard(Lang::En, IndicatorUnit::Count, rows).render().unwrap();
    assert!(html.contains("id=\"planning-chart-too-many\""));
    assert!(!html.contains("<svg"));
}

#[test]
fn labels_are_escaped_in_the_page_and_the_chart() {
    let mut rows = rate_rows();
    rows[0].name = "<script>alert(1)</script> & \"Co\"".to_owned();
    let html = dashboard(Lang::En, IndicatorUnit::Per100k, rows).render().unwrap();
    assert!(!html.contains("<script>"));
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Co&#34;"),
        "the table's name"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"),
        "the chart's label"
    );
    assert_layout(&html, Lang::En);
}

#[test]
fn the_chart_is_accessible_well_formed_and_escaped() {
    let rows = vec![
        ("Phnom Penh".to_owned(), Some("60.0".to_owned())),
        ("Kandal".to_owned(), Some("30".to_owned())),
        ("<script>alert('x')</script>".to_owned(), Some("0".to_owned())),
        ("Siem Reap & Oddar Meanchey".to_owned(), None),
        ("Broken".to_owned(), Some("-5".to_owned())),
    ];
    let svg = bar_chart_svg(Lang::En, "Workers <per> 100,000", &rows, "per_100k");
    assert_well_formed_svg(&svg);
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("width=\"100%\""));
    assert!(svg.contains("<title>Workers &lt;per&gt; 100,000</title>"));
    assert!(svg.contains("<desc>Bar chart, one bar per unit: Phnom Penh: 60.0; Kandal: 30; "));
    assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(!svg.contains("<script"));
    assert!(svg.contains("Siem Reap &amp; Oddar Meanchey"));
    // The largest bar spans 68% of the width, the others in proportion; zero has no length.
    assert!(svg.contains("width=\"68.0%\""));
    assert!(svg.contains("width=\"34.0%\""));
    assert!(svg.contains("width=\"0.0%\""));
    // No figure and a value that is not a number: an empty hatched box and "no figure".
    assert_eq!(svg.matches("stroke-dasharray").count(), 2);
    assert_eq!(svg.matches(">no figure</text>").count(), 2);
    assert_eq!(svg.matches("<g>").count(), 5);

    let km = bar_chart_svg(
        Lang::Km,
        "ភាគរយ",
        &[("ភ្នំពេញ".to_owned(), Some("1240.5".to_owned()))],
        "percent",
    );
    assert_well_formed_svg(&km);
    assert!(km.contains(">១.២៤០,៥%</text>"), "{km}");
    assert!(!km.contains("1240"));

    let empty = bar_chart_svg(Lang::En, "Nothing", &[], "count");
    assert_well_formed_svg(&empty);
    assert!(empty.contains("There is no figure to draw."));

    // Percentages are scaled to 100% at least: 50% is half the widest bar.
    let half = bar_chart_svg(
        Lang::En,
        "Half",
        &[("A".to_owned(), Some("50.0".to_owned()))],
        "percent",
    );
    assert!(half.contains("width=\"34.0%\""), "{half}");
    let over = bar_chart_svg(
        Lang::En,
        "Over",
        &[
            ("A".to_owned(), Some("200.0".to_owned())),
            ("B".to_owned(), Some("100".to_owned())),
        ],
        "percent",
    );
    assert!(over.contains("width=\"68.0%\"") && over.contains("width=\"34.0%\""));

    let zeros = bar_chart_svg(Lang::En, "Zeros", &[("A".to_owned(), Some("0".to_owned()))], "count");
    assert!(zeros.contains("width=\"0.0%\""));
    let long = "x".repeat(100);
    let cut = bar_chart_svg(Lang::En, "Long", &[(long.clone(), Some("1".to_owned()))], "count");
    assert!(
        cut.contains(&format!("<title>{long}</title>")),
        "the full label stays in the tooltip"
    );
    assert!(cut.contains(&format!(">{}…</text>", "x".repeat(MAX_LABEL_CHARS - 1))));
}

#[test]
fn any_chart_is_well_formed() {
    // A small deterministic generator (no proptest in this crate): labels with markup, quotes,
    // Khmer and emoji, values that are numbers, huge numbers, decimals, garbage or nothing.
    let labels = ["", "<b>", "a&b", "\"q\"", "ភ្នំពេញ", "🙂", "</svg>", "x'y", "  "];
    let values = [
        None,
        Some(""),
        Some("0"),
        Some("7"),
        Some("0.05"),
        Some("99999999999999999999999"),
        Some("1e9"),
        Some("NaN"),
        Some("inf"),
        Some("3.14159"),
        Some("."),
        Some("12."),
    ];
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for case in 0..200 {
        let count = next(12);
        let rows: Vec<(String, Option<String>)> = (0..count)
            .map(|_| {
                (
                    labels[next(labels.len())].repeat(next(4) + 1),
                    values[next(values.len())].map(str::to_owned),
                )
            })
            .collect();
        let lang = if case % 2 == 0 { Lang::Km } else { Lang::En };
        let unit = ["count", "per_100k", "percent"][next(3)];
        let svg = bar_chart_svg(lang, "<t>", &rows, unit);
        assert_well_formed_svg(&svg);
        assert_eq!(svg.matches("<g>").count(), rows.len());
        assert!(!svg.contains("</svg><"), "nothing after the chart");
    }
}

#[test]
fn helpers_build_choices_links_and_titles() {
    let levels = level_choices(Lang::En, Indicator::WorkforceCount, AdminLevel::District);
    assert_eq!(
        levels.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(),
        vec!["national", "province", "district", "commune"]
    );
    assert!(levels[2].selected);
    assert_eq!(levels[0].label, "Whole country");
    assert_eq!(
        indicator_choices(Lang::En, Indicator::Trained).len(),
        Indicator::ALL.len()
    );
    for indicator in Indicator::ALL {
        for lang in Lang::ALL {
            let label = indicator_label(lang, indicator.code());
            assert_ne!(label, indicator.code(), "{} has no label", indicator.code());
        }
    }
    for level in AdminLevel::ALL {
        assert_ne!(level_label(Lang::Km, level.code()), level.code());
    }
    assert_eq!(
        drill_down_href(Indicator::WorkforceCount, "1201", 2025).as_deref(),
        Some("/planning?indicator=workforce_count&level=commune&year=2025&parent=1201")
    );
    assert_eq!(drill_down_href(Indicator::WorkforceCount, "120101", 2025), None);
    assert_eq!(drill_down_href(Indicator::CcwcCoverage, "1201", 2025), None);
    assert_eq!(
        drill_down_href(Indicator::WorkforceCount, "KH", 2025).as_deref(),
        Some("/planning?indicator=workforce_count&level=province&year=2025&parent=KH")
    );
    assert_eq!(
        dashboard_href("a b", "x&y", 2025, None),
        "/planning?indicator=a%20b&level=x%26y&year=2025"
    );
    assert_eq!(
        dashboard_title(Lang::Km, Indicator::WorkforceCount, Some("កណ្តាល"), 2025),
        "ចំនួនបុគ្គលិក · កណ្តាល · ២០២៥"
    );
}

fn targets_page(lang: Lang) -> PlanningTargetsPage {
    let vc = PlanTarget {
        certification: "Vocational Certificate".to_owned(),
        cqf_level: Some(1),
        workforce_category: WorkforceCategory::ParaSocialWorker,
        target_group: "CCWC commune/sangkat focal points".to_owned(),
        organization_level: OrganizationLevel::Commune,
        trainees: 3292,
        credits_or_duration: "30 credits".to_owned(),
        source_note: "Table 11".to_owned(),
    };
    let allied = PlanTarget {
        certification: "Certificate (allied workers)".to_owned(),
        cqf_level: None,
        workforce_category: WorkforceCategory::AlliedWorker,
        target_group: "Committees chaired by ministries (NCCL, NCECD, NCCT, NCATVIP)".to_owned(),
        organization_level: OrganizationLevel::National,
        trainees: 0,
        credits_or_duration: "15 days".to_owned(),
        source_note: "Table 11".to_owned(),
    };
    PlanningTargetsPage {
        shell: signed_in(lang, "planner", "/planning/targets?year=2025"),
        years: year_choices(lang, [2025, 2024], 2025),
        rows: vec![
            TargetRowView::new(lang, &vc, 2000, 1646),
            TargetRowView::new(lang, &allied, 12, 10),
        ],
        csv_href: "/api/v1/statistics/targets.csv?year=2025".to_owned(),
        note: None,
    }
}

#[test]
fn the_targets_page_renders_in_both_languages() {
    for lang in Lang::ALL {
        let html = targets_page(lang).render().unwrap();
        assert_layout(&html, lang);
        assert_translated(&html);
        let form = tag_with_id(&html, "planning-targets-form");
        assert!(form.contains("action=\"/planning/targets\""));
        assert!(tag_with_id(&html, "planning-targets-year").contains("name=\"year\""));
        assert!(html.contains("id=\"planning-targets-submit\""));
        assert!(html.contains("id=\"planning-targets-chart\""));
        let table = element(&html, "planning-targets-table", "</table>");
        assert_eq!(table.matches("<tr>").count(), 3);
    }
    let en = targets_page(Lang::En).render().unwrap();
    assert!(en.contains("CQF level 1 — Vocational Certificate"));
    assert!(en.contains(">3,292</td>"));
    assert!(en.contains("<strong>50.0%</strong>"));
    let km = targets_page(Lang::Km).render().unwrap();
    assert!(km.contains(">៣.២៩២</td>"));
    assert!(km.contains("<strong>៥០,០%</strong>"));
    // A target of zero has no percentage, and its bar is "no figure".
    assert_eq!(targets_page(Lang::En).rows[1].percent, None);
    assert!(en.contains(">no figure</text>"));

    let mut empty = targets_page(Lang::En);
    empty.rows.clear();
    let html = empty.render().unwrap();
    assert!(html.contains("id=\"planning-targets-none\""));
}
