//! New passwords, checked before they are hashed.

use std::fmt;

use crate::FieldError;

/// The fewest characters a new password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The most characters a new password may have (bounds the cost of hashing it).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A password someone chose, long enough to keep and short enough to hash.
///
/// It is kept exactly as typed (no trimming: spaces count, passphrases are welcome) and its
/// [`Debug`](fmt::Debug) output is always `NewPassword(***)`, so it never reaches a log. It is
/// neither `Clone` nor `Display`, so that copies and accidental formatting stay rare; read it
/// with [`NewPassword::expose`] only to hash it.
pub struct NewPassword(String);

impl NewPassword {
    /// Parses `raw`, the value of the input `field`: it must have from 12 to 128 characters
    /// (characters, not bytes: a Khmer passphrase counts what the user typed) and must not be
    /// only whitespace.
    ///
    /// ```
    /// use domain::NewPassword;
    /// assert!(NewPassword::parse("password", "correct horse battery").is_ok());
    /// assert_eq!(NewPassword::parse("password", "short").unwrap_err().rule, "too_short");
    /// ```
    pub fn parse(field: &str, raw: &str) -> Result<NewPassword, FieldError> {
        if raw.trim().is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty or only spaces"));
        }
        let length = raw.chars().count();
        if length < MIN_PASSWORD_CHARS {
            return Err(FieldError::new(
                field,
                "too_short",
                format!("must be at least {MIN_PASSWORD_CHARS} characters"),
            ));
        }
        if length > MAX_PASSWORD_CHARS {
            return Err(FieldError::new(
                field,
                "too_long",
                format!("must be at most {MAX_PASSWORD_CHARS} characters"),
            ));
        }
        Ok(NewPassword(raw.to_owned()))
    }

    /// The password as typed, to hash it; never log or store it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(raw: &str) -> &'static str {
        NewPassword::parse("password", raw)
            .expect_err("should be rejected")
            .rule
    }

    #[test]
    fn accepts_12_to_128_characters_as_typed() {
        for raw in ["abcdefghijkl", " twelve chars", &"x".repeat(MAX_PASSWORD_CHARS)] {
            assert_eq!(NewPassword::parse("password", raw).unwrap().expose(), raw);
        }
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 12 Khmer characters are 36 bytes of UTF-8; 11 are too few whatever their bytes.
        let twelve = "កម្លាំងកម្លា";
        assert_eq!(twelve.chars().count(), 12);
        assert!(NewPassword::parse("password", twelve).is_ok());
        let eleven: String = twelve.chars().take(11).collect();
        assert_eq!(rule_of(&eleven), "too_short");
        // 128 Khmer characters are 384 bytes and still allowed.
        let longest: String = "ក".repeat(MAX_PASSWORD_CHARS);
        assert!(NewPassword::parse("password", &longest).is_ok());
    }

    #[test]
    fn rejects_too_short_too_long_and_blank() {
        assert_eq!(rule_of("abcdefghijk"), "too_short");
        assert_eq!(rule_of(&"x".repeat(MAX_PASSWORD_CHARS + 1)), "too_long");
        assert_eq!(rule_of(""), "required");
        assert_eq!(rule_of(&" ".repeat(20)), "required");
        assert_eq!(rule_of("\t\n            "), "required");
    }

    #[test]
    fn error_names_field_and_rule() {
        let error = NewPassword::parse("new_password", "short").unwrap_err();
        assert_eq!(error.field, "new_password");
        assert_eq!(error.to_string(), "new_password: must be at least 12 characters");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let password = NewPassword::parse("password", "hunter2hunter2").unwrap();
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
        assert_eq!(format!("{:?}", Some(&password)), "Some(NewPassword(***))");
    }
}
