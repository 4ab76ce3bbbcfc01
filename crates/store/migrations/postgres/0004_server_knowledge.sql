-- PostgreSQL. Keep in step with migrations/sqlite/0004_server_knowledge.sql (same tables and columns).
-- What a server taught rolecall from Discord: its own FAQs (with every revision) and roster,
-- laid over the base knowledge for that server only.
-- Ids are Discord ids stored bit for bit as signed 64-bit integers; times are Unix seconds.

-- A server's FAQs, one row per (server, FAQ id): the question, the answer, the other
-- phrasings as a JSON array of strings (in order), and who saved it last and when.
CREATE TABLE server_faqs (
    guild_id    BIGINT   NOT NULL,
    id          TEXT     NOT NULL,
    question    TEXT     NOT NULL,
    answer      TEXT     NOT NULL,
    phrasings   TEXT     NOT NULL,
    updated_by  BIGINT   NOT NULL,
    updated_at  BIGINT   NOT NULL,
    PRIMARY KEY (guild_id, id)
);

-- Every change to a server's FAQ, in order (`seq`): what it was, who made it, when, and the
-- text as saved (as it was, for a removal).
CREATE TABLE server_faq_history (
    guild_id    BIGINT   NOT NULL,
    faq_id      TEXT     NOT NULL,
    seq         BIGSERIAL PRIMARY KEY,
    action      TEXT     NOT NULL CHECK (action IN ('created', 'edited', 'removed')),
    by_user     BIGINT   NOT NULL,
    at          BIGINT   NOT NULL,
    question    TEXT     NOT NULL,
    answer      TEXT     NOT NULL,
    phrasings   TEXT     NOT NULL
);
CREATE INDEX server_faq_history_by_faq ON server_faq_history (guild_id, faq_id, seq);

-- Who holds a role in a server, set with /team set: one row per (server, role, team, user);
-- `team` is '' for everyone in the server.
CREATE TABLE server_roster (
    guild_id    BIGINT   NOT NULL,
    role        TEXT     NOT NULL,
    team        TEXT     NOT NULL DEFAULT '',
    user_id     BIGINT   NOT NULL,
    set_by      BIGINT   NOT NULL,
    set_at      BIGINT   NOT NULL,
    PRIMARY KEY (guild_id, role, team, user_id)
);

-- Servers the bot left, and when: what they taught is deleted once the note is old enough,
-- and the note is cleared if the bot comes back first.
CREATE TABLE departed_guilds (
    guild_id    BIGINT   PRIMARY KEY,
    left_at     BIGINT   NOT NULL
);
