//! The built-in theme (templates and static files embedded in the binary) and
//! the Tera instance that renders with it.
//!
//! The defaults are the files of this repository's `templates/` and
//! `static/`, so the dossier here and a dossier without a theme of its own
//! look the same, and `dossier eject` has something to copy out. A dossier's own
//! `templates/<name>` replaces the built-in `<name>`; the lookup order lives in
//! [`Theme::new`] alone.

use std::path::PathBuf;

use serde::Serialize;
use tera::{ErrorKind, Tera};

use crate::diag::Diagnostic;
use crate::disk::input::TextFile;

/// Built-in templates: (name, text).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("articles.html", include_str!("../../templates/articles.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("timeline.html", include_str!("../../templates/timeline.html")),
    ("agreements.html", include_str!("../../templates/agreements.html")),
    ("statistics.html", include_str!("../../templates/statistics.html")),
    ("people.html", include_str!("../../templates/people.html")),
    ("statements.html", include_str!("../../templates/statements.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("print.html", include_str!("../../templates/print.html")),
    ("pages.html", include_str!("../../templates/pages.html")),
    ("partials/sources.html", include_str!("../../templates/partials/sources.html")),
    ("partials/downloads.html", include_str!("../../templates/partials/downloads.html")),
    ("partials/metric.html", include_str!("../../templates/partials/metric.html")),
    ("partials/person.html", include_str!("../../templates/partials/person.html")),
    (
        "partials/print-article.html",
        include_str!("../../templates/partials/print-article.html"),
    ),
    (
        "partials/print-timeline.html",
        include_str!("../../templates/partials/print-timeline.html"),
    ),
    (
        "partials/print-agreements.html",
        include_str!("../../templates/partials/print-agreements.html"),
    ),
    (
        "partials/print-statistics.html",
        include_str!("../../templates/partials/print-statistics.html"),
    ),
    ("partials/event.html", include_str!("../../templates/partials/event.html")),
];

/// Built-in static files: (path in the output, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    ("assets/dossier.css", include_bytes!("../../static/assets/dossier.css")),
    ("assets/search.js", include_bytes!("../../static/assets/search.js")),
    ("assets/reader.js", include_bytes!("../../static/assets/reader.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
];

const BUILTIN_PREFIX: &str = "builtin/";

/// The templates of one build: the dossier's own over the built-in ones.
#[derive(Debug)]
pub struct Theme {
    tera: Tera,
}

impl Theme {
    /// Loads the built-in templates, then the dossier's (`templates/**`),
    /// which win by name. Every template that does not parse is reported.
    pub fn new(user: &[TextFile]) -> Result<Theme, Vec<Diagnostic>> {
        let mut all: Vec<(String, &str)> = TEMPLATES
            .iter()
            .map(|(name, text)| (format!("{BUILTIN_PREFIX}{name}"), *text))
            .collect();
        all.extend(user.iter().map(|f| (template_name(f), &*f.text)));
        let mut tera = new_tera();
        // Templates refer to each other, so they are added together; only when
        // that fails is each parsed alone, to report every syntax error.
        match tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), *t))) {
            Ok(()) => Ok(Theme { tera }),
            Err(batch_error) => {
                let syntax_errors: Vec<Diagnostic> = all
                    .iter()
                    .filter_map(|(name, text)| match new_tera().add_raw_template(name, text) {
                        Err(e) if matches!(e.kind(), ErrorKind::SyntaxError(_)) => Some(template_error(&e)),
                        _ => None,
                    })
                    .collect();
                Err(if syntax_errors.is_empty() {
                    vec![template_error(&batch_error)]
                } else {
                    syntax_errors
                })
            }
        }
    }

    /// True when template `name` (with what it extends and includes) reads
    /// the top-level variable `variable`.
    pub fn reads(&self, name: &str, variable: &str) -> bool {
        self.tera
            .get_template_variables(name)
            .is_ok_and(|variables| variables.contains(variable))
    }

    /// Sets what every template sees besides its own context (`site`, `t`):
    /// converted for the template engine once, not once per page.
    pub fn set_globals(&mut self, globals: &impl Serialize) -> Result<(), Diagnostic> {
        let globals = tera::Context::from_serialize(globals).map_err(|e| template_error(&e))?;
        self.tera.global_context().extend(globals);
        Ok(())
    }

    /// Renders template `name` with `context` (and the globals), to bytes.
    pub fn render<T: Serialize>(&self, name: &str, context: &T) -> Result<Vec<u8>, Diagnostic> {
        let context = Self::context(context)?;
        let mut html = Vec::with_capacity(16 * 1024);
        self.render_to(name, &context, &mut html)?;
        Ok(html)
    }

    /// `context` converted for the template engine: what a page is rendered
    /// from once its view is dropped.
    pub fn context<T: Serialize>(context: &T) -> Result<tera::Context, Diagnostic> {
        tera::Context::from_serialize(context).map_err(|e| template_error(&e))
    }

    /// Renders template `name` with `context` (and the globals) into
    /// `write`, as it goes: a large page is never held whole.
    pub fn render_to(&self, name: &str, context: &tera::Context, write: &mut dyn std::io::Write) -> Result<(), Diagnostic> {
        self.tera.render_to(name, context, write).map_err(|e| template_error(&e))
    }
}

