//! The one error type of the portal and its mapping to HTTP statuses.

use std::fmt::Display;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Any underlying error kept as the cause of ours.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Validation(String),
    #[error("authentication required")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedType(String),
    /// Asked again too soon (another invitation within minutes of the last).
    #[error("{0}")]
    Throttled(String),
    /// A dependency (DynamoDB, S3, SES) failed; the chain is logged, never shown.
    #[error("{operation} failed")]
    Upstream {
        operation: &'static str,
        #[source]
        source: BoxError,
    },
    /// A fault of ours (configuration, encoding); the chain is logged, never shown.
    #[error("{message}")]
    Internal {
        message: String,
        #[source]
        source: Option<BoxError>,
    },
}

impl Error {
    pub fn validation(msg: impl Into<String>) -> Self {
        Self::Validation(msg.into())
    }

    pub fn not_found(what: impl Display) -> Self {
        Self::NotFound(format!("{what} not found"))
    }

    /// `operation` (e.g. "DynamoDB GetItem") failed because of `source`.
    pub fn upstream(operation: &'static str, source: impl Into<BoxError>) -> Self {
        Self::Upstream {
            operation,
            source: source.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::Internal {
            message: message.into(),
            source: None,
        }
    }

    pub fn internal_from(message: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Self::Internal {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            Self::Validation(_) => 400,
            Self::Unauthorized => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::Conflict(_) => 409,
            Self::TooLarge(_) => 413,
            Self::UnsupportedType(_) => 415,
            Self::Throttled(_) => 429,
            Self::Upstream { .. } => 502,
            Self::Internal { .. } => 500,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::Conflict(_) => "conflict",
            Self::TooLarge(_) => "too_large",
            Self::UnsupportedType(_) => "unsupported_type",
            Self::Throttled(_) => "throttled",
            Self::Upstream { .. } => "upstream_failed",
            Self::Internal { .. } => "internal",
        }
    }

    /// What the caller is told: server-side details stay in the logs.
    pub fn public_message(&self) -> String {
        match self {
            Self::Upstream { .. } | Self::Internal { .. } => {
                "the service could not complete the request; try again".into()
            }
            other => other.to_string(),
        }
    }

    /// The error and every cause under it, one line, for the log.
    pub fn chain(&self) -> String {
        let mut text = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(err) = cause {
            let line = err.to_string();
            // SDK errors repeat their inner error's text one level up; say it once.
            if !text.ends_with(&line) {
                text.push_str(": ");
                text.push_str(&line);
            }
            cause = err.source();
        }
        text
    }
}

/// How a failed event handler reports to Lambda (which then retries the event).
impl From<Error> for lambda_http::lambda_runtime::Diagnostic {
    fn from(err: Error) -> Self {
        Self {
            error_type: err.code().to_string(),
            error_message: err.chain(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("table secret-table missing")]
    struct Missing;

    #[test]
    fn every_variant_maps_to_its_status() {
        let cases = [
            (Error::validation("x"), 400),
            (Error::Unauthorized, 401),
            (Error::Forbidden("x".into()), 403),
            (Error::not_found("x"), 404),
            (Error::Conflict("x".into()), 409),
            (Error::TooLarge("x".into()), 413),
            (Error::UnsupportedType("x".into()), 415),
            (Error::upstream("DynamoDB GetItem", Missing), 502),
            (Error::internal("x"), 500),
        ];
        for (err, status) in cases {
            assert_eq!(err.status(), status, "{err:?}");
        }
    }

    #[test]
    fn server_side_details_are_not_shown_but_logged_with_their_cause() {
        let err = Error::upstream("DynamoDB GetItem", Missing);
        assert!(!err.public_message().contains("secret-table"));
        assert_eq!(
            err.chain(),
            "DynamoDB GetItem failed: table secret-table missing"
        );
        assert!(std::error::Error::source(&err).is_some());
    }
}
