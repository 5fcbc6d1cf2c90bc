//! `dossier init`: a new, empty dossier that builds at once.
//!
//! Writes `site.toml`, a home page, the folders a dossier uses, and the
//! built-in templates and static files for the analyst to adapt.

use std::path::Path;

use anyhow::Result;

use crate::render::theme::{STATIC, TEMPLATES};

const SITE_TOML: &str = r#"# The dossier's settings. See the README for every key.
title = "Hồ sơ chuyến thăm"
description = "Bộ hồ sơ tóm tắt chuyến thăm, mọi dữ kiện dẫn về câu nguồn."
# Where the site is published; a sub-path such as https://org.github.io/dossier/ works too.
base_url = "https://example.org/"
language = "vi"

[markdown]
# Raw HTML in notes is escaped unless this is true.
allow_html = false
"#;

const HOME: &str = r#"+++
title = "Hồ sơ chuyến thăm"
+++
Viết ở đây vài dòng giới thiệu chuyến thăm. Đặt các bài báo gốc vào `seeds/`
(mỗi bài một tệp `.txt`), ghi chú cho từng bài vào `content/articles/<tên tệp>.md`.
"#;

const SEEDS_README: &str = "Put the raw articles here, one UTF-8 `.txt` file each.\n";

/// Creates a new dossier in `dir`, which must not exist or be empty;
/// returns the paths written.
pub fn init(dir: &Path) -> Result<Vec<String>> {
    let mut files: Vec<(String, &[u8])> = vec![
        ("site.toml".to_string(), SITE_TOML.as_bytes()),
        ("content/_index.md".to_string(), HOME.as_bytes()),
        ("seeds/README".to_string(), SEEDS_README.as_bytes()),
    ];
    files.extend(TEMPLATES.iter().map(|(name, text)| (format!("templates/{name}"), text.as_bytes())));
    files.extend(STATIC.iter().map(|(path, bytes)| (format!("static/{path}"), *bytes)));
    crate::disk::output::create_dossier(dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
