//! Problems that make a run untrustworthy (bad input, broken policies, limits hit). They are
//! collected, not thrown one at a time, so that a user sees every problem of a run at once.

use crate::source::Location;
use serde::Serialize;
use std::fmt;

/// What kind of problem it is. The code is stable and shown to users (`sansho::input::syntax`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// The path given does not exist.
    NotFound,
    /// The file system refused (permissions, I/O error).
    Io,
    /// A symbolic link loop in the inventory tree.
    SymlinkLoop,
    /// A file larger than the configured limit.
    TooLarge,
    /// The inventory holds more files than the configured limit.
    TooManyFiles,
    /// The file is not UTF-8 (Shift_JIS exports are the usual cause).
    NotUtf8,
    /// A file with no document in it.
    EmptyFile,
    /// A document with no content (`---` alone).
    EmptyDocument,
    /// YAML or JSON syntax.
    Syntax,
    /// The same key twice in one mapping.
    DuplicateKey,
    /// Nesting deeper than the limit.
    TooDeep,
    /// Alias expansion or size beyond the node limit.
    TooManyNodes,
    /// A YAML tag sansho does not read.
    UnsupportedValue,
    /// `apiVersion` missing or not `sansho/v1`.
    ApiVersion,
    /// `kind` missing or not one sansho knows.
    UnknownKind,
    /// `metadata.name` missing or not a valid name.
    MissingName,
    /// Two documents of one kind with the same name.
    DuplicateName,
    /// A value that does not match the kind's schema (wrong type, unknown field, missing field).
    Schema,
    /// A date that is not a real `YYYY-MM-DD` calendar date.
    InvalidDate,
    /// A reference by name to a document that does not exist.
    UnknownReference,
    /// `sansho.yaml` or a command-line setting is wrong.
    Config,
    /// A policy's METADATA block is missing or invalid.
    PolicyMetadata,
    /// A policy names a requirement id the catalog does not have.
    UnknownRequirement,
    /// Rego that does not parse or compile.
    PolicySyntax,
    /// A policy failed while evaluating.
    PolicyRuntime,
    /// A policy returned a finding sansho cannot use (no resource, unknown resource, no message).
    PolicyOutput,
    /// An evaluation limit (time, memory) was hit.
    Limit,
    /// Two rules share an id.
    DuplicateRule,
}

impl ProblemCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::NotFound => "not_found",
            ProblemCode::Io => "io",
            ProblemCode::SymlinkLoop => "symlink_loop",
            ProblemCode::TooLarge => "too_large",
            ProblemCode::TooManyFiles => "too_many_files",
            ProblemCode::NotUtf8 => "not_utf8",
            ProblemCode::EmptyFile => "empty_file",
            ProblemCode::EmptyDocument => "empty_document",
            ProblemCode::Syntax => "syntax",
            ProblemCode::DuplicateKey => "duplicate_key",
            ProblemCode::TooDeep => "too_deep",
            ProblemCode::TooManyNodes => "too_many_nodes",
            ProblemCode::UnsupportedValue => "unsupported_value",
            ProblemCode::ApiVersion => "api_version",
            ProblemCode::UnknownKind => "unknown_kind",
            ProblemCode::MissingName => "missing_name",
            ProblemCode::DuplicateName => "duplicate_name",
            ProblemCode::Schema => "schema",
            ProblemCode::InvalidDate => "invalid_date",
            ProblemCode::UnknownReference => "unknown_reference",
            ProblemCode::Config => "config",
            ProblemCode::PolicyMetadata => "policy_metadata",
            ProblemCode::UnknownRequirement => "unknown_requirement",
            ProblemCode::PolicySyntax => "policy_syntax",
            ProblemCode::PolicyRuntime => "policy_runtime",
            ProblemCode::PolicyOutput => "policy_output",
            ProblemCode::Limit => "limit",
            ProblemCode::DuplicateRule => "duplicate_rule",
        }
    }

    /// Whether the problem is in a policy rather than in the inventory.
    pub fn is_policy(self) -> bool {
        matches!(
            self,
            ProblemCode::PolicyMetadata
                | ProblemCode::UnknownRequirement
                | ProblemCode::PolicySyntax
                | ProblemCode::PolicyRuntime
                | ProblemCode::PolicyOutput
                | ProblemCode::Limit
                | ProblemCode::DuplicateRule
        )
    }
}

/// One problem: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: ProblemCode,
    /// The file (inventory, config or policy) when there is one.
    pub file: Option<String>,
    /// The place in the file when it is known.
    pub location: Option<Location>,
    /// What was found, in English (problems are for the person running the tool; the CLI may
    /// translate the common ones).
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// A second place that explains the first (e.g. the first of two duplicate keys).
    pub related: Option<Location>,
}

impl Problem {
    pub fn new(code: ProblemCode, message: impl Into<String>) -> Problem {
        Problem {
            code,
            file: None,
            location: None,
            message: message.into(),
            help: None,
            related: None,
        }
    }
    pub fn in_file(mut self, file: impl Into<String>) -> Problem {
        self.file = Some(file.into());
        self
    }
    pub fn at(mut self, location: Location) -> Problem {
        self.file = Some(location.file.clone());
        self.location = Some(location);
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
    pub fn related(mut self, location: Location) -> Problem {
        self.related = Some(location);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.location, &self.file) {
            (Some(l), _) => write!(f, "{}:{}:{}: ", l.file, l.line, l.column)?,
            (None, Some(file)) => write!(f, "{file}: ")?,
            (None, None) => {}
        }
        write!(f, "{} [{}]", self.message, self.code.as_str())?;
        if let Some(h) = &self.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

/// The engine's error: one or more problems, all of which make the run untrustworthy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Problems {
        Problems(vec![p])
    }
}
