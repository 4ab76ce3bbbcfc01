//! Who holds which role here: the roster of teams and people from the knowledge.
