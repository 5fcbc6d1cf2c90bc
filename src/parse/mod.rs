//! Parsing: each input file on its own, into typed values. Settings
//! (`site.toml`), interface catalogues, seeds, content files and templates;
//! problems are located in their file. Nothing here looks across files:
//! that is `resolve`.

pub mod config;
pub mod content;
pub mod date;
pub mod frontmatter;
pub mod i18n;
pub mod seed;

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::disk::input::{BinaryFile, InputTree};
use crate::keep::{Key, KeyHasher};
use crate::render::theme::Theme;
use config::{BaseUrl, Config};
use content::Content;
use i18n::Catalog;
use seed::Seed;

use crate::text::locale::Locale;

/// What the command line may override in `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    /// Build drafts too, marked as drafts (`serve`, `build --drafts`).
    pub drafts: bool,
}

/// The input files that exist but could not be read: their own errors say
/// why, so nothing that names them reports them again.
#[derive(Debug, Default, Clone)]
pub struct Unread {
    /// The stems of the seeds that could not be read.
    pub seeds: BTreeSet<String>,
    /// The content files that failed to parse.
    pub content: BTreeSet<PathBuf>,
}

/// Every input file, parsed.
#[derive(Debug)]
pub struct Parsed {
    pub config: Config,
    /// The interface strings of the default edition's language.
    pub catalog: Catalog,
    /// Those of each other edition's, in `config.editions`' order.
    pub edition_catalogs: Vec<Catalog>,
    /// Shared by every edition.
    pub seeds: std::sync::Arc<[Seed]>,
    pub content: Content,
    /// Every content file's path, parsed or not (a note that failed to parse
    /// still exists: its seed is not "without a note"). Shared by every
    /// edition, and with the next build's when the paths are the same.
    pub content_paths: std::sync::Arc<BTreeSet<PathBuf>>,
    /// The seeds and content files that could not be read.
    pub unread: Unread,
    /// The templates, when they all parse.
    pub theme: Option<Theme>,
    /// The key of every template of the dossier's own, by name and text.
    pub templates_key: Key,
    pub statics: Vec<BinaryFile>,
    /// Files under `content/` that are not Markdown, published beside their pages.
    pub content_files: Vec<BinaryFile>,
}

/// Parses every file of `tree`; `None` when the settings cannot be read
/// (nothing else can be judged without them).
pub fn parse(tree: &InputTree, overrides: &Overrides, diagnostics: &mut Diagnostics) -> Option<Parsed> {
    parse_keeping(tree, overrides, diagnostics, None).map(|(parsed, _)| parsed)
}

