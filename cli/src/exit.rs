//! Exit codes, the same for every subcommand.

/// Nothing at or above the fail level.
pub const OK: i32 = 0;
/// Findings at or above the fail level (or failing tests).
pub const FINDINGS: i32 = 1;
/// The run cannot be trusted: usage error, unreadable or invalid input, policy error.
pub const UNTRUSTED: i32 = 2;
