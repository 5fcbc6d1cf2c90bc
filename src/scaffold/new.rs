//! `dossier new`: a note, a fact or a person started from the seeds, as the
//! text of its file. Pure: the caller reads the seeds and writes the file
//! (through `disk::output`, which never overwrites).
//!
//! What is read from a seed is written with a `# read` comment, for the
//! analyst to confirm against the sentence; what only the analyst can say is
//! written empty with a `# write` comment. A metric is read from a figure of
//! a seed (`dossier new metric 003 "88.000"`, through `text::figure`): its
//! quote is the sentence holding the figure, and its display, value, unit,
//! qualifier and period are what that sentence says. Each file builds as it
//! is written, except where a source is wanted and no seed was named (an
//! event, an agreement or a statement without `--seed`) or a date and the
//! seed has no `date` line: there `dossier check` points at the line to
//! fill.

use std::fmt::Write as _;

use crate::parse::seed::{BlockKind, Seed};
use crate::text::figure::{Claim, Figure, Locale, Reading, read_figures};
use crate::text::slug::slugify;

/// What to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The note on a seed: `content/articles/<stem>.md`.
    Note { seed: String },
    /// `content/timeline/<slug>.md`, from the seed that reports it, if named.
    Event { slug: String, seed: Option<String> },
    /// `content/agreements/<slug>.md`.
    Agreement { slug: String, seed: Option<String> },
    /// `content/people/<slug>.md`.
    Person { slug: String, name: String, organisation: bool },
    /// `content/statements/<slug>.md`: words someone said, quoted from a seed.
    Statement { slug: String, seed: Option<String> },
    /// `content/statistics/<id>.md` from the figure `figure` of a seed.
    Metric { seed: String, figure: String, id: Option<String> },
}

/// A file to write: its path in the dossier and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffold {
    pub path: String,
    pub text: String,
    /// What the analyst is to do next, said after writing it.
    pub next: String,
}

/// The file `request` starts, from `seeds` (the dossier's, parsed); the
/// error says what is wrong with the request.
pub fn scaffold(request: &Request, seeds: &[Seed], locale: Locale) -> Result<Scaffold, String> {
    match request {
        Request::Note { seed } => Ok(note(find_seed(seeds, seed)?)),
        Request::Event { slug, seed } => Ok(event(checked_slug(slug)?, seed_of(seeds, seed.as_deref())?)),
        Request::Agreement { slug, seed } => Ok(agreement(checked_slug(slug)?, seed_of(seeds, seed.as_deref())?)),
        Request::Person { slug, name, organisation } => Ok(person(checked_slug(slug)?, name, *organisation)),
        Request::Statement { slug, seed } => Ok(statement(checked_slug(slug)?, seed_of(seeds, seed.as_deref())?)),
        Request::Metric { seed, figure, id } => metric(find_seed(seeds, seed)?, figure, id.as_deref(), locale),
    }
}

/// `slug` when it can name a file and a URL as it is: `hoi-dam`, not `Hội đàm`.
fn checked_slug(slug: &str) -> Result<&str, String> {
    match slugify(slug) {
        s if s == slug => Ok(slug),
        s if s.is_empty() => Err(format!("`{slug}` cannot name a file: use letters, digits and dashes")),
        s => Err(format!("`{slug}` cannot name a file as it is: use `{s}`")),
    }
}

fn seed_of<'s>(seeds: &'s [Seed], seed: Option<&str>) -> Result<Option<&'s Seed>, String> {
    seed.map(|s| find_seed(seeds, s)).transpose()
}

/// The seed a citation would name `reference` (its stem, or its number).
fn find_seed<'s>(seeds: &'s [Seed], reference: &str) -> Result<&'s Seed, String> {
    if let Some(seed) = seeds.iter().find(|s| s.stem == reference) {
        return Ok(seed);
    }
    let numbered: Vec<&Seed> = seeds.iter().filter(|s| s.short_name() == reference).collect();
    match numbered.as_slice() {
        [one] => Ok(one),
        [] => {
            let names = seeds.iter().flat_map(|s| [s.stem.as_str(), s.short_name()]);
            let advice = crate::text::suggest::did_you_mean(reference, names).unwrap_or_else(|| match seeds {
                [] => "`seeds/` holds none".to_string(),
                _ => format!("the seeds are {}", listing(seeds.iter().map(|s| s.stem.as_str()))),
            });
            Err(format!("no seed `{reference}`: {advice}"))
        }
        many => Err(format!(
            "seed `{reference}` is ambiguous: it could be {}; write the whole file stem",
            listing(many.iter().map(|s| s.stem.as_str()))
        )),
    }
}

