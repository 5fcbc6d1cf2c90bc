//! Parsing: each input file on its own, into typed values. Settings
//! (`site.toml`), interface catalogues, seeds and content files; problems are
//! located in their file. Nothing here looks across files: that is `resolve`.

pub mod config;
pub mod content;
pub mod date;
pub mod frontmatter;
pub mod i18n;
pub mod seed;
