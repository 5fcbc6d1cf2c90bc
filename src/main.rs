//! The `dossier` command line: parses arguments, calls the library, prints
//! problems and the summary, and exits 0 (ok), 1 (problems in the dossier or
//! a failure to read or write) or 2 (bad usage).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use dossier::diag::{Diagnostics, terminal};
use dossier::disk::output::Interrupt;
use dossier::{Failure, Overrides, Summary};

/// The build allocates many small, short-lived strings on every thread; glibc's
/// malloc spent about 15% of a 10,000-page build in its own bookkeeping.
/// mimalloc v3, not v2: v2 gives freed memory back sooner (10 ms, not 1 s),
/// which lowered a build's peak (10,000 dossier-shaped articles: 394 against
/// 440 MiB) but raised `serve`'s (10,000 pages: 412 against 379 MiB, over
/// issue 17's 400). Setting v3's purge delay needs `unsafe`, which the crate
/// forbids.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Prints a line to stdout; a closed pipe (`dossier check | head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{ let _ = writeln!(std::io::stdout().lock(), $($arg)*); }};
}

/// Prints a line to stderr; a closed pipe is not an error.
macro_rules! tell {
    ($($arg:tt)*) => {{ let _ = writeln!(std::io::stderr().lock(), $($arg)*); }};
}

/// The exit code of a build stopped by Ctrl-C or SIGTERM (128 + SIGINT).
const INTERRUPTED: u8 = 130;

