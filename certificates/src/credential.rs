//! The certificate as a W3C Verifiable Credential 2.0 that is an Open Badges 3.0
//! `OpenBadgeCredential`.
//!
//! [`CertificateFacts`] are what a registrar would read off the certificate; [`build_credential`]
//! turns them into the unsigned credential (deterministically: the same facts always give the
//! same JSON), [`crate::proof::sign`] secures it, and [`verify_credential`] checks a secured one.
//!
//! # Shape of the credential
//!
//! - `@context`: VC 2.0 and OB 3.0.3, plus, only when the certificate replaces another, a small
//!   inline context defining `supersedes` as Dublin Core `replaces` (so JSON-LD processors see no
//!   undefined term).
//! - `id`: the verification URL; `type`: `VerifiableCredential`, `OpenBadgeCredential`.
//! - `issuer`: a `Profile` with the provider's id (`did:web:` or `https:`) and bilingual name.
//! - `validFrom`: the issue date at midnight in Cambodia (`+07:00`).
//! - `name`, `description`: bilingual.
//! - `credentialSubject`: an `AchievementSubject` whose `identifier`s are `IdentityObject`s with
//!   the holder's Khmer name, Latin name (`identityType: "name"`) and registry number
//!   (`identityType: "identifier"`), in plain text (`hashed: false`: the certificate shows them
//!   anyway); `creditsEarned`; and the `achievement` (`type: Achievement`, `achievementType:
//!   "Certificate"`, `name`, `description`, `criteria.narrative`, `creditsAvailable`,
//!   `fieldOfStudy`, and the CQF level as an `alignment` to the Cambodia Qualifications
//!   Framework; the allied workers' certificate, which is not a CQF level, has no alignment).
//! - `credentialStatus`: a `BitstringStatusListEntry` with `statusPurpose: "revocation"`, when
//!   given.
//!
//! Every term is defined by the two contexts. Bilingual texts are arrays of language value
//! objects (`{"@value": "…", "@language": "km"}` then `"en"`), the form VC 2.0 (section 11.1)
//! gives for several languages. That is valid VC 2.0 and JSON-LD, and signature verification
//! does not care, but Open Badges 3.0's JSON Schema types `name`, `description`, `narrative` and
//! `fieldOfStudy` as plain strings, so a strict OB schema validator will flag these fields.
//! Credits are the exact value rounded down to a tenth, the product's one rounding rule
//! (`domain::Credits::display_rounded`).

use domain::{CqfLevel, Credits, FieldError};
use serde_json::{Value, json};

use crate::keys::PublicKey;
use crate::proof::{self, ASSERTION_METHOD, VerifiedProof, VerifyError};

/// The VC 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context (3.0.3).
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The IRI `supersedes` is defined as (Dublin Core: "a related resource that is supplanted,
/// displaced, or superseded by the described resource").
pub const SUPERSEDES_IRI: &str = "http://purl.org/dc/terms/replaces";
/// The name of the qualifications framework that CQF level alignments point into.
pub const CQF_FRAMEWORK: &str = "Cambodia Qualifications Framework (CQF)";
/// Cambodia's time zone, in which issue dates are days.
pub const CAMBODIA_OFFSET: &str = "+07:00";

/// The provider that issues (and signs) the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// The issuer id, `did:web:…` or `https://…`; the proof's verification method must be
    /// `{id}#{key name}`.
    pub id: String,
    /// The provider's name in English.
    pub name_en: String,
    /// The provider's name in Khmer.
    pub name_km: String,
}

/// The holder's names in both scripts and registry number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Family name in Khmer script, e.g. `សុខ` (may be empty for a single name).
    pub family_km: String,
    /// Given name in Khmer script, e.g. `ស្រីមុំ`.
    pub given_km: String,
    /// Family name in Latin script, e.g. `Sok` (may be empty for a single name).
    pub family_latin: String,
    /// Given name in Latin script, e.g. `Sreymom`.
    pub given_latin: String,
    /// The worker's registry number.
    pub registry_number: String,
}

impl Holder {
    /// The Khmer name as written: family name, a space, given name (`សុខ ស្រីមុំ`).
    pub fn name_km(&self) -> String {
        join_name(&self.family_km, &self.given_km)
    }

    /// The Latin name as written: family name, a space, given name (`Sok Sreymom`).
    pub fn name_latin(&self) -> String {
        join_name(&self.family_latin, &self.given_latin)
    }
}

fn join_name(family: &str, given: &str) -> String {
    match (family.trim(), given.trim()) {
        ("", given) => given.to_string(),
        (family, "") => family.to_string(),
        (family, given) => format!("{family} {given}"),
    }
}

