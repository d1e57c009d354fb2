//! Workers of the registry: who they are (registry number, national ID, names in Khmer and Latin
//! script, sex, birth date, contacts), what they are (workforce category, with its history), what
//! state their record is in, where they serve (postings), and which records are likely the same
//! person.
//!
//! Every parser here takes the raw text a person typed or a spreadsheet held, and either returns a
//! value that can only be valid or a [`FieldError`] naming the field and the rule. Khmer digits
//! (០-៩) are accepted wherever digits are expected and stored as ASCII digits.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::{FieldError, WorkforceCategory};

// ---------------------------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------------------------

/// Zero width space, non-joiner and joiner: Khmer text uses them between words and inside
/// clusters, and they are invisible, so they never make two names different.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}')
}

/// A character of the Khmer script: the Khmer block and the Khmer symbols block.
fn is_khmer_char(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

/// Whether `text` holds any Khmer character, e.g. to decide which search key a query is for.
///
/// ```
/// assert!(domain::is_khmer("សុខ"));
/// assert!(domain::is_khmer("Sok សុខ"));
/// assert!(!domain::is_khmer("Sok"));
/// ```
pub fn is_khmer(text: &str) -> bool {
    text.chars().any(is_khmer_char)
}

/// A letter of the Latin script, with or without accents: ASCII letters, the letters of Latin-1
/// Supplement, Latin Extended-A and -B, and Latin Extended Additional (Vietnamese, among others).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
}

/// A Khmer digit (០-៩) as its ASCII digit; any other character unchanged.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{17E0}'..='\u{17E9}' => char::from(b'0' + (c as u32 - 0x17E0) as u8),
        _ => c,
    }
}

/// The dashes people type or word processors substitute for a hyphen-minus.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

// ---------------------------------------------------------------------------------------------
// Registry number
// ---------------------------------------------------------------------------------------------

const REGISTRY_PREFIX: &str = "KL";
const REGISTRY_FIELD: &str = "registry_number";
const REGISTRY_FORMAT_MESSAGE: &str = "must be a registry number such as KL-0000123-0: KL, 7 digits and a check digit";

/// A worker's number in the registry, `KL-NNNNNNN-C`: a 7-digit zero-padded sequence number and a
/// check digit computed with the Luhn algorithm over those 7 digits, so that a mistyped digit (or
/// most swaps of two neighbouring digits) is caught before anything is looked up.
///
/// The sequence is given out by the store, never reused; this type only formats and checks it.
/// Serialized as its text, e.g. `"KL-0000123-0"`.
///
/// ```
/// use domain::RegistryNumber;
/// let number = RegistryNumber::from_sequence(123).unwrap();
/// assert_eq!(number.as_str(), "KL-0000123-0");
/// assert_eq!(RegistryNumber::parse("registry_number", " kl00001230 ").unwrap(), number);
/// let typo = RegistryNumber::parse("registry_number", "KL-0000124-0").unwrap_err();
/// assert_eq!(typo.rule, "check_digit");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegistryNumber(String);

impl RegistryNumber {
    /// The highest sequence number that fits the 7 digits.
    pub const MAX_SEQUENCE: u64 = 9_999_999;

    /// The registry number of sequence number `n`, which must be from 1 to 9,999,999.
    pub fn from_sequence(n: u64) -> Result<RegistryNumber, FieldError> {
        if !(1..=Self::MAX_SEQUENCE).contains(&n) {
            return Err(FieldError::new(
                REGISTRY_FIELD,
                "out_of_range",
                "must come from a sequence number from 1 to 9999999",
            ));
        }
        let digits = format!("{n:07}");
        let check = luhn_check_digit(&digits);
        Ok(RegistryNumber(format!("{REGISTRY_PREFIX}-{digits}-{check}")))
    }

    /// Parses `raw`, the value of the input `field`: trimmed, in any case, with or without the
    /// dashes (and spaces), e.g. `"KL-0000123-0"`, `"kl00001230"` or `"KL 0000123 0"`. A number
    /// whose check digit does not match is refused with rule `check_digit`: it has a typo.
    pub fn parse(field: &str, raw: &str) -> Result<RegistryNumber, FieldError> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !is_dash(*c))
            .map(ascii_digit)
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty"));
        }
        let digits = compact
            .strip_prefix(REGISTRY_PREFIX)
            .filter(|digits| digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| FieldError::new(field, "format", REGISTRY_FORMAT_MESSAGE))?;
        let (sequence, check) = digits.split_at(7);
        let n: u64 = sequence.parse().expect("seven ASCII digits");
        if n == 0 {
            return Err(FieldError::new(field, "format", REGISTRY_FORMAT_MESSAGE));
        }
        if luhn_check_digit(sequence).to_string() != check {
            return Err(FieldError::new(
                field,
                "check_digit",
                "has a typo: its last digit (the check digit) does not match the other digits; check the number again",
            ));
        }
        Ok(RegistryNumber(format!("{REGISTRY_PREFIX}-{sequence}-{check}")))
    }

    /// The number as written, `KL-NNNNNNN-C`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The sequence number the registry number was made from.
    pub fn sequence(&self) -> u64 {
        self.0[3..10].parse().expect("a registry number holds seven digits")
    }
}

/// The Luhn check digit of a string of ASCII digits: from the rightmost digit leftwards, every
/// other digit (starting with the rightmost) is doubled, and 9 subtracted when that exceeds 9;
/// the check digit brings the sum to a multiple of 10.
fn luhn_check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

impl fmt::Display for RegistryNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for RegistryNumber {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        RegistryNumber::parse(REGISTRY_FIELD, raw)
    }
}

impl TryFrom<String> for RegistryNumber {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        RegistryNumber::parse(REGISTRY_FIELD, &raw)
    }
}

impl From<RegistryNumber> for String {
    fn from(number: RegistryNumber) -> String {
        number.0
    }
}

// ---------------------------------------------------------------------------------------------
// National ID
// ---------------------------------------------------------------------------------------------

const NATIONAL_ID_FIELD: &str = "national_id";

/// The number of a Cambodian national identity card, as digits only.
///
/// Assumption (nothing official was at hand): the number printed on the Khmer national identity
/// card is 9 digits, and we also accept 10 so that newer cards are not refused. Spaces and dashes
/// are ignored, Khmer digits are read as digits, and the leading zeros are kept: the number is an
/// identifier, not a quantity. Serialized as its digits.
///
/// ```
/// use domain::NationalId;
/// assert_eq!(NationalId::parse("national_id", " 0102-03 040 ").unwrap().as_str(), "010203040");
/// assert_eq!(NationalId::parse("national_id", "12345").unwrap_err().rule, "format");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NationalId(String);

impl NationalId {
    /// Parses `raw`, the value of the input `field`: digits only once spaces and dashes are
    /// removed, 9 or 10 of them.
    pub fn parse(field: &str, raw: &str) -> Result<NationalId, FieldError> {
        let digits: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !is_dash(*c))
            .map(ascii_digit)
            .collect();
        if digits.is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty"));
        }
        if !(9..=10).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(
                field,
                "format",
                "must be the number of a national identity card: 9 or 10 digits (spaces and dashes are ignored)",
            ));
        }
        Ok(NationalId(digits))
    }

    /// The digits of the number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for NationalId {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        NationalId::parse(NATIONAL_ID_FIELD, &raw)
    }
}

impl From<NationalId> for String {
    fn from(id: NationalId) -> String {
        id.0
    }
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/// The longest part of a name, in characters.
pub const MAX_NAME_PART_CHARS: usize = 100;

const NAME_REQUIRED_MESSAGE: &str = "needs the family and given names in Khmer script, or in Latin script, or both";

/// A person's name in Khmer script, in Latin script, or both, as a family name and a given name.
///
/// Built by [`PersonName::parse`], which guarantees that at least one script is complete (both
/// its parts present), that each part is in its script, and that parts are trimmed, NFC-normalised
/// and hold single spaces. The fields are public so that the store can rebuild a name it saved.
///
/// ```
/// use domain::PersonName;
/// let name = PersonName::parse(Some("សុខ"), Some("ស្រីមុំ"), Some(" Sók "), Some("Sreymom")).unwrap();
/// assert_eq!(name.display(), "សុខ ស្រីមុំ (Sók Sreymom)");
/// assert_eq!(name.search_key_latin().as_deref(), Some("sok sreymom"));
/// assert_eq!(name.search_key_km().as_deref(), Some("សុខស្រីមុំ"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PersonName {
    pub family_km: Option<String>,
    pub given_km: Option<String>,
    pub family_latin: Option<String>,
    pub given_latin: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Khmer,
    Latin,
}

