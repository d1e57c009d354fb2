//! A per-client limit on the public endpoints (verification, status lists, keys, the public
//! register): so many requests a minute per client address, in fixed one-minute windows, kept in
//! memory. Beyond it, a 429 with `Retry-After`. The limit is configuration
//! (`public_rate_limit_per_minute`, `KAMLANG_PUBLIC_RATE_LIMIT`; 0 turns it off).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::AppError;

const WINDOW: Duration = Duration::from_secs(60);
/// Clients remembered before old windows are swept.
const SWEEP_AT: usize = 10_000;

#[derive(Clone)]
pub struct RateLimiter {
    per_minute: u32,
    windows: Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            windows: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Counts a request of `client` at `now`: `Ok` if within the limit, else the seconds until
    /// the window ends.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let (start, count) = windows.entry(client).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            *start = now;
            *count = 0;
        }
        if *count >= self.per_minute {
            let left = WINDOW.saturating_sub(now.duration_since(*start));
            return Err(left.as_secs().max(1));
        }
        *count += 1;
        Ok(())
    }
}

/// The middleware: a 429 naming the limit when a client goes over it.
pub async fn limit(State(limiter): State<RateLimiter>, request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    match limiter.check(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry_after) => AppError::rate_limited(
            "rate_limited",
            format!(
                "Too many requests: at most {} a minute to the public endpoints. Try again in {retry_after} s.",
                limiter.per_minute
            ),
            retry_after,
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_quota_per_window_and_others_theirs() {
        let limiter = RateLimiter::new(3);
        let a = IpAddr::from([10, 0, 0, 1]);
        let b = IpAddr::from([10, 0, 0, 2]);
        let t = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check(a, t).is_ok());
        }
        let wait = limiter.check(a, t + Duration::from_secs(20)).unwrap_err();
        assert_eq!(wait, 40);
        assert!(limiter.check(b, t).is_ok());
        assert!(limiter.check(a, t + WINDOW).is_ok(), "a new window");
        let off = RateLimiter::new(0);
        for _ in 0..1000 {
            assert!(off.check(a, t).is_ok());
        }
    }
}
