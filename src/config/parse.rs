//! Reading one setting's value: ids, thresholds, rates, shard ranges, switches, URLs.

use super::*;

pub(super) fn parse_id(var: &'static str, v: &str) -> Result<u64, ConfigError> {
    match v.parse::<u64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(ConfigError::Invalid {
            var,
            expected: "a Discord id (a number)",
            got: v.to_string(),
        }),
    }
}

pub(super) fn parse_ids(var: &'static str, v: &str) -> Result<Vec<u64>, ConfigError> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            parse_id(var, s).map_err(|_| ConfigError::Invalid {
                var,
                expected: "comma-separated Discord ids (numbers)",
                got: s.to_string(),
            })
        })
        .collect()
}

pub(super) fn parse_threshold(
    var: &'static str,
    v: Option<String>,
    default: f32,
) -> Result<f32, ConfigError> {
    let Some(v) = v else { return Ok(default) };
    match v.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(ConfigError::Invalid {
            var,
            expected: "a confidence between 0 and 1 (e.g. 0.75)",
            got: v,
        }),
    }
}

pub(super) fn parse_rate(var: &'static str, v: &str) -> Result<Option<UserRate>, ConfigError> {
    if v.eq_ignore_ascii_case("off") || v == "0" {
        return Ok(None);
    }
    let bad = || ConfigError::Invalid {
        var,
        expected: "COUNT/SECONDS such as `5/60`, or `off`",
        got: v.to_string(),
    };
    let (count, secs) = v.split_once('/').ok_or_else(bad)?;
    let count: u32 = count.trim().parse().map_err(|_| bad())?;
    let secs: u64 = secs
        .trim()
        .trim_end_matches('s')
        .parse()
        .map_err(|_| bad())?;
    if count == 0 || secs == 0 {
        return Err(bad());
    }
    Ok(Some(UserRate {
        count,
        per: Duration::from_secs(secs),
    }))
}

pub(super) fn parse_shards(v: &str) -> Result<ShardRange, ConfigError> {
    let bad = || ConfigError::Invalid {
        var: SHARDS,
        expected: "FIRST-LAST/TOTAL such as `0-3/8` (or ID/TOTAL), with LAST below TOTAL",
        got: v.to_string(),
    };
    let (range, total) = v.split_once('/').ok_or_else(bad)?;
    let total: u32 = total.trim().parse().map_err(|_| bad())?;
    let (first, last) = match range.split_once('-') {
        Some((a, b)) => (
            a.trim().parse().map_err(|_| bad())?,
            b.trim().parse().map_err(|_| bad())?,
        ),
        None => {
            let id: u32 = range.trim().parse().map_err(|_| bad())?;
            (id, id)
        }
    };
    if first > last || last >= total {
        return Err(bad());
    }
    Ok(ShardRange { first, last, total })
}

pub(super) fn parse_in_flight(v: &str) -> Result<usize, ConfigError> {
    match v.parse::<usize>() {
        Ok(n) if (1..=MAX_IN_FLIGHT_LIMIT).contains(&n) => Ok(n),
        _ => Err(ConfigError::Invalid {
            var: MAX_IN_FLIGHT,
            expected: "a whole number of replies from 1 to 1024 (e.g. 16)",
            got: v.to_string(),
        }),
    }
}

pub(super) fn parse_database_url(v: String) -> Result<String, ConfigError> {
    let known = ["sqlite:", "postgres://", "postgresql://"];
    if known.iter().any(|scheme| v.starts_with(scheme)) {
        Ok(v)
    } else {
        Err(ConfigError::Invalid {
            var: DATABASE_URL,
            expected:
                "sqlite://FILE (e.g. sqlite://rolecall.db) or postgres://USER:PASSWORD@HOST/DB",
            got: rolecall_store::redact(&v),
        })
    }
}

pub(super) fn parse_bool(var: &'static str, v: &str) -> Result<bool, ConfigError> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ConfigError::Invalid {
            var,
            expected: "true or false",
            got: v.to_string(),
        }),
    }
}

/// Whether `ROLECALL_QUESTION_LOG`'s value (trimmed; `None` when unset or empty) keeps the
/// question log on: the one reading of that setting, for the bot and for `rolecall gaps`.
pub fn question_log(value: Option<&str>) -> Result<bool, ConfigError> {
    value.map_or(Ok(true), |v| parse_switch(QUESTION_LOG, v.trim()))
}

/// An on/off switch (`on`/`off`, also `true`/`false`, `yes`/`no`, `1`/`0`).
pub(super) fn parse_switch(var: &'static str, v: &str) -> Result<bool, ConfigError> {
    parse_bool(var, v).map_err(|_| ConfigError::Invalid {
        var,
        expected: "on or off",
        got: v.to_string(),
    })
}

/// `ROLECALL_GUILD_FAQ_LIMIT` as set (`None`: unset), for the bot and `rolecall import`.
pub fn guild_faq_limit(value: Option<&str>) -> Result<usize, ConfigError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => parse_count(GUILD_FAQ_LIMIT, v, MAX_GUILD_FAQ_LIMIT),
        None => Ok(rolecall_core::overlay::DEFAULT_FAQ_LIMIT),
    }
}

/// A whole number from 1 to `max` for `var`.
pub(super) fn parse_count(var: &'static str, v: &str, max: usize) -> Result<usize, ConfigError> {
    match v.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(ConfigError::Invalid {
            var,
            expected: "a whole number from 1 up (see docs/settings.md for the most)",
            got: v.to_string(),
        }),
    }
}
