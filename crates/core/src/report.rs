//! The JSON report of one answered question, as `rolecall ask --json` prints it.

use crate::render::Embed;
use crate::reply::{Offer, Reply};
use serde::Serialize;
use std::fmt;

/// Decimal places kept in reported confidences.
pub const CONFIDENCE_DECIMALS: i32 = 3;

/// One line of `rolecall ask --json`: `{"question", "answered", "kind", "entry",
/// "confidence", "embed", "suggestions", "related", "examples", "menu", "people", "tour"}`;
/// `menu` lists the entry ids of the aspect menu (empty without one), `people` the Discord
/// user ids the reply names (as strings, since they exceed what a JSON number holds
/// exactly), `tour` whether it points to the tour. Keys are written in alphabetical order.
#[derive(Debug, Serialize)]
pub struct AskJson<'a> {
    answered: bool,
    confidence: f64,
    embed: Embed,
    entry: Option<&'a str>,
    examples: Vec<OfferJson<'a>>,
    kind: &'static str,
    menu: Vec<MenuJson<'a>>,
    people: Vec<String>,
    question: &'a str,
    related: Vec<OfferJson<'a>>,
    suggestions: Vec<OfferJson<'a>>,
    tour: bool,
}

/// A suggested, related or example entry in [`AskJson`].
#[derive(Debug, Serialize)]
struct OfferJson<'a> {
    confidence: f64,
    entry: &'a str,
    label: &'a str,
    title: &'a str,
}

/// An aspect-menu option in [`AskJson`].
#[derive(Debug, Serialize)]
struct MenuJson<'a> {
    entry: &'a str,
    label: &'a str,
}

impl fmt::Display for AskJson<'_> {
    /// The line as compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(self).map_err(|_| fmt::Error)?)
    }
}

/// The `ask --json` line for `question` and its `reply`, built without an intermediate
/// JSON tree (it is written once per question in batch runs).
pub fn ask_json<'a>(question: &'a str, reply: &'a Reply) -> AskJson<'a> {
    let offers = |list: &'a [Offer]| -> Vec<OfferJson<'a>> {
        list.iter()
            .map(|o| OfferJson {
                confidence: confidence(o.confidence),
                entry: &o.entry,
                label: &o.label,
                title: &o.title,
            })
            .collect()
    };
    AskJson {
        answered: reply.answered,
        confidence: confidence(reply.confidence),
        embed: Embed::from_reply(reply),
        entry: reply.entry.as_deref(),
        examples: offers(&reply.examples),
        kind: reply.kind.as_str(),
        menu: reply.menu.as_ref().map_or_else(Vec::new, |m| {
            m.options
                .iter()
                .map(|o| MenuJson {
                    entry: &o.entry,
                    label: &o.label,
                })
                .collect()
        }),
        people: reply.people.iter().map(u64::to_string).collect(),
        question,
        related: offers(&reply.related),
        suggestions: offers(&reply.suggestions),
        tour: reply.tour,
    }
}

/// A confidence as a short decimal: `0.8`, not the `0.800000011920929` an `f32` widens to.
pub fn confidence(x: f32) -> f64 {
    let scale = 10f64.powi(CONFIDENCE_DECIMALS);
    (f64::from(x) * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::confidence;

    #[test]
    fn confidences_print_without_float_noise() {
        for (x, shown) in [
            (0.8f32, "0.8"),
            (0.123_456, "0.123"),
            (1.0, "1.0"),
            (0.0, "0.0"),
        ] {
            assert_eq!(serde_json::json!(confidence(x)).to_string(), shown);
        }
    }
}