/// As [`parse`]; given what the previous parse kept of the content files,
/// it reuses what is unchanged and returns what this one keeps.
pub fn parse_keeping(
    tree: &InputTree,
    overrides: &Overrides,
    diagnostics: &mut Diagnostics,
    previous: Option<&content::Kept>,
) -> Option<(Parsed, Option<content::Kept>)> {
    let (config, codes, mut catalogs) = settings(tree, overrides, diagnostics)?;
    let catalog = catalogs
        .iter()
        .position(|c| c.code == config.language)
        .map(|i| catalogs.remove(i))?;
    let edition_catalogs = config
        .editions
        .iter()
        .filter_map(|e| catalogs.iter().find(|c| c.code == e.language).cloned())
        .collect();
    let parsed: Vec<Result<Seed, Diagnostic>> = tree.seeds.par_iter().map(|f| seed::parse(&f.path, &f.bytes)).collect();
    let mut unread = Unread::default();
    let mut seeds = Vec::with_capacity(parsed.len());
    for (result, file) in parsed.into_iter().zip(&tree.seeds) {
        match result {
            Ok(seed) => seeds.push(seed),
            Err(d) => {
                diagnostics.push(d);
                unread.seeds.extend(file.path.file_stem().map(|s| s.to_string_lossy().into_owned()));
            }
        }
    }
    let content_paths = content::Kept::paths(previous, &tree.content);
    let editions: Vec<String> = config.editions.iter().map(|e| e.language.clone()).collect();
    let options = content::Options {
        locale: Locale::from_code(&config.language).unwrap_or_default(),
        drafts: overrides.drafts,
        undeclared: (codes.iter().map(String::as_str).chain(content::LANGUAGE_CODES.split(' ')))
            .filter(|c| *c != config.language && !editions.iter().any(|e| e == c))
            .map(str::to_string)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        editions: editions.into(),
    };
    let (content, problems, kept) = match previous {
        Some(previous) => {
            let (content, problems, mut kept) = content::parse_all_keeping(&tree.content, options, previous);
            kept.keep_paths(content_paths.clone());
            (content, problems, Some(kept))
        }
        None => {
            let (content, problems) = content::parse_all(&tree.content, options);
            (content, problems, None)
        }
    };
    diagnostics.extend(problems);
    unread.content = content.unparsed.iter().map(|(path, _)| path.clone()).collect();
    let theme = Theme::new(&tree.templates).map_err(|e| diagnostics.extend(e)).ok();
    let mut templates = KeyHasher::default();
    for file in &tree.templates {
        templates.part(file.path.as_os_str().as_encoded_bytes()).key_part(file.key);
    }
    let parsed = Parsed {
        config,
        catalog,
        edition_catalogs,
        seeds: seeds.into(),
        content,
        content_paths,
        unread,
        theme,
        templates_key: templates.key(),
        statics: tree.statics.clone(),
        content_files: tree.content_assets.clone(),
    };
    Some((parsed, kept))
}

impl Parsed {
    /// The dossier as the edition `edition` (not the default) reads it: its
    /// settings and interface strings, and its content (each document as
    /// translated, when it is: [`crate::resolve::edition::content`]).
    /// Returns it with the paths of the documents it has no translation of.
    pub fn edition(&self, edition: &config::EditionConfig, catalog: &Catalog) -> (Parsed, Vec<PathBuf>) {
        let (content, untranslated) = crate::resolve::edition::content(&self.content, &edition.language);
        let mut config = self.config.clone();
        config.base_url = config.base_url.within(&edition.language);
        config.title.clone_from(&edition.title);
        config.description.clone_from(&edition.description);
        config.language.clone_from(&edition.language);
        config.editions = Vec::new();
        config.folder = Some(edition.language.clone());
        let parsed = Parsed {
            config,
            catalog: catalog.clone(),
            edition_catalogs: Vec::new(),
            seeds: self.seeds.clone(),
            content,
            content_paths: self.content_paths.clone(),
            unread: self.unread.clone(),
            theme: None,
            templates_key: self.templates_key,
            statics: self.statics.clone(),
            content_files: self.content_files.clone(),
        };
        (parsed, untranslated)
    }
}

/// `site.toml` and the catalogues of its editions' languages (built in, or the dossier's `i18n/`).
fn settings(tree: &InputTree, overrides: &Overrides, diagnostics: &mut Diagnostics) -> Option<(Config, Vec<String>, Vec<Catalog>)> {
    let vi = Catalog::builtin("vi").expect("Vietnamese is built in");
    let mut catalogs: Vec<Catalog> = i18n::BUILTIN.iter().filter_map(|(code, _)| Catalog::builtin(code)).collect();
    for file in &tree.catalogs {
        match Catalog::parse(&file.path, &file.text, Some(&vi)) {
            Ok(c) => {
                catalogs.retain(|k| k.code != c.code);
                catalogs.push(c);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let codes: Vec<String> = catalogs.iter().map(|c| c.code.clone()).collect();
    let mut config = Config::parse(&tree.config.path, &tree.config.text, &codes)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    if let Some(url) = &overrides.base_url {
        config.base_url = BaseUrl::parse(url)
            .map_err(|e| diagnostics.push(Diagnostic::error("--base-url", e)))
            .ok()?;
    }
    catalogs.retain(|c| config.languages().any(|l| l == c.code));
    Some((config, codes, catalogs))
}
