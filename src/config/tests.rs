//! Settings read from a map of variables: defaults, every value form, every error.

use super::*;
use std::collections::HashMap;

fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let mut map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    map.entry(DISCORD_TOKEN.into())
        .or_insert_with(|| "tok".into());
    Settings::from_lookup(|k| map.get(k).cloned())
}

fn invalid_var(r: Result<Settings, ConfigError>) -> &'static str {
    match r {
        Err(ConfigError::Invalid { var, .. } | ConfigError::Conflict { var, .. }) => var,
        other => panic!("expected an invalid setting, got {other:?}"),
    }
}

#[test]
fn defaults_when_only_the_token_is_set() {
    let s = settings(&[]).unwrap();
    assert_eq!(s.token.expose(), "tok");
    assert_eq!(s.guild_id, None);
    assert!(s.channels.is_empty());
    assert_eq!(s.matching, MatchConfig::DEFAULT);
    assert_eq!(s.channel_threshold, DEFAULT_CHANNEL_THRESHOLD);
    assert_eq!(s.cooldown, DEFAULT_COOLDOWN);
    assert_eq!(s.user_rate, Some(DEFAULT_USER_RATE));
    assert_eq!(s.click_rate, Some(DEFAULT_CLICK_RATE));
    assert_eq!(s.shards, None);
    assert!(!s.message_content);
    assert_eq!(s.api_base, None);
    assert_eq!(s.max_in_flight, DEFAULT_MAX_IN_FLIGHT);
    assert_eq!(s.database_url, "sqlite://rolecall.db");
    assert_eq!(s.welcome_channel, None);
}

#[test]
fn the_database_and_welcome_channel_are_read_and_checked() {
    let s = settings(&[
        (DATABASE_URL, "postgres://bot:pw@db.internal/rolecall"),
        (WELCOME_CHANNEL, "123456789012345678"),
    ])
    .unwrap();
    assert_eq!(s.database_url, "postgres://bot:pw@db.internal/rolecall");
    assert_eq!(s.welcome_channel, Some(123456789012345678));
    assert_eq!(
        invalid_var(settings(&[(WELCOME_CHANNEL, "#welcome")])),
        WELCOME_CHANNEL
    );
    let err = settings(&[(DATABASE_URL, "mysql://bot:secret@db/rolecall")]).unwrap_err();
    assert_eq!(invalid_var(Err(err.clone())), DATABASE_URL);
    assert!(!err.to_string().contains("secret"), "{err}");
}

#[test]
fn missing_token_points_to_the_readme_and_offline_use() {
    let e = Settings::from_lookup(|_| None).unwrap_err();
    assert_eq!(e, ConfigError::MissingToken);
    let msg = e.to_string();
    assert!(msg.contains("DISCORD_TOKEN"));
    assert!(msg.contains("Discord set-up"));
    assert!(msg.contains("rolecall ask"));
    let blank = Settings::from_lookup(|k| (k == DISCORD_TOKEN).then(|| "  ".into()));
    assert_eq!(blank.unwrap_err(), ConfigError::MissingToken);
}

#[test]
fn token_is_never_printed_and_bot_prefix_is_dropped() {
    let s = settings(&[(DISCORD_TOKEN, "Bot secret-value")]).unwrap();
    assert_eq!(s.token.expose(), "secret-value");
    assert!(!format!("{s:?}").contains("secret-value"));
}

#[test]
fn malformed_guild_id_names_the_variable() {
    let e = settings(&[(GUILD_ID, "abc")]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ROLECALL_GUILD_ID: expected a Discord id (a number), got `abc`"
    );
}

#[test]
fn channels_are_comma_separated_ids() {
    let s = settings(&[(CHANNELS, " 11, 22 ,33,")]).unwrap();
    assert_eq!(s.channels, vec![11, 22, 33]);
    assert!(
        s.message_content,
        "channels turn the Message Content intent on"
    );
    assert_eq!(invalid_var(settings(&[(CHANNELS, "11,x")])), CHANNELS);
}

