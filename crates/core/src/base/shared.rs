//! The knowledge base shared by a running bot, swapped whole on reload.

use super::KnowledgeBase;
use crate::knowledge::LoadError;
use std::sync::{Arc, RwLock};

/// The current knowledge behind an `Arc`; a reload swaps in a new one only if it loads
/// and validates, so readers never see a half-loaded or broken state.
#[derive(Debug, Clone)]
pub struct SharedKnowledge(Arc<RwLock<Arc<KnowledgeBase>>>);

impl SharedKnowledge {
    /// Shares `k`.
    pub fn new(k: KnowledgeBase) -> SharedKnowledge {
        SharedKnowledge(Arc::new(RwLock::new(Arc::new(k))))
    }

    /// The current knowledge (cheap: clones an `Arc`).
    pub fn get(&self) -> Arc<KnowledgeBase> {
        // A poisoned lock still holds a complete Arc: keep serving it.
        self.0.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Loads new knowledge with `load` and swaps it in; on error keeps the last good one.
    pub fn reload(
        &self,
        load: impl FnOnce() -> Result<KnowledgeBase, LoadError>,
    ) -> Result<Arc<KnowledgeBase>, LoadError> {
        let fresh = Arc::new(load()?);
        *self.0.write().unwrap_or_else(|p| p.into_inner()) = fresh.clone();
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Source;

    fn source(text: &str) -> Vec<Source> {
        vec![Source {
            path: "t.toml".into(),
            text: text.into(),
        }]
    }

    const GOOD: &str = "[[term]]\nid = \"art\"\nname = \"ART\"\ndefinition = \"A train.\"\n";

    #[test]
    fn a_good_reload_swaps_and_a_bad_one_keeps_the_last_good() {
        let shared = SharedKnowledge::new(KnowledgeBase::from_sources(source(GOOD)).unwrap());
        let before = shared.get();
        let bad = shared.reload(|| KnowledgeBase::from_sources(source("[[term]]\nid = 1\n")));
        assert!(matches!(bad, Err(LoadError::Invalid(_))));
        assert!(
            Arc::ptr_eq(&before, &shared.get()),
            "last good knowledge kept"
        );

        let two =
            format!("{GOOD}\n[[term]]\nid = \"mvp\"\nname = \"MVP\"\ndefinition = \"Small.\"\n");
        let fresh = shared
            .reload(|| KnowledgeBase::from_sources(source(&two)))
            .unwrap();
        assert_eq!(shared.get().terms.len(), 2);
        assert!(Arc::ptr_eq(&fresh, &shared.get()));
        assert_eq!(
            before.terms.len(),
            1,
            "readers holding the old Arc keep a whole copy"
        );
    }
}
