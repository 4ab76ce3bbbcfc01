//! The wall clock, read in one place.

/// Now, in Unix seconds (0 before 1970, `i64::MAX` past the year 292 billion).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
