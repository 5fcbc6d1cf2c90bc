//! Text utilities shared by the stages: diacritic folding (search, names)
//! and Vietnamese-correct slugs.

pub mod country;
pub mod figure;
pub mod fold;
pub mod locale;
pub(crate) mod phrase;
pub mod slug;
pub mod time_of_day;