fn new_tera() -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.set_fallback_prefixes([BUILTIN_PREFIX])
        .expect("set before any template is added");
    tera
}

/// `templates/partials/x.html` → `partials/x.html`.
fn template_name(file: &TextFile) -> String {
    let relative = file.path.strip_prefix("templates").unwrap_or(&file.path);
    relative.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The file a template name comes from, for messages.
fn template_path(name: &str) -> PathBuf {
    match name.strip_prefix(BUILTIN_PREFIX) {
        Some(builtin) => PathBuf::from(format!("templates/{builtin} (built-in)")),
        None => PathBuf::from("templates").join(name),
    }
}

fn template_error(error: &tera::Error) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            Diagnostic::error(template_path(report.filename()), first_line(report.message())).at((span.start_line, span.start_col + 1))
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            template_path(current),
            format!("extends `{parent}`, which is neither in `templates/` nor built in"),
        )
        .at((1, 1)),
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            template_path(name),
            format!("template `{name}` is neither in `templates/` nor built in"),
        ),
        other => Diagnostic::error("templates", first_line(&other.to_string())),
    }
}

fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim_end_matches('.');
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, text: &str) -> TextFile {
        TextFile::new(PathBuf::from("templates").join(name), text)
    }

    #[test]
    fn every_file_of_the_theme_folders_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (dir, listed) in [
            ("templates", TEMPLATES.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>()),
            ("static", STATIC.iter().map(|(n, _)| n.to_string()).collect()),
        ] {
            let on_disk: Vec<String> = walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.path().strip_prefix(root.join(dir)).unwrap().to_string_lossy().replace('\\', "/"))
                .collect();
            for file in &on_disk {
                assert!(listed.contains(file), "{dir}/{file} is not embedded in theme.rs");
            }
        }
    }

    #[test]
    fn user_template_replaces_the_builtin_one() {
        let theme = Theme::new(&[user("404.html", "mine {{ page }}")]).unwrap();
        assert_eq!(theme.render("404.html", &serde_json::json!({"page": 1})).unwrap(), b"mine 1");
    }

    #[test]
    fn syntax_error_names_the_template_and_line() {
        let errors = Theme::new(&[user("page.html", "ok\n{% if %}\n")]).unwrap_err();
        assert_eq!(errors[0].path, PathBuf::from("templates/page.html"));
        assert_eq!(errors[0].position.unwrap().0, 2, "{}", errors[0]);
    }

    #[test]
    fn unknown_variable_is_a_render_error_with_its_line() {
        let theme = Theme::new(&[user("x.html", "a\n{{ nothing.here }}")]).unwrap();
        let err = theme.render("x.html", &serde_json::json!({})).unwrap_err();
        assert_eq!(err.path, PathBuf::from("templates/x.html"));
        assert_eq!(err.position.unwrap().0, 2, "{err}");
    }
}