impl PersonName {
    /// Parses the four parts of a name, each optional; collects every problem.
    ///
    /// Each part is trimmed (zero width characters and a byte order mark included), NFC-normalised,
    /// and its inner runs of whitespace collapsed to one space; an empty part is `None`. Then:
    ///
    /// - at least one script is complete: both Khmer parts, or both Latin parts. Otherwise each
    ///   missing part of a script that was started is `required` (all four when none was given),
    ///   with the message "needs the family and given names in Khmer script, or in Latin script,
    ///   or both". A script left half-filled is fine when the other is complete.
    /// - the Khmer parts hold only Khmer characters (U+1780-U+17FF, U+19E0-U+19FF), spaces and
    ///   ZWSP/ZWNJ/ZWJ; the Latin parts only Latin letters (accents included), spaces, hyphens,
    ///   apostrophes (' or ’) and periods, with at least one letter (rule `script`).
    /// - each part is at most 100 characters (rule `too_long`).
    ///
    /// Fields are `family_name_km`, `given_name_km`, `family_name_latin`, `given_name_latin`.
    pub fn parse(
        family_km: Option<&str>,
        given_km: Option<&str>,
        family_latin: Option<&str>,
        given_latin: Option<&str>,
    ) -> Result<PersonName, Vec<FieldError>> {
        let parts = [
            ("family_name_km", Script::Khmer, clean_name_part(family_km)),
            ("given_name_km", Script::Khmer, clean_name_part(given_km)),
            ("family_name_latin", Script::Latin, clean_name_part(family_latin)),
            ("given_name_latin", Script::Latin, clean_name_part(given_latin)),
        ];
        let present = |i: usize| parts[i].2.is_some();
        let khmer_started = present(0) || present(1);
        let latin_started = present(2) || present(3);
        let complete = (present(0) && present(1)) || (present(2) && present(3));

        let mut errors = Vec::new();
        for (field, script, part) in &parts {
            match part {
                None => {
                    let started = match script {
                        Script::Khmer => khmer_started,
                        Script::Latin => latin_started,
                    };
                    if !complete && (started || (!khmer_started && !latin_started)) {
                        errors.push(FieldError::new(*field, "required", NAME_REQUIRED_MESSAGE));
                    }
                }
                Some(text) => {
                    let (in_script, message) = match script {
                        Script::Khmer => (is_khmer_name_part(text), "must be written in Khmer script"),
                        Script::Latin => (
                            is_latin_name_part(text),
                            "must be written in Latin letters (accents, spaces, hyphens, apostrophes and periods allowed)",
                        ),
                    };
                    if !in_script {
                        errors.push(FieldError::new(*field, "script", message));
                    }
                    if text.chars().count() > MAX_NAME_PART_CHARS {
                        errors.push(FieldError::new(
                            *field,
                            "too_long",
                            format!("must be at most {MAX_NAME_PART_CHARS} characters"),
                        ));
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let [
            (_, _, family_km),
            (_, _, given_km),
            (_, _, family_latin),
            (_, _, given_latin),
        ] = parts;
        Ok(PersonName {
            family_km,
            given_km,
            family_latin,
            given_latin,
        })
    }

    /// The Khmer name, family name first ("សុខ ស្រីមុំ"), or the one Khmer part there is.
    pub fn full_km(&self) -> Option<String> {
        join_parts(self.family_km.as_deref(), self.given_km.as_deref())
    }

    /// The Latin name, family name first ("Sok Sreymom"), or the one Latin part there is.
    pub fn full_latin(&self) -> Option<String> {
        join_parts(self.family_latin.as_deref(), self.given_latin.as_deref())
    }

    /// The name to show: Khmer first, then Latin in parentheses when both are known.
    pub fn display(&self) -> String {
        match (self.full_km(), self.full_latin()) {
            (Some(km), Some(latin)) => format!("{km} ({latin})"),
            (Some(name), None) | (None, Some(name)) => name,
            (None, None) => String::new(),
        }
    }

    /// The Latin name folded for search by [`fold_latin`]: lowercase, no accents, single spaces
    /// between letters ("Sokha  SÓK" gives "sokha sok").
    pub fn search_key_latin(&self) -> Option<String> {
        self.full_latin()
            .map(|name| fold_latin(&name))
            .filter(|key| !key.is_empty())
    }

    /// The Khmer name folded for search by [`fold_khmer`]: NFC, without spaces or zero width
    /// characters, since Khmer is typed with or without them.
    pub fn search_key_km(&self) -> Option<String> {
        self.full_km()
            .map(|name| fold_khmer(&name))
            .filter(|key| !key.is_empty())
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

fn join_parts(family: Option<&str>, given: Option<&str>) -> Option<String> {
    match (family, given) {
        (Some(family), Some(given)) => Some(format!("{family} {given}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

/// Trims, NFC-normalises and collapses the whitespace of one part of a name; `None` when empty.
fn clean_name_part(raw: Option<&str>) -> Option<String> {
    let nfc: String = raw?.chars().filter(|c| *c != '\u{FEFF}').nfc().collect();
    let words: Vec<&str> = nfc
        .split_whitespace()
        .map(|word| word.trim_matches(is_zero_width))
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty() { None } else { Some(words.join(" ")) }
}

fn is_khmer_name_part(text: &str) -> bool {
    text.chars().all(|c| is_khmer_char(c) || c == ' ' || is_zero_width(c)) && text.chars().any(is_khmer_char)
}

fn is_latin_name_part(text: &str) -> bool {
    text.chars()
        .all(|c| is_latin_letter(c) || matches!(c, ' ' | '-' | '\'' | '\u{2019}' | '.' | '\u{0300}'..='\u{036F}'))
        && text.chars().any(is_latin_letter)
}

/// Folds Latin text for search: lowercase, accents removed (NFKD, then combining marks dropped),
/// a few letters without a decomposition spelled out (đ as d, ø as o, ł as l, æ as ae, œ as oe,
/// ß as ss, þ as th), and every run of non-letters collapsed to one space, trimmed.
///
/// A stored name and a typed query folded the same way compare as a person expects:
///
/// ```
/// use domain::fold_latin;
/// assert_eq!(fold_latin("Sokha  SÓK"), "sokha sok");
/// assert_eq!(fold_latin("  Nguyễn Thị-Đào "), "nguyen thi dao");
/// ```
pub fn fold_latin(query: &str) -> String {
    // Lowercasing can produce combining marks (İ) and decomposing can produce capitals (ᴬ), so
    // each character is folded until nothing changes; this makes the fold idempotent.
    let mut letters: String = query.to_owned();
    for _ in 0..4 {
        let next: String = letters
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .flat_map(spell_out)
            .collect();
        if next == letters {
            break;
        }
        letters = next;
    }
    let mut folded = String::with_capacity(letters.len());
    let mut gap = false;
    for c in letters.chars() {
        if c.is_alphabetic() && !is_combining_mark(c) {
            if gap && !folded.is_empty() {
                folded.push(' ');
            }
            gap = false;
            folded.push(c);
        } else {
            gap = true;
        }
    }
    folded
}

/// Latin letters that NFKD leaves whole, written with the letters a person would type instead.
fn spell_out(c: char) -> SpelledOut {
    let spelled: &'static str = match c {
        'đ' | 'ð' => "d",
        'ø' => "o",
        'ł' => "l",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        'ı' => "i",
        _ => return SpelledOut::One(Some(c)),
    };
    SpelledOut::Many(spelled.chars())
}

enum SpelledOut {
    One(Option<char>),
    Many(std::str::Chars<'static>),
}

impl Iterator for SpelledOut {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            SpelledOut::One(c) => c.take(),
            SpelledOut::Many(chars) => chars.next(),
        }
    }
}

/// Folds Khmer text for search: NFC, without whitespace or zero width characters (Khmer is typed
/// with spaces, with ZWSP, or with nothing between words), and with the subscript DA (្ដ) read as
/// the subscript TA (្ត), which looks the same and is typed either way (ផ្ដើម, ផ្តើម).
///
/// ```
/// use domain::fold_khmer;
/// assert_eq!(fold_khmer("សុខ\u{200B}ស្រីមុំ"), fold_khmer("សុខ ស្រីមុំ"));
/// ```
pub fn fold_khmer(query: &str) -> String {
    let joined: String = query
        .chars()
        .filter(|c| !c.is_whitespace() && !is_zero_width(*c) && *c != '\u{FEFF}')
        .nfc()
        .collect();
    joined.replace("\u{17D2}\u{178A}", "\u{17D2}\u{178F}")
}

// ---------------------------------------------------------------------------------------------
// Sex
// ---------------------------------------------------------------------------------------------

/// A worker's sex, as the plans count the workforce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Female, Sex::Male];

    /// The stable code: `female` or `male`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sex {
    type Err = FieldError;

    /// Reads `female`/`male` in any case, `f`/`m`, or Khmer ស្រី/ប្រុស (field `sex`, rule `one_of`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim().to_lowercase().as_str() {
            "female" | "f" | "ស្រី" => Ok(Sex::Female),
            "male" | "m" | "ប្រុស" => Ok(Sex::Male),
            _ => Err(FieldError::new(
                "sex",
                "one_of",
                "must be one of: female, male (f, m, ស្រី and ប្រុស are also accepted)",
            )),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const DATE_FORMATS: &str = "YYYY-MM-DD or DD/MM/YYYY";

/// Parses a date written `YYYY-MM-DD` (ISO 8601) or `DD/MM/YYYY` (as Cambodian forms write it);
/// months and days may have one digit, Khmer digits are read as digits. A date that does not
/// exist (2023-02-30) or that is not written in one of those forms is rule `date`, with a message
/// naming the formats.
///
/// ```
/// use chrono::NaiveDate;
/// use domain::parse_date;
/// let may_31 = NaiveDate::from_ymd_opt(1990, 5, 31).unwrap();
/// assert_eq!(parse_date("start_date", "1990-05-31").unwrap(), may_31);
/// assert_eq!(parse_date("start_date", "31/05/1990").unwrap(), may_31);
/// assert_eq!(parse_date("start_date", "2023-02-30").unwrap_err().rule, "date");
/// ```
pub fn parse_date(field: &str, raw: &str) -> Result<NaiveDate, FieldError> {
    let text: String = raw.trim().chars().map(ascii_digit).collect();
    if text.is_empty() {
        return Err(FieldError::new(field, "required", "must not be empty"));
    }
    let not_a_date = || {
        FieldError::new(
            field,
            "date",
            format!("must be a date written {DATE_FORMATS}, such as 1990-05-31 or 31/05/1990"),
        )
    };
    let numbers: Vec<&str> = if text.contains('-') {
        text.split('-').collect()
    } else {
        text.split('/').rev().collect()
    };
    let [year, month, day] = numbers[..] else {
        return Err(not_a_date());
    };
    let well_formed = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !well_formed(year, 4..=4) || !well_formed(month, 1..=2) || !well_formed(day, 1..=2) {
        return Err(not_a_date());
    }
    let (year, month, day) = (year.parse().unwrap(), month.parse().unwrap(), day.parse().unwrap());
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        FieldError::new(
            field,
            "date",
            format!("is not a real date (there is no such day in the calendar); write it as {DATE_FORMATS}"),
        )
    })
}

/// Birth dates: a date of [`parse_date`] that makes the person 15 to 100 years old on the day.
pub struct BirthDate;

impl BirthDate {
    /// The youngest age at which a person can be in the workforce registry.
    pub const MIN_AGE: u32 = 15;
    /// The oldest plausible age of a person in the workforce registry.
    pub const MAX_AGE: u32 = 100;

    /// Parses a birth date like [`parse_date`] and requires it in [`BirthDate::plausible_range`]
    /// (rule `out_of_range`, the message states the range as dates).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use domain::BirthDate;
    /// let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    /// assert!(BirthDate::parse("birth_date", "31/05/1990", today).is_ok());
    /// let child = BirthDate::parse("birth_date", "2015-01-01", today).unwrap_err();
    /// assert_eq!(child.rule, "out_of_range");
    /// assert!(child.message.contains("1924-06-02") && child.message.contains("2010-06-01"));
    /// ```
    pub fn parse(field: &str, raw: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
        let date = parse_date(field, raw)?;
        let (earliest, latest) = Self::plausible_range(today);
        if date < earliest || date > latest {
            return Err(FieldError::new(
                field,
                "out_of_range",
                format!(
                    "must be from {earliest} to {latest}: the person must be {} to {} years old",
                    Self::MIN_AGE,
                    Self::MAX_AGE
                ),
            ));
        }
        Ok(date)
    }

    /// The first and last birth dates (inclusive) of a person who is 15 to 100 years old on
    /// `today`: born at least 15 years ago, and less than 101 years ago. A birthday of 29 February
    /// counts from 28 February in common years.
    pub fn plausible_range(today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let years_ago = |years: u32| {
            today
                .checked_sub_months(Months::new(12 * years))
                .unwrap_or(NaiveDate::MIN)
        };
        let latest = years_ago(Self::MIN_AGE);
        let earliest = years_ago(Self::MAX_AGE + 1).succ_opt().unwrap_or(NaiveDate::MIN);
        (earliest, latest)
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

const PHONE_FIELD: &str = "phone";

/// A phone number in E.164 form (`+85512345678`).
///
/// Rules, kept simple on purpose (the operators' number plans change):
///
/// - spaces, dashes, dots and parentheses are ignored, Khmer digits are read as digits;
/// - a Cambodian number is `+855` then its national significant number, 8 or 9 digits not starting
///   with 0 (mobiles such as 12, 77, 96 and landlines such as 23 for Phnom Penh); it may be typed
///   with the trunk 0 (`012 345 678`, 9 or 10 digits), with `855` or `+855` or `00855` in front,
///   and with the trunk 0 after the country code (`+855 (0)12 345 678`);
/// - any other number starting with `+` (or `00`) is kept when it has 8 to 15 digits (E.164);
/// - anything else is rule `format`.
///
/// ```
/// use domain::PhoneNumber;
/// assert_eq!(PhoneNumber::parse("phone", "012 345 678").unwrap().as_str(), "+85512345678");
/// assert_eq!(PhoneNumber::parse("phone", "12345").unwrap_err().rule, "format");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Parses `raw`, the value of the input `field`, into E.164 (see the type's rules).
    pub fn parse(field: &str, raw: &str) -> Result<PhoneNumber, FieldError> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !is_dash(*c) && !matches!(c, '.' | '(' | ')'))
            .map(ascii_digit)
            .collect();
        if compact.is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty"));
        }
        let e164 = if let Some(international) = compact.strip_prefix('+').or_else(|| compact.strip_prefix("00")) {
            international_number(international)
        } else if compact.starts_with("855") {
            international_number(&compact)
        } else if let Some(national) = compact.strip_prefix('0') {
            cambodian_number(national)
        } else {
            None
        };
        e164.map(PhoneNumber).ok_or_else(|| {
            FieldError::new(
                field,
                "format",
                "must be a phone number such as 012 345 678 or +855 12 345 678 (other countries with + and their code)",
            )
        })
    }

    /// The number in E.164 form, e.g. `+85512345678`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `+855` and a national significant number of 8 or 9 digits not starting with 0.
fn cambodian_number(national: &str) -> Option<String> {
    let plausible =
        (8..=9).contains(&national.len()) && national.bytes().all(|b| b.is_ascii_digit()) && !national.starts_with('0');
    plausible.then(|| format!("+855{national}"))
}

/// The digits after `+` (or `00`): Cambodian numbers by the Cambodian rule (a trunk 0 after 855
/// is dropped), others when they have 8 to 15 digits and do not start with 0.
fn international_number(digits: &str) -> Option<String> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(national) = digits.strip_prefix("855") {
        return cambodian_number(national.strip_prefix('0').unwrap_or(national));
    }
    let plausible = (8..=15).contains(&digits.len()) && !digits.starts_with('0');
    plausible.then(|| format!("+{digits}"))
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(PHONE_FIELD, &raw)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.0
    }
}

// ---------------------------------------------------------------------------------------------
// Status and employment type
// ---------------------------------------------------------------------------------------------

/// The state of a worker's record. Records are never deleted: a worker who leaves or dies keeps
/// their record, with this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerStatus {
    /// Serving in the workforce.
    Active,
    /// Not serving for now (leave, between postings).
    Inactive,
    /// Left the social service workforce.
    LeftWorkforce,
    Deceased,
}

impl WorkerStatus {
    pub const ALL: [WorkerStatus; 4] = [
        WorkerStatus::Active,
        WorkerStatus::Inactive,
        WorkerStatus::LeftWorkforce,
        WorkerStatus::Deceased,
    ];

    /// The stable code: `active`, `inactive`, `left_workforce`, `deceased`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkerStatus::Active => "active",
            WorkerStatus::Inactive => "inactive",
            WorkerStatus::LeftWorkforce => "left_workforce",
            WorkerStatus::Deceased => "deceased",
        }
    }
}

