//! Fitting a reply to Discord's embed limits: the one place that cuts a reply to size.

#[cfg(test)]
use super::Field;
use super::Reply;
use crate::limits::{self, chars, truncate};

/// Which fields go first when a reply runs over Discord's 6000-character total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    /// The last fields: an answer's comparison rows and extras come after what matters.
    LastFields,
    /// The first fields: on a tour page what comes last is what the page is about.
    FirstFields,
    /// The fields before the last one: the gaps report keeps its weekly chart.
    BeforeLastField,
}

impl Reply {
    /// Fits the reply to Discord's embed limits, counted in characters: every text cut to
    /// its own limit and at most 25 fields; then, while the whole runs over 6000, the
    /// description is shortened, fields are dropped as `overflow` says, and at last the
    /// footer is shortened. Comparison rows are not fields yet: see
    /// [`crate::render::Embed::from_reply`], which makes them fields before fitting.
    pub fn fit_to_discord(&mut self, overflow: Overflow) {
        self.title = truncate(&self.title, limits::TITLE);
        self.description = truncate(&self.description, limits::DESCRIPTION);
        self.footer = truncate(&self.footer, limits::FOOTER_TEXT);
        self.fields.truncate(limits::FIELDS);
        for f in &mut self.fields {
            f.name = truncate(&f.name, limits::FIELD_NAME);
            f.value = truncate(&f.value, limits::FIELD_VALUE);
        }
        let over = self.total_chars().saturating_sub(limits::TOTAL);
        if over > 0 && !self.description.is_empty() {
            let keep = chars(&self.description).saturating_sub(over).max(1);
            self.description = truncate(&self.description, keep);
        }
        while self.total_chars() > limits::TOTAL && !self.fields.is_empty() {
            let n = self.fields.len();
            let at = match overflow {
                Overflow::LastFields => n - 1,
                Overflow::FirstFields => 0,
                Overflow::BeforeLastField => n.saturating_sub(2),
            };
            self.fields.remove(at);
        }
        let over = self.total_chars().saturating_sub(limits::TOTAL);
        if over > 0 {
            let keep = chars(&self.footer).saturating_sub(over).max(1);
            self.footer = truncate(&self.footer, keep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    fn plain_field(name: String, value: String) -> Field {
        Field {
            name,
            value,
            inline: false,
        }
    }

    fn over_total(overflow: Overflow) -> Vec<String> {
        let mut r = Reply::plain(Kind::Faq, "t".into(), "d".into(), 0, String::new());
        r.fields = (0..8)
            .map(|i| plain_field(format!("f{i}"), "v".repeat(1024)))
            .collect();
        r.fit_to_discord(overflow);
        assert!(r.total_chars() <= 6000);
        r.fields.into_iter().map(|f| f.name).collect()
    }

    #[test]
    fn fields_go_in_the_order_the_reply_asks() {
        assert_eq!(
            over_total(Overflow::LastFields),
            ["f0", "f1", "f2", "f3", "f4"]
        );
        assert_eq!(
            over_total(Overflow::FirstFields),
            ["f3", "f4", "f5", "f6", "f7"]
        );
        assert_eq!(
            over_total(Overflow::BeforeLastField),
            ["f0", "f1", "f2", "f3", "f7"]
        );
    }

    #[test]
    fn every_text_is_cut_by_characters_to_its_limit() {
        let long = |n: usize| "é🦀".chars().cycle().take(n).collect::<String>();
        let mut r = Reply::plain(Kind::Faq, long(300), long(5000), 0, long(3000));
        r.fields = (0..30)
            .map(|_| plain_field(long(300), long(2000)))
            .collect();
        r.fit_to_discord(Overflow::LastFields);
        assert_eq!(chars(&r.title), 256);
        assert!(chars(&r.description) <= 4096);
        assert!(chars(&r.footer) <= 2048);
        assert!(r.fields.len() <= 25);
        assert!(r
            .fields
            .iter()
            .all(|f| chars(&f.name) <= 256 && chars(&f.value) <= 1024));
        assert!(r.total_chars() <= 6000, "{}", r.total_chars());
    }
}
