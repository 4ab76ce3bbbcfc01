//! The onboarding tour: its text, steps and quizzes, checked against Discord's limits and the
//! entries they show.

use super::*;

impl Builder {
    /// Checks a tour text: not empty, at most `max` characters (`why` says what holds it).
    pub(super) fn tour_text(
        &mut self,
        o: Origin,
        label: &str,
        what: &str,
        text: &str,
        max: usize,
        why: &str,
    ) {
        let limit = format!("{why} holds at most {max}");
        self.text_within(o, label, what, text, max, &limit);
    }

    /// Resolves `[tour]`: at most one across files, at least one step, unique step ids,
    /// entries that exist, quizzes that fit Discord's buttons, texts that fit their embed.
    pub(super) fn tour(&mut self, k: &Knowledge) -> Option<Tour> {
        let mut tours = std::mem::take(&mut self.tours).into_iter();
        let (file, doc) = tours.next()?;
        let origin_of = |b: &Self, file: usize, doc: &TourDoc| Origin {
            file,
            line: header_line(&b.texts[file], "[tour]")
                .unwrap_or_else(|| b.lines[file].line(doc.title.span().start)),
        };
        let origin = origin_of(self, file, &doc);
        for (other, extra) in tours {
            let o = origin_of(self, other, &extra);
            let at = format!("{}:{}", k.files[file].path, origin.line);
            self.err(
                o,
                "tour",
                format!("a second [tour]; the tour is already defined at {at} (knowledge has at most one tour)"),
            );
        }
        let lines = self.lines[file].clone();
        let at = |off: usize| Origin {
            file,
            line: lines.line(off),
        };
        let desc =
            "a tour page (an embed description with room for the footer and the entries shown)";
        self.tour_text(
            at(doc.title.span().start),
            "tour",
            "title",
            doc.title.get_ref(),
            limits::TITLE,
            "an embed title",
        );
        self.tour_text(
            at(doc.intro.span().start),
            "tour",
            "intro",
            doc.intro.get_ref(),
            TOUR_TEXT_CHARS,
            desc,
        );
        self.tour_text(
            at(doc.outro.span().start),
            "tour",
            "outro",
            doc.outro.get_ref(),
            TOUR_TEXT_CHARS,
            desc,
        );
        if doc.step.is_empty() {
            self.err(
                origin,
                "tour",
                "has no steps; add at least one [[tour.step]]".into(),
            );
        } else if doc.step.len() > LONG_TOUR_STEPS {
            self.warn(
                origin,
                "tour",
                format!(
                    "has {} steps; over {LONG_TOUR_STEPS}, newcomers tend to stop before the end (trim it or move detail into the entries shown)",
                    doc.step.len()
                ),
            );
        }
        let mut steps: Vec<TourStep> = Vec::new();
        for step in &doc.step {
            if let Some(s) = self.step(k, step, &at, &steps) {
                steps.push(s);
            }
        }
        Some(Tour {
            title: doc.title.get_ref().trim().to_string(),
            intro: doc.intro.get_ref().trim().to_string(),
            outro: doc.outro.get_ref().trim().to_string(),
            steps,
            origin,
        })
    }

    /// Checks one tour step; `None` when its id is unusable (already reported).
    pub(super) fn step(
        &mut self,
        k: &Knowledge,
        step: &StepDoc,
        at: &dyn Fn(usize) -> Origin,
        earlier: &[TourStep],
    ) -> Option<TourStep> {
        let o = at(step.id.span().start);
        let id = step.id.get_ref().clone();
        let label = format!("tour step `{id}`");
        if let Some(msg) = id_problem(&id) {
            self.err(o, &label, msg);
            return None;
        }
        if let Some(first) = earlier.iter().find(|s| s.id == id) {
            let at = format!("{}:{}", k.files[first.origin.file].path, first.origin.line);
            self.err(
                o,
                &label,
                format!("duplicate step id `{id}`: already used at {at}"),
            );
            return None;
        }
        self.tour_text(
            at(step.title.span().start),
            &label,
            "title",
            step.title.get_ref(),
            STEP_TITLE_CHARS,
            "a step title",
        );
        self.tour_text(
            at(step.text.span().start),
            &label,
            "text",
            step.text.get_ref(),
            TOUR_TEXT_CHARS,
            "a tour page (an embed description with room for the footer and the entries shown)",
        );
        let mut show = Vec::new();
        if let Some(ids) = &step.show {
            let so = at(ids.span().start);
            for shown in ids.get_ref() {
                match k.parse_entry(shown) {
                    Some(e) => show.push(e),
                    None => self.err(so, &label, format!("shown entry `{shown}` does not exist")),
                }
            }
        }
        let quiz = step.quiz.as_ref().and_then(|q| self.quiz(q, &label, at));
        Some(TourStep {
            id,
            title: step.title.get_ref().trim().to_string(),
            text: step.text.get_ref().trim().to_string(),
            show,
            roster: step.roster,
            quiz,
            origin: o,
        })
    }

    /// Checks a step's quiz; `None` when its answer is out of range (already reported).
    pub(super) fn quiz(
        &mut self,
        q: &QuizDoc,
        label: &str,
        at: &dyn Fn(usize) -> Origin,
    ) -> Option<Quiz> {
        let question = q.question.get_ref();
        let qo = at(q.question.span().start);
        let why = "a quiz question";
        self.tour_text(
            qo,
            label,
            "quiz question",
            question,
            QUIZ_QUESTION_CHARS,
            why,
        );
        let co = at(q.choices.span().start);
        let choices = q.choices.get_ref();
        if !QUIZ_CHOICES.contains(&choices.len()) {
            let (min, max) = (QUIZ_CHOICES.start(), QUIZ_CHOICES.end());
            let n = choices.len();
            let msg = format!("quiz has {n} choice(s); give {min} to {max} (each is a button)");
            self.err(co, label, msg);
        }
        let mut seen: Vec<String> = Vec::new();
        for (i, choice) in choices.iter().enumerate() {
            let what = format!("quiz choice {}", i + 1);
            let max = limits::BUTTON_LABEL;
            self.tour_text(co, label, &what, choice, max, "a button label");
            let key = choice.trim().to_lowercase();
            if let Some(j) = seen.iter().position(|s| *s == key) {
                if !key.is_empty() {
                    self.err(co, label, format!("{what} repeats choice {}", j + 1));
                }
            }
            seen.push(key);
        }
        let answer = *q.answer.get_ref();
        let in_range = usize::try_from(answer)
            .ok()
            .filter(|a| (1..=choices.len()).contains(a));
        if in_range.is_none() {
            let n = choices.len();
            let msg = format!(
                "quiz answer {answer} is out of range: it counts the choices from 1, so give 1 to {n}"
            );
            self.err(at(q.answer.span().start), label, msg);
        }
        let eo = at(q.explain.span().start);
        let explain = q.explain.get_ref();
        let why = "a quiz explanation";
        self.tour_text(eo, label, "quiz explain", explain, QUIZ_EXPLAIN_CHARS, why);
        Some(Quiz {
            question: question.trim().to_string(),
            choices: choices.iter().map(|c| c.trim().to_string()).collect(),
            answer: in_range? - 1,
            explain: explain.trim().to_string(),
        })
    }
}