/// The qualification awarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualification {
    /// The achievement's URI, e.g. `https://kamlang.example.gov.kh/api/v1/qualifications/tvc1-sw`.
    pub id: String,
    /// Title in English.
    pub title_en: String,
    /// Title in Khmer.
    pub title_km: String,
    /// The CQF level; `None` for the allied workers' certificate, which is not a CQF level.
    pub cqf_level: Option<CqfLevel>,
    /// The credits, exact; shown and written rounded down to a tenth.
    pub credits: Credits,
    /// Field of study in English.
    pub field_of_study_en: String,
    /// Field of study in Khmer.
    pub field_of_study_km: String,
}

/// A person who signs the paper certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    /// The name as printed (Khmer or Latin script, or both).
    pub name: String,
    /// The title in English, e.g. `Director`.
    pub title_en: String,
    /// The title in Khmer, e.g. `នាយក`.
    pub title_km: String,
}

/// Where the certificate's revocation bit is published (W3C Bitstring Status List).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusListEntry {
    /// The URL of the status list credential.
    pub status_list_credential: String,
    /// The certificate's index in the list.
    pub index: u64,
}

/// Everything a certificate states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateFacts {
    /// The certificate's serial number, e.g. `KML-2025-000123`.
    pub serial: String,
    /// The provider that issues it.
    pub issuer: Issuer,
    /// Whom it is issued to.
    pub holder: Holder,
    /// What it certifies.
    pub qualification: Qualification,
    /// The issue date, `YYYY-MM-DD`.
    pub issue_date: String,
    /// The one or two people who sign the paper.
    pub signatories: Vec<Signatory>,
    /// The public verification page, e.g. `https://kamlang.example.gov.kh/verify/KML-2025-000123`;
    /// also the credential's id.
    pub verification_url: String,
    /// The revocation status list entry, if any.
    pub status: Option<StatusListEntry>,
    /// The serial of the certificate this one replaces, if any.
    pub supersedes: Option<String>,
}

impl CertificateFacts {
    /// Checks every fact, naming the first field that breaks a rule.
    pub fn validate(&self) -> Result<(), FieldError> {
        let required = |field: &str, value: &str| {
            if value.trim().is_empty() {
                Err(FieldError::new(field, "required", "must not be empty"))
            } else {
                Ok(())
            }
        };
        let serial = self.serial.as_str();
        required("serial", serial)?;
        if serial.len() > 64 || !serial.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
            return Err(FieldError::new(
                "serial",
                "format",
                "must be at most 64 letters, digits, '-', '_', '.' or '/'",
            ));
        }
        if !(is_url(&self.issuer.id) || self.issuer.id.starts_with("did:")) {
            return Err(FieldError::new("issuer.id", "format", "must be a did: or http(s) URI"));
        }
        required("issuer.name_en", &self.issuer.name_en)?;
        required("issuer.name_km", &self.issuer.name_km)?;
        required("holder.given_km", &self.holder.given_km)?;
        required("holder.given_latin", &self.holder.given_latin)?;
        required("holder.registry_number", &self.holder.registry_number)?;
        if !self.qualification.id.contains(':') || self.qualification.id.contains(char::is_whitespace) {
            return Err(FieldError::new("qualification.id", "format", "must be a URI"));
        }
        required("qualification.title_en", &self.qualification.title_en)?;
        required("qualification.title_km", &self.qualification.title_km)?;
        required("qualification.field_of_study_en", &self.qualification.field_of_study_en)?;
        required("qualification.field_of_study_km", &self.qualification.field_of_study_km)?;
        if self.qualification.credits == Credits::ZERO {
            return Err(FieldError::new(
                "qualification.credits",
                "out_of_range",
                "must be more than zero",
            ));
        }
        if chrono::NaiveDate::parse_from_str(&self.issue_date, "%Y-%m-%d").is_err() || self.issue_date.len() != 10 {
            return Err(FieldError::new("issue_date", "format", "must be a date YYYY-MM-DD"));
        }
        if !(1..=2).contains(&self.signatories.len()) {
            return Err(FieldError::new(
                "signatories",
                "count",
                "must be one or two signatories",
            ));
        }
        for (i, signatory) in self.signatories.iter().enumerate() {
            required(&format!("signatories[{i}].name"), &signatory.name)?;
            required(&format!("signatories[{i}].title_en"), &signatory.title_en)?;
            required(&format!("signatories[{i}].title_km"), &signatory.title_km)?;
        }
        if !is_url(&self.verification_url) || self.verification_url.contains('#') {
            return Err(FieldError::new(
                "verification_url",
                "format",
                "must be an http(s) URL without a fragment",
            ));
        }
        if let Some(status) = &self.status
            && !is_url(&status.status_list_credential)
        {
            return Err(FieldError::new(
                "status.status_list_credential",
                "format",
                "must be an http(s) URL",
            ));
        }
        if let Some(supersedes) = &self.supersedes {
            required("supersedes", supersedes)?;
            if supersedes == serial {
                return Err(FieldError::new(
                    "supersedes",
                    "format",
                    "must not be the certificate's own serial",
                ));
            }
        }
        Ok(())
    }

    /// `validFrom`: the issue date at midnight in Cambodia.
    pub fn valid_from(&self) -> String {
        format!("{}T00:00:00{CAMBODIA_OFFSET}", self.issue_date)
    }
}

