//! The cue predicates: what a word or a run of words says about how a message is worded.

use super::*;

impl Language {
    /// True when `word` opens a question.
    pub fn is_question_word(&self, word: &str) -> bool {
        self.question_words.contains(word)
    }

    /// True when the words ask yes or no: they open with a question word that is no
    /// interrogative ("*does* a PM need …", "*is* the PO …").
    pub fn asks_yes_no<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.first_real_word(words)
            .is_some_and(|w| self.is_question_word(w) && !self.interrogatives.contains(w))
    }

    /// True when `word` opens a request.
    pub fn is_request_word(&self, word: &str) -> bool {
        self.request_words.contains(word)
    }

    /// True when `word` is a filler before a clause's question word.
    pub fn is_filler(&self, word: &str) -> bool {
        self.fillers.contains(word)
    }

    /// True when `word` opens a new clause inside a sentence ("but").
    pub fn is_conjunction(&self, word: &str) -> bool {
        self.conjunctions.contains(word)
    }

    /// True when `word`, before a span of time, makes it a question's setting ("during").
    pub fn is_setting_word(&self, word: &str) -> bool {
        self.setting_words.contains(word)
    }

    /// True when `word` opens a condition before a question ("if", "once").
    pub fn is_subordinator(&self, word: &str) -> bool {
        self.subordinators.contains(word)
    }

    /// True when a clause opened by a condition asks: "if the PM and PO disagree who gets
    /// the last word" (a subordinator first, after fillers, and an interrogative later).
    pub fn asks_after_condition(&self, words: &[&str]) -> bool {
        let Some(first) = self.first_content(words) else {
            return false;
        };
        self.is_subordinator(words[first])
            && words[first + 1..]
                .iter()
                .any(|w| self.interrogatives.contains(w))
    }

    /// True when `word` ends like a framing word ("exactly", "basically").
    pub fn is_framing(&self, word: &str) -> bool {
        self.framing_suffixes
            .iter()
            .any(|s| word.len() > s.len() + 2 && word.ends_with(&**s))
    }

    /// Words that frame a question and name no topic ("important", "main").
    pub fn framing_words(&self) -> &[Box<str>] {
        &self.framing_words
    }

    /// True when the words point back to what was said before ("are *they* the same?",
    /// "how do *the two* differ?").
    pub fn refers_back<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.references.held_in(words)
    }

    /// True when the words ask who does which part: a question for a person
    /// (`division_subjects`) whose object, its last word but framing and chatter, is one of
    /// `division_objects` ("who does what?", "who's in charge of what exactly?"). It
    /// divides the work among roles named elsewhere.
    pub fn asks_division<S: AsRef<str>>(&self, words: &[S]) -> bool {
        let word = |i: usize| words[i].as_ref();
        let Some(who) = (0..words.len()).find(|&i| self.division_subjects.contains(word(i))) else {
            return false;
        };
        let last = (0..words.len())
            .rev()
            .find(|&i| !self.is_framing(word(i)) && !self.is_chatter(word(i)));
        last.is_some_and(|l| l > who + 1 && self.division_objects.contains(word(l)))
    }

    /// True when `word` reports what someone says or thinks ("says", "told").
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }

    /// True when `word` speaks to the one answering ("you", "your").
    pub fn is_second_person(&self, word: &str) -> bool {
        self.second_person.contains(word)
    }

    /// True when `word` is the asker speaking of themselves ("i", "my").
    pub fn is_first_person(&self, word: &str) -> bool {
        self.first_person.contains(word)
    }

    /// True when the words ask what rolecall itself can do ("what can you do").
    pub fn asks_help<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.help_phrases.held_in(words)
    }

    /// True when `word` may be part of a request for help ("commands").
    pub fn is_help_word(&self, word: &str) -> bool {
        self.help_words.contains(word)
    }

    /// True when the words ask whether one person can hold both roles ("same person").
    ///
    /// "Do" that opens a phrase is the verb ("can one person *do both*"), not the
    /// auxiliary of a question ("how *do both* roles work together?", "*do both* report to
    /// the RTE?"), which asks about the two roles.
    pub fn asks_one_person<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.both_phrases.spans(words).any(|(at, _)| {
            let auxiliary = matches!(words[at].as_ref(), "do" | "does" | "did")
                && (at == 0 || self.interrogatives.contains(words[at - 1].as_ref()));
            !auxiliary
        })
    }

    /// True when the words ask who ranks higher ("report to", "boss").
    pub fn asks_rank<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.rank_phrases.held_in(words)
    }

    /// The positions of the words that make up idioms ("of course", "one day"), which
    /// say nothing of their own.
    pub fn idiom_words<S: AsRef<str>>(&self, words: &[S]) -> Vec<usize> {
        let mut out = Vec::new();
        for (at, len) in self.idioms.spans(words) {
            out.extend(at..at + len);
        }
        out
    }

    /// Where the words ask whether two roles are one ("one job or two", "the same
    /// role"): the start and length of the first such phrase.
    pub fn same_role_span<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, usize)> {
        self.same_phrases.span_in(words).or_else(|| {
            let closes = |i: usize| {
                words
                    .get(i + 1)
                    .is_none_or(|n| n.as_ref() == "as" || self.is_alternative(n.as_ref()))
            };
            (0..words.len())
                .find(|&i| self.same_words.contains(words[i].as_ref()) && closes(i))
                .map(|i| (i, 1))
        })
    }

    /// True when `word` names the people a role works with ("team").
    pub fn is_people_word(&self, word: &str) -> bool {
        self.people_words.contains(word)
    }

    /// True when `word` is a verb of managing ("manage").
    pub fn is_manage_verb(&self, word: &str) -> bool {
        self.manage_verbs.contains(word)
    }

    /// True when `word` is a small word before a noun ("the", "our").
    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// True when `word`, after a role, makes a statement a claim ("earns").
    pub fn is_claim_verb(&self, word: &str) -> bool {
        self.claim_verbs.contains(word)
    }

    /// True when `word`, before a role, makes a statement a request ("tell").
    pub fn is_request_verb(&self, word: &str) -> bool {
        self.request_verbs.contains(word)
    }

    /// True when `words` open with a phrase asking how to do something ("how do you").
    pub fn asks_method<S: AsRef<str>>(&self, words: &[S]) -> bool {
        opening(&self.method_phrases, words).is_some()
    }

    /// True when `words` are a phrase asking a quantity ("how much").
    pub fn is_quantity_phrase<S: AsRef<str>>(&self, words: &[S]) -> bool {
        opening(&self.quantity_phrases, words) == Some(words.len())
    }

    /// True when `word`, before a role, makes another job title ("technical", "chief").
    pub fn is_title_modifier(&self, word: &str) -> bool {
        self.title_modifiers.contains(word)
    }

    /// True when `word` asks for a view on what was said ("agree", "opinion").
    pub fn is_view_word(&self, word: &str) -> bool {
        self.view_words.contains(word)
    }

    /// True when `word` names someone who may make a claim ("colleague", "article").
    pub fn is_speaker(&self, word: &str) -> bool {
        self.speakers.contains(word)
    }

    /// True when `word` asks what something is ("explain", "overview").
    pub fn is_what_is_word(&self, word: &str) -> bool {
        self.what_is_words.contains(word)
    }

    /// True when `word` is a verb of going to someone with a question ("ask").
    pub fn is_contact_verb(&self, word: &str) -> bool {
        self.contact_verbs.contains(word)
    }

    /// True when `word` may come between "who" and the one asking ("do").
    pub fn is_contact_auxiliary(&self, word: &str) -> bool {
        self.contact_auxiliaries.contains(word)
    }

    /// True when `word` may come between the one asking and the verb ("need").
    pub fn is_contact_filler(&self, word: &str) -> bool {
        self.contact_fillers.contains(word)
    }

    /// True when `word` names the one to go to ("person").
    pub fn is_contact_noun(&self, word: &str) -> bool {
        self.contact_nouns.contains(word)
    }

    /// True when `word` makes "who" ask for someone here ("our").
    pub fn is_here_word(&self, word: &str) -> bool {
        self.here_words.contains(word)
    }

    /// True when the words hold a phrase that makes "who" ask for someone here.
    pub fn says_here<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.here_phrases.held_in(words)
    }

    /// True when the words ask for a person by themselves ("which person").
    pub fn asks_which_person<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.which_person.held_in(words)
    }

    /// True when `word`, before an embedded "who", still makes it ask ("idea").
    pub fn is_who_embedder(&self, word: &str) -> bool {
        self.who_embedders.contains(word)
    }

    /// True when `word` may come before a clause's "who" or "new" ("btw").
    pub fn is_clause_filler(&self, word: &str) -> bool {
        self.clause_fillers.contains(word)
    }

    /// Where the words hold a phrase before a role the asker is heading for ("becoming"):
    /// the index of the word after it.
    pub fn aspiring_end<S: AsRef<str>>(&self, words: &[S]) -> Option<usize> {
        self.aspiring_phrases
            .span_in(words)
            .map(|(at, len)| at + len)
    }

    /// True when `word` may come between "I'm" and "new" ("pretty").
    pub fn is_self_filler(&self, word: &str) -> bool {
        self.self_fillers.contains(word)
    }

    /// True when the words ask about onboarding itself ("getting started").
    ///
    /// Not onboarding others: "onboarding *new hires*", "onboarding *devs*".
    pub fn asks_onboarding<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.onboarding_phrases.spans(words).any(|(at, len)| {
            let next = words.get(at + len).map_or("", AsRef::as_ref);
            next != "new" && !self.is_people_word(next) && next != "hires"
        })
    }

    /// The start and length of each newcomer's phrase in the words ("first day"), one
    /// after another.
    pub fn newcomer_spans<'w, S: AsRef<str>>(
        &'w self,
        words: &'w [S],
    ) -> impl Iterator<Item = (usize, usize)> + 'w {
        self.newcomer_phrases.spans(words)
    }

    /// True when `word` puts what is said in the past ("remember", "last").
    pub fn is_past_marker(&self, word: &str) -> bool {
        self.past_markers.contains(word)
    }

    /// True when `word`, after a number, tells the time of day ("pm").
    pub fn is_clock_word(&self, word: &str) -> bool {
        self.clock_words.contains(word)
    }

    /// True when `word` is a verb of joining ("started").
    pub fn is_joining_word(&self, word: &str) -> bool {
        self.joining_words.contains(word)
    }

    /// True when the words hold a verb of joining and a word of recent time ("started …
    /// today").
    pub fn says_joined_recently<S: AsRef<str>>(&self, words: &[S]) -> bool {
        words
            .iter()
            .any(|w| self.joining_words.contains(w.as_ref()))
            && words.iter().any(|w| self.recent_words.contains(w.as_ref()))
    }

    /// True when `word` may follow "new to" for it to be about a newcomer ("team").
    pub fn is_new_to(&self, word: &str) -> bool {
        self.new_to.contains(word)
    }

    /// The nouns that end a job title ("manager", "engineer").
    pub fn title_heads(&self) -> impl Iterator<Item = &str> {
        self.title_heads.iter().map(|w| &**w)
    }

    /// True when `word` is a particle that makes the word before it a verb ("out").
    pub fn is_particle(&self, word: &str) -> bool {
        self.particles.contains(word)
    }

    /// True when `word` judges a value ("good", "ideal").
    pub fn is_judgement_word(&self, word: &str) -> bool {
        self.judgement_words.contains(word)
    }

    /// True when `word` may come before a question ("hey", "ok").
    pub fn is_opener(&self, word: &str) -> bool {
        self.openers.contains(word)
    }

    /// True when `word` may open a question: a question word, or another word that can
    /// ("anyone", "difference").
    pub fn opens_question(&self, word: &str) -> bool {
        self.is_question_word(word) || self.question_openers.contains(word)
    }

    /// The first of `words` that is not an opener ("hey", "ok so"), if any.
    pub fn first_real_word<'a, S: AsRef<str>>(&self, words: &'a [S]) -> Option<&'a str> {
        words.iter().map(AsRef::as_ref).find(|w| !self.is_opener(w))
    }

    /// The words and phrases that set things side by side ("vs", "difference").
    pub fn compare_words(&self) -> impl Iterator<Item = &str> {
        self.compare_words.iter().map(|w| &**w)
    }

    /// The words any structured answer (role card, fact, comparison) accepts ("who").
    pub fn structured_optional(&self) -> impl Iterator<Item = &str> {
        self.structured_optional.iter().map(|w| &**w)
    }

    /// The words a role card accepts ("overview").
    pub fn role_optional(&self) -> impl Iterator<Item = &str> {
        self.role_optional.iter().map(|w| &**w)
    }

    /// The words a glossary term accepts ("acronym").
    pub fn term_optional(&self) -> impl Iterator<Item = &str> {
        self.term_optional.iter().map(|w| &**w)
    }

    /// The job titles that stand alone ("tester", "cto").
    pub fn bare_titles(&self) -> impl Iterator<Item = &str> {
        self.bare_titles.iter().map(|w| &**w)
    }

    /// True when `word` before a job title does not make it another role ("senior").
    pub fn is_neutral_modifier(&self, word: &str) -> bool {
        self.neutral_modifiers.contains(word)
    }

    /// True when `word` joins alternatives of one question ("or").
    pub fn is_alternative(&self, word: &str) -> bool {
        self.alternatives.contains(word)
    }

    /// True when the words ask the one answering about their own experience ("what is
    /// your biggest strength as a PO", "have you ever …").
    pub fn asks_personal(&self, words: &[&str]) -> bool {
        self.personal_phrases.held_in(words)
    }

    /// True when `word` is a greeting or addresses people ("hey", "team").
    pub fn is_greeting(&self, word: &str) -> bool {
        self.greetings.contains(word) || self.signoffs.contains(word)
    }

    /// True when `word` is thanks or laughter ("thanks", "lol").
    pub fn is_signoff(&self, word: &str) -> bool {
        self.signoffs.contains(word)
    }

    /// True when `word` is chatter of any kind (greeting, sign-off, apology, framing).
    pub fn is_chatter(&self, word: &str) -> bool {
        self.chatter.contains(word) || self.greetings.contains(word) || self.signoffs.contains(word)
    }

    /// True when every word is chatter or a filler.
    pub fn all_chatter(&self, words: &[&str]) -> bool {
        words.iter().all(|w| {
            self.is_chatter(w) || self.is_filler(w) || !w.chars().any(char::is_alphanumeric)
        })
    }

    /// True when a clause's words ask: after fillers and greetings, a question word or a
    /// request word opens it, or it holds a phrase that embeds a question.
    pub fn opens_ask(&self, words: &[&str]) -> bool {
        self.opened_by_question(words) || self.embeds(words)
    }

    /// Where a clause's words start after fillers and greetings ("so hey | who …").
    fn first_content(&self, words: &[&str]) -> Option<usize> {
        words
            .iter()
            .position(|w| !self.is_filler(w) && !self.is_greeting(w))
    }

    /// True when a question or request word opens the words, after fillers and greetings.
    pub fn opened_by_question(&self, words: &[&str]) -> bool {
        self.first_content(words)
            .is_some_and(|i| self.is_question_word(words[i]) || self.is_request_word(words[i]))
    }

    /// How many of the first words make a request frame ("tell me about"), if they do,
    /// with the polite words that may come before it ("could you *please* walk me
    /// through"): modal verbs, "you", "someone" and chatter such as "please".
    pub fn request_frame(&self, words: &[&str]) -> Option<usize> {
        let polite = |w: &&&str| {
            self.is_contact_auxiliary(w)
                || self.is_second_person(w)
                || self.is_contact_noun(w)
                || self.is_chatter(w)
        };
        let prelude = words
            .iter()
            .take(REQUEST_PRELUDE)
            .take_while(polite)
            .count();
        (0..=prelude).find_map(|p| opening(&self.request_frames, &words[p..]).map(|n| p + n))
    }

    /// True when the words speak of the roles together without naming them ("how do
    /// these two roles work together").
    pub fn names_role_pair(&self, words: &[&str]) -> bool {
        self.role_pairs.held_in(words)
    }

    /// Where the question a verb embeds starts: the interrogative after an embedding verb
    /// ("understanding | how …", "figure out | who …").
    fn verb_embeds_at(&self, words: &[&str]) -> Option<usize> {
        (0..words.len().saturating_sub(1)).find_map(|j| {
            let e = j + 1 + usize::from(self.embedding_particles.contains(words[j + 1]));
            (self.embedding_verbs.contains(words[j])
                && words
                    .get(e)
                    .is_some_and(|w| self.interrogatives.contains(w)))
            .then_some(e)
        })
    }

    /// Where the question a phrase embeds starts ("i was wondering | who owns …"): the
    /// word after the first embedder, when a question or request word opens what follows.
    pub fn embedded_start(&self, words: &[&str]) -> Option<usize> {
        let verb = self.verb_embeds_at(words);
        let phrase = (0..words.len()).find_map(|j| {
            let p = self.embedders.list.iter().find(|p| {
                words.len() > j + p.len()
                    && words[j..].iter().zip(p.iter()).all(|(a, b)| *a == &**b)
            })?;
            let e = j + p.len();
            (self.is_question_word(words[e]) || self.is_request_word(words[e])).then_some(e)
        });
        match (phrase, verb) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// True when the words hold a phrase that embeds a question ("any idea", "wondering"),
    /// or a verb that does with an interrogative after it ("understanding how").
    pub fn embeds(&self, words: &[&str]) -> bool {
        self.embedders.held_in(words) || self.verb_embeds_at(words).is_some()
    }
}

/// Most polite words before a request frame ("could you please …").
const REQUEST_PRELUDE: usize = 3;

/// How many words the longest of `phrases` that opens `words` has, if one does.
fn opening<S: AsRef<str>>(phrases: &[Vec<Box<str>>], words: &[S]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| p.len() <= words.len() && p.iter().zip(words).all(|(a, b)| **a == *b.as_ref()))
        .map(Vec::len)
        .max()
}