#[test]
fn message_content_can_be_forced_either_way() {
    let s = settings(&[(CHANNELS, "1"), (MESSAGE_CONTENT, "false")]).unwrap();
    assert!(!s.message_content);
    assert!(
        settings(&[(MESSAGE_CONTENT, "on")])
            .unwrap()
            .message_content
    );
    assert_eq!(
        invalid_var(settings(&[(MESSAGE_CONTENT, "maybe")])),
        MESSAGE_CONTENT
    );
}

#[test]
fn thresholds_are_read_and_checked() {
    let s = settings(&[
        (ANSWER_THRESHOLD, "0.7"),
        (SUGGEST_THRESHOLD, "0.4"),
        (CHANNEL_THRESHOLD, "0.9"),
    ])
    .unwrap();
    assert_eq!((s.matching.answer, s.matching.suggest), (0.7, 0.4));
    assert_eq!(s.channel_matching().answer, 0.9);
    assert_eq!(
        invalid_var(settings(&[(ANSWER_THRESHOLD, "1.5")])),
        ANSWER_THRESHOLD
    );
    assert_eq!(
        invalid_var(settings(&[(SUGGEST_THRESHOLD, "high")])),
        SUGGEST_THRESHOLD
    );
    let high_suggest = settings(&[(ANSWER_THRESHOLD, "0.6"), (SUGGEST_THRESHOLD, "0.9")]);
    assert_eq!(invalid_var(high_suggest), SUGGEST_THRESHOLD);
    let low_channel = settings(&[(ANSWER_THRESHOLD, "0.7"), (CHANNEL_THRESHOLD, "0.6")]);
    assert_eq!(invalid_var(low_channel), CHANNEL_THRESHOLD);
}

#[test]
fn a_high_answer_threshold_raises_the_default_channel_bar() {
    let s = settings(&[(ANSWER_THRESHOLD, "0.8")]).unwrap();
    assert_eq!(s.channel_threshold, 0.8);
}

#[test]
fn cooldown_and_user_rate() {
    let s = settings(&[(COOLDOWN_SECS, "5"), (USER_RATE, "3/10")]).unwrap();
    assert_eq!(s.cooldown, Duration::from_secs(5));
    let rate = s.user_rate.unwrap();
    assert_eq!((rate.count, rate.per), (3, Duration::from_secs(10)));
    assert_eq!(settings(&[(USER_RATE, "off")]).unwrap().user_rate, None);
    assert_eq!(
        invalid_var(settings(&[(COOLDOWN_SECS, "-1")])),
        COOLDOWN_SECS
    );
    assert_eq!(invalid_var(settings(&[(USER_RATE, "5")])), USER_RATE);
    assert_eq!(invalid_var(settings(&[(USER_RATE, "0/10")])), USER_RATE);
    assert_eq!(invalid_var(settings(&[(CLICK_RATE, "lots")])), CLICK_RATE);
    let clicks = settings(&[(CLICK_RATE, "60/30")])
        .unwrap()
        .click_rate
        .unwrap();
    assert_eq!((clicks.count, clicks.per), (60, Duration::from_secs(30)));
    assert_eq!(settings(&[(CLICK_RATE, "off")]).unwrap().click_rate, None);
}

#[test]
fn shard_ranges() {
    let s = settings(&[(SHARDS, "0-3/8")]).unwrap();
    assert_eq!(
        s.shards,
        Some(ShardRange {
            first: 0,
            last: 3,
            total: 8
        })
    );
    let one = settings(&[(SHARDS, "5/8")]).unwrap();
    assert_eq!(
        one.shards,
        Some(ShardRange {
            first: 5,
            last: 5,
            total: 8
        })
    );
    for bad in ["3-1/8", "0-8/8", "0-3", "a-b/c", "/8"] {
        assert_eq!(invalid_var(settings(&[(SHARDS, bad)])), SHARDS, "{bad}");
    }
}

