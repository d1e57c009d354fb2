//! Languages, message catalogues and locale-aware formatting.
//!
//! Kamlang is Khmer first: [`Lang::Km`] is the default. Every sentence a page shows comes from
//! the Fluent catalogues `web/i18n/km.ftl` and `web/i18n/en.ftl`, compiled into the binary. A
//! message missing from the Khmer catalogue falls back to English, then to its id, so a page
//! never fails to render for want of a translation (and the catalogue tests keep that from
//! happening in the first place).

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Khmer, the default.
    #[default]
    Km,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, Khmer first.
    pub const ALL: [Lang; 2] = [Lang::Km, Lang::En];

    /// The BCP 47 code: `km` or `en` (also the value of `<html lang>`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Km => "km",
            Lang::En => "en",
        }
    }

    /// Parses `km` or `en` (case-insensitive, surrounding spaces ignored, a region such as
    /// `km-KH` or `en_US` accepted).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "km" => Some(Lang::Km),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language (the target of the language switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Km => Lang::En,
            Lang::En => Lang::Km,
        }
    }

    /// The preferred supported language of an `Accept-Language` header, if it names one.
    ///
    /// Honours quality values (`q=0` means "not this one"); among equal qualities the first
    /// listed wins. A bare `*` names no language in particular, so it gives `None` and the
    /// caller keeps its default (Khmer).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, u16)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let mut quality: u16 = 1000;
            for param in parts {
                let param = param.trim();
                if let Some(q) = param.strip_prefix("q=").or_else(|| param.strip_prefix("Q=")) {
                    quality = parse_quality(q.trim()).unwrap_or(0);
                }
            }
            if quality == 0 {
                continue;
            }
            let Some(lang) = Lang::from_code(tag) else {
                continue;
            };
            if best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The name of the language in itself (`ខ្មែរ`, `English`).
    pub fn native_name(self) -> String {
        t(self, &format!("lang-{}", self.code()))
    }
}

/// Parses an HTTP quality value (`0`, `0.8`, `1.000`) into thousandths.
fn parse_quality(q: &str) -> Option<u16> {
    let (int, frac) = q.split_once('.').unwrap_or((q, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int: u16 = match int {
        "0" => 0,
        "1" => 1,
        _ => return None,
    };
    let mut thousandths = int * 1000;
    let mut scale = 100;
    for b in frac.bytes() {
        thousandths += u16::from(b - b'0') * scale;
        scale /= 10;
    }
    (thousandths <= 1000).then_some(thousandths)
}

/// The English catalogue, as compiled into the binary.
pub const EN_FTL: &str = include_str!("../i18n/en.ftl");
/// The Khmer catalogue, as compiled into the binary.
pub const KM_FTL: &str = include_str!("../i18n/km.ftl");

type Bundle = FluentBundle<FluentResource>;

fn build_bundle(lang: Lang, source: &'static str) -> Bundle {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("syntax errors in the {} catalogue: {errors:?}", lang.code()));
    let langid = lang.code().parse().expect("km and en are valid language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode bidi isolation marks around arguments: both languages are left to right,
    // and the marks would end up in HTML attributes and tests.
    bundle.set_use_isolating(false);
    // Numbers (the `$count` of [`t_count`]) are written as `format_number` writes them.
    match lang {
        Lang::Km => bundle.set_formatter(Some(format_km_number)),
        Lang::En => bundle.set_formatter(Some(format_en_number)),
    }
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("duplicate messages in the {} catalogue: {errors:?}", lang.code()));
    bundle
}

/// A whole number passed to a message, if the value is one (and asks for no decimals).
fn whole_number(value: &FluentValue<'_>) -> Option<u64> {
    match value {
        FluentValue::Number(number)
            if number.value >= 0.0
                && number.value.fract() == 0.0
                && number.value < u64::MAX as f64
                && number.options.minimum_fraction_digits.is_none() =>
        {
            Some(number.value as u64)
        }
        _ => None,
    }
}

fn format_km_number<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    whole_number(value).map(|n| format_number(Lang::Km, n))
}

fn format_en_number<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    whole_number(value).map(|n| format_number(Lang::En, n))
}

static KM: LazyLock<Bundle> = LazyLock::new(|| build_bundle(Lang::Km, KM_FTL));
static EN: LazyLock<Bundle> = LazyLock::new(|| build_bundle(Lang::En, EN_FTL));

fn bundle(lang: Lang) -> &'static Bundle {
    match lang {
        Lang::Km => &KM,
        Lang::En => &EN,
    }
}

fn format(bundle: &Bundle, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let message = bundle.get_message(key)?;
    let pattern = message.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some(text.into_owned())
}