impl fmt::Display for WorkerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WorkerStatus {
    type Err = FieldError;

    /// Reads a code, in any case, with spaces or hyphens for underscores (field `status`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse_code(raw, &Self::ALL, Self::as_str, &[], "status")
    }
}

/// How a worker is employed in a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    /// A civil servant of the state (មន្ត្រីរាជការ).
    CivilServant,
    /// Employed under a contract (កិច្ចសន្យា).
    Contract,
    /// A volunteer (ស្ម័គ្រចិត្ត).
    Volunteer,
}

impl EmploymentType {
    pub const ALL: [EmploymentType; 3] = [
        EmploymentType::CivilServant,
        EmploymentType::Contract,
        EmploymentType::Volunteer,
    ];

    /// The stable code: `civil_servant`, `contract`, `volunteer`.
    pub fn as_str(self) -> &'static str {
        match self {
            EmploymentType::CivilServant => "civil_servant",
            EmploymentType::Contract => "contract",
            EmploymentType::Volunteer => "volunteer",
        }
    }
}

impl fmt::Display for EmploymentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EmploymentType {
    type Err = FieldError;

    /// Reads a code, in any case, with spaces or hyphens for underscores, or its Khmer name
    /// (មន្ត្រីរាជការ, កិច្ចសន្យា, ស្ម័គ្រចិត្ត); field `employment_type`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let khmer = [
            ("មន្ត្រីរាជការ", EmploymentType::CivilServant),
            ("កិច្ចសន្យា", EmploymentType::Contract),
            ("ស្ម័គ្រចិត្ត", EmploymentType::Volunteer),
        ];
        parse_code(raw, &Self::ALL, Self::as_str, &khmer, "employment_type")
    }
}

