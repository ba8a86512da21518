//! The one error type of the portal and its mapping to HTTP statuses.

use std::fmt::Display;

pub type Result<T, E = Error> = std::result::Result<T, E>;

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
    /// A dependency (DynamoDB, S3, SES) failed; the detail is logged, never shown.
    #[error("{0}")]
    Upstream(String),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    pub fn validation(msg: impl Into<String>) -> Self {
        Self::Validation(msg.into())
    }

    pub fn not_found(what: impl Display) -> Self {
        Self::NotFound(format!("{what} not found"))
    }

    /// Wraps an AWS SDK error with its whole source chain, for the logs.
    pub fn aws(err: impl std::error::Error + 'static) -> Self {
        Self::Upstream(format!(
            "{}",
            aws_sdk_dynamodb::error::DisplayErrorContext(&err)
        ))
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
            Self::Upstream(_) => 502,
            Self::Internal(_) => 500,
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
            Self::Upstream(_) => "upstream_failed",
            Self::Internal(_) => "internal",
        }
    }

    /// What the caller is told: server-side details stay in the logs.
    pub fn public_message(&self) -> String {
        match self {
            Self::Upstream(_) | Self::Internal(_) => {
                "the service could not complete the request; try again".into()
            }
            other => other.to_string(),
        }
    }
}

/// How a failed event handler reports to Lambda (which then retries the event).
impl From<Error> for lambda_http::lambda_runtime::Diagnostic {
    fn from(err: Error) -> Self {
        Self {
            error_type: err.code().to_string(),
            error_message: err.to_string(),
        }
    }
}

impl From<aws_sdk_dynamodb::error::BuildError> for Error {
    fn from(err: aws_sdk_dynamodb::error::BuildError) -> Self {
        Self::Internal(format!("request build: {err}"))
    }
}

impl From<serde_dynamo::Error> for Error {
    fn from(err: serde_dynamo::Error) -> Self {
        Self::Internal(format!("stored item shape: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            (Error::Upstream("x".into()), 502),
            (Error::Internal("x".into()), 500),
        ];
        for (err, status) in cases {
            assert_eq!(err.status(), status, "{err:?}");
        }
    }

    #[test]
    fn server_side_details_are_not_shown() {
        let err = Error::Upstream("dynamodb: table secret-table missing".into());
        assert!(!err.public_message().contains("secret-table"));
    }
}
