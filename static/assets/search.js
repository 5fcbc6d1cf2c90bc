/* dossier search: runs in the browser on the index the build writes
 * (search-index.js, loaded as a script so it works from file:// too).
 * Folding and tokenising match the Rust side (src/fold.rs, src/search.rs);
 * both are tested on tests/fold_cases.txt. No framework, no network. */
(function () {
  "use strict";

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var MAX_PREFIX_TERMS = 64;
  var DROPDOWN_RESULTS = 8;
  var PAGE_RESULTS = 50;

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function tokens(text) {
    var out = [];
    var normal = text.normalize("NFC");
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(normal)) !== null) {
      var lower = m[0].toLowerCase();
      out.push({ exact: lower, folded: fold(lower), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /* The index, decoded lazily: postings per folded term, doc sets per exact term. */
  function Index(raw) {
    this.raw = raw;
    this.ui = raw.ui || {};
    this.docs = raw.docs;
    this.sortedTerms = Object.keys(raw.terms).sort();
    this.postingCache = new Map();
    this.exactCache = new Map();
    this.foldedTitles = [];
  }

  /* A document's title as folded words, computed once. */
  Index.prototype.foldedTitle = function (doc) {
    var t = this.foldedTitles[doc];
    if (t === undefined) {
      t = tokens(this.docs[doc][1]).map(function (w) { return w.folded; }).join(" ");
      this.foldedTitles[doc] = t;
    }
    return t;
  };

  Index.prototype.postings = function (term) {
    var cached = this.postingCache.get(term);
    if (cached) return cached;
    var flat = this.raw.terms[term];
    var map = new Map();
    if (flat) {
      var doc = 0, i = 0;
      while (i < flat.length) {
        doc += flat[i++];
        var n = flat[i++], pos = 0, positions = new Array(n);
        for (var k = 0; k < n; k++) { pos += flat[i++]; positions[k] = pos; }
        map.set(doc, positions);
      }
    }
    this.postingCache.set(term, map);
    return map;
  };

  Index.prototype.exactDocs = function (term) {
    var cached = this.exactCache.get(term);
    if (cached) return cached;
    var flat = this.raw.exact[term] || [];
    var set = new Set(), doc = 0;
    for (var i = 0; i < flat.length; i++) { doc += flat[i]; set.add(doc); }
    this.exactCache.set(term, set);
    return set;
  };

  /* Folded terms a query token stands for: itself, or while it is being typed, every term it begins. */
  Index.prototype.expand = function (folded, prefix) {
    if (!prefix) return this.raw.terms[folded] ? [folded] : [];
    var terms = this.sortedTerms, lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < folded) lo = mid + 1; else hi = mid; }
    var out = [];
    for (var i = lo; i < terms.length && out.length < MAX_PREFIX_TERMS && terms[i].lastIndexOf(folded, 0) === 0; i++) out.push(terms[i]);
    return out;
  };

  /* Positions of a token's terms in one document, merged and sorted. */
  function positionsIn(index, terms, doc) {
    var all = [];
    for (var i = 0; i < terms.length; i++) {
      var p = index.postings(terms[i]).get(doc);
      if (p) all = all.concat(p);
    }
    return all.sort(function (a, b) { return a - b; });
  }

  function hasPhrase(lists) {
    if (lists.length < 2) return false;
    var next = lists.slice(1).map(function (l) { return new Set(l); });
    return lists[0].some(function (p) {
      for (var k = 0; k < next.length; k++) if (!next[k].has(p + k + 1)) return false;
      return true;
    });
  }

  /* Every document holding all the query's words (folded), best first:
   * more words with the exact diacritics typed, then a phrase, then the title, then frequency. */
  Index.prototype.search = function (query) {
    var toks = tokens(query);
    if (!toks.length) return [];
    var typingLast = !/\s$/.test(query);
    var index = this;
    var expanded = toks.map(function (t, i) { return index.expand(t.folded, typingLast && i === toks.length - 1); });
    if (expanded.some(function (e) { return !e.length; })) return [];
    var candidates = null;
    expanded.forEach(function (terms) {
      var docs = new Set();
      terms.forEach(function (term) { index.postings(term).forEach(function (_, d) { docs.add(d); }); });
      candidates = candidates === null ? docs : new Set(Array.from(candidates).filter(function (d) { return docs.has(d); }));
    });
    var foldedQuery = toks.map(function (t) { return t.folded; }).join(" ");
    var results = [];
    candidates.forEach(function (doc) {
      var lists = expanded.map(function (terms) { return positionsIn(index, terms, doc); });
      var exact = toks.filter(function (t) { return index.exactDocs(t.exact).has(doc); }).length;
      var titleWords = index.foldedTitle(doc);
      results.push({
        doc: doc,
        exact: exact,
        phrase: hasPhrase(lists) ? 1 : 0,
        title: titleWords.indexOf(foldedQuery) >= 0 ? 1 : 0,
        frequency: lists.reduce(function (n, l) { return n + l.length; }, 0)
      });
    });
    results.sort(function (a, b) {
      return b.exact - a.exact || b.phrase - a.phrase || b.title - a.title || b.frequency - a.frequency || a.doc - b.doc;
    });
    /* Snippets are made only for the results shown: see Index.snippet. */
    return results.map(function (r) {
      var d = index.docs[r.doc];
      return { doc: r.doc, kind: d[0], title: d[1], url: d[2] };
    });
  };

  /* The snippet of one result for `query`, matched words marked. */
  Index.prototype.snippet = function (result, query) {
    return snippet(this.docs[result.doc][3], tokens(query), !/\s$/.test(query));
  };

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  /* A short passage around the first match (a phrase if there is one), matched words in <mark>. */
  function snippet(text, toks, typingLast) {
    var words = tokens(text);
    var wanted = toks.map(function (t) { return t.folded; });
    var matches = function (w) {
      return wanted.some(function (f, i) { return w.folded === f || (typingLast && i === wanted.length - 1 && w.folded.lastIndexOf(f, 0) === 0); });
    };
    var first = -1;
    for (var i = 0; i < words.length && first < 0; i++) {
      var ok = true;
      for (var k = 0; k < wanted.length && ok; k++) ok = i + k < words.length && matches(words[i + k]);
      if (ok) first = i;
    }
    if (first < 0) for (var j = 0; j < words.length && first < 0; j++) if (matches(words[j])) first = j;
    if (first < 0) return escapeHtml(text.slice(0, 160));
    var start = words[Math.max(0, first - 8)].start;
    var last = Math.min(words.length - 1, first + 20);
    var end = words[last].end;
    var out = start > 0 ? "… " : "";
    var at = start;
    for (var w = Math.max(0, first - 8); w <= last; w++) {
      if (matches(words[w])) {
        out += escapeHtml(text.slice(at, words[w].start)) + "<mark>" + escapeHtml(text.slice(words[w].start, words[w].end)) + "</mark>";
        at = words[w].end;
      }
    }
    out += escapeHtml(text.slice(at, end));
    return out + (end < text.length ? " …" : "");
  }

  var loaded = null, waiting = [];
  function withIndex(root, done) {
    if (loaded) return done(loaded);
    waiting.push(done);
    if (waiting.length > 1) return;
    var finish = function () {
      loaded = new Index(window.DOSSIER_SEARCH);
      waiting.splice(0).forEach(function (f) { f(loaded); });
    };
    if (window.DOSSIER_SEARCH) return finish();
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = finish;
    document.head.appendChild(script);
  }

  function kindLabel(index, kind) {
    return index.ui["search_kind_" + kind] || kind;
  }

  /* One result: an option of the search box's list, or an item of the search page's. */
  function resultHtml(index, root, r, id, option, query) {
    return (option ? "<li role=\"option\" id=\"" + id + "\" class=\"search-result\" aria-selected=\"false\">" : "<li class=\"search-result\">") +
      "<a href=\"" + escapeHtml(root + r.url) + "\"" + (option ? " tabindex=\"-1\"" : "") + ">" +
      "<span class=\"search-kind\">" + escapeHtml(kindLabel(index, r.kind)) + "</span> " +
      "<span class=\"search-title\">" + escapeHtml(r.title) + "</span>" +
      "<span class=\"search-snippet\">" + index.snippet(r, query) + "</span></a></li>";
  }

  function countText(index, n) {
    if (!n) return index.ui.search_no_results || "0";
    return (index.ui.search_count || "{n}").replace("{n}", String(n));
  }

  /* The search box of every page: a combobox with a list of results. */
  function setUpBox(form) {
    var root = form.getAttribute("data-root") || "./";
    var input = form.querySelector("input[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var active = -1, timer = null;

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
    function run() {
      var query = input.value;
      if (!query.trim()) { list.innerHTML = ""; status.textContent = ""; close(); return; }
      withIndex(root, function (index) {
        if (input.value !== query) return;
        var results = index.search(query);
        list.innerHTML = results.slice(0, DROPDOWN_RESULTS).map(function (r, i) { return resultHtml(index, root, r, "search-option-" + i, true, query); }).join("") +
          (results.length ? "" : "<li class=\"search-empty\" role=\"option\" aria-disabled=\"true\" id=\"search-option-none\">" + escapeHtml(countText(index, 0)) + "</li>");
        status.textContent = countText(index, results.length);
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
        input.removeAttribute("aria-activedescendant");
      });
    }
    input.addEventListener("focus", function () { withIndex(root, function () {}); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
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

  /* The search page: every result for ?q=. */
  function setUpPage(page) {
    var root = page.getAttribute("data-root") || "./";
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    var input = document.getElementById("search-page-input");
    var out = page.querySelector(".search-page-results");
    var status = page.querySelector("[role=status]");
    if (input) input.value = query;
    if (!query.trim()) return;
    withIndex(root, function (index) {
      var results = index.search(query + " ");
      status.textContent = countText(index, results.length);
      out.innerHTML = results.slice(0, PAGE_RESULTS).map(function (r, i) { return resultHtml(index, root, r, "", false, query + " "); }).join("");
    });
  }

  window.DossierSearch = { fold: fold, tokens: tokens, Index: Index, withIndex: withIndex };
  var forms = document.querySelectorAll("form.site-search");
  for (var i = 0; i < forms.length; i++) setUpBox(forms[i]);
  var page = document.getElementById("search-page");
  if (page) setUpPage(page);
})();
