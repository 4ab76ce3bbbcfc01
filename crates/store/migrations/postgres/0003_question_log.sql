-- PostgreSQL. Keep in step with migrations/sqlite/0003_question_log.sql (same tables and columns).
-- What people ask, to show a team the gaps in its knowledge: never a user id or a user name.
-- Ids are Discord ids stored bit for bit as signed 64-bit integers; times are Unix seconds.

-- Questions that were declined or only got suggestions (and answered ones that got a 👎):
-- server, channel, time, the question cut to 300 characters, the entry given (if any) and the
-- best candidates as JSON [{"entry": "…", "confidence": 0.42}, …].
CREATE TABLE questions (
    id          BIGSERIAL PRIMARY KEY,
    guild_id    BIGINT   NOT NULL,
    channel_id  BIGINT   NOT NULL,
    asked_at    BIGINT   NOT NULL,
    outcome     TEXT     NOT NULL,
    text        TEXT     NOT NULL,
    entry       TEXT,
    candidates  TEXT     NOT NULL
);
CREATE INDEX questions_by_guild ON questions (guild_id, asked_at);
CREATE INDEX questions_by_time ON questions (asked_at);

-- One 👍 (1) or 👎 (-1) per answer and voter. `voter` is a one-way pseudonym (a salted hash of
-- the user and the answer), so one user has one vote per answer but no user id is stored, and
-- the same user's votes on two answers cannot be linked. `comment`: "What were you looking
-- for?", cut to 300 characters.
CREATE TABLE votes (
    answer_id   BIGINT   NOT NULL,
    voter       TEXT     NOT NULL,
    guild_id    BIGINT   NOT NULL,
    entry       TEXT     NOT NULL,
    vote        SMALLINT NOT NULL CHECK (vote IN (1, -1)),
    comment     TEXT,
    voted_at    BIGINT   NOT NULL,
    PRIMARY KEY (answer_id, voter)
);
CREATE INDEX votes_by_guild ON votes (guild_id, voted_at);
CREATE INDEX votes_by_time ON votes (voted_at);

-- Questions counted per server, week (its Monday 00:00 UTC) and outcome, answered ones too:
-- numbers only, for the weekly chart.
CREATE TABLE question_weeks (
    guild_id    BIGINT   NOT NULL,
    week        BIGINT   NOT NULL,
    outcome     TEXT     NOT NULL,
    count       BIGINT   NOT NULL,
    PRIMARY KEY (guild_id, week, outcome)
);
CREATE INDEX question_weeks_by_week ON question_weeks (week);

-- Values for this database: `voter_salt`, 32 random hex digits that key the voter pseudonyms
-- (gen_random_uuid: PostgreSQL 13 or later, from the server's strong random source).
CREATE TABLE meta (
    key         TEXT     PRIMARY KEY,
    value       TEXT     NOT NULL
);
INSERT INTO meta (key, value) VALUES ('voter_salt', replace(gen_random_uuid()::text, '-', ''));
