//! Reply hygiene: what Discord would show badly in a request body the bot sends. Runs over
//! every body the end-to-end tests record and every golden reply.
//!
//! - no run of three or more spaces (a string literal continued across lines leaves
//!   them), outside code blocks;
//! - no `**` Discord would print as is: any in a button label, a menu's placeholder or
//!   options, a footer or a modal; an odd number of them anywhere else;
//! - no empty field name or value;
//! - no field value wholly bold under its name, which Discord already shows in bold.

use serde_json::Value;

/// Keys whose text Discord shows as plain text, markdown and all.
const PLAIN: &[&str] = &["label", "placeholder", "footer", "option"];

/// Every hygiene problem in `body`, each naming where it is (a JSON path) and the text.
pub fn problems(body: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(body, "", false, &mut out);
    out
}

fn walk(v: &Value, path: &str, plain: bool, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if path.ends_with(']') && path.contains("fields[") {
                field(map, path, out);
            }
            for (key, child) in map {
                let plain = plain || PLAIN.contains(&key.as_str()) || key == "options";
                walk(child, &format!("{path}.{key}"), plain, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{path}[{i}]"), plain, out);
            }
        }
        Value::String(s) => {
            let key = path.rsplit('.').next().unwrap_or_default();
            if is_text(key) {
                text(s, path, plain, out);
            }
        }
        _ => {}
    }
}

/// Keys that hold text a reader sees (not ids, urls or flags).
fn is_text(key: &str) -> bool {
    matches!(
        key,
        "content" | "title" | "description" | "name" | "value" | "text" | "label" | "placeholder"
    ) || key.starts_with("description[")
}

fn text(s: &str, path: &str, plain: bool, out: &mut Vec<String>) {
    let prose = outside_code(s);
    if prose.contains("   ") {
        out.push(format!("{path}: a run of 3+ spaces in {s:?}"));
    }
    let bold = prose.matches("**").count();
    if plain && bold > 0 {
        out.push(format!("{path}: `**` shown as is in {s:?}"));
    } else if bold % 2 == 1 {
        out.push(format!("{path}: an unclosed `**` in {s:?}"));
    }
}

/// `s` without its code blocks and inline code, where spaces and asterisks are literal.
fn outside_code(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split("```").enumerate() {
        if i % 2 == 0 {
            for (j, bit) in part.split('`').enumerate() {
                if j % 2 == 0 {
                    out.push_str(bit);
                }
            }
        }
    }
    out
}

fn field(map: &serde_json::Map<String, Value>, path: &str, out: &mut Vec<String>) {
    let get = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or_default();
    let (name, value) = (get("name"), get("value"));
    let blank = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}')
            .is_empty()
    };
    if blank(name) || blank(value) {
        out.push(format!("{path}: an empty field ({name:?}: {value:?})"));
    }
    let inner = value.trim();
    let wholly_bold = inner.len() > 4
        && inner.starts_with("**")
        && inner.ends_with("**")
        && !inner[2..inner.len() - 2].contains("**");
    if wholly_bold {
        out.push(format!(
            "{path}: the whole value is bold under a bold name: {value:?}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::problems;
    use serde_json::json;

    #[test]
    fn each_rule_catches_its_case_and_clean_bodies_pass() {
        let spaced = json!({"content": "I had nothing stored about you and          your votes"});
        assert_eq!(problems(&spaced).len(), 1);
        let label = json!({"components": [{"components": [{"label": "**Skip**"}]}]});
        assert_eq!(problems(&label).len(), 1);
        let unclosed = json!({"embeds": [{"description": "**Right: the PO"}]});
        assert_eq!(problems(&unclosed).len(), 1);
        let empty = json!({"embeds": [{"fields": [{"name": "Focus", "value": " "}]}]});
        assert_eq!(problems(&empty).len(), 1);
        let bold = json!({"embeds": [{"fields": [{"name": "Focus", "value": "**Strategic**"}]}]});
        assert_eq!(problems(&bold).len(), 1);
        let clean = json!({"content": "A `   ` code span", "embeds": [{
            "title": "PM vs PO", "description": "**Strategic.** Long term.\n```\na    b\n```",
            "fields": [{"name": "Focus", "value": "**Strategic** and long term"}],
            "footer": {"text": "Source: Quick, 2025"}}]});
        assert_eq!(problems(&clean), Vec::<String>::new());
    }
}
