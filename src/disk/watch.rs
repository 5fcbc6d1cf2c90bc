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
const DEBOUNCE: Duration = Duration::from_millis(40);

/// The file watcher, shared with the thread that re-watches replaced folders.
type Watcher = Arc<Mutex<Debouncer<RecommendedWatcher, RecommendedCache>>>;

/// A running watch; dropping it stops watching.
#[derive(Debug)]
pub struct Watch(#[expect(dead_code, reason = "held so that the watcher lives as long as the watch")] Watcher);

/// Watches the dossier at `root`; calls `on_change` with the changed paths
/// (inputs only: no reads, no scratch files) once per burst of changes to its inputs (bursts that arrive meanwhile
/// are folded into the next call). The root is watched by itself, so an
/// input folder created, removed or replaced there is seen, and watched
/// (again) before `on_change` runs. Watching stops when the [`Watch`] drops.
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
    let root = root.to_path_buf();
    let rewatch = watcher.clone();
    std::thread::spawn(move || {
        for result in rx.iter() {
            let Ok(events) = result else { continue };
            let replaced: Vec<&PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_) | EventKind::Other))
                .flat_map(|e| &e.paths)
                .filter(|p| is_input_dir(&root, p))
                .collect();
            if !replaced.is_empty() {
                watch_again(&rewatch, &replaced);
            } else if !events.iter().any(|e| is_input_change(&root, &e.kind, &e.paths)) {
                continue;
            }
            let mut changed: Vec<PathBuf> = events.iter().flat_map(|e| changed_paths(&root, &e.kind, &e.paths)).collect();
            // Later bursts that arrived meanwhile are folded into this one.
            while let Ok(Ok(more)) = rx.try_recv() {
                changed.extend(more.iter().flat_map(|e| changed_paths(&root, &e.kind, &e.paths)));
            }
            changed.sort();
            changed.dedup();
            on_change(changed);
        }
    });
    Ok(Watch(watcher))
}

/// Watches each of `dirs` afresh: a folder that was removed took its watch
/// with it, and a new one under the same name has none.
fn watch_again(watcher: &Watcher, dirs: &[&PathBuf]) {
    let mut debouncer = watcher.lock().unwrap_or_else(|e| e.into_inner());
    for dir in dirs {
        let _ = debouncer.unwatch(dir);
        if dir.is_dir() {
            if let Err(err) = debouncer.watch(dir, RecursiveMode::Recursive) {
                eprintln!(
                    "warning: cannot watch `{}` ({err}); restart `dossier serve` to see its changes",
                    dir.display()
                );
            }
        }
    }
}

/// True for `root/seeds` and the other input folders themselves.
fn is_input_dir(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root) && path.file_name().is_some_and(|n| FOLDERS.iter().any(|d| n == *d))
}

/// The paths of an event that are changes to inputs (see [`is_input_change`]).
fn changed_paths(root: &Path, kind: &EventKind, paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| is_input_change(root, kind, std::slice::from_ref(*p)))
        .cloned()
        .collect()
}

/// True for a change to an input: not a read (Linux reports the build's own
/// reads), not an editor's scratch file, and at the root only `site.toml`.
fn is_input_change(root: &Path, kind: &EventKind, paths: &[PathBuf]) -> bool {
    if matches!(kind, EventKind::Access(_) | EventKind::Other) {
        return false;
    }
    paths.iter().any(|p| {
        let ignored = p.file_name().is_some_and(super::input::is_ignored);
        let at_root = p.parent() == Some(root);
        !ignored && (!at_root || p.file_name().is_some_and(|n| n == crate::parse::config::CONFIG_FILE))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_input_folder_is_recognised_at_the_root_only() {
        let root = Path::new("/d");
        assert!(is_input_dir(root, Path::new("/d/seeds")));
        assert!(is_input_dir(root, Path::new("/d/static")));
        assert!(!is_input_dir(root, Path::new("/d/public")));
        assert!(!is_input_dir(root, Path::new("/d/content/seeds")));
    }

    #[test]
    fn only_real_changes_to_inputs_trigger_a_rebuild() {
        let root = Path::new("/d");
        let modify = EventKind::Modify(notify_debouncer_full::notify::event::ModifyKind::Any);
        let access = EventKind::Access(notify_debouncer_full::notify::event::AccessKind::Any);
        assert!(is_input_change(root, &modify, &[PathBuf::from("/d/content/a.md")]));
        assert!(is_input_change(root, &modify, &[PathBuf::from("/d/site.toml")]));
        assert!(!is_input_change(root, &access, &[PathBuf::from("/d/content/a.md")]));
        assert!(!is_input_change(root, &modify, &[PathBuf::from("/d/content/.a.md.swp")]));
        assert!(!is_input_change(root, &modify, &[PathBuf::from("/d/README.md")]));
    }
}
