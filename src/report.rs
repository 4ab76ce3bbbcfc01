//! The JSON report of one answered question, as `rolecall ask --json` prints it.

use crate::render::Embed;
use crate::reply::{Offer, Reply};
use serde_json::{json, Value};

/// Decimal places kept in reported confidences.
pub const CONFIDENCE_DECIMALS: i32 = 3;

/// `{"question", "answered", "kind", "entry", "confidence", "embed", "suggestions", "related",
/// "examples", "menu", "people", "tour"}`; `menu` lists the entry ids of the aspect menu
/// (empty without one), `people` the Discord user ids the reply names (as strings, since
/// they exceed what a JSON number holds exactly), `tour` whether it points to the tour.
pub fn ask_json(question: &str, reply: &Reply) -> Value {
    let offers = |list: &[Offer]| -> Vec<Value> {
        list.iter()
            .map(|o| json!({"entry": o.entry, "title": o.title, "label": o.label, "confidence": confidence(o.confidence)}))
            .collect()
    };
    json!({
        "question": question,
        "answered": reply.answered,
        "kind": reply.kind.as_str(),
        "entry": reply.entry,
        "confidence": confidence(reply.confidence),
        "embed": Embed::from_reply(reply),
        "suggestions": offers(&reply.suggestions),
        "related": offers(&reply.related),
        "examples": offers(&reply.examples),
        "menu": reply.menu.as_ref().map_or_else(Vec::new, |m| {
            m.options.iter().map(|o| json!({"entry": o.entry, "label": o.label})).collect()
        }),
        "people": reply.people.iter().map(u64::to_string).collect::<Vec<_>>(),
        "tour": reply.tour,
    })
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