/// Reads the code of one of `all` leniently (trimmed, any case, spaces and hyphens as
/// underscores) or one of `aliases`; otherwise rule `one_of`, listing the codes.
pub(crate) fn parse_code<T: Copy>(
    raw: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    aliases: &[(&str, T)],
    field: &str,
) -> Result<T, FieldError> {
    let wanted: String = raw
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || is_dash(c) { '_' } else { c })
        .collect();
    let folded_khmer = fold_khmer(raw);
    all.iter()
        .copied()
        .find(|value| code(*value) == wanted)
        .or_else(|| {
            aliases
                .iter()
                .find(|(alias, _)| fold_khmer(alias) == folded_khmer)
                .map(|(_, value)| *value)
        })
        .ok_or_else(|| {
            let allowed: Vec<&str> = all.iter().map(|value| code(*value)).collect();
            FieldError::new(field, "one_of", format!("must be one of: {}", allowed.join(", ")))
        })
}

// ---------------------------------------------------------------------------------------------
// Postings
// ---------------------------------------------------------------------------------------------

/// The days a posting (or anything dated) covers: from `start` to `end`, both inclusive; an open
/// period (`end` is `None`) runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    pub start: NaiveDate,
    /// The last day of the period, inclusive; `None` while it is open.
    pub end: Option<NaiveDate>,
}

impl Period {
    /// The period from `start` to `end` (inclusive); an `end` before `start` is refused (field
    /// `end_date`, rule `after_start`). A period of one day has `end == Some(start)`.
    pub fn new(start: NaiveDate, end: Option<NaiveDate>) -> Result<Period, FieldError> {
        match end {
            Some(end) if end < start => Err(FieldError::new(
                "end_date",
                "after_start",
                format!("must be on or after the start date, {start}"),
            )),
            _ => Ok(Period { start, end }),
        }
    }

    /// Whether the two periods share at least one day. A period ending on the 31st and one
    /// starting on the 1st of the next month do not overlap.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end.unwrap_or(NaiveDate::MAX) && other.start <= self.end.unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` is one of the period's days.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|end| date <= end)
    }
}

impl fmt::Display for Period {
    /// `2025-01-01 to 2025-01-31`, or `from 2025-01-01` while open.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(end) => write!(f, "{} to {}", self.start, end),
            None => write!(f, "from {}", self.start),
        }
    }
}

/// The first of the `existing` periods (each with its key, e.g. a posting id) that overlaps
/// `new`, so that a refusal can say which posting is in the way.
pub fn find_overlap<K>(existing: &[(K, Period)], new: Period) -> Option<&(K, Period)> {
    existing.iter().find(|(_, period)| period.overlaps(&new))
}

// ---------------------------------------------------------------------------------------------
// Category history
// ---------------------------------------------------------------------------------------------

/// A worker's workforce category from one day (`from`) to another (`to`, inclusive; `None` while
/// it is the current one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct CategorySpan {
    pub category: WorkforceCategory,
    pub from: NaiveDate,
    /// The last day in this category, inclusive; `None` for the current category.
    pub to: Option<NaiveDate>,
}

impl CategorySpan {
    fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// The category a worker was in on `date`, if the history covers it.
pub fn category_on(history: &[CategorySpan], date: NaiveDate) -> Option<WorkforceCategory> {
    history.iter().find(|span| span.covers(date)).map(|span| span.category)
}

/// The history after a change to `new` from `effective` on: the latest span is closed the day
/// before `effective` (if it is open) and the new, open span appended; the result is sorted by
/// `from`. An empty history simply starts with the new span.
///
/// Refused: an `effective` date on or before the start of the latest span, or on or before its
/// end when it is closed (field `effective_from`, rule `after_current`: history is corrected by
/// other means, not rewritten by a change); a change to the category the worker is already in
/// (field `category`, rule `unchanged`).
pub fn change_category(
    history: &[CategorySpan],
    new: WorkforceCategory,
    effective: NaiveDate,
) -> Result<Vec<CategorySpan>, FieldError> {
    let mut spans = history.to_vec();
    spans.sort_by_key(|span| span.from);
    if let Some(current) = spans.last_mut() {
        if effective <= current.from {
            return Err(FieldError::new(
                "effective_from",
                "after_current",
                format!(
                    "must be after {}, the day the current category ({}) took effect",
                    current.from, current.category
                ),
            ));
        }
        match current.to {
            Some(to) if effective <= to => {
                return Err(FieldError::new(
                    "effective_from",
                    "after_current",
                    format!(
                        "must be after {to}, the last day of the latest category ({})",
                        current.category
                    ),
                ));
            }
            Some(_) => {}
            None => {
                if current.category == new {
                    return Err(FieldError::new(
                        "category",
                        "unchanged",
                        format!("the worker is already in the category {new}"),
                    ));
                }
                current.to = Some(effective.pred_opt().expect("effective is after another date"));
            }
        }
    }
    spans.push(CategorySpan {
        category: new,
        from: effective,
        to: None,
    });
    Ok(spans)
}

// ---------------------------------------------------------------------------------------------
// Likely duplicates
// ---------------------------------------------------------------------------------------------

/// Whether two names are similar enough to be the same person's:
///
/// - their Khmer search keys ([`PersonName::search_key_km`]) are equal; or
/// - their Latin search keys hold the same words in any order (family and given swapped); or
/// - the Levenshtein distance between the Latin search keys is at most 2 when both are at least
///   8 characters long, at most 1 otherwise.
///
/// ```
/// use domain::{PersonName, names_similar};
/// let latin = |family, given| PersonName::parse(None, None, Some(family), Some(given)).unwrap();
/// assert!(names_similar(&latin("Sok", "Sreymom"), &latin("Sreymom", "SOK")));
/// assert!(names_similar(&latin("Sok", "Sreymom"), &latin("Sok", "Sreymon")));
/// assert!(!names_similar(&latin("Sok", "Sreymom"), &latin("Chan", "Dara")));
/// ```
pub fn names_similar(a: &PersonName, b: &PersonName) -> bool {
    if let (Some(a), Some(b)) = (a.search_key_km(), b.search_key_km())
        && a == b
    {
        return true;
    }
    let (Some(a), Some(b)) = (a.search_key_latin(), b.search_key_latin()) else {
        return false;
    };
    if a == b || sorted_words(&a) == sorted_words(&b) {
        return true;
    }
    let shorter = a.chars().count().min(b.chars().count());
    let allowed = if shorter >= 8 { 2 } else { 1 };
    levenshtein(&a, &b) <= allowed
}

/// Whether two worker records are likely the same person: the same birth date and similar names
/// ([`names_similar`]). A flag for a person to review, never a refusal.
pub fn likely_duplicate(a_name: &PersonName, a_birth: NaiveDate, b_name: &PersonName, b_birth: NaiveDate) -> bool {
    a_birth == b_birth && names_similar(a_name, b_name)
}

fn sorted_words(key: &str) -> Vec<&str> {
    let mut words: Vec<&str> = key.split(' ').collect();
    words.sort_unstable();
    words
}

/// The number of single-character insertions, deletions and substitutions that turn `a` into
/// `b`, over characters (two rows of the classic table).
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

// ---------------------------------------------------------------------------------------------
// Small parsers shared with the import
// ---------------------------------------------------------------------------------------------

/// The code of the national level, for duty stations at a ministry or national body.
pub const NATIONAL_UNIT_CODE: &str = "KH";

/// Parses the gazetteer code of a duty station: the national level (`KH`), a province
/// (2 digits), a district (4) or a commune (6), e.g. `12`, `1201`, `120101` (rule `format`). Khmer digits are read as digits, and a code
/// that lost its leading zero in a spreadsheet (`10201` for `010201`: codes always have an even
/// number of digits) gets it back. Whether the unit exists is for the caller to check.
pub fn parse_duty_station_code(field: &str, raw: &str) -> Result<String, FieldError> {
    if raw.trim().eq_ignore_ascii_case(NATIONAL_UNIT_CODE) {
        return Ok(NATIONAL_UNIT_CODE.to_owned());
    }
    let digits: String = raw.trim().chars().map(ascii_digit).collect();
    if digits.is_empty() {
        return Err(FieldError::new(field, "required", "must not be empty"));
    }
    let digits = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits
    };
    if !matches!(digits.len(), 2 | 4 | 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(
            field,
            "format",
            "must be KH for the national level or the gazetteer code of a province (2 digits), a district (4 digits) or a commune (6 digits), such as 120101",
        ));
    }
    Ok(digits)
}