/// Whether `text` is an absolute http(s) URL with a host and no whitespace.
fn is_url(text: &str) -> bool {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    matches!(rest, Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !text.contains(char::is_whitespace))
}

/// The scheme and host (`https://host[:port]`) of an http(s) URL.
pub(crate) fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => &url[..after_scheme + slash],
        None => url,
    }
}

/// A bilingual text as VC 2.0 language value objects, Khmer first.
fn bilingual(km: &str, en: &str) -> Value {
    json!([
        {"@value": km, "@language": "km"},
        {"@value": en, "@language": "en"},
    ])
}

/// The credits as a JSON number: whole credits as an integer, otherwise rounded down to a tenth.
pub fn credits_number(credits: Credits) -> Value {
    if credits.ninetieths().is_multiple_of(90) {
        Value::from(credits.whole_credits_floor())
    } else {
        let shown: f64 = credits
            .display_rounded()
            .parse()
            .expect("display_rounded is a decimal number");
        Value::from(shown)
    }
}

/// Digits `0-9` written as Khmer digits `០-៩`.
pub fn khmer_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x17E0 + d).expect("Khmer digits are characters"),
            None => c,
        })
        .collect()
}

/// A decimal number written the Khmer way: Khmer digits and a decimal comma (`29.9` → `២៩,៩`).
pub fn khmer_number(decimal: &str) -> String {
    khmer_digits(&decimal.replace('.', ","))
}

/// The unsigned credential for `facts` (see the module docs for its shape).
pub fn build_credential(facts: &CertificateFacts) -> Result<Value, FieldError> {
    facts.validate()?;
    let q = &facts.qualification;
    let holder_km = facts.holder.name_km();
    let holder_latin = facts.holder.name_latin();
    let credits_shown = q.credits.display_rounded();
    let (level_en, level_km) = match q.cqf_level {
        Some(level) => (
            format!("CQF level {level}"),
            format!("កម្រិត {} នៃក្របខណ្ឌគុណវុឌ្ឍិកម្ពុជា", khmer_digits(&level.to_string())),
        ),
        None => ("not a CQF level".to_string(), "មិនមែនជាកម្រិតនៃក្របខណ្ឌគុណវុឌ្ឍិកម្ពុជា".to_string()),
    };

    let mut achievement = json!({
        "id": q.id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": bilingual(&q.title_km, &q.title_en),
        "description": bilingual(
            &format!("{}៖ {} · {} ក្រេឌីត។", q.title_km, level_km, khmer_number(&credits_shown)),
            &format!("{}: {}, {} credits.", q.title_en, level_en, credits_shown),
        ),
        "criteria": {
            "narrative": bilingual(
                &format!(
                    "បានបញ្ចប់ម៉ូឌុលដែលតម្រូវ និងទទួលបានយ៉ាងហោចណាស់ {} ក្រេឌីត ដែលកត់ត្រាក្នុងបញ្ជីជាតិ Kamlang។",
                    khmer_number(&credits_shown)
                ),
                &format!(
                    "Completed the required modules and earned at least {credits_shown} credits, \
                     as recorded in the Kamlang national registry."
                ),
            ),
        },
        "creditsAvailable": credits_number(q.credits),
        "fieldOfStudy": bilingual(&q.field_of_study_km, &q.field_of_study_en),
    });
    if let Some(level) = q.cqf_level {
        achievement["alignment"] = json!([{
            "type": ["Alignment"],
            "targetType": "ext:CQFLevel",
            "targetFramework": CQF_FRAMEWORK,
            "targetCode": level.to_string(),
            "targetName": format!("CQF level {level}"),
            "targetUrl": format!("{}/api/v1/reference/cqf-levels#level-{level}", origin(&facts.verification_url)),
        }]);
    }

    let identity = |identity_type: &str, value: &str| {
        json!({
            "type": "IdentityObject",
            "identityType": identity_type,
            "hashed": false,
            "identityHash": value,
        })
    };
    let mut context = vec![Value::from(VC_CONTEXT), Value::from(OB_CONTEXT)];
    if facts.supersedes.is_some() {
        context.push(json!({"supersedes": {"@id": SUPERSEDES_IRI}}));
    }

    let mut credential = json!({
        "@context": context,
        "id": facts.verification_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": facts.issuer.id,
            "type": ["Profile"],
            "name": bilingual(&facts.issuer.name_km, &facts.issuer.name_en),
        },
        "validFrom": facts.valid_from(),
        "name": bilingual(&q.title_km, &q.title_en),
        "description": bilingual(
            &format!(
                "វិញ្ញាបនបត្រលេខ {} ចេញដោយ {} ជូន {}។",
                facts.serial, facts.issuer.name_km, holder_km
            ),
            &format!(
                "Certificate {} issued by {} to {}.",
                facts.serial, facts.issuer.name_en, holder_latin
            ),
        ),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                identity("name", &holder_km),
                identity("name", &holder_latin),
                identity("identifier", &facts.holder.registry_number),
            ],
            "creditsEarned": credits_number(q.credits),
            "achievement": achievement,
        },
    });
    if let Some(status) = &facts.status {
        credential["credentialStatus"] = json!({
            "id": format!("{}#{}", status.status_list_credential, status.index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": status.index.to_string(),
            "statusListCredential": status.status_list_credential,
        });
    }
    if let Some(supersedes) = &facts.supersedes {
        credential["supersedes"] = Value::from(supersedes.as_str());
    }
    Ok(credential)
}

