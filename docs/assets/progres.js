/* Progres belajar: records quiz answers, finished lessons and completed modules in this browser only.
 *
 * Plain DOM code with no dependency on the theme: it reads the markers the build writes
 * (.kd-crumb[data-modul][data-halaman], .quiz[data-kd-soal], .kd-prasyarat, .kd-jalur, #kd-progres,
 * #kd-catatan, .kd-luring) and assets/kompetensi-data.json. It runs on first load and after every
 * instant navigation (Material's document$ when present, DOMContentLoaded otherwise).
 *
 * Storage: one localStorage key, "kompetensi-asn", holding {version, name, answers, lessons, modules}.
 * Answers are keyed by module id and a stable question id (a hash of the question text), so inserting
 * or reordering questions never attaches a saved answer to the wrong question.
 */
(function () {
  "use strict";

  var KEY = "kompetensi-asn";
  var VERSION = 1;
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/progres\.js(\?.*)?$/, "") : "/";
  var dataPromise = null;
  var memoryState = null; // used when localStorage is unavailable (private mode, disabled storage)
  var notices = [];

  /* ---------- storage ---------------------------------------------------------------------- */

  function empty() {
    return { version: VERSION, name: "", answers: {}, lessons: {}, modules: {} };
  }

  function isDate(value) {
    return typeof value === "string" && value.length <= 40 && !isNaN(Date.parse(value));
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Keep every record that is still readable; count the ones that are not. */
  function sanitize(raw) {
    var state = empty();
    var dropped = 0;
    if (!isObject(raw)) {
      return { state: state, dropped: 1 };
    }
    if (typeof raw.name === "string") {
      state.name = raw.name.slice(0, 120);
    }
    if (isObject(raw.answers)) {
      Object.keys(raw.answers).forEach(function (moduleId) {
        var entries = raw.answers[moduleId];
        if (!isObject(entries)) {
          dropped += 1;
          return;
        }
        Object.keys(entries).forEach(function (questionId) {
          var entry = entries[questionId];
          if (isObject(entry) && typeof entry.ok === "boolean" && isDate(entry.at)) {
            state.answers[moduleId] = state.answers[moduleId] || {};
            state.answers[moduleId][questionId] = { ok: entry.ok, at: entry.at };
          } else {
            dropped += 1;
          }
        });
      });
    } else if (raw.answers !== undefined) {
      dropped += 1;
    }
    if (isObject(raw.lessons)) {
      Object.keys(raw.lessons).forEach(function (id) {
        var entry = raw.lessons[id];
        if (id.indexOf("/") > 0 && isObject(entry) && isDate(entry.at)) {
          state.lessons[id] = { at: entry.at };
        } else {
          dropped += 1;
        }
      });
    } else if (raw.lessons !== undefined) {
      dropped += 1;
    }
    if (isObject(raw.modules)) {
      Object.keys(raw.modules).forEach(function (id) {
        var entry = raw.modules[id];
        if (isObject(entry) && isDate(entry.completedAt) && typeof entry.score === "number" &&
            entry.score >= 0 && entry.score <= 100) {
          state.modules[id] = { completedAt: entry.completedAt, score: entry.score };
        } else {
          dropped += 1;
        }
      });
    } else if (raw.modules !== undefined) {
      dropped += 1;
    }
    return { state: state, dropped: dropped };
  }

  function storage() {
    try {
      var probe = "__kd__";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function load() {
    var store = storage();
    if (!store) {
      if (!memoryState) {
        memoryState = empty();
        notices.push("Peramban ini tidak mengizinkan penyimpanan lokal; progres hanya bertahan selama halaman terbuka.");
      }
      return memoryState;
    }
    var text = store.getItem(KEY);
    if (!text) {
      return empty();
    }
    var raw;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      store.setItem(KEY + ":rusak:" + Date.now(), text);
      store.removeItem(KEY);
      notices.push("Data progres di perangkat ini rusak dan tidak dapat dibaca. Salinannya disimpan; progres dimulai dari awal.");
      return empty();
    }
    var result = sanitize(raw);
    if (result.dropped > 0) {
      notices.push(result.dropped + " catatan progres tidak terbaca dan dilewati; catatan lainnya tetap utuh.");
      save(result.state);
    } else if (!isObject(raw) || raw.version !== VERSION) {
      save(result.state); // older or newer format: rewrite in the current one
    }
    return result.state;
  }

  function save(state) {
    state.version = VERSION;
    var store = storage();
    if (!store) {
      memoryState = state;
      return;
    }
    try {
      store.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      notices.push("Progres tidak dapat disimpan: penyimpanan peramban penuh.");
    }
  }

  /* Module pages carry their own module's data (so their weight does not grow with the handbook);
     Progres Saya, Catatan Belajar and path pages load the whole handbook's data. */
  function data(whole) {
    /* An attribute, not a <script>: Material's instant navigation re-runs scripts as code. */
    var islands = document.querySelectorAll("article #kd-data[data-json], #kd-data[data-json]");
    var inline = islands.length ? islands[islands.length - 1] : null;
    if (inline && !whole) {
      try {
        return Promise.resolve(JSON.parse(inline.getAttribute("data-json")));
      } catch (error) {
        /* fall through to the shared file */
      }
    }
    if (!dataPromise) {
      dataPromise = fetch(ROOT + "assets/kompetensi-data.json", { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .catch(function (error) {
          dataPromise = null;
          throw error;
        });
    }
    return dataPromise;
  }

  /* ---------- progress model --------------------------------------------------------------- */

  function answered(state, moduleId, questionId) {
    return (state.answers[moduleId] || {})[questionId];
  }

  function lessonDone(state, module, lesson) {
    if (state.lessons[module.id + "/" + lesson.slug]) {
      return true;
    }
    return lesson.questions.length > 0 && lesson.questions.every(function (q) {
      return answered(state, module.id, q);
    });
  }

  function quizScore(state, module) {
    if (!module.quiz || module.quiz.questions.length === 0) {
      return { right: 0, answered: 0, total: 0, percent: 0 };
    }
    var right = 0;
    var count = 0;
    module.quiz.questions.forEach(function (q) {
      var entry = answered(state, module.id, q);
      if (entry) {
        count += 1;
        if (entry.ok) {
          right += 1;
        }
      }
    });
    var total = module.quiz.questions.length;
    return { right: right, answered: count, total: total, percent: Math.round((right / total) * 100) };
  }

  function moduleStatus(state, module, passMark) {
    var done = module.lessons.filter(function (lesson) { return lessonDone(state, module, lesson); }).length;
    var score = quizScore(state, module);
    var passed = score.total > 0 && score.answered === score.total && score.percent >= passMark;
    var record = state.modules[module.id];
    return {
      lessonsDone: done,
      lessonsTotal: module.lessons.length,
      score: score,
      passed: passed,
      complete: Boolean(record),
      completedAt: record ? record.completedAt : null
    };
  }

  /* A module counts (with its JP) once all its lessons are done and its quiz is passed; the first
     completion date is kept, the best score is kept. */
  function updateCompletion(state, info) {
    var changed = false;
    info.modules.forEach(function (module) {
      var status = moduleStatus(state, module, info.passMark);
      var allLessons = status.lessonsDone === status.lessonsTotal;
      var record = state.modules[module.id];
      if (allLessons && status.passed) {
        if (!record) {
          state.modules[module.id] = { completedAt: new Date().toISOString(), score: status.score.percent };
          changed = true;
        } else if (status.score.percent > record.score) {
          record.score = status.score.percent;
          changed = true;
        }
      }
    });
    return changed;
  }

  function jpThisYear(state, info) {
    var year = new Date().getFullYear();
    return info.modules.reduce(function (sum, module) {
      var record = state.modules[module.id];
      return record && new Date(record.completedAt).getFullYear() === year ? sum + module.jp : sum;
    }, 0);
  }

  /* ---------- helpers ---------------------------------------------------------------------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attrs[name];
      } else {
        node.setAttribute(name, attrs[name]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember"];

  function tanggal(iso) {
    var d = new Date(iso);
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  function angka(value) {
    return String(Math.round(value * 100) / 100).replace(".", ",");
  }

  function showNotices(container) {
    if (!notices.length) {
      return;
    }
    var box = el("div", { class: "admonition warning kd-pemberitahuan", role: "status" }, [
      el("p", { class: "admonition-title", text: "Pemberitahuan" })
    ]);
    notices.forEach(function (text) {
      box.appendChild(el("p", { text: text }));
    });
    notices = [];
    (container || document.querySelector("article") || document.body).prepend(box);
  }

  function status(text) {
    var live = document.getElementById("kd-status");
    if (!live) {
      live = el("div", { id: "kd-status", class: "kd-sr", role: "status", "aria-live": "polite" });
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  /* ---------- quizzes ---------------------------------------------------------------------- */

  function gradeQuiz(quiz) {
    var inputs = Array.prototype.slice.call(quiz.querySelectorAll("fieldset input"));
    if (!inputs.length) {
      return null;
    }
    var chosen = inputs.filter(function (input) { return input.checked; });
    if (!chosen.length) {
      return null;
    }
    return inputs.every(function (input) {
      return input.checked === input.hasAttribute("data-correct");
    });
  }

  function bindQuizzes(info, moduleId, page) {
    var quizzes = document.querySelectorAll(".quiz[data-kd-soal]");
    Array.prototype.forEach.call(quizzes, function (quiz) {
      var form = quiz.querySelector("form");
      if (!form || form.dataset.kdBound) {
        return;
      }
      form.dataset.kdBound = "1";
      form.addEventListener("submit", function () {
        var ok = gradeQuiz(quiz);
        if (ok === null) {
          return;
        }
        var state = load();
        state.answers[moduleId] = state.answers[moduleId] || {};
        state.answers[moduleId][quiz.getAttribute("data-kd-soal")] = { ok: ok, at: new Date().toISOString() };
        var completed = updateCompletion(state, info);
        save(state);
        status(ok ? "Jawaban benar. Jawaban Anda tersimpan di perangkat ini."
          : "Jawaban belum tepat. Baca penjelasannya, lalu coba lagi.");
        refreshPage(info, moduleId, page);
        if (completed) {
          status("Selamat, modul ini selesai. JP-nya tercatat di Progres Saya.");
        }
      });
    });
  }

  /* ---------- widgets on module pages ------------------------------------------------------ */

  function findModule(info, moduleId) {
    return info.modules.filter(function (m) { return m.id === moduleId; })[0];
  }

  function lessonButton(info, module, lesson) {
    var pager = document.querySelector(".kd-pager");
    if (!pager) {
      return;
    }
    var state = load();
    var id = module.id + "/" + lesson.slug;
    var done = lessonDone(state, module, lesson);
    var button = document.getElementById("kd-tandai");
    if (!button) {
      button = el("button", { id: "kd-tandai", type: "button", class: "md-button kd-tandai" });
      pager.parentNode.insertBefore(button, pager);
      button.addEventListener("click", function () {
        var current = load();
        if (current.lessons[id]) {
          delete current.lessons[id];
        } else {
          current.lessons[id] = { at: new Date().toISOString() };
        }
        updateCompletion(current, info);
        save(current);
        lessonButton(info, module, lesson);
        status(current.lessons[id] ? "Pelajaran ditandai selesai." : "Tanda selesai dibatalkan.");
      });
    }
    button.textContent = done ? "✓ Selesai dipelajari" : "Tandai pelajaran ini selesai";
    button.setAttribute("aria-pressed", done ? "true" : "false");
    button.classList.toggle("kd-selesai", done);
  }

  function quizPanel(info, module) {
    var article = document.querySelector("article");
    if (!article || !module.quiz) {
      return;
    }
    var state = load();
    var status = moduleStatus(state, module, info.passMark);
    var panel = document.getElementById("kd-skor");
    if (!panel) {
      panel = el("div", { id: "kd-skor", class: "admonition info kd-skor", role: "status", "aria-live": "polite" });
      var crumb = article.querySelector(".kd-crumb");
      (crumb || article.firstChild).after(panel);
    }
    panel.textContent = "";
    panel.appendChild(el("p", { class: "admonition-title", text: "Skor Anda" }));
    panel.appendChild(el("p", {
      text: "Benar " + status.score.right + " dari " + status.score.total + " soal (" + status.score.percent +
        "%), " + status.score.answered + " sudah dijawab. Nilai lulus: " + info.passMark + "%. " +
        "Pelajaran selesai: " + status.lessonsDone + " dari " + status.lessonsTotal + "."
    }));
    panel.appendChild(el("p", {
      text: status.complete ? "Modul selesai pada " + tanggal(status.completedAt) + "; " + angka(module.jp) +
        " JP tercatat di Progres Saya."
        : "Modul selesai (dan JP-nya tercatat) setelah semua pelajaran selesai dan skor kuis mencapai nilai lulus."
    }));
  }

  function landingMarks(info) {
    var state = load();
    Array.prototype.forEach.call(document.querySelectorAll("a.kd-prasyarat[data-modul]"), function (link) {
      if (link.nextElementSibling && link.nextElementSibling.classList.contains("kd-tanda")) {
        return;
      }
      var done = Boolean(state.modules[link.getAttribute("data-modul")]);
      link.after(el("span", { class: "kd-tanda" + (done ? " kd-selesai" : ""),
        text: done ? " ✓ selesai" : " · belum selesai" }));
    });
    var crumbless = !document.querySelector(".kd-crumb");
    var luring = document.querySelector(".kd-luring[data-modul]");
    if (crumbless && luring) {
      var module = findModule(info, luring.getAttribute("data-modul"));
      if (module) {
        var s = moduleStatus(state, module, info.passMark);
        Array.prototype.forEach.call(document.querySelectorAll("article ol li a"), function (link) {
          var lesson = module.lessons.filter(function (l) {
            return link.getAttribute("href") === l.slug + "/" || link.getAttribute("href") === l.slug + ".html";
          })[0];
          if (lesson && lessonDone(state, module, lesson) && !link.parentNode.querySelector(".kd-tanda")) {
            link.after(el("span", { class: "kd-tanda kd-selesai", text: " ✓" , title: "selesai" }));
          }
        });
        if (!document.getElementById("kd-ringkas")) {
          luring.before(el("p", { id: "kd-ringkas", class: "kd-ringkas", text: "Progres Anda: " + s.lessonsDone +
            " dari " + s.lessonsTotal + " pelajaran, skor kuis " + s.score.percent + "%" +
            (s.complete ? ", modul selesai." : ".") }));
        }
        offlineButton(luring, module);
      }
    }
  }

  function pathMarks(info) {
    var state = load();
    Array.prototype.forEach.call(document.querySelectorAll(".kd-jalur"), function (box) {
      var path = info.paths.filter(function (p) { return p.id === box.getAttribute("data-jalur"); })[0];
      if (!path || box.querySelector(".kd-jalur-ringkas")) {
        return;
      }
      var done = 0;
      var jp = 0;
      path.modules.forEach(function (id) {
        var module = findModule(info, id);
        if (module && state.modules[id]) {
          done += 1;
          jp += module.jp;
        }
      });
      box.prepend(el("p", { class: "kd-jalur-ringkas", role: "status",
        text: "Progres Anda di jalur ini: " + done + " dari " + path.modules.length + " modul selesai, " +
          angka(jp) + " JP." }));
      Array.prototype.forEach.call(box.querySelectorAll("a[data-modul]"), function (link) {
        var finished = Boolean(state.modules[link.getAttribute("data-modul")]);
        link.after(el("span", { class: "kd-tanda" + (finished ? " kd-selesai" : ""),
          text: finished ? " ✓ selesai" : " · belum selesai" }));
      });
    });
  }

  /* ---------- offline ---------------------------------------------------------------------- */

  function registerServiceWorker() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) {
      return;
    }
    navigator.serviceWorker.register(ROOT + "sw.js", { scope: ROOT }).catch(function () {});
  }

  function offlineButton(container, module) {
    if (container.querySelector("button") || !("serviceWorker" in navigator) || !("caches" in window)) {
      return;
    }
    var button = el("button", { type: "button", class: "md-button kd-simpan-luring",
      text: "Simpan modul ini untuk dibaca tanpa internet" });
    var note = el("p", { class: "kd-luring-status", role: "status", "aria-live": "polite" });
    container.appendChild(button);
    container.appendChild(note);
    button.addEventListener("click", function () {
      var urls = module.pages.map(function (page) { return ROOT + page; });
      urls.push(ROOT + "assets/kompetensi-data.json");
      note.textContent = "Menyimpan " + urls.length + " halaman...";
      caches.open("kd-halaman").then(function (cache) {
        return Promise.all(urls.map(function (url) {
          return fetch(url, { credentials: "same-origin" }).then(function (response) {
            if (response.ok) {
              return cache.put(url, response);
            }
            return null;
          });
        }));
      }).then(function () {
        note.textContent = "Tersimpan: modul ini dapat dibaca di perangkat ini tanpa internet.";
      }).catch(function () {
        note.textContent = "Gagal menyimpan. Periksa sambungan internet, lalu coba lagi.";
      });
    });
  }

  /* ---------- Progres Saya ----------------------------------------------------------------- */

  function renderProgress(container, info) {
    var state = load();
    container.textContent = "";
    showNotices(container);
    var jp = jpThisYear(state, info);
    var year = new Date().getFullYear();
    var percent = Math.min(100, Math.round((jp / info.annualJp) * 100));
    container.appendChild(el("h2", { id: "jp-tahun-ini", text: "JP tahun " + year }));
    container.appendChild(el("p", { class: "kd-jp", text: angka(jp) + " dari " + info.annualJp + " JP" }));
    var bar = el("div", { class: "kd-bar", role: "progressbar", "aria-label": "JP tahun ini",
      "aria-valuemin": "0", "aria-valuemax": String(info.annualJp), "aria-valuenow": String(Math.min(jp, info.annualJp)) },
      [el("span", { style: "width:" + percent + "%" })]);
    container.appendChild(bar);
    container.appendChild(el("p", { text: "Sebuah modul dihitung selesai, dan JP-nya tercatat, setelah semua " +
      "pelajarannya selesai dan skor kuis modulnya mencapai nilai lulus " + info.passMark + "%. " +
      "Ini catatan pribadi di perangkat ini, bukan pencatatan resmi JP oleh BKPSDM." }));

    container.appendChild(el("h2", { id: "per-modul", text: "Per modul" }));
    var table = el("table", {}, [el("thead", {}, [el("tr", {}, [
      el("th", { scope: "col", text: "Modul" }), el("th", { scope: "col", text: "Pelajaran" }),
      el("th", { scope: "col", text: "Kuis" }), el("th", { scope: "col", text: "Status" })])])]);
    var body = el("tbody");
    info.modules.forEach(function (module) {
      var s = moduleStatus(state, module, info.passMark);
      var link = el("a", { href: ROOT + module.url, text: module.title });
      body.appendChild(el("tr", { "data-modul": module.id }, [
        el("td", {}, [link]),
        el("td", { text: s.lessonsDone + "/" + s.lessonsTotal }),
        el("td", { text: s.score.answered ? s.score.percent + "%" : "–" }),
        el("td", { text: s.complete ? "Selesai " + tanggal(s.completedAt) + " · " + angka(module.jp) + " JP"
          : (s.lessonsDone || s.score.answered ? "Sedang dipelajari" : "Belum mulai") })
      ]));
    });
    table.appendChild(body);
    container.appendChild(el("div", { class: "kd-tabel", tabindex: "0", role: "region", "aria-label": "Progres per modul" }, [table]));

    container.appendChild(el("h2", { id: "per-jalur", text: "Per jalur belajar" }));
    var list = el("ul");
    info.paths.forEach(function (path) {
      var done = path.modules.filter(function (id) { return state.modules[id]; }).length;
      var total = path.modules.reduce(function (sum, id) {
        var m = findModule(info, id);
        return sum + (m ? m.jp : 0);
      }, 0);
      list.appendChild(el("li", { "data-jalur": path.id }, [
        el("a", { href: ROOT + path.url, text: path.title }),
        ": " + done + " dari " + path.modules.length + " modul selesai (jalur " + angka(total) + " JP)"
      ]));
    });
    container.appendChild(list);
  }

  /* ---------- Catatan Belajar -------------------------------------------------------------- */

  function renderRecord(container, info) {
    var state = load();
    container.textContent = "";
    showNotices(container);
    var nameLabel = el("label", { for: "kd-nama", text: "Nama (hanya disimpan di perangkat ini)" });
    var name = el("input", { id: "kd-nama", type: "text", autocomplete: "name", maxlength: "120" });
    name.value = state.name;
    name.addEventListener("change", function () {
      var current = load();
      current.name = name.value.trim();
      save(current);
      renderRecord(container, info);
    });
    container.appendChild(el("div", { class: "kd-nama kd-tidak-dicetak" }, [nameLabel, name]));

    var sheet = el("section", { class: "kd-lembar", "aria-labelledby": "kd-lembar-judul" });
    sheet.appendChild(el("h2", { id: "kd-lembar-judul", text: "Catatan Belajar Pribadi" }));
    sheet.appendChild(el("p", { class: "kd-label-resmi",
      text: "Catatan pribadi, bukan sertifikat resmi. Pengakuan JP ditetapkan oleh BKPSDM Kota Pematangsiantar." }));
    sheet.appendChild(el("p", { text: "Nama: " + (state.name || "(belum diisi)") }));
    var rows = info.modules.filter(function (m) { return state.modules[m.id]; });
    if (!rows.length) {
      sheet.appendChild(el("p", { text: "Belum ada modul yang selesai." }));
    } else {
      var table = el("table", {}, [el("thead", {}, [el("tr", {}, [
        el("th", { scope: "col", text: "Modul" }), el("th", { scope: "col", text: "Selesai" }),
        el("th", { scope: "col", text: "JP" }), el("th", { scope: "col", text: "Skor kuis" })])])]);
      var body = el("tbody");
      var total = 0;
      rows.forEach(function (m) {
        var record = state.modules[m.id];
        total += m.jp;
        body.appendChild(el("tr", { "data-modul": m.id }, [el("td", { text: m.title }),
          el("td", { text: tanggal(record.completedAt) }), el("td", { text: angka(m.jp) }),
          el("td", { text: record.score + "%" })]));
      });
      body.appendChild(el("tr", { class: "kd-total" }, [el("th", { scope: "row", text: "Jumlah" }), el("td"),
        el("td", { text: angka(total) }), el("td")]));
      table.appendChild(body);
      sheet.appendChild(el("div", { class: "kd-tabel", tabindex: "0", role: "region", "aria-label": "Modul selesai" }, [table]));
    }
    sheet.appendChild(el("p", { class: "kd-dicetak", text: "Dicetak " + tanggal(new Date().toISOString()) +
      " dari buku panduan Kompetensi Digital ASN Pematangsiantar." }));
    container.appendChild(sheet);

    var actions = el("div", { class: "kd-aksi kd-tidak-dicetak" });
    var printButton = el("button", { type: "button", class: "md-button md-button--primary", text: "Cetak" });
    printButton.addEventListener("click", function () { window.print(); });
    var exportButton = el("button", { type: "button", class: "md-button", text: "Ekspor ke berkas" });
    exportButton.addEventListener("click", function () { exportState(); });
    var importLabel = el("label", { for: "kd-impor", class: "md-button", text: "Impor dari berkas" });
    var importInput = el("input", { id: "kd-impor", type: "file", accept: "application/json,.json", class: "kd-sr" });
    importInput.addEventListener("change", function () {
      if (importInput.files && importInput.files[0]) {
        importFile(importInput.files[0], container, info);
      }
    });
    var resetButton = el("button", { type: "button", class: "md-button kd-hapus", text: "Hapus semua progres" });
    resetButton.addEventListener("click", function () {
      if (window.confirm("Hapus semua progres, jawaban kuis, dan catatan belajar di perangkat ini? " +
          "Tindakan ini tidak dapat dibatalkan. Ekspor dulu bila ingin menyimpan salinannya.")) {
        var store = storage();
        if (store) {
          store.removeItem(KEY);
        }
        memoryState = null;
        renderRecord(container, info);
        status("Semua progres di perangkat ini sudah dihapus.");
      }
    });
    [printButton, exportButton, importLabel, importInput, resetButton].forEach(function (node) {
      actions.appendChild(node);
    });
    container.appendChild(actions);
    container.appendChild(el("p", { id: "kd-impor-status", class: "kd-tidak-dicetak", role: "status", "aria-live": "polite" }));
  }

  function exportState() {
    var state = load();
    var payload = { app: "kompetensi-asn", version: VERSION, exportedAt: new Date().toISOString(), state: state };
    var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob),
      download: "catatan-belajar-" + new Date().toISOString().slice(0, 10) + ".json" });
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
  }

  /* Merge an exported file into this device's records: nothing already here is lost. */
  function merge(base, extra) {
    if (!base.name && extra.name) {
      base.name = extra.name;
    }
    Object.keys(extra.answers).forEach(function (moduleId) {
      base.answers[moduleId] = base.answers[moduleId] || {};
      Object.keys(extra.answers[moduleId]).forEach(function (q) {
        var mine = base.answers[moduleId][q];
        var theirs = extra.answers[moduleId][q];
        if (!mine || Date.parse(theirs.at) > Date.parse(mine.at)) {
          base.answers[moduleId][q] = theirs;
        }
      });
    });
    Object.keys(extra.lessons).forEach(function (id) {
      if (!base.lessons[id]) {
        base.lessons[id] = extra.lessons[id];
      }
    });
    Object.keys(extra.modules).forEach(function (id) {
      var mine = base.modules[id];
      var theirs = extra.modules[id];
      if (!mine) {
        base.modules[id] = theirs;
      } else {
        mine.completedAt = Date.parse(theirs.completedAt) < Date.parse(mine.completedAt) ? theirs.completedAt : mine.completedAt;
        mine.score = Math.max(mine.score, theirs.score);
      }
    });
    return base;
  }

  function importFile(file, container, info) {
    var reader = new FileReader();
    reader.onload = function () {
      var message;
      try {
        var payload = JSON.parse(String(reader.result));
        if (!isObject(payload) || payload.app !== "kompetensi-asn" || !isObject(payload.state)) {
          throw new Error("bukan berkas catatan belajar");
        }
        var result = sanitize(payload.state);
        var merged = merge(load(), result.state);
        updateCompletion(merged, info);
        save(merged);
        message = "Impor berhasil: " + Object.keys(result.state.modules).length + " modul selesai dibaca dari berkas." +
          (result.dropped ? " " + result.dropped + " catatan tidak terbaca dilewati." : "");
      } catch (error) {
        message = "Impor gagal: berkas ini bukan ekspor Catatan Belajar yang sah. Tidak ada yang diubah.";
      }
      renderRecord(container, info);
      document.getElementById("kd-impor-status").textContent = message;
    };
    reader.readAsText(file);
  }

  /* ---------- page wiring ------------------------------------------------------------------ */

  function refreshPage(info, moduleId, page) {
    var module = findModule(info, moduleId);
    if (!module) {
      return;
    }
    var lesson = module.lessons.filter(function (l) { return l.slug === page; })[0];
    if (lesson) {
      lessonButton(info, module, lesson);
    }
    if (module.quiz && page === "kuis") {
      quizPanel(info, module);
    }
  }

  function onPage() {
    var crumb = document.querySelector(".kd-crumb[data-modul]");
    var progress = document.getElementById("kd-progres");
    var record = document.getElementById("kd-catatan");
    var needsData = crumb || progress || record || document.querySelector(".kd-prasyarat, .kd-jalur, .kd-luring");
    if (!needsData) {
      showNotices();
      return;
    }
    data(Boolean(progress || record || document.querySelector(".kd-jalur"))).then(function (info) {
      var state = load();
      if (updateCompletion(state, info)) {
        save(state);
      }
      if (crumb) {
        var moduleId = crumb.getAttribute("data-modul");
        var page = crumb.getAttribute("data-halaman");
        bindQuizzes(info, moduleId, page);
        refreshPage(info, moduleId, page);
      }
      landingMarks(info);
      pathMarks(info);
      if (progress) {
        renderProgress(progress, info);
      }
      if (record) {
        renderRecord(record, info);
      }
      showNotices();
    }).catch(function () {
      var target = progress || record;
      if (target) {
        target.textContent = "Data modul tidak dapat dimuat. Periksa sambungan internet, lalu muat ulang halaman.";
      }
    });
  }

  registerServiceWorker();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }

  /* Exposed for tests and for the browser console; not used by the page itself. */
  window.kompetensiProgres = { KEY: KEY, sanitize: sanitize, merge: merge, load: load };
})();