fn lookup(lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
    format(bundle(lang), key, args)
        .or_else(|| format(bundle(Lang::En), key, args))
        .unwrap_or_else(|| key.to_owned())
}

/// The message `key` in `lang`; falls back to English, then to the key itself.
pub fn t(lang: Lang, key: &str) -> String {
    lookup(lang, key, None)
}

/// The message `key` in `lang` with its `{ $name }` placeables filled from `args`.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for &(name, value) in args {
        fluent_args.set(name, value);
    }
    lookup(lang, key, Some(&fluent_args))
}

/// The message `key` in `lang` with `{ $count }` set to the number `count` and the other
/// placeables filled from `args`.
///
/// Being a number, `$count` chooses the plural form in the English catalogue
/// (`{ $count -> [one] ... *[other] ... }`; Khmer has a single form), and it is written as
/// [`format_number`] writes it: `1,440` in English, `១.៤៤០` in Khmer.
pub fn t_count(lang: Lang, key: &str, count: u64, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len() + 1);
    fluent_args.set("count", count);
    for &(name, value) in args {
        fluent_args.set(name, value);
    }
    lookup(lang, key, Some(&fluent_args))
}

/// Whether the catalogue of `lang` itself (without fallback) defines `key`.
pub fn has_message(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// The catalogue key of a role's name: `role-admin`, `role-hr-officer`, ...
pub fn role_key(role: &str) -> String {
    format!("role-{}", role.replace('_', "-"))
}

/// The translated name of a role given by its code (`admin`, `hr_officer`, ...); an unknown
/// code is shown as it is.
pub fn role_name(lang: Lang, role: &str) -> String {
    let key = role_key(role);
    if has_message(Lang::En, &key) {
        t(lang, &key)
    } else {
        role.to_owned()
    }
}

/// Replaces the ASCII digits 0-9 with the Khmer digits ០-៩.
pub fn khmer_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x17E0 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Digits as the language writes them: Khmer digits in Khmer, ASCII in English.
pub fn localize_digits(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Km => khmer_digits(s),
        Lang::En => s.to_owned(),
    }
}

/// A whole number with thousands grouped as each language does (CLDR): `14,576` in English,
/// `១៤.៥៧៦` in Khmer.
pub fn format_number(lang: Lang, n: u64) -> String {
    let separator = match lang {
        Lang::Km => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    localize_digits(lang, &grouped)
}

/// A decimal number written as the api writes it (ASCII digits with at most one `.`, such as
/// `"3.5"` or `"1240"`) as the language writes it (CLDR): `1,240.5` in English, `១.២៤០,៥` in
/// Khmer, whose decimal separator is a comma (its thousands separator being a dot, `៣.៥` would
/// read as three thousand five hundred). Anything else is returned with its digits localised.
pub fn format_decimal(lang: Lang, s: &str) -> String {
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let parsed = (digits(whole) && digits(fraction) && !(s.contains('.') && fraction.is_empty()))
        .then(|| whole.parse::<u64>().ok())
        .flatten();
    let Some(whole) = parsed else {
        return localize_digits(lang, s);
    };
    let mut text = format_number(lang, whole);
    if !fraction.is_empty() {
        text.push(match lang {
            Lang::Km => ',',
            Lang::En => '.',
        });
        text.push_str(&localize_digits(lang, fraction));
    }
    text
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_KM: [&str; 12] = [
    "មករា",
    "កុម្ភៈ",
    "មីនា",
    "មេសា",
    "ឧសភា",
    "មិថុនា",
    "កក្កដា",
    "សីហា",
    "កញ្ញា",
    "តុលា",
    "វិច្ឆិកា",
    "ធ្នូ",
];

/// The name of a month (1-12) in `lang`.
pub fn month_name(lang: Lang, month: u32) -> Option<&'static str> {
    let index = usize::try_from(month.checked_sub(1)?).ok()?;
    match lang {
        Lang::Km => MONTHS_KM.get(index).copied(),
        Lang::En => MONTHS_EN.get(index).copied(),
    }
}

/// A calendar date as a person reads it: `21 November 2026`, `២១ វិច្ឆិកា ២០២៦`.
///
/// The date is `(year, month, day)` with `month` 1-12; a month outside that range (a caller's
/// bug) is shown numerically as `YYYY-MM-DD` rather than panicking.
pub fn format_date(lang: Lang, (year, month, day): (i32, u32, u32)) -> String {
    let text = match month_name(lang, month) {
        Some(name) => format!("{day} {name} {year}"),
        None => format!("{year:04}-{month:02}-{day:02}"),
    };
    localize_digits(lang, &text)
}

#[cfg(test)]
mod tests;