/// Parses a yes/no answer: `yes`, `y`, `true`, `1`, `បាទ`, `ចាស`, `មែន` are yes; `no`, `n`,
/// `false`, `0`, `ទេ`, `អត់` are no (any case, trimmed); an empty answer is no. Anything else is
/// rule `one_of`.
pub fn parse_yes_no(field: &str, raw: &str) -> Result<bool, FieldError> {
    let answer: String = raw.trim().to_lowercase().chars().map(ascii_digit).collect();
    match answer.as_str() {
        "yes" | "y" | "true" | "1" | "បាទ" | "ចាស" | "មែន" => Ok(true),
        "" | "no" | "n" | "false" | "0" | "ទេ" | "អត់" => Ok(false),
        _ => Err(FieldError::new(
            field,
            "one_of",
            "must be yes or no (also true/false, 1/0, បាទ/ចាស for yes and ទេ for no)",
        )),
    }
}

/// Compares periods by start, then open periods last; handy to show postings in order.
pub fn compare_periods(a: &Period, b: &Period) -> Ordering {
    a.start
        .cmp(&b.start)
        .then_with(|| a.end.unwrap_or(NaiveDate::MAX).cmp(&b.end.unwrap_or(NaiveDate::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // --- registry numbers ---

    #[test]
    fn registry_numbers_carry_a_luhn_check_digit() {
        assert_eq!(RegistryNumber::from_sequence(1).unwrap().as_str(), "KL-0000001-8");
        assert_eq!(RegistryNumber::from_sequence(123).unwrap().as_str(), "KL-0000123-0");
        assert_eq!(
            RegistryNumber::from_sequence(7_992_739).unwrap().as_str(),
            "KL-7992739-8"
        );
        assert_eq!(
            RegistryNumber::from_sequence(9_999_999).unwrap().as_str(),
            "KL-9999999-7"
        );
        // The classic example: 7992739871 has check digit 3.
        assert_eq!(luhn_check_digit("7992739871"), 3);
        for n in [0, 10_000_000, u64::MAX] {
            let error = RegistryNumber::from_sequence(n).unwrap_err();
            assert_eq!((error.field.as_str(), error.rule), ("registry_number", "out_of_range"));
        }
    }

    #[test]
    fn registry_numbers_parse_leniently() {
        let number = RegistryNumber::from_sequence(123).unwrap();
        for raw in [
            "KL-0000123-0",
            " kl00001230 ",
            "Kl-00001230",
            "KL 0000123 0",
            "KL–0000123–0",
        ] {
            assert_eq!(RegistryNumber::parse("q", raw).unwrap(), number, "{raw:?}");
        }
        assert_eq!(number.sequence(), 123);
        assert_eq!(number.to_string(), "KL-0000123-0");
        assert_eq!("kl-0000123-0".parse::<RegistryNumber>().unwrap(), number);
        assert_eq!(serde_json::to_string(&number).unwrap(), "\"KL-0000123-0\"");
        let back: RegistryNumber = serde_json::from_str("\"KL-0000123-0\"").unwrap();
        assert_eq!(back, number);
        assert!(serde_json::from_str::<RegistryNumber>("\"KL-0000123-1\"").is_err());
    }

    #[test]
    fn registry_numbers_refuse_typos_and_other_shapes() {
        let typo = RegistryNumber::parse("registry_number", "KL-0000123-6").unwrap_err();
        assert_eq!((typo.field.as_str(), typo.rule), ("registry_number", "check_digit"));
        assert!(typo.message.contains("typo"));
        assert_eq!(RegistryNumber::parse("f", "  ").unwrap_err().rule, "required");
        for raw in [
            "KL-000123-0",
            "KL-00001234-0",
            "0000123-0",
            "XX-0000123-0",
            "KL-00a0123-0",
            "KL-0000000-0",
        ] {
            assert_eq!(RegistryNumber::parse("f", raw).unwrap_err().rule, "format", "{raw:?}");
        }
    }

    // --- national ID ---

    #[test]
    fn national_ids_are_9_or_10_digits() {
        assert_eq!(NationalId::parse("n", "010203040").unwrap().as_str(), "010203040");
        assert_eq!(NationalId::parse("n", " 0102 030 40 ").unwrap().as_str(), "010203040");
        assert_eq!(NationalId::parse("n", "12-3456-7890").unwrap().as_str(), "1234567890");
        assert_eq!(NationalId::parse("n", "០១០២០៣០៤០").unwrap().as_str(), "010203040");
        assert_eq!(NationalId::parse("n", "").unwrap_err().rule, "required");
        for raw in ["12345678", "12345678901", "01020304A", "010203040.", "N01020304"] {
            let error = NationalId::parse("national_id", raw).unwrap_err();
            assert_eq!((error.field.as_str(), error.rule), ("national_id", "format"), "{raw:?}");
        }
        let id = NationalId::parse("n", "010203040").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"010203040\"");
    }

    // --- names ---

    fn name(fk: Option<&str>, gk: Option<&str>, fl: Option<&str>, gl: Option<&str>) -> PersonName {
        PersonName::parse(fk, gk, fl, gl).unwrap()
    }

    fn name_errors(
        fk: Option<&str>,
        gk: Option<&str>,
        fl: Option<&str>,
        gl: Option<&str>,
    ) -> Vec<(String, &'static str)> {
        PersonName::parse(fk, gk, fl, gl)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn khmer_names_with_subscripts_are_accepted() {
        let n = name(Some("សុខ"), Some("ស្រីមុំ"), None, None);
        assert_eq!(n.full_km().as_deref(), Some("សុខ ស្រីមុំ"));
        assert_eq!(n.full_latin(), None);
        assert_eq!(n.display(), "សុខ ស្រីមុំ");
        assert_eq!(n.search_key_km().as_deref(), Some("សុខស្រីមុំ"));
        assert_eq!(n.search_key_latin(), None);
    }

    #[test]
    fn khmer_names_typed_with_zwsp_or_without_spaces_search_alike() {
        let spaced = name(Some(" សុខ "), Some("ស្រី  មុំ"), None, None);
        let zwsp = name(Some("\u{200B}សុខ"), Some("ស្រី\u{200B}មុំ\u{200B}"), None, None);
        assert_eq!(spaced.given_km.as_deref(), Some("ស្រី មុំ"));
        assert_eq!(zwsp.family_km.as_deref(), Some("សុខ"));
        assert_eq!(zwsp.given_km.as_deref(), Some("ស្រី\u{200B}មុំ"));
        assert_eq!(spaced.search_key_km(), zwsp.search_key_km());
        assert_eq!(fold_khmer("សុខស្រីមុំ"), spaced.search_key_km().unwrap());
        assert_eq!(fold_khmer("ផ្ដើម"), fold_khmer("ផ្តើម"));
    }

    #[test]
    fn latin_names_fold_case_and_accents() {
        let n = name(None, None, Some("  Sók "), Some("SREYMOM"));
        assert_eq!(n.family_latin.as_deref(), Some("Sók"));
        assert_eq!(n.search_key_latin().as_deref(), Some("sok sreymom"));
        assert_eq!(fold_latin("Sók"), fold_latin("sok"));
        assert_eq!(fold_latin("Sokha  SÓK"), "sokha sok");
        assert_eq!(fold_latin("O'Neil-Smith, Jr."), "o neil smith jr");
        assert_eq!(
            fold_latin("Đặng Thị Ørsted Łukasz Straße"),
            "dang thi orsted lukasz strasse"
        );
        assert_eq!(fold_latin("   "), "");
        // A decomposed accent (e + combining acute) is accepted and normalised to NFC.
        let decomposed = name(None, None, Some("Se\u{301}ng"), Some("Dara"));
        assert_eq!(decomposed.family_latin.as_deref(), Some("Séng"));
    }

    #[test]
    fn both_scripts_display_khmer_first() {
        let n = name(Some("សុខ"), Some("ស្រីមុំ"), Some("Sok"), Some("Sreymom"));
        assert_eq!(n.display(), "សុខ ស្រីមុំ (Sok Sreymom)");
        assert_eq!(n.to_string(), n.display());
        // One script complete, the other half-filled: fine.
        let half = name(Some("សុខ"), None, Some("Sok"), Some("Sreymom"));
        assert_eq!(half.full_km().as_deref(), Some("សុខ"));
    }

    #[test]
    fn a_complete_script_is_required() {
        let all_four: Vec<(String, &str)> = [
            "family_name_km",
            "given_name_km",
            "family_name_latin",
            "given_name_latin",
        ]
        .into_iter()
        .map(|f| (f.to_owned(), "required"))
        .collect();
        assert_eq!(name_errors(None, None, None, None), all_four);
        assert_eq!(name_errors(Some(" "), Some("\u{200B}"), Some(""), None), all_four);
        assert_eq!(
            name_errors(Some("សុខ"), None, None, None),
            vec![("given_name_km".to_owned(), "required")]
        );
        assert_eq!(
            name_errors(Some("សុខ"), None, None, Some("Sreymom")),
            vec![
                ("given_name_km".to_owned(), "required"),
                ("family_name_latin".to_owned(), "required")
            ]
        );
        let error = &PersonName::parse(None, Some("ស្រីមុំ"), None, None).unwrap_err()[0];
        assert_eq!(
            error.message,
            "needs the family and given names in Khmer script, or in Latin script, or both"
        );
    }

    #[test]
    fn each_part_is_in_its_script_and_not_too_long() {
        assert_eq!(
            name_errors(Some("Sok"), Some("ស្រីមុំ"), None, None),
            vec![("family_name_km".to_owned(), "script")]
        );
        assert_eq!(
            name_errors(None, None, Some("សុខ"), Some("Dara2")),
            vec![
                ("family_name_latin".to_owned(), "script"),
                ("given_name_latin".to_owned(), "script")
            ]
        );
        assert_eq!(
            name_errors(None, None, Some("-"), Some("Dara")),
            vec![("family_name_latin".to_owned(), "script")]
        );
        for ok in ["O'Neil", "Anne-Marie", "St. John", "D’Souza", "Nguyễn", "Ñuñez"] {
            assert!(PersonName::parse(None, None, Some(ok), Some("Dara")).is_ok(), "{ok}");
        }
        let long = "a".repeat(101);
        assert_eq!(
            name_errors(None, None, Some(&long), Some("Dara")),
            vec![("family_name_latin".to_owned(), "too_long")]
        );
        assert!(PersonName::parse(None, None, Some(&"a".repeat(100)), Some("Dara")).is_ok());
    }

    #[test]
    fn is_khmer_finds_any_khmer_character() {
        assert!(is_khmer("ស្រីមុំ"));
        assert!(is_khmer("a\u{19E0}"));
        assert!(!is_khmer("Sreymom"));
        assert!(!is_khmer(""));
    }

    // --- sex ---

    #[test]
    fn sex_reads_codes_letters_and_khmer() {
        for (raw, sex) in [
            ("female", Sex::Female),
            (" F ", Sex::Female),
            ("ស្រី", Sex::Female),
            ("Male", Sex::Male),
            ("m", Sex::Male),
            ("ប្រុស", Sex::Male),
        ] {
            assert_eq!(raw.parse::<Sex>().unwrap(), sex, "{raw:?}");
        }
        let error = "x".parse::<Sex>().unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("sex", "one_of"));
        assert_eq!(serde_json::to_string(&Sex::Female).unwrap(), "\"female\"");
        assert_eq!(Sex::Male.as_str(), "male");
    }

    // --- dates ---

    #[test]
    fn dates_parse_in_iso_and_day_month_year() {
        assert_eq!(parse_date("d", "2024-02-29").unwrap(), date(2024, 2, 29));
        assert_eq!(parse_date("d", "29/02/2024").unwrap(), date(2024, 2, 29));
        assert_eq!(parse_date("d", " 1/5/1990 ").unwrap(), date(1990, 5, 1));
        assert_eq!(parse_date("d", "1990-5-1").unwrap(), date(1990, 5, 1));
        assert_eq!(parse_date("d", "៣១/០៥/១៩៩០").unwrap(), date(1990, 5, 31));
        assert_eq!(parse_date("d", "").unwrap_err().rule, "required");
    }

    #[test]
    fn impossible_or_malformed_dates_name_the_format() {
        for raw in ["2023-02-30", "30/02/2023", "2023-13-01", "00/01/2020", "2023-02-29"] {
            let error = parse_date("start_date", raw).unwrap_err();
            assert_eq!((error.field.as_str(), error.rule), ("start_date", "date"), "{raw:?}");
            assert!(error.message.contains("YYYY-MM-DD or DD/MM/YYYY"), "{}", error.message);
            assert!(error.message.contains("not a real date"), "{}", error.message);
        }
        for raw in [
            "1990",
            "05/31",
            "90-05-31",
            "1990/05/31",
            "31-05-1990",
            "1990-05-31T00:00",
            "yesterday",
        ] {
            let error = parse_date("start_date", raw).unwrap_err();
            assert_eq!(error.rule, "date", "{raw:?}");
            assert!(error.message.contains("YYYY-MM-DD or DD/MM/YYYY"), "{}", error.message);
        }
    }

    #[test]
    fn birth_dates_make_a_person_15_to_100() {
        let today = date(2025, 6, 1);
        assert_eq!(BirthDate::plausible_range(today), (date(1924, 6, 2), date(2010, 6, 1)));
        assert_eq!(
            BirthDate::parse("birth_date", "2010-06-01", today).unwrap(),
            date(2010, 6, 1)
        );
        assert_eq!(
            BirthDate::parse("birth_date", "02/06/1924", today).unwrap(),
            date(1924, 6, 2)
        );
        for raw in ["2010-06-02", "1924-06-01", "2030-01-01"] {
            let error = BirthDate::parse("birth_date", raw, today).unwrap_err();
            assert_eq!(
                (error.field.as_str(), error.rule),
                ("birth_date", "out_of_range"),
                "{raw}"
            );
            assert_eq!(
                error.message,
                "must be from 1924-06-02 to 2010-06-01: the person must be 15 to 100 years old"
            );
        }
        assert_eq!(
            BirthDate::parse("birth_date", "2000-02-30", today).unwrap_err().rule,
            "date"
        );
        // On a leap day, the range ends on the 28th of February of common years.
        assert_eq!(
            BirthDate::plausible_range(date(2024, 2, 29)),
            (date(1923, 3, 1), date(2009, 2, 28))
        );
    }

    // --- phones ---

    #[test]
    fn cambodian_phone_numbers_become_e164() {
        for (raw, e164) in [
            ("012 345 678", "+85512345678"),
            ("012-345-678", "+85512345678"),
            ("(012) 345.678", "+85512345678"),
            ("+855 12 345 678", "+85512345678"),
            ("85512345678", "+85512345678"),
            ("+855 (0)12 345 678", "+85512345678"),
            ("00855 12 345 678", "+85512345678"),
            ("097 1234 567", "+855971234567"),
            ("023 123 456", "+85523123456"),
            ("០១២ ៣៤៥ ៦៧៨", "+85512345678"),
            ("+33 1 23 45 67 89", "+33123456789"),
            ("+66 81 234 5678", "+66812345678"),
        ] {
            assert_eq!(PhoneNumber::parse("phone", raw).unwrap().as_str(), e164, "{raw:?}");
        }
        let phone = PhoneNumber::parse("phone", "+85512345678").unwrap();
        assert_eq!(PhoneNumber::parse("phone", phone.as_str()).unwrap(), phone);
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+85512345678\"");
    }

    #[test]
    fn other_phone_numbers_are_refused() {
        assert_eq!(PhoneNumber::parse("phone", " ").unwrap_err().rule, "required");
        for raw in [
            "12345",
            "12345678",
            "0012",
            "01234567",
            "01234567890",
            "+855 1234567",
            "+855 1234567890",
            "+855 0 0123 4567",
            "+1 234 567",
            "+1234567890123456",
            "012 345 67x",
            "+0123456789",
        ] {
            let error = PhoneNumber::parse("contact_phone", raw).unwrap_err();
            assert_eq!(
                (error.field.as_str(), error.rule),
                ("contact_phone", "format"),
                "{raw:?}"
            );
        }
    }

    // --- status and employment type ---

    #[test]
    fn statuses_and_employment_types_round_trip() {
        let codes = ["active", "inactive", "left_workforce", "deceased"];
        for (status, code) in WorkerStatus::ALL.into_iter().zip(codes) {
            assert_eq!(status.as_str(), code);
            assert_eq!(code.parse::<WorkerStatus>().unwrap(), status);
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{code}\""));
        }
        assert_eq!(
            "Left workforce".parse::<WorkerStatus>().unwrap(),
            WorkerStatus::LeftWorkforce
        );
        let error = "retired".parse::<WorkerStatus>().unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("status", "one_of"));
        assert_eq!(
            error.message,
            "must be one of: active, inactive, left_workforce, deceased"
        );

        let codes = ["civil_servant", "contract", "volunteer"];
        for (kind, code) in EmploymentType::ALL.into_iter().zip(codes) {
            assert_eq!(kind.as_str(), code);
            assert_eq!(code.parse::<EmploymentType>().unwrap(), kind);
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{code}\""));
        }
        assert_eq!(
            "Civil servant".parse::<EmploymentType>().unwrap(),
            EmploymentType::CivilServant
        );
        assert_eq!("ស្ម័គ្រចិត្ត".parse::<EmploymentType>().unwrap(), EmploymentType::Volunteer);
        let error = "intern".parse::<EmploymentType>().unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("employment_type", "one_of"));
        assert_eq!(error.message, "must be one of: civil_servant, contract, volunteer");
    }

    // --- periods ---

    #[test]
    fn periods_end_on_or_after_their_start() {
        assert!(Period::new(date(2025, 1, 1), Some(date(2025, 1, 1))).is_ok());
        assert!(Period::new(date(2025, 1, 1), None).is_ok());
        let error = Period::new(date(2025, 1, 2), Some(date(2025, 1, 1))).unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("end_date", "after_start"));
    }

    #[test]
    fn touching_periods_do_not_overlap_but_a_shared_day_does() {
        let january = Period::new(date(2025, 1, 1), Some(date(2025, 1, 31))).unwrap();
        let from_february = Period::new(date(2025, 2, 1), None).unwrap();
        let from_last_of_january = Period::new(date(2025, 1, 31), Some(date(2025, 3, 1))).unwrap();
        let open_2024 = Period::new(date(2024, 6, 1), None).unwrap();
        let one_day = Period::new(date(2025, 1, 15), Some(date(2025, 1, 15))).unwrap();
        assert!(!january.overlaps(&from_february));
        assert!(!from_february.overlaps(&january));
        assert!(january.overlaps(&from_last_of_january));
        assert!(open_2024.overlaps(&from_february));
        assert!(january.overlaps(&one_day));
        assert!(one_day.overlaps(&one_day));
        assert!(january.contains(date(2025, 1, 31)));
        assert!(!january.contains(date(2025, 2, 1)));
        assert!(from_february.contains(date(2099, 1, 1)));
        assert!(!from_february.contains(date(2025, 1, 31)));
        assert_eq!(january.to_string(), "2025-01-01 to 2025-01-31");
        assert_eq!(from_february.to_string(), "from 2025-02-01");
    }

    #[test]
    fn find_overlap_names_the_first_posting_in_the_way() {
        let existing = [
            ("a", Period::new(date(2023, 1, 1), Some(date(2023, 12, 31))).unwrap()),
            ("b", Period::new(date(2024, 1, 1), Some(date(2024, 12, 31))).unwrap()),
            ("c", Period::new(date(2025, 1, 1), None).unwrap()),
        ];
        let new = Period::new(date(2024, 6, 1), None).unwrap();
        assert_eq!(find_overlap(&existing, new).map(|(key, _)| *key), Some("b"));
        let after = Period::new(date(2022, 1, 1), Some(date(2022, 12, 31))).unwrap();
        assert_eq!(find_overlap(&existing, after), None);
        assert_eq!(find_overlap::<&str>(&[], new), None);
    }

    // --- category history ---

    #[test]
    fn category_changes_close_the_current_span() {
        use WorkforceCategory::*;
        let history = change_category(&[], ParaSocialWorker, date(2020, 1, 1)).unwrap();
        assert_eq!(
            history,
            vec![CategorySpan {
                category: ParaSocialWorker,
                from: date(2020, 1, 1),
                to: None
            }]
        );
        let history = change_category(&history, ParaProfessional, date(2023, 7, 1)).unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].to, Some(date(2023, 6, 30)));
        assert_eq!(history[1].from, date(2023, 7, 1));
        assert_eq!(history[1].to, None);
        assert_eq!(category_on(&history, date(2019, 12, 31)), None);
        assert_eq!(category_on(&history, date(2020, 1, 1)), Some(ParaSocialWorker));
        assert_eq!(category_on(&history, date(2023, 6, 30)), Some(ParaSocialWorker));
        assert_eq!(category_on(&history, date(2023, 7, 1)), Some(ParaProfessional));
        assert_eq!(category_on(&history, date(2099, 1, 1)), Some(ParaProfessional));
    }

    #[test]
    fn category_changes_are_refused_when_backdated_or_unchanged() {
        use WorkforceCategory::*;
        let history = change_category(&[], ParaSocialWorker, date(2020, 1, 1)).unwrap();
        let history = change_category(&history, ParaProfessional, date(2023, 7, 1)).unwrap();
        for effective in [date(2023, 7, 1), date(2023, 1, 1)] {
            let error = change_category(&history, AlliedWorker, effective).unwrap_err();
            assert_eq!((error.field.as_str(), error.rule), ("effective_from", "after_current"));
        }
        let error = change_category(&history, ParaProfessional, date(2024, 1, 1)).unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("category", "unchanged"));
    }

    #[test]
    fn category_history_is_kept_sorted() {
        use WorkforceCategory::*;
        let unsorted = [
            CategorySpan {
                category: ParaProfessional,
                from: date(2023, 7, 1),
                to: None,
            },
            CategorySpan {
                category: ParaSocialWorker,
                from: date(2020, 1, 1),
                to: Some(date(2023, 6, 30)),
            },
        ];
        let history = change_category(&unsorted, ProfessionalSocialWorker, date(2025, 1, 1)).unwrap();
        let froms: Vec<NaiveDate> = history.iter().map(|span| span.from).collect();
        assert_eq!(froms, vec![date(2020, 1, 1), date(2023, 7, 1), date(2025, 1, 1)]);
        assert_eq!(history[1].to, Some(date(2024, 12, 31)));
        // A closed latest span (the worker left) can be followed after its end.
        let closed = [CategorySpan {
            category: AlliedWorker,
            from: date(2020, 1, 1),
            to: Some(date(2021, 1, 1)),
        }];
        assert_eq!(
            change_category(&closed, AlliedWorker, date(2021, 1, 1))
                .unwrap_err()
                .rule,
            "after_current"
        );
        let reopened = change_category(&closed, AlliedWorker, date(2022, 1, 1)).unwrap();
        assert_eq!(reopened[0].to, Some(date(2021, 1, 1)));
        assert_eq!(category_on(&reopened, date(2021, 6, 1)), None);
    }

    // --- duplicates ---

    #[test]
    fn similar_names_in_either_script() {
        let khmer = name(Some("សុខ"), Some("ស្រីមុំ"), None, None);
        let khmer_zwsp = name(Some("សុខ"), Some("ស្រី\u{200B}មុំ"), Some("Sok"), Some("Srey Mom"));
        let latin = |f: &str, g: &str| name(None, None, Some(f), Some(g));
        assert!(names_similar(&khmer, &khmer_zwsp));
        assert!(!names_similar(&khmer, &latin("Sok", "Sreymom")));
        assert!(names_similar(&latin("Sók", "Sreymom"), &latin("SOK", "sreymom")));
        assert!(names_similar(&latin("Sok", "Sreymom"), &latin("Sreymom", "Sok")));
        // "sok sreymom" (11) and "sok sreymon"/"sok srey mon": within 2 edits.
        assert!(names_similar(&latin("Sok", "Sreymom"), &latin("Sok", "Sreymon")));
        assert!(names_similar(&latin("Sok", "Sreymom"), &latin("Sok", "Srey Mon")));
        assert!(!names_similar(&latin("Sok", "Sreymom"), &latin("Sok", "Sreyneang")));
        // Short names allow one edit only.
        assert!(names_similar(&latin("Sok", "Da"), &latin("Sok", "Ra")));
        assert!(!names_similar(&latin("Sok", "Da"), &latin("Sao", "Ra")));
        assert!(names_similar(&khmer_zwsp, &latin("Sok", "Sreymom")));
    }

    #[test]
    fn likely_duplicates_share_the_birth_date() {
        let a = name(Some("សុខ"), Some("ស្រីមុំ"), None, None);
        let b = name(Some("សុខ"), Some("ស្រី មុំ"), Some("Sok"), Some("Sreymom"));
        assert!(likely_duplicate(&a, date(1990, 5, 31), &b, date(1990, 5, 31)));
        assert!(!likely_duplicate(&a, date(1990, 5, 31), &b, date(1990, 5, 30)));
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("sok", "sók"), 1);
        assert_eq!(levenshtein("flaw", "lawn"), 2);
    }

    // --- small parsers ---

    #[test]
    fn duty_station_codes_are_2_4_or_6_digits() {
        assert_eq!(parse_duty_station_code("d", "12").unwrap(), "12");
        assert_eq!(parse_duty_station_code("d", " 1201 ").unwrap(), "1201");
        assert_eq!(parse_duty_station_code("d", "120101").unwrap(), "120101");
        assert_eq!(parse_duty_station_code("d", "10201").unwrap(), "010201");
        assert_eq!(parse_duty_station_code("d", "1").unwrap(), "01");
        assert_eq!(parse_duty_station_code("d", "១២០១០១").unwrap(), "120101");
        assert_eq!(parse_duty_station_code("d", " kh ").unwrap(), "KH");
        assert_eq!(parse_duty_station_code("d", "").unwrap_err().rule, "required");
        for raw in ["01020101", "12a", "Phnom Penh", "12-01"] {
            assert_eq!(parse_duty_station_code("d", raw).unwrap_err().rule, "format", "{raw:?}");
        }
    }

    #[test]
    fn yes_no_answers() {
        for yes in ["yes", "Y", "TRUE", "1", "បាទ", "ចាស", "១"] {
            assert!(parse_yes_no("f", yes).unwrap(), "{yes}");
        }
        for no in ["", " ", "no", "N", "false", "0", "ទេ", "អត់"] {
            assert!(!parse_yes_no("f", no).unwrap(), "{no:?}");
        }
        assert_eq!(parse_yes_no("focal_point", "maybe").unwrap_err().rule, "one_of");
    }

    #[test]
    fn periods_sort_by_start_then_end() {
        let mut periods = [
            Period::new(date(2024, 1, 1), None).unwrap(),
            Period::new(date(2024, 1, 1), Some(date(2024, 2, 1))).unwrap(),
            Period::new(date(2023, 1, 1), None).unwrap(),
        ];
        periods.sort_by(compare_periods);
        assert_eq!(periods[0].start, date(2023, 1, 1));
        assert_eq!(periods[1].end, Some(date(2024, 2, 1)));
        assert_eq!(periods[2].end, None);
    }

    // --- properties ---

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..20_000).prop_map(|days| date(1970, 1, 1) + chrono::Duration::days(days))
    }

    fn any_period() -> impl Strategy<Value = Period> {
        (any_date(), proptest::option::of(0i64..2_000))
            .prop_map(|(start, length)| Period::new(start, length.map(|d| start + chrono::Duration::days(d))).unwrap())
    }

    proptest! {
        #[test]
        fn registry_numbers_parse_back_to_their_sequence(n in 1u64..=RegistryNumber::MAX_SEQUENCE) {
            let number = RegistryNumber::from_sequence(n).unwrap();
            prop_assert_eq!(number.sequence(), n);
            prop_assert_eq!(RegistryNumber::parse("f", number.as_str()).unwrap(), number.clone());
            let compact = number.as_str().to_lowercase().replace('-', "");
            prop_assert_eq!(RegistryNumber::parse("f", &compact).unwrap(), number);
        }

        #[test]
        fn a_single_wrong_digit_is_always_caught(
            n in 1u64..=RegistryNumber::MAX_SEQUENCE,
            position in 0usize..8,
            shift in 1u8..10,
        ) {
            let number = RegistryNumber::from_sequence(n).unwrap();
            let mut digits: Vec<u8> = number.as_str().bytes().filter(u8::is_ascii_digit).collect();
            digits[position] = b'0' + (digits[position] - b'0' + shift) % 10;
            let typo = format!("KL{}", String::from_utf8(digits).unwrap());
            prop_assert!(RegistryNumber::parse("f", &typo).is_err(), "{} accepted", typo);
        }

        #[test]
        fn overlaps_is_symmetric(a in any_period(), b in any_period()) {
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            let shared_day = [a.start, b.start].into_iter().any(|d| a.contains(d) && b.contains(d));
            prop_assert_eq!(a.overlaps(&b), shared_day);
        }

        #[test]
        fn fold_latin_is_idempotent(text in "\\PC*") {
            let once = fold_latin(&text);
            prop_assert_eq!(fold_latin(&once), once);
        }

        #[test]
        fn fold_latin_ignores_case_and_accents_of_latin_names(text in "[a-zA-ZÀ-ÿ' .-]{0,30}") {
            prop_assert_eq!(fold_latin(&text.to_uppercase()), fold_latin(&text.to_lowercase()));
            let folded = fold_latin(&text);
            prop_assert!(folded.chars().all(|c| c.is_ascii_lowercase() || c == ' '), "{:?}", folded);
        }

        #[test]
        fn fold_khmer_is_idempotent(text in "[\u{1780}-\u{17FF} \u{200B}\u{200C}\u{200D}a-z]{0,20}") {
            let once = fold_khmer(&text);
            prop_assert_eq!(fold_khmer(&once), once);
        }

        #[test]
        fn normalised_values_parse_to_themselves(digits in "[0-9]{9,10}", national in "[1-9][0-9]{7,8}") {
            let id = NationalId::parse("f", &digits).unwrap();
            prop_assert_eq!(NationalId::parse("f", id.as_str()).unwrap(), id);
            let phone = PhoneNumber::parse("f", &format!("0{national}")).unwrap();
            prop_assert_eq!(phone.as_str(), format!("+855{national}"));
            prop_assert_eq!(PhoneNumber::parse("f", phone.as_str()).unwrap(), phone);
        }

        #[test]
        fn names_similar_is_symmetric(a in "[A-Za-z]{1,6} [A-Za-z]{1,8}", b in "[A-Za-z]{1,6} [A-Za-z]{1,8}") {
            let (fa, ga) = a.split_once(' ').unwrap();
            let (fb, gb) = b.split_once(' ').unwrap();
            let a = PersonName::parse(None, None, Some(fa), Some(ga)).unwrap();
            let b = PersonName::parse(None, None, Some(fb), Some(gb)).unwrap();
            prop_assert_eq!(names_similar(&a, &b), names_similar(&b, &a));
            prop_assert!(names_similar(&a, &a));
        }

        #[test]
        fn category_changes_keep_one_category_per_day(
            steps in proptest::collection::vec((0usize..4, 1i64..1_000), 1..8),
        ) {
            let mut history = Vec::new();
            let mut day = date(2000, 1, 1);
            for (category, gap) in steps {
                day += chrono::Duration::days(gap);
                let category = WorkforceCategory::ALL[category];
                match change_category(&history, category, day) {
                    Ok(next) => history = next,
                    Err(error) => prop_assert_eq!(error.rule, "unchanged"),
                }
                prop_assert_eq!(category_on(&history, day), Some(category));
            }
            prop_assert!(history.windows(2).all(|w| w[0].to.unwrap().succ_opt() == Some(w[1].from)));
            prop_assert_eq!(history.iter().filter(|span| span.to.is_none()).count(), 1);
        }
    }
}