/// What a valid credential proof establishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCredential {
    /// The proof that verified.
    pub proof: VerifiedProof,
    /// The issuer id, which controls the proof's verification method.
    pub issuer: String,
}

/// Verifies a secured credential: the `eddsa-jcs-2022` proof ([`proof::verify`]), and then that
/// the proof's purpose is `assertionMethod`, that its verification method is the issuer's own
/// (`{issuer id}#…`), and that the credential's `@context` is exactly the one signed.
///
/// It does not look at time (`validFrom`, `validUntil`) or status: the caller knows the clock and
/// the status list.
pub fn verify_credential(
    secured: &Value,
    resolve: impl Fn(&str) -> Option<PublicKey>,
) -> Result<VerifiedCredential, VerifyError> {
    let verified = proof::verify(secured, resolve)?;
    if verified.proof_purpose != ASSERTION_METHOD {
        return Err(VerifyError::WrongPurpose {
            found: verified.proof_purpose,
            expected: ASSERTION_METHOD,
        });
    }
    let issuer = match secured.get("issuer") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Object(profile)) => profile
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| VerifyError::Malformed("issuer has no id".into()))?
            .to_string(),
        _ => return Err(VerifyError::Malformed("the credential has no issuer".into())),
    };
    let controller = verified
        .verification_method
        .split_once('#')
        .map(|(controller, _)| controller);
    if controller != Some(issuer.as_str()) {
        return Err(VerifyError::IssuerMismatch {
            verification_method: verified.verification_method,
            issuer,
        });
    }
    let proof_context = match secured.get("proof") {
        Some(Value::Array(proofs)) => proofs.first().and_then(|proof| proof.get("@context")),
        Some(proof) => proof.get("@context"),
        None => None,
    };
    if proof_context != secured.get("@context") {
        return Err(VerifyError::ContextMismatch);
    }
    Ok(VerifiedCredential {
        proof: verified,
        issuer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_urls() {
        assert_eq!(origin("https://kamlang.gov.kh/verify/X"), "https://kamlang.gov.kh");
        assert_eq!(origin("http://127.0.0.1:8080/verify/X"), "http://127.0.0.1:8080");
        assert_eq!(origin("https://kamlang.gov.kh"), "https://kamlang.gov.kh");
        assert!(is_url("https://a.b/c"));
        assert!(!is_url("https:///c"));
        assert!(!is_url("ftp://a.b"));
        assert!(!is_url("https://a b"));
    }

    #[test]
    fn khmer_digits_replace_only_digits() {
        assert_eq!(khmer_digits("2025-06-30"), "២០២៥-០៦-៣០");
        assert_eq!(khmer_digits("29.9"), "២៩.៩");
        assert_eq!(khmer_number("29.9"), "២៩,៩");
    }

    #[test]
    fn credits_are_whole_or_rounded_down() {
        assert_eq!(credits_number(Credits::from_whole(30)), json!(30));
        let almost = Credits::from_hours(domain::DeliveryMode::Instruction, 449);
        assert_eq!(credits_number(almost), json!(29.9));
    }
}
