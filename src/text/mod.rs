//! Text utilities shared by the stages: diacritic folding (search, names)
//! and Vietnamese-correct slugs.

pub mod decode;
pub mod fold;
pub mod slug;
