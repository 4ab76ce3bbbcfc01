//! Each server's knowledge: the base knowledge plus what the server taught (its own FAQs
//! and roster), built the first time the server is asked something, kept for the servers
//! asked lately, and built again when the server teaches something or the base reloads.
//!
//! Memory stays bounded however many servers the bot is in: a server that taught nothing
//! costs a set entry; built knowledge is kept for at most `ROLECALL_SERVER_CACHE` servers
//! (the least recently asked is dropped first) and for at most [`IDLE`] after its last
//! question.

use rolecall_core::base::{KnowledgeBase, SharedKnowledge};
use rolecall_core::overlay::{self, Overlay, Refusal};
use rolecall_store::{Backend, StoreError};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use tracing::{debug, warn};

/// How long a server's built knowledge is kept after its last question.
pub const IDLE: Duration = Duration::from_secs(30 * 60);
/// Most servers remembered as having taught nothing (8 bytes each).
const MAX_PLAIN: usize = 1_000_000;

/// The knowledge of every server the bot answers in.
pub struct Servers {
    base: SharedKnowledge,
    store: Arc<dyn Backend>,
    limit: usize,
    cache: Mutex<Cache>,
}

/// Built knowledge of the servers asked lately.
#[derive(Default)]
struct Cache {
    /// Most servers kept built.
    capacity: usize,
    /// Server → its built knowledge.
    built: HashMap<u64, Kept>,
    /// Servers known to have taught nothing: they answer from the base.
    plain: HashSet<u64>,
}

/// One server's built knowledge.
struct Kept {
    /// The base it was built on: stale once the base reloads.
    base: Weak<KnowledgeBase>,
    knowledge: Arc<KnowledgeBase>,
    used: Instant,
}

impl Servers {
    /// Servers answering from `base` plus what each taught (read from `store`), keeping at
    /// most `capacity` built and `limit` FAQs per server.
    pub fn new(
        base: SharedKnowledge,
        store: Arc<dyn Backend>,
        capacity: usize,
        limit: usize,
    ) -> Servers {
        Servers {
            base,
            store,
            limit,
            cache: Mutex::new(Cache {
                capacity: capacity.max(1),
                ..Cache::default()
            }),
        }
    }

    /// The base knowledge (shipped or files), as every server starts from.
    pub fn base(&self) -> Arc<KnowledgeBase> {
        self.base.get()
    }

