/* The reader's small helps, each optional: every page reads and works without them.
 *
 * - Citation markers (`a.cite`, numbered): hovering, focusing or tapping one shows its
 *   quote and a link to the cited paragraph beside it. Without this script the marker
 *   links straight to the paragraph, and the list of references at the end of its
 *   section (which this script hides) holds the quotes.
 * - Tables marked `sortable`: each heading with `data-sort` becomes a button that sorts
 *   the rows by that column (`number` or `text`; a cell's `data-sort-value` wins over
 *   its text), its state in `aria-sort`.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("cites-live");

  /* ---- Citations ---- */
  var pop = null, owner = null, hideTimer = 0, tapped = null;

  function entryOf(marker) {
    var quote = document.getElementById(marker.getAttribute("aria-describedby") || "");
    return quote && quote.closest("li");
  }
  /* The popover's content: a copy of the marker's entry, its quote and its reference link. */
  function build(marker) {
    var entry = entryOf(marker);
    if (!entry) return null;
    var box = document.createElement("span");
    box.className = "cite-pop";
    var quote = entry.querySelector("q"), ref = entry.querySelector("a.reference");
    if (!quote || !ref) return null;
    quote = quote.cloneNode(true);
    quote.removeAttribute("id");
    ref = ref.cloneNode(true);
    var go = document.body.getAttribute("data-go-to-passage");
    if (go) {
      var words = document.createElement("span");
      words.className = "cite-pop-go";
      words.textContent = " · " + go + " →";
      ref.append(words);
    }
    box.append(quote, " ", ref);
    return box;
  }
  /* Below the marker, kept inside the viewport. */
  function place(box, marker) {
    var r = marker.getBoundingClientRect(), base = (box.offsetParent || document.body).getBoundingClientRect();
    var width = box.offsetWidth, room = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left, room - width - 8));
    box.style.left = (left - base.left) + "px";
    box.style.top = (r.bottom - base.top + 4) + "px";
  }
  function show(marker) {
    clearTimeout(hideTimer);
    if (owner === marker) return;
    hide();
    var box = build(marker);
    if (!box) return;
    /* Right after the marker, so that Tab reaches the popover's link next. */
    (marker.parentElement.classList.contains("cite-mark") ? marker.parentElement : marker).after(box);
    place(box, marker);
    pop = box;
    owner = marker;
    words(marker, true);
  }
  function hide() {
    clearTimeout(hideTimer);
    if (pop) pop.remove();
    if (owner) words(owner, false);
    pop = owner = null;
  }
  /* The cited words, marked while their marker's quote shows. */
  function words(marker, on) {
    var cited = marker.parentElement.previousElementSibling;
    if (cited && cited.classList.contains("cited-words")) cited.classList.toggle("cited-shown", on);
  }
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }
  function within(node, selector) { return node && node.closest ? node.closest(selector) : null; }

  document.addEventListener("pointerover", function (e) {
    if (e.pointerType !== "mouse") return;
    var marker = within(e.target, "a.cite");
    if (marker) show(marker);
    else if (within(e.target, ".cite-pop")) clearTimeout(hideTimer);
  });
  document.addEventListener("pointerout", function (e) {
    if (e.pointerType !== "mouse" || !within(e.target, "a.cite, .cite-pop")) return;
    if (!within(e.relatedTarget, "a.cite, .cite-pop") && !(pop && pop.contains(document.activeElement))) hideSoon();
  });
  document.addEventListener("focusin", function (e) {
    var marker = within(e.target, "a.cite");
    if (marker) show(marker);
    else if (!(pop && pop.contains(e.target))) hide();
  });
  /* A tap (touch or pen) on a marker not yet open opens it; a second tap follows the link. */
  document.addEventListener("pointerdown", function (e) {
    var marker = within(e.target, "a.cite");
    tapped = marker && e.pointerType !== "mouse" && owner !== marker ? marker : null;
    if (!marker && pop && !pop.contains(e.target)) hide();
  });
  document.addEventListener("click", function (e) {
    var marker = within(e.target, "a.cite");
    if (marker && marker === tapped) {
      e.preventDefault();
      show(marker);
    }
    tapped = null;
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !pop) return;
    var marker = owner;
    hide();
    if (marker && document.activeElement !== marker) marker.focus();
  });

  /* ---- Sortable tables ---- */
  function cellValue(row, column, numeric) {
    var cell = row.cells[column];
    if (!cell) return numeric ? -Infinity : "";
    var value = cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent.trim();
    if (!numeric) return value;
    var n = parseFloat(value);
    return isNaN(n) ? -Infinity : n;
  }
  function sortBy(table, th, column) {
    var numeric = th.getAttribute("data-sort") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
    var rows = Array.prototype.map.call(body.rows, function (row, i) { return { row: row, i: i, key: cellValue(row, column, numeric) }; });
    rows.sort(function (a, b) {
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return (ascending ? order : -order) || a.i - b.i;
    });
    body.append.apply(body, rows.map(function (r) { return r.row; }));
    var heads = table.tHead.rows[0].cells;
    for (var k = 0; k < heads.length; k++) heads[k].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    var table = tables[t];
    if (!table.tHead || !table.tBodies[0]) continue;
    var heads = table.tHead.rows[0].cells;
    for (var c = 0; c < heads.length; c++) {
      if (!heads[c].hasAttribute("data-sort")) continue;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.append.apply(button, Array.prototype.slice.call(heads[c].childNodes));
      heads[c].append(button);
      button.addEventListener("click", sortBy.bind(null, table, heads[c], c));
    }
  }
  var hints = document.querySelectorAll(".sort-hint");
  for (var h = 0; h < hints.length; h++) if (tables.length) hints[h].hidden = false;
})();