/// `` `a`, `b` `` for the first ten names, then how many more.
fn listing<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    let mut out: Vec<String> = names.iter().take(10).map(|n| format!("`{n}`")).collect();
    if names.len() > 10 {
        out.push(format!("and {} more", names.len() - 10));
    }
    out.join(", ")
}

/// A TOML string: quoted and escaped.
fn string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `sources = [{ seed = "003", quote = "…" }]`.
fn sources(seed: &Seed, quote: &str) -> String {
    format!("sources = [{{ seed = {}, quote = {} }}]", string(seed.short_name()), string(quote))
}

/// Where a fact's source goes when no seed was named: a line `check` reports.
const NO_SOURCE: &str = "sources = [] # write: { seed = \"003\", quote = \"the seed's exact words\" }, or pass `--seed`";

/// The seed's first paragraph (or, failing one, its first block).
fn first_paragraph(seed: &Seed) -> &str {
    let block = seed.blocks.iter().find(|b| b.kind == BlockKind::Paragraph).or(seed.blocks.first());
    block.map_or("", |b| b.text.as_str())
}

/// The sentences of a paragraph, as byte ranges, each with its final mark.
fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let closes = matches!(c, '.' | '!' | '?' | '…') && text[end..].starts_with(' ');
        if closes {
            out.push(start..end);
            start = end + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The first sentence of `text`.
fn first_sentence(text: &str) -> &str {
    sentences(text).first().map_or(text, |r| &text[r.clone()])
}

/// The header comment naming the command and the seed.
fn header(command: &str, seed: Option<&Seed>) -> String {
    let mut out = format!("# Started by `dossier new {command}`");
    if let Some(seed) = seed {
        let _ = write!(out, " from `{}`", seed.path.display());
    }
    out.push_str(":\n# lines marked `read` come from the seed (check them), lines marked `write` are yours.\n");
    out
}

fn note(seed: &Seed) -> Scaffold {
    let title = match seed.blocks.first() {
        Some(b) if b.kind == BlockKind::Heading => crate::parse::seed::shorten(&b.text, 90),
        _ => seed.derived_title(),
    };
    let mut text = format!("+++\n{}", header(&format!("note {}", seed.short_name()), Some(seed)));
    let _ = writeln!(
        text,
        "title = {} # read: the headline or first sentence; rewrite it as yours",
        string(&title)
    );
    if let Some(date) = seed.date {
        let _ = writeln!(text, "published = {date} # read: the seed's `date` line");
    }
    let _ = writeln!(text, "summary = \"\" # write: what the article says, in a sentence or two");
    text.push_str("tags = []\n");
    let _ = writeln!(
        text,
        "# write: the note, below the closing `+++`; cite the article word for word: [its exact words](cite:{})",
        seed.short_name()
    );
    text.push_str("+++\n");
    Scaffold {
        path: format!("content/articles/{}.md", seed.stem),
        text,
        next: "write its summary and the note".to_string(),
    }
}

/// The front matter lines a fact takes from its seed: date and source.
fn dated_source(seed: Option<&Seed>, what: &str) -> (String, String) {
    match seed {
        Some(seed) => {
            let date = match seed.date {
                Some(date) => format!(
                    "date = {date} # read: the article's date; write the {what}'s own if it differs\n\
                     date_inferred = {} # read: drop it once a quote gives the date\n",
                    string(&format!("the date of article {}", seed.short_name()))
                ),
                None => "date = \"\" # write: YYYY-MM-DD (or \"YYYY-MM\", or a year)\n".to_string(),
            };
            let quote = first_sentence(first_paragraph(seed));
            (
                date,
                format!(
                    "{} # read: the first sentence; quote the one that reports the {what}\n",
                    sources(seed, quote)
                ),
            )
        }
        None => (
            "date = \"\" # write: YYYY-MM-DD (or \"YYYY-MM\", or a year)\n".to_string(),
            format!("{NO_SOURCE}\n"),
        ),
    }
}

fn event(slug: &str, seed: Option<&Seed>) -> Scaffold {
    let (date, source) = dated_source(seed, "event");
    let mut text = format!("+++\n{}", header(&format!("event {slug}"), seed));
    text.push_str("title = \"\" # write: what happened\n");
    text.push_str(&date);
    text.push_str("summary = \"\" # write: one sentence\n");
    text.push_str("people = [] # write: ids of content/people/, such as \"to-lam\"\n");
    text.push_str(&source);
    text.push_str("+++\n");
    Scaffold {
        path: format!("content/timeline/{slug}.md"),
        text,
        next: "write its title, summary and people".to_string(),
    }
}

fn agreement(slug: &str, seed: Option<&Seed>) -> Scaffold {
    let (date, source) = dated_source(seed, "agreement");
    let kinds: Vec<&str> = crate::parse::content::AgreementKind::ALL.iter().map(|k| k.as_str()).collect();
    let mut text = format!("+++\n{}", header(&format!("agreement {slug}"), seed));
    text.push_str("title = \"\" # write: the document's name\n");
    let _ = writeln!(text, "kind = \"memorandum\" # write: one of {}", kinds.join(", "));
    text.push_str("field = \"\" # write: what it is about, such as \"trade\"\n");
    text.push_str(&date);
    text.push_str("parties = [] # write: { name = \"…\", country = \"VN\" }, one for each signing body\n");
    text.push_str(&source);
    text.push_str("+++\n");
    Scaffold {
        path: format!("content/agreements/{slug}.md"),
        text,
        next: "write its title, kind, field and parties".to_string(),
    }
}

fn person(slug: &str, name: &str, organisation: bool) -> Scaffold {
    let mut text = format!("+++\n{}", header(&format!("person {slug}"), None));
    let _ = writeln!(text, "name = {} # as the seeds write it", string(name));
    text.push_str("aliases = [] # write: other spellings the seeds use\n");
    let _ = writeln!(text, "kind = \"{}\"", if organisation { "organisation" } else { "person" });
    text.push_str("role = \"\" # write: such as \"Tổng Bí thư\"\n");
    text.push_str("# country = \"VN\"\n+++\n");
    Scaffold {
        path: format!("content/people/{slug}.md"),
        text,
        next: "write its role and other spellings".to_string(),
    }
}

/// The first words in quotation marks of a seed (`“…”`), as the words said.
fn first_quoted(seed: &Seed) -> Option<&str> {
    seed.blocks.iter().find_map(|b| {
        let (_, rest) = b.text.split_once('“')?;
        let (said, _) = rest.split_once('”')?;
        Some(said.trim()).filter(|s| !s.is_empty())
    })
}

fn statement(slug: &str, seed: Option<&Seed>) -> Scaffold {
    let mut text = format!("+++\n{}", header(&format!("statement {slug}"), seed));
    text.push_str("speaker = \"\" # write: the id of who said it (`content/people/<id>.md`)\n");
    text.push_str("# event = \"\" # write: the occasion, an event's id, if there is one\n");
    match seed {
        Some(seed) => {
            let (said, how) = match first_quoted(seed) {
                Some(said) => (said, "the first words in quotation marks of the seed"),
                None => (first_sentence(first_paragraph(seed)), "the seed's first sentence"),
            };
            let _ = writeln!(text, "seed = {} # read", string(seed.short_name()));
            let _ = writeln!(text, "quote = {} # read: {how}; keep the words said, exactly", string(said));
        }
        None => text.push_str(
            "seed = \"\" # write: the seed that quotes it\nquote = \"\" # write: the words said, exactly as the seed writes them\n",
        ),
    }
    text.push_str("+++\n");
    Scaffold {
        path: format!("content/statements/{slug}.md"),
        text,
        next: "write who said it".to_string(),
    }
}

/// The figure `wanted` (as the seed writes it: `88.000`, `81,5 tỷ USD`) of
/// `seed`: its paragraph's text, the figure, and how many more times the
/// seed writes it.
fn find_figure<'s>(seed: &'s Seed, wanted: &str, locale: Locale) -> Result<(&'s str, Figure, usize), String> {
    let wanted = wanted.trim();
    let mut found = Vec::new();
    let mut all = Vec::new();
    for block in &seed.blocks {
        let figures = read_figures(&block.text, locale);
        for (at, _) in block.text.match_indices(wanted) {
            let end = at + wanted.len();
            if let Some(f) = figures
                .iter()
                .find(|f| f.span.start <= at && end <= f.span.end && at < f.amount.end)
            {
                found.push((block.text.as_str(), f.clone()));
            }
        }
        all.extend(figures.iter().map(|f| format!("“{}”", f.text(&block.text))));
    }
    let count = found.len();
    match found.into_iter().next() {
        Some((text, figure)) => Ok((text, figure, count - 1)),
        None if all.is_empty() => Err(format!("`{}` holds no figure", seed.path.display())),
        None => {
            let more = if all.len() > 8 {
                format!(" and {} more", all.len() - 8)
            } else {
                String::new()
            };
            all.truncate(8);
            Err(format!(
                "`{wanted}` is not a figure of `{}`, which says {}{more}",
                seed.path.display(),
                all.join(", ")
            ))
        }
    }
}

