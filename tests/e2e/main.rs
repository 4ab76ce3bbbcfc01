//! End to end: the real `rolecall` binary against a fake Discord on 127.0.0.1, in one test
//! binary (linked once, not four times). Each test starts its own fake and bot, so they run
//! in parallel; every wait is bounded and the bot's stderr is printed when a test fails.
//! The burst under load is its own binary (`tests/discord_burst.rs`) so it runs alone.

#[path = "../fake_discord/mod.rs"]
mod fake_discord;
#[path = "../support/postgres.rs"]
mod postgres;

mod feedback;
mod onboarding;
mod replies;
mod shards;
mod teaching;
