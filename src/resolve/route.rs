//! Routes: where a page lives in the output, and how pages link to each other.
//!
//! Every link the site writes is relative (`../../timeline/index.html`), so one
//! build works at a domain's root, under a sub-path and from `file://`. Links
//! name `index.html` explicitly because a browser opening files from disk does
//! not look for it in a folder. Absolute URLs (canonical, feeds, sitemap) come
//! from `base_url`.

use std::fmt;

use crate::parse::content::Section;

/// A page's place in the site: `""` for the home page, `articles/x/` for a
/// page (always a folder, ending with `/`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Route(String);

impl Route {
    pub fn home() -> Route {
        Route(String::new())
    }

    /// The route of the folder made of `parts` (`["articles", "x"]` →
    /// `articles/x/`); empty parts are skipped, so no route holds `//`.
    pub fn from_parts<S: AsRef<str>>(parts: &[S]) -> Route {
        let mut path = String::new();
        for part in parts.iter().filter(|p| !p.as_ref().is_empty()) {
            path.push_str(part.as_ref());
            path.push('/');
        }
        Route(path)
    }

    /// The site path, e.g. `articles/x/` (empty for the home page).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file this page is written to: `articles/x/index.html`.
    pub fn file(&self) -> String {
        format!("{}index.html", self.0)
    }

    /// How many folders deep the page is.
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }

    /// The relative prefix from this page back to the site root: `../../`, or `./` at the root.
    pub fn root(&self) -> String {
        match self.depth() {
            0 => "./".to_string(),
            n => "../".repeat(n),
        }
    }

    /// The relative link from this page to `target` (a site file path such as
    /// `articles/x/index.html` or `assets/site.css`).
    pub fn link_to(&self, target: &str) -> String {
        format!("{}{}", self.root(), target)
    }
}

/// Where a link lands: a page and, for an item on a shared page or a
/// passage of an article, the anchor on it. Typed, so no stage parses a
/// `file#anchor` string back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub route: Route,
    pub anchor: Option<String>,
}

impl Target {
    /// A whole page.
    pub fn page(route: Route) -> Target {
        Target { route, anchor: None }
    }

    /// A place on a page.
    pub fn at(route: Route, anchor: impl Into<String>) -> Target {
        Target {
            route,
            anchor: Some(anchor.into()),
        }
    }

    /// The site path: `timeline/index.html#e-hoi-dam`.
    pub fn file(&self) -> String {
        match &self.anchor {
            Some(anchor) => format!("{}#{anchor}", self.route.file()),
            None => self.route.file(),
        }
    }
}

impl Section {
    /// The route of the section's page: `timeline/`.
    pub fn route(self) -> Route {
        Route::from_parts(&[self.dir()])
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}

/// Resolves a relative link `href` (without fragment) written on a page at
/// `from`, into a site file path; `None` when it climbs above the site root.
pub fn resolve_relative(from: &Route, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.as_str().split('/').filter(|p| !p.is_empty()).collect();
    let absolute = href.starts_with('/');
    if absolute {
        parts.clear();
    }
    for segment in href.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') || href.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_relative_links() {
        let home = Route::home();
        let article = Route::from_parts(&["articles", "hoi-dam"]);
        assert_eq!(home.file(), "index.html");
        assert_eq!(article.file(), "articles/hoi-dam/index.html");
        assert_eq!(home.root(), "./");
        assert_eq!(article.root(), "../../");
        assert_eq!(article.link_to("timeline/index.html"), "../../timeline/index.html");
        assert_eq!(article.to_string(), "/articles/hoi-dam/");
    }

    #[test]
    fn relative_hrefs_resolve_to_site_files() {
        let page = Route::from_parts(&["notes", "a"]);
        assert_eq!(resolve_relative(&page, "../b/").as_deref(), Some("notes/b/index.html"));
        assert_eq!(resolve_relative(&page, "img/x.png").as_deref(), Some("notes/a/img/x.png"));
        assert_eq!(resolve_relative(&page, "/static.css").as_deref(), Some("static.css"));
        assert_eq!(resolve_relative(&page, "../../../x"), None);
    }
}