/// A period the sentence names: a year after `năm` (`năm 2024`) or any
/// year from 1900 to 2099 standing alone, with the words that say it.
fn period(sentence: &str) -> Option<(String, String)> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let year = |w: &str| {
        let digits = w.trim_matches(|c: char| !c.is_ascii_digit());
        (digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))).then(|| digits.to_string())
    };
    for (i, w) in words.iter().enumerate() {
        if let Some(y) = year(w) {
            let said = match i.checked_sub(1).map(|j| words[j]) {
                Some(before) if before.eq_ignore_ascii_case("năm") || before.eq_ignore_ascii_case("in") => {
                    format!("{before} {}", w.trim_end_matches([',', '.', ';']))
                }
                _ => w.trim_end_matches([',', '.', ';']).to_string(),
            };
            return Some((y, said));
        }
    }
    None
}

fn metric(seed: &Seed, wanted: &str, id: Option<&str>, locale: Locale) -> Result<Scaffold, String> {
    let (paragraph, figure, more) = find_figure(seed, wanted, locale)?;
    let sentence = sentences(paragraph)
        .into_iter()
        .find(|r| r.start <= figure.span.start && figure.span.end <= r.end)
        .map_or(paragraph, |r| &paragraph[r]);
    let display = figure.text(paragraph).to_string();
    let reading = crate::text::figure::check(
        sentence,
        &Claim {
            display: Some(&display),
            ..Claim::default()
        },
        locale,
    )
    .map_err(|m| format!("`{wanted}` in `{}`: {m}", seed.path.display()))?;
    let id = match id {
        Some(id) => checked_slug(id)?.to_string(),
        None => crate::text::slug::slugify_or(&reading.quoted, "figure"),
    };
    let text = metric_text(seed, &id, wanted, sentence, &reading, more);
    Ok(Scaffold {
        path: format!("content/statistics/{id}.md"),
        text,
        next: "write its label and category".to_string(),
    })
}

