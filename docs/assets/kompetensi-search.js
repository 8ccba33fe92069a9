/* Search box of the handbook (plugin kompetensi-search).
 *
 * Pagefind does the searching with its Indonesian stemmer ("pegawai" finds "kepegawaian"). This script
 * widens each query with kompetensi-cari.json, which the build writes next to the index:
 *   - "sinonim": glossary terms with their expansions and aliases ("TTE" <-> "tanda tangan elektronik");
 *   - "turunan": words the stemmer reduces to different stems ("kelola" <-> "pengelolaan");
 *   - "kata": the handbook's words, to correct typos ("phising" -> "phishing").
 * Each form is searched separately and the results merged. Plain script, no build step; everything it
 * loads comes from this site. Works with Material's instant navigation (the header is never replaced).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../", script ? script.src : location.href).href; /* this file is in assets/ */
  var BUNDLE = ROOT + "pagefind/";
  /* Results shown at a time. Each result downloads a fragment of its page; while the learner types, the
     on-screen keyboard leaves room for one or two results on a phone, so the first batch is two and the
     next batches load as the list scrolls (or with the "more" button). */
  var FIRST_PAGE = 2;
  var PAGE = 10;
  /* Fewer results than this for the query as typed, or a word the index does not hold: look for a typo
     (downloads the word list). */
  var ENOUGH = 3;
  var MAX_VARIANTS = 8;
  /* How much a query counts, by how far it is from what was typed ("salah" = as typed, but with a word
     the handbook does not contain: the corrected spelling then counts more). */
  var WEIGHT = { asli: 1, sinonim: 0.9, turunan: 0.9, ejaan: 1, salah: 0.5 };

  var dialog, input, status, list, more, opener;
  var engine = null;
  var vocabulary = null;
  var loadedModule = null;
  var resetting = Promise.resolve();
  var latest = 0;
  var shown = [];
  var merged = [];
  var navigating = false;

  /* ---------- text ---------------------------------------------------------------------------- */

  function norm(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function tokens(text) {
    var n = norm(text);
    return n ? n.split(" ") : [];
  }

  /* ---------- loading --------------------------------------------------------------------------- */

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.json();
    });
  }

  function prepare(data) {
    var forms = {}; /* normalised form -> list of other forms (as written) */
    var longest = 1;
    (data.sinonim || []).forEach(function (group) {
      group.forEach(function (form) {
        var key = norm(form);
        if (!key) {
          return;
        }
        forms[key] = (forms[key] || []).concat(group.filter(function (other) { return other !== form; }));
        longest = Math.max(longest, key.split(" ").length);
      });
    });
    var derived = {}; /* normalised word -> words the stemmer keeps apart from it */
    (data.turunan || []).forEach(function (group) {
      group.forEach(function (word) {
        var key = norm(word);
        derived[key] = (derived[key] || []).concat(group.filter(function (other) { return other !== word; }));
        longest = Math.max(longest, key.split(" ").length);
      });
    });
    return { forms: forms, derived: derived, longest: longest };
  }

  function prepareWords(data) {
    var words = (data.kata || "").split(" ").filter(Boolean);
    return { words: words, known: new Set(words), sorted: words.slice().sort() };
  }

  /* Pagefind only logs a part of the index that failed to download, then answers as if it had found
     nothing there. Count such failures (requests under pagefind/ only; nothing else is changed) so that a
     dropped connection is reported as such, not as "no results". */
  var failures = 0;
  function watchDownloads() {
    var original = window.fetch;
    if (!original || original.kompetensiCari) {
      return;
    }
    var watched = function (resource) {
      var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
      var answer = original.apply(this, arguments);
      if (String(url).indexOf(BUNDLE) !== 0 && String(url).indexOf(new URL(BUNDLE).pathname) !== 0) {
        return answer;
      }
      return answer.then(function (response) {
        if (!response.ok) {
          failures += 1;
        }
        return response;
      }, function (error) {
        failures += 1;
        throw error;
      });
    };
    watched.kompetensiCari = true;
    window.fetch = watched;
  }

  function loadEngine() {
    watchDownloads();
    if (!engine) {
      engine = resetting.then(function () {
        return Promise.all([
          import(BUNDLE + "pagefind.js").then(function (pagefind) {
            loadedModule = pagefind;
            /* No worker: one script less to download, and the index is small enough for the page. */
            return pagefind.options({ excerptLength: 30, noWorker: true }).then(function () {
              return pagefind.init();
            }).then(function () {
              return pagefind;
            });
          }),
          fetchJson(BUNDLE + "kompetensi-cari.json")
        ]);
      }).then(function (parts) {
        return { pagefind: parts[0], data: prepare(parts[1]) };
      });
      engine.catch(reset);
    }
    return engine;
  }

  /* The handbook's words, for correcting a typo: as heavy as the rest of a first search, so it is
     downloaded only when a query finds (almost) nothing. */
  function loadWords() {
    if (!vocabulary) {
      vocabulary = fetchJson(BUNDLE + "kompetensi-kata.json").then(prepareWords);
      vocabulary.catch(function () {
        vocabulary = null;
      });
    }
    return vocabulary;
  }

  /* Pagefind keeps failed downloads (wasm, index chunks, fragments) for the rest of the visit: after a
     failure start again from scratch, so the next query retries once the connection is back. */
  function reset() {
    engine = null;
    if (loadedModule && loadedModule.destroy) {
      resetting = loadedModule.destroy().catch(function () {});
    }
  }

  /* ---------- query expansion ------------------------------------------------------------------ */

  function contains(haystack, needles) {
    return needles.every(function (word) { return haystack.indexOf(word) >= 0; });
  }

  /* Other queries worth trying: each matched glossary form replaced by its siblings, each known root
     replaced by its derived words. Longest match first, one replacement per variant. Words are kept as
     typed (hyphens included: Pagefind reads "e-sign" as one word but "e sign" as "e" and "sign"). */
  function variants(query, data, kind) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var found = [];
    var seen = {};
    seen[norm(query)] = true;
    var i = 0;
    while (i < words.length) {
      var step = 1;
      for (var size = Math.min(data.longest, words.length - i); size >= 1; size--) {
        var key = norm(words.slice(i, i + size).join(" "));
        var others = [];
        if (data.forms[key]) {
          others = others.concat(data.forms[key].map(function (f) { return [f, "sinonim"]; }));
        }
        if (data.derived[key]) {
          others = others.concat(data.derived[key].map(function (f) { return [f, "turunan"]; }));
        }
        if (others.length) {
          var span = tokens(key);
          others.forEach(function (pair) {
            /* A form that contains the matched words only narrows the query: skip it. */
            if (!tokens(pair[0]).length || contains(tokens(pair[0]), span)) {
              return;
            }
            var text = words.slice(0, i).concat([pair[0]], words.slice(i + size)).join(" ");
            if (!seen[norm(text)]) {
              seen[norm(text)] = true;
              found.push({ text: text, kind: kind || pair[1], label: pair[0] });
            }
          });
          step = size;
          break;
        }
      }
      i += step;
    }
    return found;
  }

  function distance(a, b, limit) {
    /* Damerau-Levenshtein (optimal string alignment), stopping early above limit. */
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
    }
    for (var j = 1; j <= b.length; j++) {
      rows[0][j] = j;
    }
    for (i = 1; i <= a.length; i++) {
      var best = Infinity;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, rows[i - 2][j - 2] + 1);
        }
        rows[i][j] = value;
        best = Math.min(best, value);
      }
      if (best > limit) {
        return limit + 1;
      }
    }
    return rows[a.length][b.length];
  }

  function isPrefix(vocab, word) {
    var lo = 0;
    var hi = vocab.sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (vocab.sorted[mid] < word) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < vocab.sorted.length && vocab.sorted[lo].indexOf(word) === 0;
  }

  /* The query with each unknown word replaced by the most frequent known word one or two edits away. */
  function correct(query, vocab) {
    if (!vocab.words.length) {
      return null;
    }
    var changed = false;
    var words = tokens(query).map(function (word) {
      if (word.length < 4 || /^\d+$/.test(word) || vocab.known.has(word) || isPrefix(vocab, word)) {
        return word;
      }
      var limit = word.length >= 8 ? 2 : 1;
      var best = null;
      var bestDistance = limit + 1;
      for (var k = 0; k < vocab.words.length && bestDistance > 1; k++) {
        var d = distance(word, vocab.words[k], limit);
        if (d < bestDistance) {
          bestDistance = d;
          best = vocab.words[k];
        }
      }
      if (best) {
        changed = true;
        return best;
      }
      return word;
    });
    return changed ? words.join(" ") : null;
  }

  /* ---------- searching ------------------------------------------------------------------------- */

  function run(pagefind, list) {
    return Promise.all(list.map(function (variant) {
      return pagefind.search(variant.text).then(function (found) {
        return { variant: variant, results: (found && found.results) || [] };
      });
    }));
  }

  /* Pagefind adds up the scores of the words of a query, so a three-word form scores about three times a
     one-word acronym: each score is divided by the number of words of its query, then weighted by how far
     that query is from what was typed. A page keeps its best score plus a tenth of the others, so that
     matching several forms of one idea helps a little without letting a page that lists every form (the
     glossary) win. */
  function merge(sets) {
    var pages = new Map();
    sets.forEach(function (set) {
      var words = Math.max(1, set.variant.text.split(/\s+/).filter(Boolean).length);
      var weight = WEIGHT[set.variant.kind] || 0.5;
      set.results.forEach(function (result) {
        var score = weight * (result.score / words);
        var entry = pages.get(result.id);
        if (!entry) {
          entry = { id: result.id, sum: 0, best: null, bestScore: -1 };
          pages.set(result.id, entry);
        }
        entry.sum += score;
        if (score > entry.bestScore) {
          entry.bestScore = score;
          entry.best = result;
        }
      });
    });
    var list = Array.from(pages.values());
    list.forEach(function (entry) {
      entry.score = entry.bestScore + 0.1 * (entry.sum - entry.bestScore);
    });
    return list.sort(function (a, b) {
      return b.score - a.score;
    });
  }

  /* Pagefind answers a misspelt word with the pages of its longest known beginning ("inaprok" finds
     "INA Digital"), so a typo cannot be told by an empty result. A quoted word matches exactly, from the
     index part the query has already downloaded: a word of four letters or more that matches nothing so
     is a typo (glossary forms are known anyway). */
  function unknownWords(loaded, query) {
    var words = tokens(query).filter(function (word) {
      return word.length >= 4 && !/^\d+$/.test(word) && !loaded.data.forms[word];
    });
    return Promise.all(words.map(function (word) {
      return loaded.pagefind.search("\"" + word + "\"").then(function (found) {
        return !found || !found.results || found.results.length === 0;
      });
    })).then(function (answers) {
      return answers.some(Boolean);
    });
  }

  /* The query as typed and its variants first; only when that finds (almost) nothing is the word list
     downloaded to correct a typo, and the corrected query's results are merged in (the query as typed then
     counts less). */
  function search(query) {
    return loadEngine().then(function (loaded) {
      var asked = [{ text: query, kind: "asli", label: query }]
        .concat(variants(query, loaded.data)).slice(0, MAX_VARIANTS);
      return run(loaded.pagefind, asked).then(function (sets) {
        return unknownWords(loaded, query).then(function (unknown) {
          return { sets: sets, unknown: unknown };
        });
      }).then(function (first) {
        var sets = first.sets;
        if (!first.unknown && sets[0].results.length >= ENOUGH) {
          return { pages: merge(sets), asked: asked, corrected: null };
        }
        return loadWords().then(function (words) {
          var corrected = correct(query, words);
          if (!corrected) {
            return { pages: merge(sets), asked: asked, corrected: null };
          }
          asked[0].kind = "salah";
          var fixed = [{ text: corrected, kind: "ejaan", label: corrected }]
            .concat(variants(corrected, loaded.data, "ejaan")).slice(0, MAX_VARIANTS);
          return run(loaded.pagefind, fixed).then(function (more) {
            return { pages: merge(sets.concat(more)), asked: asked.concat(fixed), corrected: corrected };
          });
        });
      });
    });
  }

  /* ---------- rendering ------------------------------------------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  /* Pagefind cuts its excerpt anywhere and joins list items and headings with ". ": start the snippet at the
     first sentence that begins before the first hit, and mark a cut start with an ellipsis. */
  function fromSentence(html) {
    var text = html || "";
    var hit = text.indexOf("<mark>");
    var limit = hit === -1 ? text.length : hit;
    var match = /[.!?:;]\s+(?=[A-Z0-9\u201c"(])/.exec(text.slice(0, limit));
    if (match && match.index < 120) {
      return text.slice(match.index + match[0].length);
    }
    return /^[a-z]/.test(text) ? "\u2026 " + text : text;
  }

  /* The excerpt often begins with the page title (or its end, when Pagefind cut into it), which the result
     already shows above it. */
  function withoutTitle(html, title) {
    var plain = html.replace(/<\/?mark>/g, "");
    var words = (title || "").split(" ");
    var tail = null;
    for (var k = 0; k < words.length && tail === null; k++) {
      var candidate = words.slice(k).join(" ");
      var stop = /[.!?:]$/.test(candidate) ? " " : ". ";
      if (candidate && plain.indexOf(candidate + stop) === 0) {
        tail = candidate + stop;
      }
    }
    if (tail === null) {
      return html;
    }
    var seen = 0;
    var i = 0;
    while (i < html.length && seen < tail.length) {
      if (html.startsWith("<mark>", i)) {
        i += 6;
      } else if (html.startsWith("</mark>", i)) {
        i += 7;
      } else {
        i += 1;
        seen += 1;
      }
    }
    var rest = html.slice(i);
    if (rest.startsWith("</mark>")) {
      rest = rest.slice(7);
    }
    return rest || html;
  }

  /* Pagefind ends every block with ". ", so list items after a lead-in read "Anda dapat: membedakan X.
     menjelaskan Y". A sentence never starts in lower case (EYD), so such a stop joins two items: show it as
     "; " (abbreviations such as "dll." keep their stop). */
  var ABBREVIATION = /(?:^|\s)(?:dll|dsb|dst|dkk|hlm|tgl|yth|sdr|no|s\.d)$/i;
  function joinItems(text) {
    return text.replace(/\. (?=(?:<mark>)?[a-z])/g, function (stop, offset, whole) {
      return ABBREVIATION.test(whole.slice(Math.max(0, offset - 6), offset)) ? stop : "; ";
    });
  }

  /* Pagefind's excerpt is text with <mark> around the hits: keep exactly that, nothing else. */
  function excerpt(html, title) {
    var out = el("span", "kd-cari__cuplikan");
    html = joinItems(fromSentence(withoutTitle(html || "", title)));
    var parsed = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === 3) {
        out.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeType === 1) {
        out.appendChild(node.nodeName === "MARK" ? el("mark", "", node.textContent) : document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function resultItem(data) {
    var item = el("li", "kd-cari__item");
    var link = el("a", "kd-cari__tautan");
    link.href = new URL(data.url, location.origin).href;
    var meta = data.meta || {};
    var where = [meta.modul, meta.jenis].filter(Boolean).join(" · ");
    if (where) {
      link.appendChild(el("span", "kd-cari__modul", where));
    }
    link.appendChild(el("span", "kd-cari__judul-hasil", meta.title || data.url));
    link.appendChild(excerpt(data.excerpt, meta.title));
    item.appendChild(link);
    return item;
  }

  function say(text, alert) {
    status.textContent = text;
    status.classList.toggle("kd-cari__status--galat", Boolean(alert));
  }

  function summary(query, result) {
    var count = result.pages.length;
    if (!count) {
      return "Tidak ada hasil untuk \u201c" + query + "\u201d. Periksa ejaannya atau coba kata lain, " +
        "misalnya singkatan atau kepanjangannya.";
    }
    var text = count + " halaman ditemukan untuk \u201c" + query + "\u201d.";
    if (result.corrected) {
      text += " Termasuk hasil untuk ejaan \u201c" + result.corrected + "\u201d.";
    }
    var also = result.asked.filter(function (v) { return v.kind === "sinonim"; }).map(function (v) { return v.label; });
    if (also.length) {
      text += " Juga dicari: " + also.slice(0, 3).join(", ") + ".";
    }
    return text;
  }

  /* Results appear one by one as their fragments arrive (in rank order). The first fragment downloads
     alone, so that on a slow connection it does not share the line with the others: the first result shows
     long before the last of the batch has arrived. */
  function showPage(ticket, query) {
    var next = merged.slice(shown.length, shown.length + (shown.length ? PAGE : FIRST_PAGE));
    var first = next.length ? next[0].best.data() : Promise.resolve(null);
    var loading = next.map(function (entry, i) {
      return i === 0 ? first : first.then(function () { return entry.best.data(); });
    });
    var chain = Promise.resolve();
    loading.forEach(function (pending) {
      chain = chain.then(function () {
        return pending.then(function (data) {
          if (ticket === latest) {
            list.appendChild(resultItem(data));
          }
        });
      });
    });
    return chain.then(function () {
      if (ticket !== latest) {
        return;
      }
      shown = shown.concat(next);
      more.hidden = shown.length >= merged.length;
      list.setAttribute("data-kd-kueri", query);
      list.removeAttribute("aria-busy");
    });
  }

  var moreLoading = null;
  function loadMore() {
    if (more.hidden || list.hasAttribute("aria-busy")) {
      return moreLoading || Promise.resolve();
    }
    if (!moreLoading) {
      var ticket = latest;
      list.setAttribute("aria-busy", "true");
      moreLoading = showPage(ticket, input.value.trim()).then(function () {
        moreLoading = null;
      }, function () {
        moreLoading = null;
        list.removeAttribute("aria-busy");
      });
    }
    return moreLoading;
  }

  function update() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      list.removeAttribute("data-kd-kueri");
      more.hidden = true;
      say("Ketik kata yang dicari. Hasil muncul di bawah; pakai Tab atau panah bawah untuk memilih.");
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true");
    say(engine ? "Mencari \u201c" + query + "\u201d\u2026" : "Memuat pencarian\u2026");
    var failedBefore = failures;
    return search(query).then(function (result) {
      if (failures !== failedBefore) {
        throw new Error("part of the index did not download");
      }
      return result;
    }).then(function (result) {
      if (ticket !== latest) {
        return null;
      }
      list.textContent = "";
      shown = [];
      merged = result.pages;
      return showPage(ticket, query).then(function () {
        if (failures !== failedBefore) {
          throw new Error("a result did not download");
        }
        if (ticket === latest) {
          say(summary(query, result));
        }
      });
    }).catch(function () {
      reset();
      if (ticket !== latest) {
        return;
      }
      list.textContent = "";
      list.removeAttribute("aria-busy");
      list.setAttribute("data-kd-kueri", query);
      more.hidden = true;
      say("Pencarian tidak dapat dimuat. Indeks pencarian belum tersimpan di perangkat ini atau sambungan " +
        "internet terputus. Sambungkan kembali lalu coba lagi; daftar modul tetap bisa dibuka lewat menu.", true);
    });
  }

  /* ---------- dialog and keyboard --------------------------------------------------------------- */

  function open() {
    if (!dialog.open) {
      navigating = false;
      dialog.showModal();
    }
    input.focus();
    input.select();
    if (!input.value.trim()) {
      update();
    }
    loadEngine().catch(function () {}); /* start loading while the learner types */
  }

  function close() {
    if (dialog.open) {
      dialog.close();
    }
  }

  function focusables() {
    return [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
  }

  function onKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    var items = focusables();
    var at = items.indexOf(document.activeElement);
    var target = null;
    if (event.key === "ArrowDown" && at >= 0) {
      target = items[Math.min(at + 1, items.length - 1)];
    } else if (event.key === "ArrowUp" && at > 0) {
      target = items[at - 1];
    } else if (event.key === "Home" && at > 0) {
      target = items[1];
    } else if (event.key === "End" && at > 0) {
      target = items[items.length - 1];
    }
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  function setup() {
    dialog = document.getElementById("kd-cari");
    opener = document.querySelector(".kd-cari-buka");
    if (!dialog || !opener || typeof dialog.showModal !== "function") {
      return; /* another theme, or the plugin is off: leave the page alone */
    }
    input = document.getElementById("kd-cari-kata");
    status = document.getElementById("kd-cari-status");
    list = document.getElementById("kd-cari-hasil");
    more = dialog.querySelector(".kd-cari__lagi");

    var header = document.querySelector(".md-header__inner");
    if (header) {
      header.insertBefore(opener, header.querySelector(".md-header__source"));
    }
    opener.hidden = false;
    opener.addEventListener("click", open);

    input.addEventListener("input", update);
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) {
        first.click();
      }
    });
    dialog.querySelector(".kd-cari__tutup").addEventListener("click", close);
    dialog.addEventListener("keydown", onKey);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        close(); /* a click on the backdrop */
      }
      if (event.target.closest && event.target.closest("a")) {
        navigating = true;
        close();
      }
    });
    dialog.addEventListener("close", function () {
      if (!navigating) {
        opener.focus();
      }
    });
    more.addEventListener("click", function () {
      var index = shown.length;
      loadMore().then(function () {
        var links = list.querySelectorAll("a");
        if (links[index]) {
          links[index].focus();
        }
      });
    });
    /* Scrolling to the end of the list loads the next batch without a tap (the button stays for keyboards).
       Only after the learner scrolls: a short list with room to spare does not download more by itself. */
    dialog.addEventListener("scroll", function () {
      if (!more.hidden && more.getBoundingClientRect().top < dialog.getBoundingClientRect().bottom + 200) {
        loadMore();
      }
    }, { passive: true });
    /* Instant navigation swaps the page under the dialog: close it on every new page. */
    if (window.document$ && window.document$.subscribe) {
      window.document$.subscribe(function () {
        navigating = true;
        close();
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }

  /* For the search-quality script and tests: the same pipeline without the dialog. */
  window.kompetensiCari = { search: search, variants: function (q) {
    return loadEngine().then(function (loaded) { return variants(q, loaded.data); });
  } };
})();
