#!/usr/bin/env python3
"""Writes benchmark corpora from the sentences of seeds/ (deterministic for a given N and seed).

  python3 bench/corpus.py plain N DIR [--seed S]
      N free pages of ~700 words: TOML front matter (title, date), three headings, a list,
      a table, a link to another page and a ~20-line fenced TOML block: files Zola and Hugo
      build as well (DIR/content/page-00001.md …, plus DIR/site.toml for dossier and
      DIR/hugo.toml with minimal layouts for Hugo, DIR/config.toml and DIR/templates/ for
      Zola).
  python3 bench/corpus.py dossier N DIR [--seed S]
      The dossier's own shape at scale: N seed articles with notes citing them, N timeline
      events, N/10 agreements, N/5 metrics and N/10 people (names with aliases, the first of
      them names the seeds' sentences really hold), every citation a real sentence of its
      seed. It builds without a warning: an event lists the people its quote names (none
      listed: found in the quote), an agreement's parties are names its quote holds, a
      metric cites a sentence stating one figure and leaves display and value to be read
      from it, and dates say they are inferred from the seed's date.
"""
import argparse, os, random, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")


def sentences():
    out = []
    for name in sorted(os.listdir(SEEDS)):
        text = unicodedata.normalize("NFC", open(os.path.join(SEEDS, name), encoding="utf-8").read())
        text = re.sub(r"\s+", " ", text.replace("|", " "))
        text = re.sub(r"^ ?date \d{4}-\d{2}-\d{2} ", "", text)
        for s in re.split(r"(?<=[.;:])\s+", text):
            s = s.strip()
            if 40 <= len(s) <= 400 and "Ảnh:" not in s and not s.startswith("- "):
                out.append(s)
    return out


def words_of(s):
    return len(s.split())


NAME = re.compile(r"\b([A-ZĐ][\w]+ [A-ZĐ][\w]+)\b")


def one_figure(s):
    """True when the sentence states one figure as the build reads figures: one number
    that is not a year (1992), a day or month (ngày 10, 11/8, 10-8) or part of a date."""
    numbers = [m for m in re.finditer(r"\d[\d.,]*\d|\d", s)
               if not re.fullmatch(r"(19|20)\d\d", m.group())
               and not re.match(r"[/-]\d", s[m.end():])
               and not re.search(r"\d[/-]$", s[:m.start()])
               and not re.search(r"\b(ngày|tháng|năm) $", s[:m.start()])]
    return len(numbers) == 1


def named(names, text):
    """The names standing in text as whole words."""
    return [n for n in names if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)]


def paragraph(rng, pool, target_words):
    out, n = [], 0
    while n < target_words:
        s = rng.choice(pool)
        out.append(s)
        n += words_of(s)
    return " ".join(out)


def title(rng, pool, i):
    w = rng.choice(pool).rstrip(".;:").split()
    start = rng.randrange(max(1, len(w) - 8))
    return " ".join(w[start:start + rng.randint(5, 9)]).strip(",") + f" ({i})"


TOML_BLOCK = """```toml
[visit]
guest = "Tổng Bí thư Tô Lâm"
host = "Tổng thống Lee Jae Myung"
place = "Seoul"
start = 2025-08-10
end = 2025-08-13

[[documents]]
title = "Bản ghi nhớ về hợp tác khoa học công nghệ"
kind = "memorandum"
parties = ["Việt Nam", "Hàn Quốc"]

[[figures]]
label = "Kim ngạch thương mại"
value = 81_500_000_000
unit = "USD"
period = 2024
note = "tăng 7,3% so với năm 2023"
```"""