#[test]
fn api_base_must_be_an_http_url() {
    let s = settings(&[(API_BASE, "http://127.0.0.1:9/")]).unwrap();
    assert_eq!(s.api_base.as_deref(), Some("http://127.0.0.1:9"));
    assert_eq!(
        invalid_var(settings(&[(API_BASE, "127.0.0.1:9")])),
        API_BASE
    );
}

#[test]
fn max_in_flight_is_a_bounded_positive_number() {
    assert_eq!(
        settings(&[(MAX_IN_FLIGHT, " 32 ")]).unwrap().max_in_flight,
        32
    );
    assert_eq!(settings(&[(MAX_IN_FLIGHT, "1")]).unwrap().max_in_flight, 1);
    assert_eq!(
        settings(&[(MAX_IN_FLIGHT, "1024")]).unwrap().max_in_flight,
        1024
    );
    for bad in ["0", "-4", "1025", "many", "16.5"] {
        assert_eq!(
            invalid_var(settings(&[(MAX_IN_FLIGHT, bad)])),
            MAX_IN_FLIGHT,
            "{bad}"
        );
    }
    assert_eq!(
        settings(&[(MAX_IN_FLIGHT, "0")]).unwrap_err().to_string(),
        "ROLECALL_MAX_IN_FLIGHT: expected a whole number of replies from 1 to 1024 (e.g. 16), got `0`"
    );
}

#[test]
fn the_question_log_and_its_retention_are_read_and_checked() {
    let s = settings(&[]).unwrap();
    assert!(s.question_log, "on unless turned off");
    assert_eq!(s.log_days, DEFAULT_LOG_DAYS);
    let s = settings(&[(QUESTION_LOG, "off"), (LOG_DAYS, "30")]).unwrap();
    assert!(!s.question_log);
    assert_eq!(s.log_days, 30);
    assert!(settings(&[(QUESTION_LOG, "ON")]).unwrap().question_log);
    for (var, bad) in [
        (QUESTION_LOG, "sometimes"),
        (LOG_DAYS, "0"),
        (LOG_DAYS, "-5"),
        (LOG_DAYS, "90d"),
        (LOG_DAYS, "3651"),
    ] {
        let e = settings(&[(var, bad)]).unwrap_err();
        assert_eq!(invalid_var(Err(e.clone())), var, "{bad}");
        assert!(e.to_string().contains(bad), "{e}");
    }
}

#[test]
fn teaching_settings_default_parse_and_name_the_variable_when_wrong() {
    let s = settings(&[]).unwrap();
    assert!(s.editor_roles.is_empty());
    assert_eq!(s.guild_faq_limit, rolecall_core::overlay::DEFAULT_FAQ_LIMIT);
    assert_eq!(s.server_cache, DEFAULT_SERVER_CACHE);
    let s = settings(&[
        (EDITOR_ROLE, "111111111111111111, 222222222222222222"),
        (GUILD_FAQ_LIMIT, "50"),
        (SERVER_CACHE, "8"),
    ])
    .unwrap();
    assert_eq!(s.editor_roles, vec![111111111111111111, 222222222222222222]);
    assert_eq!(s.guild_faq_limit, 50);
    assert_eq!(s.server_cache, 8);
    assert_eq!(
        invalid_var(settings(&[(EDITOR_ROLE, "editors")])),
        EDITOR_ROLE
    );
    for bad in ["0", "-1", "lots", "10001"] {
        assert_eq!(
            invalid_var(settings(&[(GUILD_FAQ_LIMIT, bad)])),
            GUILD_FAQ_LIMIT,
            "{bad}"
        );
    }
    assert_eq!(invalid_var(settings(&[(SERVER_CACHE, "0")])), SERVER_CACHE);
    assert_eq!(guild_faq_limit(Some(" 7 ")).unwrap(), 7);
}
