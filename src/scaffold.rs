//! `dossier init`: a new, empty dossier that builds at once.
//!
//! Writes `site.toml`, a home page, the folders a dossier uses, and the
//! built-in templates and static files for the analyst to adapt.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

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

/// Creates a new dossier in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<Vec<String>> {
    if dir.exists()
        && fs::read_dir(dir)
            .with_context(|| format!("failed to read `{}`", dir.display()))?
            .next()
            .is_some()
    {
        bail!("`{}` is not empty: `dossier init` only creates new dossiers", dir.display());
    }
    let mut written = Vec::new();
    let mut write = |path: &str, bytes: &[u8]| -> Result<()> {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        fs::write(&target, bytes).with_context(|| format!("failed to write `{}`", target.display()))?;
        written.push(path.to_string());
        Ok(())
    };
    write("site.toml", SITE_TOML.as_bytes())?;
    write("content/_index.md", HOME.as_bytes())?;
    write("seeds/README", SEEDS_README.as_bytes())?;
    for (name, text) in TEMPLATES {
        write(&format!("templates/{name}"), text.as_bytes())?;
    }
    for (path, bytes) in STATIC {
        write(&format!("static/{path}"), bytes)?;
    }
    Ok(written)
}
