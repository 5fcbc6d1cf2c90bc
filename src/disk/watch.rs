//! Watching a dossier's inputs for `dossier serve`: each burst of saves
//! is reported once, with the paths it changed. Reads (Linux reports the
//! build's own), editors' scratch files and files at the root other than
//! `site.toml` are not changes; an input folder replaced whole is watched
//! again. What a change means is the caller's business.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::input::FOLDERS;

/// How long the watcher waits for a burst of saves to end.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The file watcher, shared with the thread that re-watches replaced folders.
type Watcher = Arc<Mutex<Debouncer<RecommendedWatcher, RecommendedCache>>>;

/// A running watch; dropping it stops watching.
#[derive(Debug)]
pub struct Watch(#[expect(dead_code, reason = "held so that the watcher lives as long as the watch")] Watcher);

/// Watches the dossier at `root`; calls `on_change` with the changed paths,
/// relative to the root (inputs only: no reads, no scratch files), once per
/// burst of changes to its inputs (bursts that arrive meanwhile are folded
/// into the next call). The root is watched by itself, so an input folder
/// created, removed or replaced there is seen, and watched (again) before
/// `on_change` runs. Watching stops when the [`Watch`] drops.
pub fn watch(root: &Path, on_change: impl Fn(Vec<PathBuf>) + Send + 'static) -> Result<Watch> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).context("failed to start watching files")?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("failed to watch `{}`", root.display()))?;
    for dir in FOLDERS {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("failed to watch `{}`", path.display()))?;
        }
    }
    let watcher: Watcher = Arc::new(Mutex::new(debouncer));
    let root = Root::new(root);
    let rewatch = watcher.clone();
    std::thread::spawn(move || {
        for result in rx.iter() {
            let Ok(events) = result else { continue };
            let replaced: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_) | EventKind::Other))
                .flat_map(|e| &e.paths)
                .filter_map(|p| root.relative(p))
                .filter(|p| is_input_dir(p))
                .collect();
            let changed_by = |event: &notify_debouncer_full::DebouncedEvent| -> Vec<PathBuf> {
                event
                    .paths
                    .iter()
                    .map(|p| root.relative(p).unwrap_or_else(|| p.clone()))
                    .filter(|p| is_input_change(&event.kind, p))
                    .collect()
            };
            let mut changed: Vec<PathBuf> = events.iter().flat_map(changed_by).collect();
            if !replaced.is_empty() {
                watch_again(&rewatch, &root.path, &replaced);
            } else if changed.is_empty() {
                continue;
            }
            // Later bursts that arrived meanwhile are folded into this one.
            while let Ok(Ok(more)) = rx.try_recv() {
                changed.extend(more.iter().flat_map(changed_by));
            }
            changed.extend(replaced);
            changed.sort();
            changed.dedup();
            on_change(changed);
        }
    });
    Ok(Watch(watcher))
}

/// The dossier's root, as given and in the forms the watcher may report
/// paths under it (absolute, links resolved).
struct Root {
    path: PathBuf,
    forms: Vec<PathBuf>,
}

impl Root {
    fn new(root: &Path) -> Root {
        let mut forms = vec![root.to_path_buf()];
        forms.extend(std::path::absolute(root).ok());
        forms.extend(std::fs::canonicalize(root).ok());
        Root {
            path: root.to_path_buf(),
            forms,
        }
    }

    /// `path` relative to the root, when it is under it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        self.forms
            .iter()
            .find_map(|form| path.strip_prefix(form).ok())
            .map(Path::to_path_buf)
    }
}

/// Watches each of `dirs` (relative to `root`) afresh: a folder that was
/// removed took its watch with it, and a new one under the same name has none.
fn watch_again(watcher: &Watcher, root: &Path, dirs: &[PathBuf]) {
    let mut debouncer = watcher.lock().unwrap_or_else(|e| e.into_inner());
    for dir in dirs {
        let dir = root.join(dir);
        let _ = debouncer.unwatch(&dir);
        if dir.is_dir() {
            if let Err(err) = debouncer.watch(&dir, RecursiveMode::Recursive) {
                eprintln!(
                    "warning: cannot watch `{}` ({err}); restart `dossier serve` to see its changes",
                    dir.display()
                );
            }
        }
    }
}

/// True for `seeds` and the other input folders themselves (paths relative to the root).
fn is_input_dir(path: &Path) -> bool {
    path.parent() == Some(Path::new("")) && path.file_name().is_some_and(|n| FOLDERS.iter().any(|d| n == *d))
}

/// True for a change to an input (a path relative to the root): not a read
/// (Linux reports the build's own reads), not an editor's scratch file, and
/// at the root only `site.toml`.
fn is_input_change(kind: &EventKind, path: &Path) -> bool {
    if matches!(kind, EventKind::Access(_) | EventKind::Other) || path.is_absolute() || path.as_os_str().is_empty() {
        return false;
    }
    let ignored = path.file_name().is_some_and(super::input::is_ignored);
    let at_root = path.parent() == Some(Path::new(""));
    !ignored && (!at_root || path == Path::new(crate::parse::config::CONFIG_FILE) || is_input_dir(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_input_folder_is_recognised_at_the_root_only() {
        assert!(is_input_dir(Path::new("seeds")));
        assert!(is_input_dir(Path::new("static")));
        assert!(!is_input_dir(Path::new("public")));
        assert!(!is_input_dir(Path::new("content/seeds")));
    }

    #[test]
    fn only_real_changes_to_inputs_trigger_a_rebuild() {
        let modify = EventKind::Modify(notify_debouncer_full::notify::event::ModifyKind::Any);
        let access = EventKind::Access(notify_debouncer_full::notify::event::AccessKind::Any);
        assert!(is_input_change(&modify, Path::new("content/a.md")));
        assert!(is_input_change(&modify, Path::new("site.toml")));
        assert!(is_input_change(&modify, Path::new("seeds")));
        assert!(!is_input_change(&access, Path::new("content/a.md")));
        assert!(!is_input_change(&modify, Path::new("content/.a.md.swp")));
        assert!(!is_input_change(&modify, Path::new("README.md")));
        assert!(!is_input_change(&modify, Path::new("/elsewhere/content/a.md")), "outside the root");
    }

    #[test]
    fn paths_are_reported_relative_to_the_root_whichever_form_the_watcher_gives() {
        let here = std::env::current_dir().unwrap();
        let root = Root::new(Path::new("."));
        assert_eq!(root.relative(&here.join("./content/a.md")), Some(PathBuf::from("content/a.md")));
        assert_eq!(root.relative(Path::new("./seeds/1.txt")), Some(PathBuf::from("seeds/1.txt")));
        assert_eq!(root.relative(Path::new("/elsewhere/a.md")), None);
    }
}