def plain(n, out, rng, pool):
    content = os.path.join(out, "content")
    os.makedirs(content, exist_ok=True)
    for i in range(1, n + 1):
        other = rng.randint(1, n)
        day = 1 + (i % 28)
        month = 1 + (i // 28) % 12
        parts = [
            "+++", f'title = "{title(rng, pool, i)}"', f"date = 2025-{month:02d}-{day:02d}", "+++", "",
            paragraph(rng, pool, 110), "",
            f"## {title(rng, pool, i)}", "", paragraph(rng, pool, 140), "",
            "\n".join(f"- {rng.choice(pool)[:90].rstrip()}" for _ in range(5)), "",
            f"## {title(rng, pool, i)}", "", paragraph(rng, pool, 140), "",
            "| Chỉ số | Giá trị | Năm |", "|---|---|---|",
            "| Kim ngạch thương mại | 81,5 tỷ USD | 2024 |", "| Mục tiêu | 150 tỷ USD | 2030 |",
            "| Người Việt tại Hàn Quốc | 320.000 | 2024 |", "",
            f"Xem thêm [trang {other}](../page-{other:05d}/).", "",
            TOML_BLOCK, "",
            f"## {title(rng, pool, i)}", "", paragraph(rng, pool, 140), "",
        ]
        with open(os.path.join(content, f"page-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(parts))
    with open(os.path.join(out, "site.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Benchmark"\nbase_url = "https://example.org/"\n')
    # The same pages for Hugo: a config and the smallest layouts that render every page.
    with open(os.path.join(out, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "Benchmark"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
                '[markup.highlight]\nnoClasses = false\n')
    # And for Zola: a config with class-based highlighting and the same two layouts.
    with open(os.path.join(out, "config.toml"), "w", encoding="utf-8") as f:
        f.write('base_url = "https://example.org/"\ntitle = "Benchmark"\n'
                '[markdown.highlighting]\ntheme = "github-light"\nstyle = "class"\n')
    templates = os.path.join(out, "templates")
    os.makedirs(templates, exist_ok=True)
    with open(os.path.join(templates, "page.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>'
                '<body><main><h1>{{ page.title }}</h1><nav><ul>{% for h in page.toc %}<li><a href="#{{ h.id }}">{{ h.title }}</a></li>{% endfor %}</ul></nav>'
                '{{ page.content | safe }}</main></body></html>\n')
    with open(os.path.join(templates, "index.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ section.title }}</title></head>'
                '<body><ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul></body></html>\n')
    layouts = os.path.join(out, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                '<body><main><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</main></body></html>\n')
    with open(os.path.join(layouts, "list.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                '<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')


def people(n, pool, rng):
    """N/10 people: first the capitalised word pairs the sentences hold (so names are
    found in the seeds), then numbered names; each with an alias. Ids and names are unique
    under diacritic folding, as the build requires."""
    fold = lambda t: unicodedata.normalize("NFD", t.replace("Đ", "D").replace("đ", "d")).encode("ascii", "ignore").decode().lower()
    seen, out = set(), []
    pairs = sorted({m for s in pool for m in NAME.findall(s)})
    for name in pairs + [f"Nhân vật {k}" for k in range(n)]:
        key = fold(name)
        if key in seen or fold(name.upper()) != key:
            continue
        seen.add(key)
        alias = name.upper() if len(out) % 2 == 0 else None
        out.append((f"p{len(out):06d}", name, alias))
        if len(out) == max(1, n // 10):
            break
    return out


def dossier(n, out, rng, pool):
    folk = people(n, pool, random.Random(rng.random()))
    for d in ["seeds", "content/articles", "content/timeline", "content/agreements", "content/statistics", "content/people"]:
        os.makedirs(os.path.join(out, d), exist_ok=True)
    figures = [s for s in pool if one_figure(s)]
    seeds = []
    for i in range(1, n + 1):
        stem = f"{i:06d}_{rng.getrandbits(64):016x}"
        paras = [[rng.choice(pool) for _ in range(rng.randint(2, 4))] for _ in range(7)]
        figure = rng.choice(figures)
        paras[rng.randrange(7)][0] = figure
        with open(os.path.join(out, "seeds", stem + ".txt"), "w", encoding="utf-8") as f:
            f.write(f"date 2025-08-{1 + i % 28:02d}\n\n" + "\n\n".join(" ".join(p) for p in paras) + "\n")
        seeds.append((stem, paras, figure))

    def cite(k):
        stem, paras, _ = seeds[k]
        return stem, rng.choice(rng.choice(paras))

    def cite_naming(tries=50):
        """A sentence of some seed that holds at least one capitalised name, and its names."""
        for _ in range(tries):
            stem, quote = cite(rng.randrange(n))
            names = sorted(set(NAME.findall(quote)))
            if names:
                return stem, quote, names
        return stem, quote, []

    names = {}
    for pid, name, alias in folk:
        for written in [name] + ([alias] if alias else []):
            names[written] = pid
    naming = {}  # quote -> the ids of the people it names (quotes repeat: the pool is small)
    inferred = 'date_inferred = "the date line of the seed"\n'

    def q(text):
        return text.replace("\\", "\\\\").replace('"', '\\"')

    for k, (stem, paras, _) in enumerate(seeds):
        s1, quote = cite(k)
        s2, other = cite(rng.randrange(n))
        with open(os.path.join(out, "content/articles", stem + ".md"), "w", encoding="utf-8") as f:
            f.write(f'+++\ntitle = "{q(title(rng, pool, k))}"\nsummary = "{q(rng.choice(pool)[:150])}"\ntags = ["quan hệ", "kinh tế"]\n+++\n'
                    f"Bài viết nêu: [{quote}]({'cite:' + s1}). Bài khác viết [một ý liên quan](cite:{s2} \"{q(other)}\").\n")
        s3, event_quote = cite(rng.randrange(n))
        # Every other event lists the people its quote names; the others leave them to be found.
        if event_quote not in naming:
            naming[event_quote] = sorted({names[w] for w in named(names, event_quote)})
        who = naming[event_quote]
        listed = f'people = [{", ".join(chr(34) + p + chr(34) for p in who)}]\n' if who and k % 2 else ""
        with open(os.path.join(out, "content/timeline", f"e{k:06d}.md"), "w", encoding="utf-8") as f:
            f.write(f'+++\ntitle = "{q(title(rng, pool, k))}"\ndate = {2000 + k % 26}-{1 + k % 12:02d}-{1 + k % 28:02d}\n'
                    f'{inferred}{listed}'
                    f'summary = "{q(rng.choice(pool)[:120])}"\nsources = [{{ seed = "{s3}", quote = "{q(event_quote)}" }}]\n+++\n')
    for k in range(max(1, n // 10)):
        s, quote, held = cite_naming()
        parties = ", ".join(f'{{ name = "{q(name)}", country = "{"VN" if j % 2 == 0 else "KR"}" }}' for j, name in enumerate(held[:2]))
        with open(os.path.join(out, "content/agreements", f"a{k:06d}.md"), "w", encoding="utf-8") as f:
            f.write(f'+++\ntitle = "{q(title(rng, pool, k))}"\nkind = "memorandum"\nfield = "Lĩnh vực {k % 12}"\ndate = 2025-08-11\n'
                    f'{inferred}parties = [{parties}]\n'
                    f'sources = [{{ seed = "{s}", quote = "{q(quote)}" }}]\n+++\n')
    for k in range(max(1, n // 5)):
        s, _, quote = seeds[rng.randrange(n)]
        with open(os.path.join(out, "content/statistics", f"m{k:06d}.md"), "w", encoding="utf-8") as f:
            f.write(f'+++\nid = "m{k:06d}"\nlabel = "Chỉ số {k}"\ncategory = "Nhóm {k % 9}"\n\n'
                    f'[[observations]]\nperiod = "2024"\n'
                    f'sources = [{{ seed = "{s}", quote = "{q(quote)}" }}]\n+++\n')
    for pid, name, alias in folk:
        aliases = f'aliases = ["{q(alias)}"]\n' if alias else ""
        with open(os.path.join(out, "content/people", pid + ".md"), "w", encoding="utf-8") as f:
            f.write(f'+++\nname = "{q(name)}"\n{aliases}kind = "person"\nrole = "Nhân vật trong bài"\n+++\n')
    with open(os.path.join(out, "site.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Benchmark dossier"\nbase_url = "https://example.org/"\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shape", choices=["plain", "dossier"])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=2025)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pool = sentences()
    (plain if a.shape == "plain" else dossier)(a.n, a.out, rng, pool)


if __name__ == "__main__":
    main()
