//! Where a problem is: the line of a table header, and the entry a parse error falls in.

/// The 1-based line of the first line of `text` that is exactly `header` (like `[tour]`).
pub(super) fn header_line(text: &str, header: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim() == header || l.trim().starts_with(&format!("{header} ")))
        .map(|i| i + 1)
}

/// The entry whose table holds byte `offset` of a knowledge file, named as in problems
/// ("role `po`", "faq `same-person`", "meta"): read from the nearest `[[…]]` or `[meta]`
/// header above it and that entry's `id = "…"` line.
pub(super) fn entry_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let start = before.rfind("\n[").map_or(0, |i| i + 1).min(before.len());
    // A sub-table such as `[role.facts]` belongs to the `[[role]]` above it.
    let mut header_at = start;
    loop {
        let line = text[header_at..].lines().next().unwrap_or("").trim();
        // A top-level table (`[meta]`, `[language]`) ends the walk; `[role.facts]` does not.
        let table = line.starts_with('[') && line.ends_with(']') && !line.contains('.');
        if line.starts_with("[[") || table || header_at == 0 {
            break;
        }
        header_at = text[..header_at.saturating_sub(1)]
            .rfind("\n[")
            .map_or(0, |i| i + 1);
    }
    let header = text[header_at..].lines().next()?.trim();
    // `[meta]`, `[tour]`, `[language]`: the table's name.
    if let Some(name) = header
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .filter(|h| !h.starts_with('['))
    {
        return Some(name.trim().to_string());
    }
    let kind = header.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    let kind = if kind == "tour.step" {
        "tour step"
    } else {
        kind
    };
    let id = text[header_at..]
        .lines()
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("[["))
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            // A holder has no id: it is named by its role, as in problems.
            let named = key.trim() == "id" || (kind == "holder" && key.trim() == "role");
            named.then(|| value.trim().trim_matches('"').to_string())
        });
    Some(match id {
        Some(id) => format!("{kind} `{id}`"),
        None => kind.to_string(),
    })
}