fn metric_text(seed: &Seed, id: &str, wanted: &str, sentence: &str, reading: &Reading, more: usize) -> String {
    let mut text = format!(
        "+++\n{}",
        header(&format!("metric {} {}", seed.short_name(), string(wanted)), Some(seed))
    );
    if more > 0 {
        let _ = writeln!(text, "# The seed writes `{wanted}` {more} more time(s): the first is read here.");
    }
    let _ = writeln!(text, "id = {} # the file's name", string(id));
    text.push_str("label = \"\" # write: what the figure measures, such as \"Kim ngạch thương mại\"\n");
    let unit = reading.unit.as_deref().unwrap_or("");
    let _ = writeln!(text, "unit = {} # read from the quote", string(unit));
    text.push_str("category = \"\" # write: the group it is listed under, such as \"Thương mại\"\n\n[[observations]]\n");
    let _ = writeln!(
        text,
        "display = {} # read: the figure as the quote writes it",
        string(&reading.display)
    );
    let _ = writeln!(text, "value = {} # read: {} in base units", reading.value, reading.meaning());
    let words = reading.qualifier_words.as_deref().map_or(String::new(), |w| format!(" (“{w}”)"));
    let _ = writeln!(text, "# qualifier: {}{words}, read from the quote", reading.qualifier.key());
    match period(sentence) {
        Some((year, said)) => {
            let _ = writeln!(text, "period = {} # read from “{said}”: check it is the figure's", string(&year));
        }
        None => text.push_str("# period = \"2024\" # write: the sentence names no year\n"),
    }
    let _ = writeln!(text, "{} # read: the sentence that holds the figure", sources(seed, sentence));
    text.push_str("+++\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn seed(stem: &str, text: &str) -> Seed {
        crate::parse::seed::parse(Path::new(&format!("seeds/{stem}.txt")), text.as_bytes()).unwrap()
    }

    fn seeds() -> Vec<Seed> {
        vec![
            seed(
                "001_a",
                "date 2025-08-11\n\nHai bên ký kết.\n\nNăm 2024, kim ngạch đạt 81,5 tỷ USD, tăng 7,3%. Hiện có khoảng 320.000 người.\n",
            ),
            seed("002_b", "Ông nói: “Chúng tôi sẽ hợp tác lâu dài”. Hết.\n"),
        ]
    }

    fn make(request: Request) -> Result<Scaffold, String> {
        scaffold(&request, &seeds(), Locale::Vi)
    }

    #[test]
    fn a_metric_is_read_from_its_figure_and_the_sentence_holding_it() {
        let s = make(Request::Metric {
            seed: "001".into(),
            figure: "81,5".into(),
            id: None,
        })
        .unwrap();
        assert_eq!(s.path, "content/statistics/81-5-ty-usd.md");
        for line in [
            "id = \"81-5-ty-usd\" # the file's name",
            "unit = \"USD\" # read from the quote",
            "display = \"81,5 tỷ USD\" # read: the figure as the quote writes it",
            "value = 81500000000 # read: 81,500,000,000 USD in base units",
            "# qualifier: exactly, read from the quote",
            "period = \"2024\" # read from “Năm 2024”: check it is the figure's",
            "sources = [{ seed = \"001\", quote = \"Năm 2024, kim ngạch đạt 81,5 tỷ USD, tăng 7,3%.\" }] # read: the sentence that holds the figure",
        ] {
            assert!(s.text.lines().any(|l| l == line), "no line {line:?} in\n{}", s.text);
        }
        let s = make(Request::Metric {
            seed: "001_a".into(),
            figure: "320.000".into(),
            id: Some("nguoi-viet".into()),
        })
        .unwrap();
        assert_eq!(s.path, "content/statistics/nguoi-viet.md");
        assert!(
            s.text.contains("# qualifier: approximately (“khoảng”), read from the quote"),
            "{}",
            s.text
        );
        assert!(s.text.contains("display = \"khoảng 320.000 người\""), "{}", s.text);
        assert!(
            s.text.contains("# period = \"2024\" # write: the sentence names no year"),
            "{}",
            s.text
        );
    }

    #[test]
    fn a_figure_the_seed_does_not_hold_lists_those_it_does() {
        let err = make(Request::Metric {
            seed: "001".into(),
            figure: "88.000".into(),
            id: None,
        })
        .unwrap_err();
        assert_eq!(
            err,
            "`88.000` is not a figure of `seeds/001_a.txt`, which says “81,5 tỷ USD”, “7,3%”, “khoảng 320.000 người”"
        );
        let err = make(Request::Note { seed: "003".into() }).unwrap_err();
        assert_eq!(err, "no seed `003`: did you mean `001` or `002`?");
    }

    #[test]
    fn a_note_takes_the_seeds_date_and_first_sentence() {
        let s = make(Request::Note { seed: "001".into() }).unwrap();
        assert_eq!(s.path, "content/articles/001_a.md");
        assert!(s.text.contains("\ntitle = \"Hai bên ký kết\" # read:"), "{}", s.text);
        assert!(
            s.text.contains("\npublished = 2025-08-11 # read: the seed's `date` line\n"),
            "{}",
            s.text
        );
    }

    #[test]
    fn facts_take_their_source_from_a_named_seed_or_say_where_it_goes() {
        let s = make(Request::Event {
            slug: "ky-ket".into(),
            seed: Some("001".into()),
        })
        .unwrap();
        assert!(s.text.contains("\ndate = 2025-08-11 # read"), "{}", s.text);
        assert!(
            s.text
                .contains("\nsources = [{ seed = \"001\", quote = \"Hai bên ký kết.\" }] # read"),
            "{}",
            s.text
        );
        let s = make(Request::Agreement {
            slug: "ky-ket".into(),
            seed: None,
        })
        .unwrap();
        assert!(s.text.contains(&format!("\n{NO_SOURCE}\n")), "{}", s.text);
        let s = make(Request::Statement {
            slug: "hop-tac".into(),
            seed: Some("002".into()),
        })
        .unwrap();
        assert!(s.text.contains("\nquote = \"Chúng tôi sẽ hợp tác lâu dài\" # read"), "{}", s.text);
        assert!(s.text.contains("\nseed = \"002\" # read\n"), "{}", s.text);
        assert_eq!(
            make(Request::Event {
                slug: "Hội đàm".into(),
                seed: None
            })
            .unwrap_err(),
            "`Hội đàm` cannot name a file as it is: use `hoi-dam`"
        );
    }

    #[test]
    fn sentences_end_at_a_mark_followed_by_a_space() {
        let text = "Một. Hai 7,3%! Ba 22/12/1992.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Một.", "Hai 7,3%!", "Ba 22/12/1992."]);
    }
}
