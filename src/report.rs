//! The JSON report of one answered question, as `rolecall ask --json` prints it.

use crate::render::Embed;
use crate::reply::Reply;
use serde_json::{json, Value};

/// `{"question", "answered", "kind", "entry", "confidence", "embed", "suggestions", "related"}`.
pub fn ask_json(question: &str, reply: &Reply) -> Value {
    let offers = |list: &[crate::reply::Offer]| -> Vec<Value> {
        list.iter()
            .map(|o| json!({"entry": o.entry, "title": o.title, "confidence": o.confidence}))
            .collect()
    };
    json!({
        "question": question,
        "answered": reply.answered,
        "kind": reply.kind.as_str(),
        "entry": reply.entry,
        "confidence": reply.confidence,
        "embed": Embed::from_reply(reply),
        "suggestions": offers(&reply.suggestions),
        "related": offers(&reply.related),
    })
}
