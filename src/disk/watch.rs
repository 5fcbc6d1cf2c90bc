//! Watching a dossier's inputs for `dossier serve`: each burst of saves
//! is reported once, with the paths it changed. Reads (Linux reports the
//! build's own), editors' scratch files and files at the root other than
//! `site.toml` are not changes; an input folder replaced whole is watched
//! again. What a change means is the caller's business.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::input::FOLDERS;

/// How long the inputs must stay quiet for a burst of saves to be over:
/// an editor's save, a checkout or a copy makes its changes well within it.
const QUIET: Duration = Duration::from_millis(8);
/// The longest a burst is waited for, when changes keep coming.
const LONGEST: Duration = Duration::from_millis(500);

/// The file watcher, shared with the thread that re-watches replaced folders.
type Watcher = Arc<Mutex<RecommendedWatcher>>;

/// A running watch; dropping it stops watching.
#[derive(Debug)]
pub struct Watch(#[expect(dead_code, reason = "held so that the watcher lives as long as the watch")] Watcher);

/// Watches the dossier at `root`; calls `on_change` with the changed paths,
/// relative to the root (inputs only: no reads, no scratch files), once per
/// burst of changes to its inputs: once they have been quiet for [`QUIET`]
/// (bursts that arrive meanwhile are folded into the next call). The root
/// is watched by itself, so an input folder created, removed or replaced
/// there is seen, and watched (again) before `on_change` runs. When the
/// system lost track of events (its queue overflowed), every input folder
/// is reported changed. Watching stops when the [`Watch`] drops.
pub fn watch(root: &Path, on_change: impl Fn(Vec<PathBuf>) + Send + 'static) -> Result<Watch> {
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx).context("failed to start watching files")?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("failed to watch `{}`", root.display()))?;
    for dir in FOLDERS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("failed to watch `{}`", path.display()))?;
        }
    }
    let watcher: Watcher = Arc::new(Mutex::new(watcher));
    let root = Root::new(root);
    // Not a second owner: once the watch drops, the watcher's events end,
    // and so does this thread.
    let rewatch = Arc::downgrade(&watcher);
    std::thread::spawn(move || {
        while let Some(burst) = next_burst(&rx, &root) {
            if !burst.replaced.is_empty() {
                let Some(watcher) = rewatch.upgrade() else { return };
                watch_again(&watcher, &root.path, &burst.replaced);
            }
            on_change(burst.paths());
        }
    });
    Ok(Watch(watcher))
}

/// The changes of one burst, as paths relative to the root.
#[derive(Debug, Default)]
struct Burst {
    changed: Vec<PathBuf>,
    /// Input folders created, removed or replaced.
    replaced: Vec<PathBuf>,
}

impl Burst {
    /// Adds what `event` changed; returns whether it changed an input.
    fn add(&mut self, event: notify::Result<Event>, root: &Root) -> bool {
        let before = self.changed.len() + self.replaced.len();
        match event {
            Ok(event) if event.need_rescan() => {
                self.replaced.extend(FOLDERS.iter().map(PathBuf::from));
            }
            Ok(event) if matches!(event.kind, EventKind::Access(_) | EventKind::Other) => {}
            Ok(event) => {
                for path in event.paths.iter().filter_map(|p| root.relative(p)) {
                    if is_input_dir(&path) {
                        self.replaced.push(path);
                    } else if is_input_change(&event.kind, &path) {
                        self.changed.push(path);
                    }
                }
            }
            // The watcher's own trouble (a watch lost): nothing known changed.
            Err(_) => {}
        }
        self.changed.len() + self.replaced.len() > before
    }

    /// Every changed path, sorted, once.
    fn paths(self) -> Vec<PathBuf> {
        let mut paths = self.changed;
        paths.extend(self.replaced);
        paths.sort();
        paths.dedup();
        paths
    }
}