/// Builds a fact-checked briefing site from news articles and cited notes.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, propagate_version = true)]
struct Cli {
    /// The dossier's folder, holding `site.toml` [default: the nearest folder,
    /// from here up, that holds one].
    #[arg(short = 'r', long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into `public/` (or `--output`).
    Build {
        /// Where to write the site [default: ROOT/public].
        #[arg(short = 'o', long, visible_alias = "output-dir", value_name = "DIR")]
        output: Option<PathBuf>,
        /// Publish under this URL instead of `base_url` from `site.toml`.
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
        /// Build the drafts too (`draft = true`), marked as drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Check every citation, link and template without writing anything.
    Check {
        /// Check as if published under this URL.
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
        /// Check the drafts too, as if they were published.
        #[arg(long)]
        drafts: bool,
    },
    /// Build the dossier, serve it with live reload, rebuild on every change.
    Serve {
        /// The address to listen on.
        #[arg(short = 'i', long, visible_alias = "bind", default_value = "127.0.0.1", value_name = "ADDRESS")]
        interface: std::net::IpAddr,
        /// The port to listen on; when it is taken, the next free one is used
        /// (and said); 0 picks any free port.
        #[arg(short = 'p', long, default_value_t = 1111)]
        port: u16,
        /// Open the site in a browser.
        #[arg(short = 'O', long)]
        open: bool,
        /// Also answer requests for this host name (besides localhost and IP
        /// addresses, which are always answered); repeat for several.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Create a new, empty dossier in DIR that builds at once (asks nothing).
    Init {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
        /// The language of the site and of the text written.
        #[arg(short = 'l', long, default_value = "vi", value_parser = ["vi", "en"])]
        language: String,
    },
    /// Start a note, a fact or a person from the seeds (never overwrites).
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Copy a built-in template or static file into the dossier, to change it
    /// there (it then replaces the built-in one); list them without NAME.
    Eject {
        /// `page.html`, `partials/sources.html`, `assets/dossier.css`…
        name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum New {
    /// The note on a seed: `content/articles/<stem>.md`, its title and date read from the seed.
    Note {
        /// The seed: its number (`003`) or file stem.
        seed: String,
    },
    /// A timeline event: `content/timeline/SLUG.md`.
    Event {
        slug: String,
        /// The seed that reports it: its date and first sentence are read.
        #[arg(long)]
        seed: Option<String>,
    },
    /// An agreement: `content/agreements/SLUG.md`.
    Agreement {
        slug: String,
        /// The seed that reports it: its date and first sentence are read.
        #[arg(long)]
        seed: Option<String>,
    },
    /// A person or organisation: `content/people/SLUG.md`.
    Person {
        slug: String,
        /// The name, as the seeds write it.
        #[arg(long)]
        name: String,
        /// An organisation, not a person.
        #[arg(long)]
        organisation: bool,
    },
    /// Words someone said, quoted from a seed: `content/statements/SLUG.md`.
    Statement {
        slug: String,
        /// The seed that quotes them: its first words in quotation marks are read.
        #[arg(long)]
        seed: Option<String>,
    },
    /// A metric from a figure of a seed: `content/statistics/ID.md`, with the
    /// sentence holding the figure as its quote, and its display, value, unit,
    /// qualifier and period read from it.
    Metric {
        /// The seed: its number (`003`) or file stem.
        seed: String,
        /// The figure as the seed writes it: `88.000`, `81,5 tỷ USD`.
        figure: String,
        /// The metric's id and file name [default: the figure's words as a slug].
        #[arg(long)]
        id: Option<String>,
    },
}

impl New {
    fn request(self) -> dossier::scaffold::new::Request {
        use dossier::scaffold::new::Request;
        match self {
            New::Note { seed } => Request::Note { seed },
            New::Event { slug, seed } => Request::Event { slug, seed },
            New::Agreement { slug, seed } => Request::Agreement { slug, seed },
            New::Person { slug, name, organisation } => Request::Person { slug, name, organisation },
            New::Statement { slug, seed } => Request::Statement { slug, seed },
            New::Metric { seed, figure, id } => Request::Metric { seed, figure, id },
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Build { base_url: Some(url), .. } | Command::Check { base_url: Some(url), .. } = &cli.command {
        if let Err(why) = dossier::parse::config::BaseUrl::parse_value(url) {
            return usage_error(&format!("--base-url: {why}"));
        }
    }
    if let Command::Init { dir, language } = &cli.command {
        return init(dir, language);
    }
    let root = match cli.root.map_or_else(dossier::disk::input::find_root, Ok) {
        Ok(root) => root,
        Err(err) => return fail(&err),
    };
    match cli.command {
        Command::Build { output, base_url, drafts } => build(&root, output, Overrides { base_url, drafts }),
        Command::Check { base_url, drafts } => check(&root, Overrides { base_url, drafts }),
        Command::Serve {
            interface,
            port,
            open,
            allow_host,
        } => {
            let options = dossier::serve::ServeOptions {
                root,
                bind: interface,
                port,
                open,
                allowed_hosts: allow_host,
            };
            match dossier::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => fail(&err),
            }
        }
        Command::Eject { name } => eject(&root, name.as_deref()),
        Command::New { what } => new(&root, &what.request()),
        Command::Init { .. } => unreachable!("handled above: init needs no dossier"),
    }
}

fn build(root: &Path, output: Option<PathBuf>, overrides: Overrides) -> ExitCode {
    let started = Instant::now();
    let output = output.unwrap_or_else(|| root.join("public"));
    let interrupt = Interrupt::default();
    watch_interrupts(&interrupt, &output);
    let result = dossier::build(root, &output, &overrides, &interrupt);
    finish(root, result, |s| {
        say!(
            "built {} pages ({} files) into {} in {} ms; search index {} KiB for {} KiB of text",
            s.pages,
            s.files,
            shown(&output),
            started.elapsed().as_millis(),
            s.search.index_bytes.div_ceil(1024),
            s.search.text_bytes.div_ceil(1024)
        )
    })
}

fn check(root: &Path, overrides: Overrides) -> ExitCode {
    let result = dossier::check(root, &overrides).map(|mut summary| {
        // The seed figures no metric cites are warnings like the others:
        // printed among them, in file order, and counted with them.
        summary.diagnostics.extend(summary.coverage.iter().cloned());
        summary
    });
    finish(root, result, |s| {
        for draft in &s.drafts {
            // Named as the diagnostics name files: relative to the root, seen from here.
            let path = if root == Path::new(".") { draft.clone() } else { root.join(draft) };
            say!("draft, left out: {}", shown(&path));
        }
        for (language, paths) in &s.untranslated {
            if paths.is_empty() {
                say!("edition `{language}`: every document is translated");
                continue;
            }
            say!(
                "edition `{language}`: {} shown untranslated (no `.{language}.md` beside {}):",
                plural(paths.len(), "document"),
                if paths.len() == 1 { "it" } else { "them" }
            );
            for path in paths {
                let path = if root == Path::new(".") { path.clone() } else { root.join(path) };
                say!("  {}", shown(&path));
            }
        }
        let warnings = s.diagnostics.warning_count();
        let figures = match s.coverage.len() {
            0 => String::new(),
            1 => " (1 of them a seed figure cited by no metric)".to_string(),
            n => format!(" ({n} of them seed figures cited by no metric)"),
        };
        say!("checked {} pages: no errors, {}{figures}", s.pages, plural(warnings, "warning"))
    })
}

fn init(dir: &Path, language: &str) -> ExitCode {
    let language = dossier::scaffold::Language::parse(language).expect("clap allows only vi and en");
    match dossier::scaffold::init(dir, language) {
        Ok(files) => {
            say!(
                "created a new dossier in {} ({} files: site.toml, content/, seeds/; the theme is built in); \
                 preview it with `cd {} && dossier serve`",
                shown(dir),
                files.len(),
                shown(dir)
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(&err),
    }
}

fn new(root: &Path, request: &dossier::scaffold::new::Request) -> ExitCode {
    use dossier::scaffold::NewError;
    match dossier::scaffold::new_file(root, request) {
        Ok(written) => {
            say!("wrote {}: {}", shown(&in_root(root, &written.path)), written.next);
            ExitCode::SUCCESS
        }
        Err(NewError::Request(why)) => {
            tell!("error: {}", terminal(&why));
            ExitCode::from(1)
        }
        Err(NewError::Io(err)) => fail(&err),
    }
}

fn eject(root: &Path, name: Option<&str>) -> ExitCode {
    let Some(name) = name else {
        say!("the built-in templates and static files; `dossier eject NAME` copies one into the dossier to change it:");
        for (path, _) in dossier::scaffold::theme_files() {
            say!("  {path}");
        }
        return ExitCode::SUCCESS;
    };
    if let Err(why) = dossier::scaffold::theme_file(name) {
        return usage_error(&why);
    }
    match dossier::scaffold::eject(root, name) {
        Ok(path) => {
            say!(
                "copied the built-in `{path}` to {}: it replaces the built-in one from now on",
                shown(&in_root(root, &path))
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(&err),
    }
}

fn finish(root: &Path, result: Result<Summary, Failure>, report: impl FnOnce(&Summary)) -> ExitCode {
    match result {
        Ok(summary) => {
            print_diagnostics(root, &summary.diagnostics);
            report(&summary);
            ExitCode::SUCCESS
        }
        Err(Failure::Content(diagnostics)) => {
            print_diagnostics(root, &diagnostics);
            let errors = diagnostics.error_count();
            tell!(
                "error: {errors} error{} in the dossier; nothing was written",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(Failure::Io(err)) => fail(&err),
        Err(Failure::Interrupted) => {
            tell!("interrupted: nothing was written; the previous output is as it was");
            ExitCode::from(INTERRUPTED)
        }
    }
}

/// On the first Ctrl-C, SIGTERM or SIGHUP, raises `interrupt`: the build
/// stops at its next write (or before its swap) and removes its staging
/// folder, and nothing is published. A second signal does not wait: it
/// removes the staging folder at once and exits. A signal that comes once
/// the new site is being put in place (a rename or two) is too late to stop
/// it, and says so instead. The handlers are installed before the build
/// starts, so no signal finds the default action (death, a staging folder
/// left for the next build to remove).
fn watch_interrupts(interrupt: &Interrupt, output: &Path) {
    let interrupt = interrupt.clone();
    let staging = dossier::disk::output::staging_dir(output);
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_io().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            tell!("warning: cannot watch for Ctrl-C ({err}); an interrupted build may leave a `.building` folder");
            return;
        }
    };
    let mut signals = {
        let _entered = runtime.enter();
        Signals::install()
    };
    let watch = async move {
        loop {
            signals.next().await;
            if interrupt.is_raised() {
                dossier::disk::output::discard_staging(&staging);
                std::process::exit(i32::from(INTERRUPTED));
            }
            if interrupt.raise() {
                tell!("interrupting the build: press Ctrl-C again to stop at once");
            } else {
                tell!("too late to interrupt: the new site is being put in place");
            }
        }
    };
    std::thread::spawn(move || runtime.block_on(watch));
}

/// The signals that stop a build, listened to from the moment this is made.
#[cfg(unix)]
struct Signals(Vec<tokio::signal::unix::Signal>);

#[cfg(unix)]
impl Signals {
    fn install() -> Signals {
        use tokio::signal::unix::{SignalKind, signal};
        let kinds = [SignalKind::interrupt(), SignalKind::terminate(), SignalKind::hangup()];
        Signals(kinds.into_iter().filter_map(|kind| signal(kind).ok()).collect())
    }

    async fn next(&mut self) {
        if self.0.is_empty() {
            return std::future::pending().await;
        }
        let waits = self.0.iter_mut().map(|s| Box::pin(s.recv()));
        let _ = futures_util::future::select_all(waits).await;
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn install() -> Signals {
        Signals
    }

    async fn next(&mut self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Prints every diagnostic with its excerpt, read from the dossier's files;
/// in colour on a terminal unless `NO_COLOR` is set.
fn print_diagnostics(root: &Path, diagnostics: &Diagnostics) {
    let colour = dossier::diag::colour_wanted(std::io::stderr().is_terminal(), |name| std::env::var(name).ok());
    let text = dossier::diag::render_all(
        diagnostics.sorted(),
        |path| dossier::disk::input::excerpt_source(root, path),
        root,
        colour,
    );
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `1 warning`, `2 warnings`.
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Prints an error and its causes once, without a backtrace; control
/// characters in them (from a file name) are shown escaped.
fn fail(err: &anyhow::Error) -> ExitCode {
    tell!("error: {}", terminal(&err.to_string()));
    for cause in err.chain().skip(1) {
        tell!("  caused by: {}", terminal(&cause.to_string()));
    }
    ExitCode::from(1)
}

/// A bad value of a flag: said as clap says its own usage errors, exit 2.
fn usage_error(message: &str) -> ExitCode {
    tell!("error: {}", terminal(message));
    ExitCode::from(2)
}

/// `path` of the dossier at `root`, as the user may open it from here.
fn in_root(root: &Path, path: &str) -> PathBuf {
    if root == Path::new(".") {
        PathBuf::from(path)
    } else {
        root.join(path)
    }
}

/// A path as it may be printed on a terminal.
fn shown(path: &Path) -> String {
    terminal(&path.to_string_lossy()).into_owned()
}
