/* dossier search: runs in the browser on the index the build writes.
 * Every file of the index is a script, loaded with a <script> element (never
 * fetch), so search works from file://, under a sub-path and on any static
 * host. search-index.js, the entry, holds the search box's strings, the
 * number of documents and where each chunk of keys begins; a query loads the
 * chunks that hold its words (search-index/<id>/t/<n>.js) and the fragments
 * of the results it shows (search-index/<id>/d/<n>.js); a small site's entry
 * holds everything. A file that fails to load is asked for again by the next
 * query, and the failure is shown.
 * Folding, tokenising and the keys match the Rust side (src/text/fold.rs,
 * src/export/search/); both are tested on tests/fold_cases.txt. */
(function () {
  "use strict";

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var MAX_PREFIX_TERMS = 64;
  var MAX_PREFIX_CHUNKS = 4;
  var DROPDOWN_RESULTS = 8;
  var PAGE_RESULTS = 50;
  var TYPING_PAUSE = 60; /* ms */
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var BITMAP = 126; /* "~" */
  /* Each digit's value, by character code; -1 for a character that is no digit. */
  var VALUE = new Int8Array(128).fill(-1);
  DIGITS.split("").forEach(function (c, i) { VALUE[c.charCodeAt(0)] = i; });
  /* When the entry file itself fails, before its interface strings (search_failed) are known. */
  var FAILED = {
    vi: "Không tải được chỉ mục tìm kiếm. Hãy thử lại.",
    en: "The search index could not be loaded. Please try again."
  };
  var EMPTY = new Int32Array(0);

  /* How the index folds its words: "vi" (Vietnamese, the default) or "latin" (an edition in
   * another language), named by its entry file; both drop marks and lowercase. */
  var FOLDING = "vi";
  var LATIN = { "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "ð": "d", "þ": "th" };
  function fold(text, folding) {
    var out = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    return (folding || FOLDING) === "latin" ? out.replace(/[đßæœøłðþ]/g, function (c) { return LATIN[c]; }) : out.replace(/đ/g, "d");
  }

  /* Words already folded, by their lowercase form: a result's text is cut into words for its
   * snippet, and most of its words are met again. Emptied when it grows past FOLDED_MAX. */
  var folded = new Map();
  var FOLDED_MAX = 20000;
  var ASCII = /^[\x00-\x7f]*$/;
  function foldWord(lower) {
    if (ASCII.test(lower)) return lower;
    var out = folded.get(lower);
    if (out === undefined) {
      if (folded.size >= FOLDED_MAX) folded.clear();
      out = fold(lower);
      folded.set(lower, out);
    }
    return out;
  }

  function tokens(text) {
    var out = [];
    var normal = text.normalize("NFC");
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(normal)) !== null) {
      var lower = m[0].toLowerCase();
      out.push({ exact: lower, folded: foldWord(lower), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /* The keys of the pairs of neighbouring words a query looks up, as the index writes them: after
   * a space, which sorts every pair before every term (PAIR in src/export/search/mod.rs). */
  function pairKeys(toks) {
    var out = [];
    for (var i = 0; i + 1 < toks.length; i++) out.push(" " + toks[i].folded + " " + toks[i + 1].folded);
    return out;
  }

  function isPair(key) {
    return key.charCodeAt(0) === 32;
  }

  /* Whether a word being typed (folded) finds a folded term. */
  function begins(typed, term) {
    return term.lastIndexOf(typed, 0) === 0;
  }

  /* Keys compared as the index sorts them: by code point (UTF-8's order), not by UTF-16 unit. */
  function compareKeys(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      var xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
    return a.length - b.length;
  }

  /* A list of documents as src/export/search/records.rs writes it (push_docs): a bitmap after "~", or gaps. */
  function readDocs(s) {
    if (!s) return EMPTY;
    var at = { i: 0 }, n = 0;
    var bitmap = s.charCodeAt(0) === BITMAP;
    if (bitmap) at.i = 1;
    var first = readNumber(s, at);
    /* At most one document per digit of a list, six per digit of a bitmap. */
    var out = new Int32Array(bitmap ? (s.length - at.i) * 6 : s.length);
    if (!bitmap) {
      out[n++] = first;
      while (at.i < s.length) { first += readNumber(s, at) + 1; out[n++] = first; }
      return out.subarray(0, n);
    }
    for (var c = at.i; c < s.length; c++) {
      var v = VALUE[s.charCodeAt(c)], base = first + (c - at.i) * 6;
      for (var bit = 0; v; bit++, v >>= 1) if (v & 1) out[n++] = base + bit;
    }
    return out.subarray(0, n);
  }

  function readNumber(s, at) {
    var n = 0, scale = 1;
    for (;;) {
      var v = VALUE[s.charCodeAt(at.i++)];
      if (v < 0) throw new Error("bad digit in the search index");
      n += (v & 31) * scale;
      if (v < 32) return n;
      scale *= 32;
    }
  }

  /* Loading the index's scripts. Each chunk and fragment hands its data to loaded(name, data). */
  var arrived = Object.create(null);
  function loaded(name, data) { arrived[name] = data; }

  function loadScript(src, name) {
    return new Promise(function (ok, fail) {
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = function () {
        script.remove();
        if (name === null) return ok();
        var data = arrived[name];
        delete arrived[name];
        if (data === undefined) fail(new Error(src + " held no " + name));
        else ok(data);
      };
      script.onerror = function () {
        script.remove();
        fail(new Error("could not load " + src));
      };
      document.head.appendChild(script);
    });
  }

  /* One chunk of records, by key and in key order. */
  function Chunk(records) {
    this.keys = records.map(function (r) { return r[0]; });
    this.records = new Map();
    for (var i = 0; i < records.length; i++) this.records.set(records[i][0], records[i]);
  }

  /* The keys of the chunk that begin with `prefix`, in order. */
  Chunk.prototype.keysFrom = function (prefix) {
    var keys = this.keys, lo = 0, hi = keys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (compareKeys(keys[mid], prefix) < 0) lo = mid + 1; else hi = mid; }
    var out = [];
    for (var i = lo; i < keys.length && begins(prefix, keys[i]); i++) out.push(keys[i]);
    return out;
  };

  function Index(raw, root) {
    if ((raw.folding || "vi") !== FOLDING) { FOLDING = raw.folding || "vi"; folded.clear(); }
    this.ui = raw.ui || {};
    this.size = raw.docs;
    this.bounds = raw.chunks;
    this.base = root + (raw.dir || "");
    this.chunks = [];
    this.loadingChunks = [];
    this.rows = [];
    this.loadingRows = [];
    this.decoded = new Map();
    if (raw.terms) this.chunks[0] = new Chunk(raw.terms);
    if (raw.rows) this.rows = raw.rows.slice();
  }

  /* The chunk a key lies in: the last whose bound is not after it. */
  Index.prototype.chunkOf = function (key) {
    var bounds = this.bounds, lo = 0, hi = bounds.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (compareKeys(bounds[mid], key) <= 0) lo = mid; else hi = mid - 1; }
    return lo;
  };

  /* The chunks that may hold keys beginning with `prefix` (the first MAX_PREFIX_CHUNKS): the one
   * it falls in and those after it whose bound it begins (the pairs lie apart from the terms, so
   * none cuts into a typed word's range). */
  Index.prototype.chunksFor = function (prefix) {
    var first = this.chunkOf(prefix), out = [first];
    for (var n = first + 1; n < this.bounds.length && out.length < MAX_PREFIX_CHUNKS && begins(prefix, this.bounds[n]); n++) out.push(n);
    return out;
  };

  function once(cache, pending, n, load) {
    if (cache[n] !== undefined) return Promise.resolve(cache[n]);
    if (!pending[n]) {
      pending[n] = load().then(function (value) {
        cache[n] = value;
        pending[n] = null;
        return value;
      }, function (error) {
        pending[n] = null;
        throw error;
      });
    }
    return pending[n];
  }

  Index.prototype.chunk = function (n) {
    var self = this;
    return once(this.chunks, this.loadingChunks, n, function () {
      return loadScript(self.base + "t/" + n + ".js", "t/" + n).then(function (records) { return new Chunk(records); });
    });
  };

  /* A document's row: [kind, title, url, text]. */
  Index.prototype.row = function (doc) {
    var self = this;
    return once(this.rows, this.loadingRows, doc, function () { return loadScript(self.base + "d/" + doc + ".js", "d/" + doc); });
  };

  /* The record of a key, decoded, or null; its chunk must be loaded. */
  Index.prototype.record = function (key) {
    if (this.decoded.has(key)) return this.decoded.get(key);
    var raw = this.chunks[this.chunkOf(key)].records.get(key), out = null;
    if (raw && !isPair(key)) {
      var docs = readDocs(raw[1]), forms = [];
      for (var i = 4; i < raw.length; i += 2) forms.push({ exact: raw[i], docs: raw[i + 1] ? readDocs(raw[i + 1]) : docs });
      out = { docs: docs, counts: raw[2], titles: readDocs(raw[3]), forms: forms };
    } else if (raw) {
      out = { docs: readDocs(raw[1]) };
    }
    this.decoded.set(key, out);
    return out;
  };

  /* The keys a lookup stands for: itself, or while its last word is typed, the keys it begins
   * (terms, or pairs when it is a pair), at most MAX_PREFIX_TERMS; their chunks must be loaded. */
  Index.prototype.expand = function (key, prefix) {
    if (!prefix) return this.record(key) ? [key] : [];
    var out = [], chunks = this.chunksFor(key);
    for (var c = 0; c < chunks.length && out.length < MAX_PREFIX_TERMS; c++) {
      var keys = this.chunks[chunks[c]].keysFrom(key);
      for (var k = 0; k < keys.length && out.length < MAX_PREFIX_TERMS; k++) out.push(keys[k]);
    }
    return out;
  };

  /* What a query looks up: each word (a prefix if it is the last and being typed), each pair of neighbours. */
  function lookups(toks, typing) {
    var last = toks.length - 1, out = [];
    toks.forEach(function (t, i) { out.push({ key: t.folded, prefix: typing && i === last }); });
    pairKeys(toks).forEach(function (key, i) { out.push({ key: key, prefix: typing && i + 1 === last, pair: true }); });
    return out;
  }

  /* Every document holding all the query's words (folded), best first, as document numbers:
   * more words typed with diacritics found with them, then a phrase (every pair of neighbouring
   * words together), then the last word whole rather than begun, then more words found exactly
   * as typed, then every word in the title, then how often the words occur. */
  Index.prototype.rank = function (query, limit) {
    var toks = tokens(query);
    if (!toks.length) return Promise.resolve({ total: 0, docs: [] });
    var typing = !/\s$/.test(query), self = this, wanted = new Set();
    var looks = lookups(toks, typing);
    looks.forEach(function (l) { (l.prefix ? self.chunksFor(l.key) : [self.chunkOf(l.key)]).forEach(function (n) { wanted.add(n); }); });
    return Promise.all(Array.from(wanted, function (n) { return self.chunk(n); })).then(function () {
      return self.rankLoaded(toks, looks, limit === undefined ? Infinity : limit);
    });
  };

  /* The first `limit` of the query's documents, best first, and their total. */
  Index.prototype.rankLoaded = function (toks, looks, limit) {
    var n = this.size, self = this, words = [];
    for (var i = 0; i < toks.length; i++) {
      var keys = this.expand(looks[i].key, looks[i].prefix);
      if (!keys.length) return { total: 0, docs: [] };
      words.push(this.wordIn(toks[i], keys, looks[i].prefix));
    }
    var pairs = looks.slice(toks.length).map(function (l) {
      var found = new Uint8Array(n);
      self.expand(l.key, l.prefix).forEach(function (key) { self.record(key).docs.forEach(function (doc) { found[doc] = 1; }); });
      return found;
    });
    var fewest = words.reduce(function (a, b) { return a.docs.length <= b.docs.length ? a : b; });
    var docs = new Int32Array(fewest.docs.length), scores = new Float64Array(fewest.docs.length), found = 0;
    for (var c = 0; c < fewest.docs.length; c++) {
      var doc = fewest.docs[c], marked = 0, exact = 0, frequency = 0, whole = 1, title = 1, phrase = pairs.length ? 1 : 0;
      var all = true;
      for (var w = 0; w < words.length; w++) {
        var word = words[w];
        if (!word.frequency[doc]) { all = false; break; }
        frequency += word.frequency[doc];
        exact += word.exact[doc];
        if (word.marked) marked += word.exact[doc];
        if (!word.title[doc]) title = 0;
        if (word.whole && !word.whole[doc]) whole = 0;
      }
      if (!all) continue;
      for (var p = 0; p < pairs.length; p++) if (!pairs[p][doc]) { phrase = 0; break; }
      docs[found] = doc;
      scores[found++] = score(marked, phrase, whole, exact, title, frequency);
    }
    return { total: found, docs: best(docs.subarray(0, found), scores, limit) };
  };

  /* A result's rank as one number, the criteria in order, each in bits of its own: the words found
   * with the diacritics typed, a phrase, the last word whole, the words found exactly as typed (each
   * count up to 63 words), every word in the title, how often the words occur (up to 2^23). */
  function score(marked, phrase, whole, exact, title, frequency) {
    var s = Math.min(marked, 63) * 2 + phrase;
    s = (s * 2 + whole) * 64 + Math.min(exact, 63);
    return (s * 2 + title) * 8388608 + Math.min(frequency, 8388607);
  }

  /* The first `limit` of `docs` (in order) by their `scores`, best first, a tie in document order:
   * sorted whole, or when few of many are wanted (the search box shows 8 of up to every document),
   * picked in one pass. */
  function best(docs, scores, limit) {
    var before = function (a, b) { return scores[b] - scores[a] || a - b; };
    if (limit * 8 >= docs.length) {
      var order = Array.from(docs.keys()).sort(before);
      return order.slice(0, limit).map(function (i) { return docs[i]; });
    }
    var top = [];
    for (var i = 0; i < docs.length; i++) {
      if (top.length === limit && scores[i] <= scores[top[limit - 1]]) continue;
      var at = top.length < limit ? top.length : limit - 1;
      while (at > 0 && scores[i] > scores[top[at - 1]]) { top[at] = top[at - 1]; at--; }
      top[at] = i;
    }
    return top.map(function (i) { return docs[i]; });
  }

  /* One query word over the documents: how often its terms occur, whether it is found exactly as
   * typed, in the title, and (while typed) as a whole word. */
  Index.prototype.wordIn = function (tok, keys, prefix) {
    var n = this.size;
    var word = { marked: tok.exact !== tok.folded, frequency: new Uint16Array(n), exact: new Uint8Array(n), title: new Uint8Array(n), whole: null, docs: null };
    var all = [];
    for (var k = 0; k < keys.length; k++) {
      var record = this.record(keys[k]);
      all.push(record.docs);
      for (var i = 0; i < record.docs.length; i++) word.frequency[record.docs[i]] += VALUE[record.counts.charCodeAt(i)];
      record.titles.forEach(function (doc) { word.title[doc] = 1; });
      record.forms.forEach(function (form) {
        if (prefix ? begins(tok.exact, form.exact) : form.exact === tok.exact) form.docs.forEach(function (doc) { word.exact[doc] = 1; });
      });
      if (prefix && keys[k] === tok.folded) {
        word.whole = new Uint8Array(n);
        record.docs.forEach(function (doc) { word.whole[doc] = 1; });
      }
    }
    if (prefix && !word.whole) word.whole = new Uint8Array(n);
    /* Its documents, in order: one term's, or every document some term is in. */
    if (all.length === 1) word.docs = all[0];
    else {
      var docs = [];
      for (var d = 0; d < n; d++) if (word.frequency[d]) docs.push(d);
      word.docs = docs;
    }
    return word;
  };

  /* A result as shown: a document's number and its row. */
  function result(doc, row) {
    return { doc: doc, kind: row[0], title: row[1], url: row[2], text: row[3] };
  }

  /* The query's results, best first: their total, and the first `limit` with their rows. */
  Index.prototype.search = function (query, limit) {
    var self = this;
    return this.rank(query, limit).then(function (ranked) {
      var shown = ranked.docs;
      return Promise.all(shown.map(function (doc) { return self.row(doc); })).then(function (rows) {
        return { total: ranked.total, results: rows.map(function (row, i) { return result(shown[i], row); }) };
      });
    });
  };

  /* The entry file, loaded once; a failure is forgotten, so the next query asks again. */
  var opened = null, opening = null;
  function open(root) {
    if (opened) return Promise.resolve(opened);
    if (!opening) {
      opening = (window.DOSSIER_SEARCH ? Promise.resolve() : loadScript(root + "search-index.js", null)).then(function () {
        if (!window.DOSSIER_SEARCH) throw new Error("search-index.js held no index");
        opened = new Index(window.DOSSIER_SEARCH, root);
        return opened;
      });
      opening.catch(function () { opening = null; });
    }
    return opening;
  }

  function failedText() {
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    return (opened && opened.ui.search_failed) || FAILED[lang] || FAILED.en;
  }

  /* A short passage of `text` around the first match (a phrase if there is one), matched words marked. */
  function snippet(text, toks, typingLast) {
    var out = document.createDocumentFragment();
    var words = tokens(text);
    var wanted = toks.map(function (t) { return t.folded; });
    var matches = function (w) {
      return wanted.some(function (f, i) { return w.folded === f || (typingLast && i === wanted.length - 1 && begins(f, w.folded)); });
    };
    var first = -1;
    for (var i = 0; i < words.length && first < 0; i++) {
      var ok = true;
      for (var k = 0; k < wanted.length && ok; k++) ok = i + k < words.length && matches(words[i + k]);
      if (ok) first = i;
    }
    if (first < 0) for (var j = 0; j < words.length && first < 0; j++) if (matches(words[j])) first = j;
    if (first < 0) {
      out.append(text.slice(0, 160));
      return out;
    }
    var from = Math.max(0, first - 8), last = Math.min(words.length - 1, first + 20);
    var start = words[from].start, end = words[last].end, at = start;
    if (start > 0) out.append("… ");
    for (var w = from; w <= last; w++) {
      if (!matches(words[w])) continue;
      var mark = document.createElement("mark");
      mark.textContent = text.slice(words[w].start, words[w].end);
      out.append(text.slice(at, words[w].start), mark);
      at = words[w].end;
    }
    out.append(text.slice(at, end) + (end < text.length ? " …" : ""));
    return out;
  }

  function span(className, content) {
    var el = document.createElement("span");
    el.className = className;
    el.append(content);
    return el;
  }

  /* One result: an option of the search box's list (with its id), or an item of the search page's. */
  function resultItem(index, root, r, id, query) {
    var li = document.createElement("li");
    li.className = "search-result";
    var link = document.createElement("a");
    link.href = root + r.url;
    if (id) {
      li.id = id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      link.tabIndex = -1;
    }
    link.append(span("search-kind", index.ui["search_kind_" + r.kind] || r.kind), " ", span("search-title", r.title),
      span("search-snippet", snippet(r.text, tokens(query), !/\s$/.test(query))));
    li.append(link);
    return li;
  }

  function countText(index, n) {
    if (!n) return index.ui.search_no_results || "0";
    var form = n === 1 && index.ui.search_count_one ? index.ui.search_count_one : index.ui.search_count;
    return (form || "{n}").replace("{n}", String(n));
  }

  /* A disabled option of the search box's list: no results, or the failure. */
  function notice(text, className) {
    var li = document.createElement("li");
    li.className = className;
    li.id = "search-option-none";
    li.setAttribute("role", "option");
    li.setAttribute("aria-disabled", "true");
    li.textContent = text;
    return li;
  }

  /* The search box of every page: a combobox with a list of results. */
  function setUpBox(form) {
    var root = form.getAttribute("data-root") || "./";
    var input = form.querySelector("input[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    /* `latest` numbers the queries run: only the latest one's results are shown. */
    var active = -1, timer = null, lastInput = 0, latest = 0;

    function options() { return list.querySelectorAll("[role=option]"); }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(i) {
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      for (var k = 0; k < opts.length; k++) opts[k].setAttribute("aria-selected", k === active ? "true" : "false");
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    /* The list is aria-busy from a keystroke until all its query's results are shown. */
    function show(items, statusText, busy) {
      if (!busy) list.removeAttribute("aria-busy");
      list.replaceChildren.apply(list, items);
      status.textContent = statusText;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
    /* Shows the `ranked` results in order, each as soon as its row and those before it are in.
     * The first result's row is asked for alone, the others once it is in: loaded side by side,
     * the eight scripts shared the connections and the page's time, and the first came later. */
    function showResults(index, query, ranked, mine) {
      var shown = ranked.docs, count = countText(index, ranked.total);
      if (!shown.length) return show([notice(countText(index, 0), "search-empty")], count);
      var first = index.row(shown[0]), rest = null;
      var later = function () { return rest || (rest = shown.slice(1).map(function (doc) { return index.row(doc); })); };
      var rows = [first].concat(shown.slice(1).map(function (doc, i) {
        return first.then(later, later).then(function (loading) { return loading[i]; });
      }));
      return rows.reduce(function (before, row, i) {
        return before.then(function () { return row; }).then(function (r) {
          if (mine !== latest) return;
          var item = resultItem(index, root, result(shown[i], r), "search-option-" + i, query);
          if (i === 0) show([item], count, shown.length > 1);
          else list.append(item);
          if (i === shown.length - 1) list.removeAttribute("aria-busy");
        });
      }, Promise.resolve());
    }
    function run() {
      var query = input.value, mine = ++latest;
      if (!query.trim()) { list.removeAttribute("aria-busy"); list.replaceChildren(); status.textContent = ""; close(); return; }
      list.setAttribute("aria-busy", "true");
      open(root).then(function (index) {
        return index.rank(query, DROPDOWN_RESULTS).then(function (ranked) {
          if (mine === latest) return showResults(index, query, ranked, mine);
        });
      }).catch(function () {
        if (mine !== latest) return;
        var text = failedText();
        show([notice(text, "search-empty search-failed")], text);
      });
    }
    input.addEventListener("focus", function () { open(root).catch(function () { /* shown by the next query */ }); });
    /* A keystroke after a pause runs at once; one soon after another waits for the typing to pause. */
    input.addEventListener("input", function () {
      var now = Date.now();
      list.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      if (now - lastInput > TYPING_PAUSE) run();
      else timer = setTimeout(run, TYPING_PAUSE);
      lastInput = now;
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) run(); else highlight(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
      else if (e.key === "Escape") { if (!list.hidden) { e.preventDefault(); close(); } else { input.value = ""; } }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        var link = options()[active].querySelector("a");
        if (link) window.location.href = link.href;
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var link = e.target.closest("a");
      if (link) window.location.href = link.href;
    });
    form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) close(); });
  }

  /* The search page: the first PAGE_RESULTS results for ?q=. */
  function setUpPage(page) {
    var root = page.getAttribute("data-root") || "./";
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var input = document.getElementById("search-page-input");
    var out = page.querySelector(".search-page-results");
    var status = page.querySelector("[role=status]");
    if (input) input.value = query;
    if (!query.trim()) return;
    open(root).then(function (index) {
      return index.search(query + " ", PAGE_RESULTS).then(function (found) {
        status.textContent = countText(index, found.total);
        out.replaceChildren.apply(out, found.results.map(function (r) { return resultItem(index, root, r, "", query + " "); }));
      });
    }).catch(function () { status.textContent = failedText(); });
  }

  window.DossierSearch = {
    fold: fold, tokens: tokens, pairKeys: pairKeys, begins: begins, compareKeys: compareKeys,
    readDocs: readDocs, loaded: loaded, open: open, Index: Index
  };
  var forms = document.querySelectorAll("form.site-search");
  for (var i = 0; i < forms.length; i++) setUpBox(forms[i]);
  var page = document.getElementById("search-page");
  if (page) setUpPage(page);
})();
