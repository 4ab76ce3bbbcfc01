//! Database URLs: which backend a URL names, and the URL with its password hidden.

/// The two databases the store speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// `sqlite://path`, `sqlite:path`, `sqlite::memory:`.
    Sqlite,
    /// `postgres://…` or `postgresql://…`.
    Postgres,
}

impl Scheme {
    /// The backend a URL names, or `None` for any other scheme.
    pub(crate) fn of(url: &str) -> Option<Scheme> {
        if url.starts_with("sqlite:") {
            Some(Scheme::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Scheme::Postgres)
        } else {
            None
        }
    }

    /// The backend's name as [`crate::Store::backend`] reports it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Scheme::Sqlite => "sqlite",
            Scheme::Postgres => "postgres",
        }
    }
}

/// What a hidden password is replaced with.
const HIDDEN: &str = "***";

/// The URL with any password replaced by `***`, safe to print and log:
/// `postgres://bot:s3cret@db.example/rolecall` → `postgres://bot:***@db.example/rolecall`.
///
/// Both places a password can sit are covered: the `user:password@` part and a `password=`
/// query parameter. When in doubt it hides more (everything up to the last `@`), never less.
/// SQLite URLs have no password and come back unchanged.
///
/// Split by hand rather than parsed with the `url` crate on purpose: a password with an
/// unescaped `@` or `/` (`bot:p@ss/w@db`) is not a valid URL, and a parser splits it at
/// the first `@` or `/` and would print the rest of the password; splitting at the last `@`
/// hides all of it.
pub fn redact(url: &str) -> String {
    if Scheme::of(url) == Some(Scheme::Sqlite) {
        return url.to_string();
    }
    let mut out = match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((userinfo, host)) => match userinfo.split_once(':') {
                Some((user, _password)) => format!("{scheme}://{user}:{HIDDEN}@{host}"),
                None => url.to_string(),
            },
            None => url.to_string(),
        },
        None => url.to_string(),
    };
    if let Some((base, query)) = out.split_once('?') {
        let params: Vec<String> = query
            .split('&')
            .map(|param| match param.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                    format!("{key}={HIDDEN}")
                }
                _ => param.to_string(),
            })
            .collect();
        out = format!("{base}?{}", params.join("&"));
    }
    out
}

/// The passwords in `url` (as written, and percent-decoded), longest first, so an error
/// message that quotes one can have it removed.
fn passwords(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Some((_, rest)) = url.split_once("://") {
        if let Some((userinfo, _)) = rest.rsplit_once('@') {
            if let Some((_, password)) = userinfo.split_once(':') {
                found.push(password.to_string());
            }
        }
    }
    if let Some((_, query)) = url.split_once('?') {
        for param in query.split('&') {
            if let Some((key, value)) = param.split_once('=') {
                if key.eq_ignore_ascii_case("password") {
                    found.push(value.to_string());
                }
            }
        }
    }
    let decoded: Vec<String> = found.iter().map(|p| percent_decode(p)).collect();
    found.extend(decoded);
    found.retain(|p| !p.is_empty());
    found.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    found.dedup();
    found
}

/// `text` with every password of `url` replaced by `***` (for messages from the driver).
pub(crate) fn scrub(text: &str, url: &str) -> String {
    if Scheme::of(url) == Some(Scheme::Sqlite) {
        return text.to_string();
    }
    passwords(url)
        .iter()
        .fold(text.to_string(), |text, password| {
            text.replace(password.as_str(), HIDDEN)
        })
}

/// `%XX` escapes decoded (a result that is not UTF-8 is kept as written).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| d.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_password_is_hidden() {
        assert_eq!(
            redact("postgres://bot:s3cret@db.example/rolecall"),
            "postgres://bot:***@db.example/rolecall"
        );
        assert_eq!(
            redact("postgresql://bot:s3cret@db.example:5433/rolecall?sslmode=require"),
            "postgresql://bot:***@db.example:5433/rolecall?sslmode=require"
        );
    }

    #[test]
    fn password_with_at_sign_or_slash_is_hidden_whole() {
        assert_eq!(
            redact("postgres://bot:p@ss/w@db.example/rolecall"),
            "postgres://bot:***@db.example/rolecall"
        );
    }

    #[test]
    fn password_query_parameter_is_hidden() {
        assert_eq!(
            redact("postgres://db.example/rolecall?user=bot&password=s3cret&sslmode=disable"),
            "postgres://db.example/rolecall?user=bot&password=***&sslmode=disable"
        );
    }

    #[test]
    fn urls_without_password_are_unchanged() {
        for url in [
            "postgres://bot@db.example/rolecall",
            "postgres://db.example/rolecall",
            "sqlite://rolecall.db",
            "sqlite::memory:",
            "sqlite://weird:name@file.db",
        ] {
            assert_eq!(redact(url), url);
        }
    }

    #[test]
    fn other_schemes_are_redacted_too() {
        assert_eq!(
            redact("mysql://root:hunter2@localhost/db"),
            "mysql://root:***@localhost/db"
        );
    }

    #[test]
    fn scrub_removes_plain_and_decoded_passwords() {
        let url = "postgres://bot:p%40ss@db.example/rolecall";
        assert_eq!(
            scrub("auth failed for p%40ss and p@ss", url),
            "auth failed for *** and ***"
        );
        assert_eq!(scrub("no secret here", "sqlite://a.db"), "no secret here");
    }

    #[test]
    fn schemes() {
        assert_eq!(Scheme::of("sqlite://a.db"), Some(Scheme::Sqlite));
        assert_eq!(Scheme::of("sqlite:a.db"), Some(Scheme::Sqlite));
        assert_eq!(Scheme::of("sqlite::memory:"), Some(Scheme::Sqlite));
        assert_eq!(Scheme::of("postgres://h/d"), Some(Scheme::Postgres));
        assert_eq!(Scheme::of("postgresql://h/d"), Some(Scheme::Postgres));
        assert_eq!(Scheme::of("mysql://h/d"), None);
        assert_eq!(Scheme::of("rolecall.db"), None);
    }
}
