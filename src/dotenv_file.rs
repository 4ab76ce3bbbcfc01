//! `.env`: settings read from the nearest `.env` file, and its errors named by line without
//! ever showing a value (the file holds the bot token).

use crate::Failure;
use std::path::PathBuf;
use std::{env, fs, io};

/// Loads `.env` from the working directory or its nearest parent that has one (as
/// `dotenvy::dotenv` finds it), without overriding the real environment. No file is fine; a
/// file that cannot be read or parsed is an error naming the file and line.
pub(crate) fn load_dotenv() -> Result<(), Failure> {
    let Some(path) = find_dotenv()? else {
        return Ok(());
    };
    let shown = match env::current_dir() {
        Ok(cwd) => path
            .strip_prefix(&cwd)
            .unwrap_or(&path)
            .display()
            .to_string(),
        Err(_) => path.display().to_string(),
    };
    let text = fs::read_to_string(&path)
        .map_err(|e| Failure(format!("{shown}: cannot read the settings file: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut vars = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(var) => vars.push(var),
            Err(e) => return Err(Failure(dotenv_error(&shown, text, e))),
        }
    }
    for (key, value) in vars {
        if env::var_os(&key).is_none() {
            env::set_var(key, value);
        }
    }
    Ok(())
}

/// The first `.env` file in the working directory and its parents, if any.
fn find_dotenv() -> Result<Option<PathBuf>, Failure> {
    let Ok(cwd) = env::current_dir() else {
        return Ok(None);
    };
    for dir in cwd.ancestors() {
        let candidate = dir.join(".env");
        match fs::metadata(&candidate) {
            Ok(m) if m.is_file() => return Ok(Some(candidate)),
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(Failure(format!(
                    "{}: cannot read the settings file: {e}",
                    candidate.display()
                )))
            }
            _ => {}
        }
    }
    Ok(None)
}

/// `.env line 3: …` for a parse error. Never quotes a value:
/// `.env` holds the bot token.
fn dotenv_error(shown: &str, text: &str, e: dotenvy::Error) -> String {
    match e {
        dotenvy::Error::LineParse(bad, _) => match dotenv_error_lines(text, &bad) {
            Some((first, last)) => {
                let logical: Vec<&str> = text
                    .lines()
                    .skip(first - 1)
                    .take(last - first + 1)
                    .collect();
                format!(
                    "{shown} line {first}: {}",
                    dotenv_line_problem(&logical.join("\n"))
                )
            }
            None => format!("{shown}: a line cannot be read as NAME=value"),
        },
        dotenvy::Error::Io(e) => format!("{shown}: cannot read the settings file: {e}"),
        other => format!("{shown}: {other}"),
    }
}

/// The first and last line (from 1) of the setting dotenvy could not parse, `bad` as it
/// reports it (the whole setting, or only its value): where that text first starts a
/// setting or its value (after blanks, `export` and `NAME=`), found in one pass.
fn dotenv_error_lines(text: &str, bad: &str) -> Option<(usize, usize)> {
    let bad = bad.trim_end_matches(['\n', '\r']);
    if bad.trim().is_empty() {
        return None;
    }
    let starts_setting = |i: usize| {
        let before = text[text[..i].rfind('\n').map_or(0, |n| n + 1)..i].trim();
        let before = before.strip_prefix("export").unwrap_or(before).trim_start();
        let name = before.strip_suffix('=').unwrap_or(before).trim_end();
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    };
    let at = text
        .match_indices(bad)
        .map(|(i, _)| i)
        .find(|&i| starts_setting(i))?;
    let first = text[..at].matches('\n').count() + 1;
    Some((first, first + bad.matches('\n').count()))
}

/// What is wrong with one `.env` setting, in words; names the variable, never its value.
fn dotenv_line_problem(line: &str) -> String {
    let body = line.trim_start();
    let body = match body.strip_prefix("export") {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start(),
        _ => body,
    };
    let Some((name, value)) = body.split_once('=') else {
        return "expected NAME=value, but the line has no `=`".into();
    };
    let name = name.trim_end();
    let valid_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if !valid_name {
        return "expected NAME=value, but the text before `=` is not a variable name (letters, digits and `_`, not starting with a digit)".into();
    }
    let (mut quote, mut escaped, mut spaced) = (None, false, false);
    for c in value.trim_start().chars() {
        match (quote, c) {
            (Some('\''), '\'') => quote = None,
            (Some('\''), _) => {}
            _ if escaped => {
                if !matches!(c, '\\' | '\'' | '"' | '$' | ' ' | 'n') {
                    return format!("{name}: unknown escape `\\{c}` in the value (write `\\\\` for a backslash)");
                }
                escaped = false;
            }
            (_, '\\') => escaped = true,
            (Some(_), '"') => quote = None,
            (Some(_), _) => {}
            (None, '#') if spaced => break,
            (None, ' ' | '\t') => spaced = true,
            (None, _) if spaced => {
                return format!(
                    "{name}: the value has a space in it; put the whole value in quotes, e.g. {name}=\"…\""
                );
            }
            (None, '\'' | '"') => quote = Some(c),
            (None, _) => {}
        }
    }
    if let Some(q) = quote {
        return format!("{name}: the value opens a `{q}` quote that is never closed");
    }
    if value.rfind("${").is_some_and(|i| !value[i..].contains('}')) {
        return format!("{name}: the value has a `${{` without its closing `}}`");
    }
    format!("{name}: the value cannot be read (check its quotes and backslashes)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_error(text: &str) -> String {
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok(_) => {}
                Err(e) => return dotenv_error(".env", text, e),
            }
        }
        panic!("{text:?} parses")
    }

    #[test]
    fn env_errors_name_the_line_and_the_problem_but_never_the_value() {
        let cases = [
            ("A=1\n# note\nFOO BAR\n", ".env line 3: expected NAME=value, but the line has no `=`"),
            ("A=1\nTOKEN=abc secret\n", ".env line 2: TOKEN: the value has a space in it; put the whole value in quotes, e.g. TOKEN=\"…\""),
            ("A=\"abc\nB=1\n", ".env line 1: A: the value opens a `\"` quote that is never closed"),
            ("A=\"two\nlines\"\nB=x y\n", ".env line 3: B: the value has a space in it; put the whole value in quotes, e.g. B=\"…\""),
            ("B=1\nA=\"x\ny\" z\n", ".env line 2: A: the value has a space in it; put the whole value in quotes, e.g. A=\"…\""),
            ("9LIVES=1", ".env line 1: expected NAME=value, but the text before `=` is not a variable name (letters, digits and `_`, not starting with a digit)"),
            ("export A=1\nexport B\n", ".env line 2: expected NAME=value, but the line has no `=`"),
            ("A=a\\qb\n", ".env line 1: A: unknown escape `\\q` in the value (write `\\\\` for a backslash)"),
            ("A=${B\n", ".env line 1: A: the value has a `${` without its closing `}`"),
        ];
        for (text, want) in cases {
            let got = env_error(text);
            assert_eq!(got, want, "{text:?}");
            assert!(!got.contains("secret"), "{got}");
        }
    }
}
