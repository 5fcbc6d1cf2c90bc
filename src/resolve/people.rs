//! Who is mentioned where: for every person and organisation, how often each
//! article names them (under any of their spellings), and the events they
//! take part in. One pass over the seeds' text finds every name at once
//! (Aho–Corasick), however many people the dossier has.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::model::Outline;

/// Mentions and events of every person, by item index of the person.
#[derive(Debug, Default)]
pub struct People {
    /// (seed index, count) of each article naming the person, in seed order.
    pub mentions: HashMap<usize, Vec<(usize, usize)>>,
    /// Item indices of the events the person takes part in, in path order.
    pub events: HashMap<usize, Vec<usize>>,
}

impl People {
    pub fn new(outline: &Outline<'_>) -> People {
        let mut people = People::default();
        let mut names: Vec<&str> = Vec::new();
        let mut holder: Vec<usize> = Vec::new();
        for (i, p) in outline.people() {
            for name in p.names().filter(|n| !n.is_empty()) {
                names.push(name);
                holder.push(i);
            }
        }
        if !names.is_empty() {
            let finder = name_finder(&names);
            for (s, seed) in outline.seeds.iter().enumerate() {
                let mut counts: HashMap<usize, usize> = HashMap::new();
                for block in &seed.blocks {
                    for name in whole_word_mentions(&finder, names.len(), &block.text) {
                        *counts.entry(holder[name]).or_default() += 1;
                    }
                }
                for (person, count) in counts {
                    people.mentions.entry(person).or_default().push((s, count));
                }
            }
        }
        for (e, _) in outline.events() {
            for &p in &outline.items[e].related.people {
                people.events.entry(p).or_default().push(e);
            }
        }
        for list in people.mentions.values_mut() {
            list.sort_unstable();
        }
        people
    }
}

/// A finder of people's names (plain strings, well under the automaton's
/// limits): a contiguous NFA, which is made in a fraction of a DFA's time
/// (making DFAs was a tenth of a small dossier's build) and, with its
/// prefilter, searches the seeds about as fast.
pub(super) fn name_finder<P: AsRef<[u8]>>(names: &[P]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(names)
        .expect("names are plain strings, well under the automaton's limits")
}

/// The index of the name of each mention in `text`: a name standing as a
/// whole word (no letter or digit right before or after it). Each name's
/// occurrences are taken left to right without overlapping one another, as
/// `str::match_indices` takes them.
fn whole_word_mentions(finder: &AhoCorasick, count: usize, text: &str) -> Vec<usize> {
    let mut next_free = vec![0usize; count];
    let mut found = Vec::new();
    for m in finder.find_overlapping_iter(text) {
        let name = m.pattern().as_usize();
        if m.start() < next_free[name] {
            continue;
        }
        next_free[name] = m.end();
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            found.push(name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The count the people page used to make, one name and one text at a time.
    fn count_mentions(text: &str, name: &str) -> usize {
        text.match_indices(name)
            .filter(|(i, _)| {
                let before = text[..*i].chars().next_back();
                let after = text[i + name.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
            .count()
    }

    fn counts(names: &[&str], text: &str) -> Vec<usize> {
        let finder = name_finder(names);
        let mut out = vec![0; names.len()];
        for n in whole_word_mentions(&finder, names.len(), text) {
            out[n] += 1;
        }
        out
    }

    #[test]
    fn mentions_count_whole_words_only() {
        assert_eq!(counts(&["LG", "SK"], "Samsung, LG, SK và SKT; LG."), [2, 1]);
        assert_eq!(counts(&["Lee Jae-myung", "Lee"], "Tổng thống Lee Jae-myung"), [1, 1]);
        assert_eq!(counts(&["aa"], "aaa aa"), [1], "non-overlapping, as match_indices");
    }

    proptest! {
        /// The people scan finds, in one pass for all names, what one scan per name found.
        #[test]
        fn people_scan_counts_every_mention_in_one_pass(
            text in "[a-cĐđ \\-,.]{0,40}",
            names in proptest::collection::vec("[a-cĐđ][a-cĐđ \\-]{0,3}", 1..5),
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let expected: Vec<usize> = names.iter().map(|n| count_mentions(&text, n)).collect();
            prop_assert_eq!(counts(&names, &text), expected);
        }
    }
}
