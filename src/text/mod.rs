//! Text utilities shared by the stages, each knowing nothing of the
//! dossier's model: decoding input text (UTF-8, BOMs, NFC), diacritic
//! folding, Vietnamese-correct slugs, and reading what the sources' words
//! say: figures with their qualifiers and units, times of day, country codes;
//! "did you mean" for a mistyped name.

pub mod country;
pub mod decode;
pub mod figure;
pub mod fold;
pub mod locale;
pub(crate) mod phrase;
pub mod slug;
pub mod suggest;
pub mod time_of_day;
