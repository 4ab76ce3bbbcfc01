//! Fenced blocks of the pages under `docs/`, for the tests that check they work as written.

/// The first fenced block of `lang` after `marker` in `page` (a page's text, read with
/// `include_str!`); `name` is the page's path, for the message when something is missing.
pub fn block_after(page: &str, name: &str, marker: &str, lang: &str) -> String {
    let at = page
        .find(marker)
        .unwrap_or_else(|| panic!("{name} has {marker:?}"));
    let fence = format!("```{lang}\n");
    let start = at
        + page[at..]
            .find(&fence)
            .unwrap_or_else(|| panic!("{name} has a ```{lang} block after {marker:?}"))
        + fence.len();
    let end = start + page[start..].find("```").expect("closing fence");
    page[start..end].to_string()
}
