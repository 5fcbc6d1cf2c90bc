//! Writing files for the analyst to edit: `dossier init` (a new dossier
//! that builds at once), `dossier eject` (a built-in template or static file
//! copied out to be changed) and `dossier new` ([`new`]: a note, a fact or a
//! person started from the seeds).
//!
//! `init` writes only what the analyst edits (`site.toml`, `content/`,
//! `seeds/`): the theme stays built in, so a dossier receives the theme's
//! later fixes until it copies a file out with `eject`. The functions here
//! decide what to write; `disk::output` writes it, and never overwrites.

pub mod new;

use std::path::Path;

use anyhow::Result;

use crate::render::theme::{STATIC, TEMPLATES};

/// The language of a new dossier: its `site.toml`'s `language` and the
/// language of the text `init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Vietnamese,
    English,
}

impl Language {
    /// `vi` or `en`.
    pub fn parse(code: &str) -> Option<Language> {
        match code {
            "vi" => Some(Language::Vietnamese),
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

const SITE_TOML_VI: &str = r#"# The dossier's settings. See the README for every key.
title = "Hồ sơ chuyến thăm"
description = "Bộ hồ sơ tóm tắt chuyến thăm, mọi dữ kiện dẫn về câu nguồn."
# Where the site is published; a sub-path such as https://org.github.io/dossier/ works too.
base_url = "https://example.org/"
language = "vi"

[markdown]
# Raw HTML in notes is escaped unless this is true.
allow_html = false
"#;

const SITE_TOML_EN: &str = r#"# The dossier's settings. See the README for every key.
title = "Visit dossier"
description = "A briefing on the visit, every fact linked to the sentence it comes from."
# Where the site is published; a sub-path such as https://org.github.io/dossier/ works too.
base_url = "https://example.org/"
language = "en"

[markdown]
# Raw HTML in notes is escaped unless this is true.
allow_html = false
"#;

const HOME_VI: &str = r#"+++
title = "Hồ sơ chuyến thăm"
+++
Viết ở đây vài dòng giới thiệu chuyến thăm. Đặt các bài báo gốc vào `seeds/`
(mỗi bài một tệp `.txt`), ghi chú cho từng bài vào `content/articles/<tên tệp>.md`:
`dossier new note 001` tạo sẵn ghi chú cho bài `001`.
"#;

const HOME_EN: &str = r#"+++
title = "Visit dossier"
+++
Write a few lines introducing the visit here. Put the source articles in
`seeds/` (one `.txt` file each) and a note on each in
`content/articles/<file stem>.md`: `dossier new note 001` starts the note on
article `001`.
"#;

const SEEDS_README: &str = "Put the raw articles here, one UTF-8 `.txt` file each.\n";

/// Creates a new dossier in `dir`, which must not exist or be empty, in
/// `language`; returns the paths written.
pub fn init(dir: &Path, language: Language) -> Result<Vec<String>> {
    let (site, home) = match language {
        Language::Vietnamese => (SITE_TOML_VI, HOME_VI),
        Language::English => (SITE_TOML_EN, HOME_EN),
    };
    let files: Vec<(String, &[u8])> = vec![
        ("site.toml".to_string(), site.as_bytes()),
        ("content/_index.md".to_string(), home.as_bytes()),
        ("seeds/README".to_string(), SEEDS_README.as_bytes()),
    ];
    crate::disk::output::create_dossier(dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Every built-in theme file a dossier may copy out, by the path it gets
/// in the dossier (`templates/page.html`, `static/assets/dossier.css`).
pub fn theme_files() -> Vec<(String, &'static [u8])> {
    let templates = TEMPLATES.iter().map(|(name, text)| (format!("templates/{name}"), text.as_bytes()));
    let statics = STATIC.iter().map(|(path, bytes)| (format!("static/{path}"), *bytes));
    templates.chain(statics).collect()
}

/// The built-in file `name` names (`page.html`, `templates/page.html`,
/// `assets/dossier.css`), as (its path in the dossier, bytes); or the error
/// to show, with the closest names.
pub fn theme_file(name: &str) -> Result<(String, &'static [u8]), String> {
    let files = theme_files();
    let found = files
        .iter()
        .find(|(path, _)| path == name || path.strip_prefix("templates/") == Some(name) || path.strip_prefix("static/") == Some(name));
    if let Some(file) = found {
        return Ok(file.clone());
    }
    let short: Vec<&str> = files
        .iter()
        .map(|(path, _)| {
            path.strip_prefix("templates/")
                .or_else(|| path.strip_prefix("static/"))
                .unwrap_or(path)
        })
        .collect();
    let advice = crate::text::suggest::did_you_mean(name, short.iter().copied()).map_or_else(
        || "`dossier eject` lists them".to_string(),
        |s| format!("{s} (`dossier eject` lists them)"),
    );
    Err(format!("no built-in template or static file is named `{name}`: {advice}"))
}

/// Copies the built-in file `name` into the dossier at `root`, where it
/// replaces the built-in one; refuses to overwrite. Returns its path.
pub fn eject(root: &Path, name: &str) -> Result<String> {
    let (path, bytes) = theme_file(name).map_err(anyhow::Error::msg)?;
    crate::disk::output::create_files(root, &[(path.clone(), bytes)])?;
    Ok(path)
}

/// Writes the file `request` starts into the dossier at `root`, from its
/// seeds (read and parsed here); refuses to overwrite. Returns what was
/// written.
pub fn new_file(root: &Path, request: &new::Request) -> Result<new::Scaffold, NewError> {
    let tree = crate::disk::input::read(root).map_err(NewError::Io)?;
    let seeds: Vec<crate::parse::seed::Seed> = tree
        .seeds
        .iter()
        .filter_map(|f| crate::parse::seed::parse(&f.path, &f.bytes).ok())
        .collect();
    let language = toml::from_str::<toml::Table>(&tree.config.text).ok().and_then(|t| {
        t.get("language")
            .and_then(|l| l.as_str())
            .and_then(crate::text::locale::Locale::from_code)
    });
    let scaffold = new::scaffold(request, &seeds, language.unwrap_or_default()).map_err(NewError::Request)?;
    crate::disk::output::create_files(root, &[(scaffold.path.clone(), scaffold.text.as_bytes())]).map_err(NewError::Io)?;
    Ok(scaffold)
}

/// Why `dossier new` wrote nothing: the request names what is not there
/// (a seed, a figure), or the dossier could not be read or written.
#[derive(Debug)]
pub enum NewError {
    Request(String),
    Io(anyhow::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_file_is_found_by_its_name_with_or_without_its_folder() {
        assert_eq!(theme_file("page.html").unwrap().0, "templates/page.html");
        assert_eq!(
            theme_file("templates/partials/sources.html").unwrap().0,
            "templates/partials/sources.html"
        );
        assert_eq!(theme_file("assets/dossier.css").unwrap().0, "static/assets/dossier.css");
        assert_eq!(theme_file("static/favicon.svg").unwrap().0, "static/favicon.svg");
        assert_eq!(
            theme_file("pge.html").unwrap_err(),
            "no built-in template or static file is named `pge.html`: did you mean `page.html`? (`dossier eject` lists them)"
        );
    }

    #[test]
    fn every_built_in_file_can_be_copied_out() {
        assert_eq!(theme_files().len(), TEMPLATES.len() + STATIC.len());
    }

    #[test]
    fn the_two_languages_write_their_own_settings() {
        assert!(SITE_TOML_EN.contains("language = \"en\"") && SITE_TOML_VI.contains("language = \"vi\""));
        assert_eq!(Language::parse("en"), Some(Language::English));
        assert_eq!(Language::parse("fr"), None);
    }
}
