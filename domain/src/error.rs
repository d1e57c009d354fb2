//! The one error type of the domain: which field broke which rule.

/// A value that breaks a rule of the domain.
///
/// `field` names the input (as the API and the forms call it), `rule` is a short stable
/// snake_case code that clients can switch on (`"required"`, `"too_long"`, `"format"`,
/// `"out_of_range"`, `"one_of"`, ...), and `message` is an English sentence, without the field
/// name, that says what the rule asks for.
///
/// ```
/// use domain::FieldError;
/// let error = FieldError::new("email", "format", "must be a valid email address");
/// assert_eq!(error.to_string(), "email: must be a valid email address");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The input that holds the bad value, e.g. `"email"` or `"cqf_level"`.
    pub field: String,
    /// A short snake_case code of the rule that failed, e.g. `"too_long"`.
    pub rule: &'static str,
    /// A human sentence naming the rule, e.g. `"must be at most 254 characters"`.
    pub message: String,
}

impl FieldError {
    /// An error on `field` for breaking `rule`, explained by `message`.
    pub fn new(field: impl Into<String>, rule: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            rule,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_field_then_message() {
        let error = FieldError::new("cqf_level", "out_of_range", "must be from 1 to 8");
        assert_eq!(error.to_string(), "cqf_level: must be from 1 to 8");
        assert_eq!(error.rule, "out_of_range");
    }
}
