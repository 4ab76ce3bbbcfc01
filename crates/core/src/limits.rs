//! Discord's embed and component limits, as code, with char-safe truncation: a neutral module
//! that knowledge validation, replies and rendering all read.
//!
//! Every count is in characters (Unicode scalar values), never bytes.

/// Embed title.
pub const TITLE: usize = 256;
/// Embed description.
pub const DESCRIPTION: usize = 4096;
/// Fields per embed.
pub const FIELDS: usize = 25;
/// Field name.
pub const FIELD_NAME: usize = 256;
/// Field value.
pub const FIELD_VALUE: usize = 1024;
/// Footer text.
pub const FOOTER_TEXT: usize = 2048;
/// Title, description, field names and values, footer and author together.
pub const TOTAL: usize = 6000;
/// Autocomplete choices per response.
pub const CHOICES: usize = 25;
/// Autocomplete choice name.
pub const CHOICE_NAME: usize = 100;
/// Button label.
pub const BUTTON_LABEL: usize = 80;
/// Button custom id.
pub const CUSTOM_ID: usize = 100;
/// Options in a select menu.
pub const OPTIONS: usize = 25;
/// Select menu option label.
pub const OPTION_LABEL: usize = 100;
/// Select menu option value.
pub const OPTION_VALUE: usize = 100;
/// Select menu option description.
pub const OPTION_DESCRIPTION: usize = 100;
/// Select menu placeholder.
pub const PLACEHOLDER: usize = 150;
/// Message content.
pub const CONTENT: usize = 2000;
/// Action rows under one message.
pub const ACTION_ROWS: usize = 5;

/// The ellipsis appended to truncated text.
pub const ELLIPSIS: char = '…';

/// Cuts `text` to at most `max` characters, ending with `…` when it was cut.
///
/// ```
/// use rolecall_core::limits::truncate;
/// assert_eq!(truncate("héllo wörld", 5), "héll…");
/// assert_eq!(truncate("short", 5), "short");
/// ```
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) if max == 0 => String::new(),
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(max - 1)
                .map_or(text.len(), |(i, _)| i);
            let mut out = text[..cut].trim_end().to_string();
            out.push(ELLIPSIS);
            out
        }
    }
}

/// Characters of an embed that count towards Discord's 6000 total: title, description,
/// footer, and each field's name and value.
pub fn embed_chars<'a>(
    title: &str,
    description: &str,
    footer: &str,
    fields: impl Iterator<Item = (&'a str, &'a str)>,
) -> usize {
    chars(title)
        + chars(description)
        + chars(footer)
        + fields.map(|(n, v)| chars(n) + chars(v)).sum::<usize>()
}

/// Number of characters in `text`.
pub fn chars(text: &str) -> usize {
    text.chars().count()
}
