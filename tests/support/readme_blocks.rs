//! The knowledge README's fenced examples, for the tests that check they do what they say.

/// The knowledge README, whose examples the tests run.
const README: &str = include_str!("../../knowledge/README.md");

/// The first fenced block of `lang` after `marker` in the knowledge README.
pub fn block_after(marker: &str, lang: &str) -> String {
    let at = README
        .find(marker)
        .unwrap_or_else(|| panic!("README has {marker:?}"));
    let fence = format!("```{lang}\n");
    let start = at + README[at..].find(&fence).expect("a fenced block") + fence.len();
    let end = start + README[start..].find("```").expect("closing fence");
    README[start..end].to_string()
}
