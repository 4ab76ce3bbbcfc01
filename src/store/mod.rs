//! The store: tour progress per server and user, in SQLite (default) or PostgreSQL.