/// Waits for the next burst of changes to the inputs, and for it to end:
/// [`QUIET`] after its last change, or [`LONGEST`] after its first. `None`
/// once the watcher is gone.
fn next_burst(rx: &mpsc::Receiver<notify::Result<Event>>, root: &Root) -> Option<Burst> {
    let mut burst = Burst::default();
    loop {
        if burst.add(rx.recv().ok()?, root) {
            break;
        }
    }
    let first = Instant::now();
    let mut last = first;
    loop {
        let now = Instant::now();
        let until = (last + QUIET).min(first + LONGEST);
        if now >= until {
            return Some(burst);
        }
        match rx.recv_timeout(until - now) {
            Ok(event) => {
                if burst.add(event, root) {
                    last = Instant::now();
                }
            }
            Err(RecvTimeoutError::Timeout) => return Some(burst),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
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
    let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
    for dir in dirs {
        let dir = root.join(dir);
        let _ = watcher.unwatch(&dir);
        if dir.is_dir() {
            if let Err(err) = watcher.watch(&dir, RecursiveMode::Recursive) {
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
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        let access = EventKind::Access(notify::event::AccessKind::Any);
        assert!(is_input_change(&modify, Path::new("content/a.md")));
        assert!(is_input_change(&modify, Path::new("site.toml")));
        assert!(is_input_change(&modify, Path::new("seeds")));
        assert!(!is_input_change(&access, Path::new("content/a.md")));
        assert!(!is_input_change(&modify, Path::new("content/.a.md.swp")));
        assert!(!is_input_change(&modify, Path::new("README.md")));
        assert!(!is_input_change(&modify, Path::new("/elsewhere/content/a.md")), "outside the root");
    }

    #[test]
    fn changes_are_reported_until_the_watch_drops() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("content")).unwrap();
        let (tx, rx) = mpsc::channel();
        let watch = watch(root.path(), move |paths| tx.send(paths).unwrap()).unwrap();
        for name in ["a.md", ".a.md.swp", "b.md"] {
            std::fs::write(root.path().join("content").join(name), "x").unwrap();
        }
        // One burst, or more on a busy machine: the scratch file in none.
        let mut reported: Vec<PathBuf> = Vec::new();
        while reported.len() < 2 {
            reported.extend(rx.recv_timeout(Duration::from_secs(10)).expect("the changes are reported"));
            reported.sort();
            reported.dedup();
        }
        assert_eq!(reported, ["content/a.md", "content/b.md"].map(PathBuf::from));
        drop(watch);
        std::fs::write(root.path().join("content/c.md"), "x").unwrap();
        // The thread ends with the watcher, dropping the callback and its sender.
        let after = rx.recv_timeout(Duration::from_secs(10));
        assert_eq!(
            after,
            Err(RecvTimeoutError::Disconnected),
            "nothing is reported once the watch drops"
        );
    }

    #[test]
    fn a_burst_holds_the_inputs_it_changed_and_every_folder_when_events_were_lost() {
        use notify::event::{AccessKind, DataChange, Flag, ModifyKind};
        let root = Root::new(Path::new("/site"));
        let event = |kind, path: &str| Ok(Event::new(kind).add_path(PathBuf::from(path)));
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let mut burst = Burst::default();
        assert!(
            !burst.add(event(EventKind::Access(AccessKind::Any), "/site/content/a.md"), &root),
            "a read"
        );
        assert!(!burst.add(event(data, "/site/content/.a.md.swp"), &root), "a scratch file");
        assert!(!burst.add(event(data, "/elsewhere/a.md"), &root), "outside the root");
        assert!(burst.add(event(data, "/site/content/b.md"), &root));
        assert!(burst.add(event(data, "/site/content/a.md"), &root));
        assert!(burst.add(event(data, "/site/content/b.md"), &root), "counted again, listed once");
        assert!(burst.add(event(EventKind::Remove(notify::event::RemoveKind::Folder), "/site/seeds"), &root));
        assert_eq!(burst.replaced, [PathBuf::from("seeds")]);
        assert_eq!(burst.paths(), ["content/a.md", "content/b.md", "seeds"].map(PathBuf::from));

        let mut lost = Burst::default();
        assert!(lost.add(Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan)), &root));
        assert!(!lost.add(Err(notify::Error::generic("a watch was lost")), &root));
        let mut every: Vec<PathBuf> = FOLDERS.iter().map(PathBuf::from).collect();
        every.sort();
        assert_eq!(lost.paths(), every);
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
