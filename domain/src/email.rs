//! Email addresses, checked once at the edge.

use std::fmt;

use serde::Serialize;

use crate::FieldError;

/// The longest address that fits the SMTP path limit (RFC 5321, section 4.5.3.1.3).
const MAX_LENGTH: usize = 254;

const FORMAT_MESSAGE: &str = "must be a valid email address such as name@example.org";

/// A plausible email address, trimmed and lowercased so that it can be compared and looked up.
///
/// The check is deliberately simple (one `@`, a local part, a domain with a dot, no spaces): only
/// a message that arrives proves an address. Serialized as a plain string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses `raw`, the value of the input `field`: trims it, lowercases it, and requires exactly
    /// one `@` with a non-empty local part before it and a domain with a dot after it, no
    /// whitespace, and at most 254 characters.
    ///
    /// ```
    /// use domain::EmailAddress;
    /// let email = EmailAddress::parse("email", "  Sokha.Chan@MoSVY.gov.kh ").unwrap();
    /// assert_eq!(email.as_str(), "sokha.chan@mosvy.gov.kh");
    /// assert_eq!(EmailAddress::parse("email", "sokha").unwrap_err().rule, "format");
    /// ```
    pub fn parse(field: &str, raw: &str) -> Result<EmailAddress, FieldError> {
        let address = raw.trim().to_lowercase();
        if address.is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty"));
        }
        if address.chars().count() > MAX_LENGTH {
            return Err(FieldError::new(
                field,
                "too_long",
                format!("must be at most {MAX_LENGTH} characters"),
            ));
        }
        if !is_plausible_address(&address) {
            return Err(FieldError::new(field, "format", FORMAT_MESSAGE));
        }
        Ok(EmailAddress(address))
    }

    /// The address, trimmed and lowercased.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One `@`, something before it, a domain of dot-separated non-empty labels after it (at least
/// two labels), and no whitespace anywhere.
fn is_plausible_address(address: &str) -> bool {
    if address.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(raw: &str) -> &'static str {
        EmailAddress::parse("email", raw).expect_err("should be rejected").rule
    }

    #[test]
    fn accepts_ordinary_addresses_trimmed_and_lowercased() {
        for (raw, expected) in [
            ("dara@nisa.edu.kh", "dara@nisa.edu.kh"),
            ("  Dara.Sok+hr@Example.ORG\n", "dara.sok+hr@example.org"),
            ("a@b.co", "a@b.co"),
        ] {
            let email = EmailAddress::parse("email", raw).unwrap();
            assert_eq!(email.as_str(), expected);
            assert_eq!(email.to_string(), expected);
        }
    }

    #[test]
    fn empty_is_required() {
        assert_eq!(rule_of(""), "required");
        assert_eq!(rule_of("   "), "required");
    }

    #[test]
    fn rejects_malformed_addresses_as_format() {
        for raw in [
            "dara",
            "dara@",
            "@nisa.edu.kh",
            "dara@localhost",
            "dara@@nisa.edu.kh",
            "da@ra@nisa.edu.kh",
            "dara sok@nisa.edu.kh",
            "dara@nisa .edu.kh",
            "dara@nisa..kh",
            "dara@.nisa.kh",
            "dara@nisa.kh.",
        ] {
            assert_eq!(rule_of(raw), "format", "{raw:?}");
        }
    }

    #[test]
    fn error_names_the_field_and_the_rule() {
        let error = EmailAddress::parse("contact_email", "nope").unwrap_err();
        assert_eq!(error.field, "contact_email");
        assert_eq!(
            error.to_string(),
            "contact_email: must be a valid email address such as name@example.org"
        );
    }

    #[test]
    fn at_most_254_characters() {
        let domain = "@example.org";
        let longest = format!("{}{domain}", "a".repeat(MAX_LENGTH - domain.len()));
        assert!(EmailAddress::parse("email", &longest).is_ok());
        let too_long = format!("a{longest}");
        assert_eq!(rule_of(&too_long), "too_long");
    }
}
