//! How repeated failed sign-ins are slowed down and then locked.
//!
//! The rule: the first [`FREE_FAILURES`] failures cost nothing; after that each attempt must wait
//! 2, 4, 8… seconds (at most [`MAX_DELAY_SECS`]) after the last failure; the
//! [`FAILURES_BEFORE_LOCK`]th consecutive failure locks the account for [`LOCK_MINUTES`] minutes
//! and starts the count afresh. A successful sign-in resets everything.

use chrono::{DateTime, Duration, Utc};

pub const FREE_FAILURES: u32 = 2;
pub const FAILURES_BEFORE_LOCK: u32 = 5;
pub const LOCK_MINUTES: i64 = 15;
pub const MAX_DELAY_SECS: i64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// Too soon after the last failure.
    SlowDown {
        retry_after_secs: u64,
    },
    /// Locked until a moment in the future.
    Locked {
        retry_after_secs: u64,
    },
}

/// The delay required after `failed_count` consecutive failures.
pub fn delay_after(failed_count: u32) -> Duration {
    if failed_count <= FREE_FAILURES {
        return Duration::zero();
    }
    let exponent = (failed_count - FREE_FAILURES).min(6);
    Duration::seconds((1i64 << exponent).min(MAX_DELAY_SECS))
}

/// May an attempt be made now?
pub fn check(
    failed_count: u32,
    last_failed_at: Option<DateTime<Utc>>,
    locked_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Decision {
    if let Some(until) = locked_until
        && until > now
    {
        return Decision::Locked {
            retry_after_secs: seconds_until(now, until),
        };
    }
    if let Some(last) = last_failed_at {
        let allowed_at = last + delay_after(failed_count);
        if allowed_at > now {
            return Decision::SlowDown {
                retry_after_secs: seconds_until(now, allowed_at),
            };
        }
    }
    Decision::Allowed
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AfterFailure {
    pub failed_count: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// The account's state after one more failure.
pub fn after_failure(failed_count: u32, now: DateTime<Utc>) -> AfterFailure {
    let count = failed_count + 1;
    if count >= FAILURES_BEFORE_LOCK {
        AfterFailure {
            failed_count: 0,
            locked_until: Some(now + Duration::minutes(LOCK_MINUTES)),
        }
    } else {
        AfterFailure {
            failed_count: count,
            locked_until: None,
        }
    }
}

fn seconds_until(now: DateTime<Utc>, then: DateTime<Utc>) -> u64 {
    let millis = (then - now).num_milliseconds().max(0) as u64;
    millis.div_ceil(1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn first_failures_are_free() {
        assert_eq!(check(1, Some(t0()), None, t0()), Decision::Allowed);
        assert_eq!(check(2, Some(t0()), None, t0()), Decision::Allowed);
    }

    #[test]
    fn later_failures_slow_down_exponentially() {
        assert_eq!(
            check(3, Some(t0()), None, t0()),
            Decision::SlowDown { retry_after_secs: 2 }
        );
        assert_eq!(
            check(4, Some(t0()), None, t0()),
            Decision::SlowDown { retry_after_secs: 4 }
        );
        assert_eq!(
            check(4, Some(t0()), None, t0() + Duration::seconds(4)),
            Decision::Allowed
        );
    }

    #[test]
    fn the_fifth_failure_locks_for_fifteen_minutes() {
        let mut count = 0;
        let mut locked = None;
        for _ in 0..FAILURES_BEFORE_LOCK {
            let after = after_failure(count, t0());
            count = after.failed_count;
            locked = after.locked_until;
        }
        assert_eq!(locked, Some(t0() + Duration::minutes(15)));
        assert_eq!(
            check(count, Some(t0()), locked, t0() + Duration::minutes(14)),
            Decision::Locked { retry_after_secs: 60 }
        );
        assert_eq!(
            check(count, Some(t0()), locked, t0() + Duration::minutes(15)),
            Decision::Allowed
        );
    }

    #[test]
    fn delay_is_capped() {
        assert_eq!(delay_after(100), Duration::seconds(MAX_DELAY_SECS));
    }
}
