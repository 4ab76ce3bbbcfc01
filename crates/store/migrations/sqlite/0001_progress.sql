-- SQLite. Keep in step with migrations/postgres/0001_progress.sql (same tables and columns).
-- Tour progress, per server and user: the step on screen, quiz answers and times, nothing else
-- (no names, no message text). Discord ids (u64) are stored bit for bit as signed 64-bit
-- integers (ids above 2^63 come back negative here and are cast back by the store); times are
-- Unix seconds.

CREATE TABLE progress (
    guild_id    BIGINT  NOT NULL,
    user_id     BIGINT  NOT NULL,
    step        TEXT    NOT NULL,
    started_at  BIGINT  NOT NULL,
    finished_at BIGINT,
    PRIMARY KEY (guild_id, user_id)
);

-- One row per answered quiz step; `position` keeps the order the answers were given in.
CREATE TABLE answers (
    guild_id    BIGINT  NOT NULL,
    user_id     BIGINT  NOT NULL,
    step        TEXT    NOT NULL,
    choice      BIGINT  NOT NULL,
    answered_at BIGINT  NOT NULL,
    position    BIGINT  NOT NULL,
    PRIMARY KEY (guild_id, user_id, step),
    FOREIGN KEY (guild_id, user_id) REFERENCES progress (guild_id, user_id) ON DELETE CASCADE
);

-- /forget-me deletes a user in every server.
CREATE INDEX progress_by_user ON progress (user_id);
CREATE INDEX answers_by_user ON answers (user_id);