    /// Most FAQs a server may teach.
    pub fn limit(&self) -> usize {
        self.limit
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        // The cache holds no invariant a panic could break: keep using it.
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The knowledge `guild` is answered from (the base outside a server). Built from the
    /// store the first time (off the async workers); when the store can't be read the base
    /// answers, and the server is tried again next time.
    pub async fn knowledge(&self, guild: Option<u64>) -> Arc<KnowledgeBase> {
        let base = self.base.get();
        let Some(guild) = guild.filter(|&g| g != 0) else {
            return base;
        };
        if let Some(k) = self.cached(guild, &base) {
            return k;
        }
        let overlay = match self.store.overlay(guild).await {
            Ok(o) => o,
            Err(e) => {
                warn!(guild, error = %e, "could not read what the server taught; answering from the base knowledge");
                return base;
            }
        };
        if overlay.is_empty() {
            self.keep(guild, &base, None);
            return base;
        }
        let limit = self.limit;
        let job = {
            let base = base.clone();
            tokio::task::spawn_blocking(move || {
                overlay::build_keeping(&base, &overlay, guild, limit)
            })
        };
        match job.await {
            Ok((Some(k), dropped)) => {
                if !dropped.is_empty() {
                    warn!(guild, left_out = ?dropped, "some of the server's FAQs no longer validate against the knowledge; answering without them");
                }
                let k = Arc::new(k);
                self.keep(guild, &base, Some(k.clone()));
                k
            }
            Ok((None, dropped)) => {
                warn!(guild, left_out = ?dropped, "what the server taught no longer validates against the knowledge; answering from the base");
                // Kept (as the base) until the base or the server's overlay changes, so
                // the server's questions don't each build and warn again.
                self.keep(guild, &base, Some(base.clone()));
                base
            }
            Err(e) => {
                warn!(guild, error = %e, "building the server's knowledge failed");
                base
            }
        }
    }

    /// `guild`'s knowledge when kept and built on the current base.
    fn cached(&self, guild: u64, base: &Arc<KnowledgeBase>) -> Option<Arc<KnowledgeBase>> {
        let mut cache = self.cache();
        if cache.plain.contains(&guild) {
            return Some(base.clone());
        }
        let kept = cache.built.get_mut(&guild)?;
        if !Weak::ptr_eq(&kept.base, &Arc::downgrade(base)) {
            cache.built.remove(&guild);
            return None;
        }
        kept.used = Instant::now();
        Some(kept.knowledge.clone())
    }

    /// Keeps `guild`'s knowledge (`None`: it taught nothing), dropping idle servers and, past
    /// the capacity, the least recently asked.
    fn keep(&self, guild: u64, base: &Arc<KnowledgeBase>, knowledge: Option<Arc<KnowledgeBase>>) {
        let mut cache = self.cache();
        let Some(knowledge) = knowledge else {
            cache.built.remove(&guild);
            if cache.plain.len() >= MAX_PLAIN {
                cache.plain.clear();
            }
            cache.plain.insert(guild);
            return;
        };
        cache.plain.remove(&guild);
        let now = Instant::now();
        cache.built.retain(|_, k| now.duration_since(k.used) < IDLE);
        while cache.built.len() >= cache.capacity {
            let Some(oldest) = cache
                .built
                .iter()
                .min_by_key(|(_, k)| k.used)
                .map(|(g, _)| *g)
            else {
                break;
            };
            debug!(
                guild = oldest,
                "dropping the least recently asked server's knowledge"
            );
            cache.built.remove(&oldest);
        }
        cache.built.insert(
            guild,
            Kept {
                base: Arc::downgrade(base),
                knowledge,
                used: now,
            },
        );
    }

    /// Forgets `guild`'s built knowledge: it is built again from the store when next asked
    /// (another process changed it).
    pub fn forget(&self, guild: u64) {
        let mut cache = self.cache();
        cache.built.remove(&guild);
        cache.plain.remove(&guild);
    }

    /// How many servers' knowledge is kept built.
    pub fn built(&self) -> usize {
        self.cache().built.len()
    }

    /// Validates `overlay` for `guild` on the current base (off the async workers) and, when
    /// it is accepted, makes it `guild`'s knowledge at once; the caller then stores it.
    pub async fn try_overlay(
        &self,
        guild: u64,
        overlay: Overlay,
    ) -> Result<Arc<KnowledgeBase>, Refusal> {
        let base = self.base.get();
        let limit = self.limit;
        let job = {
            let base = base.clone();
            tokio::task::spawn_blocking(move || {
                let plain = overlay.is_empty();
                overlay::build(&base, &overlay, guild, limit).map(|k| (k, plain))
            })
        };
        match job.await {
            Ok(Ok((_, true))) => {
                self.keep(guild, &base, None);
                Ok(base)
            }
            Ok(Ok((k, false))) => {
                let k = Arc::new(k);
                self.keep(guild, &base, Some(k.clone()));
                Ok(k)
            }
            Ok(Err(refusal)) => Err(refusal),
            Err(e) => Err(Refusal::Problems(vec![rolecall_core::Problem::error(
                &overlay::overlay_path(guild),
                None,
                None,
                format!("checking it failed ({e}); try again"),
            )])),
        }
    }

    /// What `guild` taught, as the store has it.
    pub async fn overlay(&self, guild: u64) -> Result<Overlay, StoreError> {
        self.store.overlay(guild).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall_core::overlay::ServerFaq;
    use rolecall_store::MemoryStore;

    fn servers(capacity: usize) -> (Servers, Arc<MemoryStore>) {
        let store = Arc::new(MemoryStore::new());
        let base = SharedKnowledge::new(KnowledgeBase::shipped().unwrap());
        (Servers::new(base, store.clone(), capacity, 500), store)
    }

    fn faq(id: &str, q: &str) -> ServerFaq {
        ServerFaq {
            id: id.into(),
            question: q.into(),
            answer: format!("**Ask the {id} desk.** They sort it out."),
            phrasings: vec![],
        }
    }

    #[tokio::test]
    async fn a_server_that_taught_nothing_answers_from_the_base_itself() {
        let (s, _) = servers(4);
        let k = s.knowledge(Some(1)).await;
        assert!(Arc::ptr_eq(&k, &s.base()));
        assert_eq!(s.built(), 0);
    }

    #[tokio::test]
    async fn each_server_gets_its_own_faqs_and_capacity_bounds_the_built() {
        let (s, store) = servers(2);
        for g in 1..=3u64 {
            store
                .put_faq(
                    g,
                    &faq(&format!("desk-{g}"), &format!("Where is desk number {g}?")),
                    9,
                    0,
                )
                .await
                .unwrap();
        }
        let one = s.knowledge(Some(1)).await;
        assert!(one.faqs.iter().any(|f| f.id == "desk-1"));
        assert!(!one.faqs.iter().any(|f| f.id == "desk-2"));
        s.knowledge(Some(2)).await;
        s.knowledge(Some(3)).await;
        assert_eq!(s.built(), 2, "the least recently asked was dropped");
        let again = s.knowledge(Some(1)).await;
        assert!(again.faqs.iter().any(|f| f.id == "desk-1"), "built again");
    }

    #[tokio::test]
    async fn a_base_reload_rebuilds_on_the_new_base_and_forget_rereads() {
        let (s, store) = servers(4);
        store
            .put_faq(1, &faq("desk", "Where is the help desk?"), 9, 0)
            .await
            .unwrap();
        let before = s.knowledge(Some(1)).await;
        s.base.reload(KnowledgeBase::shipped).unwrap();
        let after = s.knowledge(Some(1)).await;
        assert!(!Arc::ptr_eq(&before, &after));
        assert!(
            after.faqs.iter().any(|f| f.id == "desk"),
            "the overlay is kept"
        );
        store.remove_faq(1, "desk", 9, 1).await.unwrap();
        assert!(
            s.knowledge(Some(1))
                .await
                .faqs
                .iter()
                .any(|f| f.id == "desk"),
            "cached"
        );
        s.forget(1);
        assert!(!s
            .knowledge(Some(1))
            .await
            .faqs
            .iter()
            .any(|f| f.id == "desk"));
    }
}
