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
 *
 * In a module's SCORM package the same store reports to the LMS: the package's launcher runs paket.js,
 * which keeps the state in cmi.suspend_data instead of localStorage, and the pages it shows in its frame
 * read and write the launcher's state.
 */
(function () {
  "use strict";

  var KEY = "kompetensi-asn";
  var VERSION = 2;
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/progres\.js(\?.*)?$/, "") : "/";
  var dataPromise = null;
  var memoryState = null; // used when localStorage is unavailable or holds data that cannot be replaced
  var notices = [];
  /* A page of a SCORM package (meta kd-paket): no service worker, no links to the rest of the site. */
  var PAKET = Boolean(document.querySelector('meta[name="kd-paket"]'));
  var host = PAKET ? findHost() : null; // the package launcher's store, when this page is shown inside it
  var sink = null; // on a package's launcher, the LMS session that paket.js connects (see connect)

  /* Identifiers that may stand as keys: anything else (including "__proto__") is dropped on reading. */
  var MODULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var QUESTION_ID = /^q-[0-9a-f]{10}(?:-[0-9]{1,3})?$/;
  var LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var MAX_ATTEMPTS = 50;

  /* ---------- storage ---------------------------------------------------------------------- */

  function dict() {
    return Object.create(null);
  }

  function empty() {
    return { version: VERSION, name: "", answers: dict(), lessons: dict(), attempts: dict(), modules: dict() };
  }

  function isDate(value) {
    return typeof value === "string" && value.length <= 40 && !isNaN(Date.parse(value));
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isScore(value) {
    return typeof value === "number" && isFinite(value) && value >= 0 && value <= 100;
  }

  function count(value, limit) {
    return typeof value === "number" && isFinite(value) && value >= 0 && value <= limit && Math.floor(value) === value;
  }

  /* Keep every record that is still readable, under keys that can only be data; count the ones that are not. */
  function sanitize(raw) {
    var state = empty();
    var dropped = 0;
    if (!isObject(raw)) {
      return { state: state, dropped: 1 };
    }
    if (typeof raw.name === "string") {
      state.name = raw.name.slice(0, 120);
    }
    function each(object, check, keep) {
      if (object === undefined) {
        return;
      }
      if (!isObject(object)) {
        dropped += 1;
        return;
      }
      Object.keys(object).forEach(function (key) {
        var value = object[key];
        if (check.test(key) && own(object, key)) {
          if (!keep(key, value)) {
            dropped += 1;
          }
        } else {
          dropped += 1;
        }
      });
    }
    each(raw.answers, MODULE_ID, function (moduleId, entries) {
      if (!isObject(entries)) {
        return false;
      }
      each(entries, QUESTION_ID, function (questionId, entry) {
        if (!isObject(entry) || typeof entry.ok !== "boolean" || !isDate(entry.at)) {
          return false;
        }
        state.answers[moduleId] = state.answers[moduleId] || dict();
        state.answers[moduleId][questionId] = {
          ok: entry.ok,
          first: typeof entry.first === "boolean" ? entry.first : entry.ok,
          tries: count(entry.tries, 100000) && entry.tries > 0 ? entry.tries : 1,
          at: entry.at
        };
        return true;
      });
      return true;
    });
    each(raw.lessons, LESSON_ID, function (id, entry) {
      if (!isObject(entry) || !isDate(entry.at)) {
        return false;
      }
      state.lessons[id] = { at: entry.at };
      return true;
    });
    each(raw.attempts, MODULE_ID, function (moduleId, list) {
      if (!Array.isArray(list)) {
        return false;
      }
      var kept = [];
      list.slice(-MAX_ATTEMPTS).forEach(function (attempt) {
        if (isObject(attempt) && isDate(attempt.at) && count(attempt.total, 1000) && attempt.total > 0 &&
            count(attempt.right, attempt.total) && isScore(attempt.score)) {
          var answers = dict();
          if (isObject(attempt.answers)) {
            Object.keys(attempt.answers).forEach(function (q) {
              var values = attempt.answers[q];
              if (QUESTION_ID.test(q) && Array.isArray(values) && values.length <= 20 &&
                  values.every(function (v) { return typeof v === "string" && /^[0-9]{1,3}$/.test(v); })) {
                answers[q] = values.slice();
              }
            });
          }
          kept.push({ at: attempt.at, right: attempt.right, total: attempt.total, score: attempt.score,
            answers: answers });
        } else {
          dropped += 1;
        }
      });
      kept.sort(function (a, b) { return Date.parse(a.at) - Date.parse(b.at); });
      state.attempts[moduleId] = kept;
      return true;
    });
    each(raw.modules, MODULE_ID, function (id, entry) {
      if (!isObject(entry) || !isDate(entry.completedAt) || !isScore(entry.score)) {
        return false;
      }
      state.modules[id] = { completedAt: entry.completedAt, score: entry.score };
      return true;
    });
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
    if (host) {
      try {
        return sanitize(JSON.parse(host.read())).state;
      } catch (error) {
        return empty();
      }
    }
    if (memoryState) {
      return memoryState;
    }
    var store = storage();
    if (!store) {
      memoryState = empty();
      notices.push("Peramban ini tidak mengizinkan penyimpanan lokal; progres hanya bertahan selama halaman terbuka.");
      return memoryState;
    }
    var text;
    try {
      text = store.getItem(KEY);
    } catch (error) {
      text = null;
    }
    if (!text) {
      return empty();
    }
    var raw;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      raw = undefined;
    }
    if (raw === undefined) {
      /* Unreadable: keep a copy if there is room, never lose it silently. */
      try {
        store.setItem(KEY + ":rusak", text);
        store.removeItem(KEY);
        notices.push("Data progres di perangkat ini rusak dan tidak dapat dibaca. Salinannya disimpan; " +
          "progres dimulai dari awal.");
        return empty();
      } catch (error) {
        memoryState = empty();
        notices.push("Data progres di perangkat ini rusak dan penyimpanan peramban penuh, jadi progres baru belum " +
          "dapat disimpan. Buka Catatan Belajar dan tekan \"Hapus semua progres\" untuk memulai lagi.");
        return memoryState;
      }
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

  /* Returns true when the state is stored on the device. */
  function save(state) {
    state.version = VERSION;
    if (host) {
      try {
        return host.write(JSON.stringify(state));
      } catch (error) {
        return false;
      }
    }
    if (sink) {
      memoryState = state;
      return sink.report(state);
    }
    var store = storage();
    if (!store || memoryState) {
      memoryState = state;
      return false;
    }
    try {
      store.setItem(KEY, JSON.stringify(state));
      return true;
    } catch (error) {
      notices.push("Progres tidak dapat disimpan: penyimpanan peramban penuh.");
      return false;
    }
  }

  function reset() {
    var store = storage();
    memoryState = null;
    if (!store) {
      return;
    }
    var stale = [];
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key === KEY || (key && key.indexOf(KEY + ":") === 0) || (key && key.indexOf("quiz_progress_") === 0)) {
        stale.push(key);
      }
    }
    stale.forEach(function (key) { store.removeItem(key); });
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
    var entries = state.answers[moduleId];
    return entries && own(entries, questionId) ? entries[questionId] : null;
  }

  function lessonDone(state, module, lesson) {
    if (own(state.lessons, module.id + "/" + lesson.slug)) {
      return true;
    }
    return lesson.questions.length > 0 && lesson.questions.every(function (q) {
      var entry = answered(state, module.id, q);
      return entry && entry.ok;
    });
  }

  function attemptsOf(state, module) {
    return own(state.attempts, module.id) ? state.attempts[module.id] : [];
  }

  /* The module quiz is taken as whole attempts: the record keeps every attempt, the first and the best. */
  function quizRecord(state, module) {
    var list = attemptsOf(state, module);
    var best = null;
    list.forEach(function (attempt) {
      if (!best || attempt.score > best.score) {
        best = attempt;
      }
    });
    return { attempts: list.length, first: list.length ? list[0] : null, last: list.length ? list[list.length - 1] : null,
      best: best };
  }

  function moduleStatus(state, module, passMark) {
    var done = module.lessons.filter(function (lesson) { return lessonDone(state, module, lesson); }).length;
    var quiz = quizRecord(state, module);
    var passed = Boolean(module.quiz) && Boolean(quiz.best) && quiz.best.score >= passMark;
    var record = own(state.modules, module.id) ? state.modules[module.id] : null;
    return {
      lessonsDone: done,
      lessonsTotal: module.lessons.length,
      quiz: quiz,
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
      var record = own(state.modules, module.id) ? state.modules[module.id] : null;
      if (allLessons && status.passed) {
        if (!record) {
          state.modules[module.id] = { completedAt: new Date().toISOString(), score: status.quiz.best.score };
          changed = true;
        } else if (status.quiz.best.score > record.score) {
          record.score = status.quiz.best.score;
          changed = true;
        }
      }
    });
    return changed;
  }

  /* Records of format 1 kept module-quiz answers one by one: a complete set becomes one attempt. */
  function migrate(state, info) {
    var changed = false;
    info.modules.forEach(function (module) {
      if (!module.quiz || attemptsOf(state, module).length) {
        return;
      }
      var entries = module.quiz.questions.map(function (q) { return answered(state, module.id, q); });
      if (entries.length && entries.every(Boolean)) {
        var right = entries.filter(function (e) { return e.ok; }).length;
        var at = entries.map(function (e) { return e.at; }).sort().pop();
        state.attempts[module.id] = [{ at: at, right: right, total: entries.length,
          score: Math.round((right / entries.length) * 100), answers: dict() }];
        changed = true;
      }
      module.quiz.questions.forEach(function (q) {
        if (state.answers[module.id] && own(state.answers[module.id], q)) {
          delete state.answers[module.id][q];
          changed = true;
        }
      });
    });
    return changed;
  }

  function jpThisYear(state, info) {
    var year = new Date().getFullYear();
    return info.modules.reduce(function (sum, module) {
      var record = own(state.modules, module.id) ? state.modules[module.id] : null;
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
  /* mkdocs-quiz renders each question (.quiz > .quiz-question, form > fieldset > div > input[value]
     [data-correct] + label + .answer-feedback, .quiz-feedback, .quiz-button, section.content); its own
     script is not loaded. Lessons: nothing is shown before a choice is made; a wrong choice shows that
     option's feedback and may be changed at once. The module quiz is an attempt: every question answered,
     submitted together, then the result with explanations; a new attempt starts clean, reshuffled. */

  function inputsOf(quiz) {
    return Array.prototype.slice.call(quiz.querySelectorAll("fieldset input"));
  }

  function chosenValues(quiz) {
    return inputsOf(quiz).filter(function (input) { return input.checked; }).map(function (input) {
      return input.value;
    });
  }

  function isRight(quiz, values) {
    return inputsOf(quiz).every(function (input) {
      return (values.indexOf(input.value) !== -1) === input.hasAttribute("data-correct");
    });
  }

  function clearMarks(quiz) {
    inputsOf(quiz).forEach(function (input) {
      input.parentNode.classList.remove("correct", "wrong");
      var note = input.parentNode.querySelector(".kd-kunci-label");
      if (note) {
        note.remove();
      }
      var feedback = input.parentNode.querySelector(".answer-feedback");
      if (feedback) {
        feedback.classList.add("hidden");
      }
    });
    var box = quiz.querySelector(".quiz-feedback");
    if (box) {
      box.textContent = "";
      box.classList.add("hidden");
    }
    var content = quiz.querySelector("section.content");
    if (content) {
      content.classList.add("hidden");
    }
  }

  function say(quiz, kind, badge, text) {
    var box = quiz.querySelector(".quiz-feedback");
    if (!box) {
      return;
    }
    box.textContent = "";
    box.classList.remove("hidden");
    box.setAttribute("role", "status");
    var item = el("div", { class: "quiz-feedback-item" + (kind ? " " + kind : "") });
    if (badge) {
      item.appendChild(el("span", { class: "quiz-feedback-badge", text: badge }));
    }
    item.appendChild(el("div", { class: "quiz-feedback-item-content", text: text }));
    box.appendChild(item);
  }

  /* Marks the learner's choices; with ``reveal`` also the right options (after a module-quiz attempt). */
  function mark(quiz, values, reveal) {
    var ok = isRight(quiz, values);
    inputsOf(quiz).forEach(function (input) {
      var chosen = values.indexOf(input.value) !== -1;
      var right = input.hasAttribute("data-correct");
      input.checked = chosen;
      if (chosen) {
        input.parentNode.classList.add(right ? "correct" : "wrong");
        var feedback = input.parentNode.querySelector(".answer-feedback");
        if (feedback) {
          feedback.classList.remove("hidden");
        }
      } else if (reveal && right) {
        input.parentNode.classList.add("correct");
        input.parentNode.querySelector("label").appendChild(el("span", { class: "kd-kunci-label",
          text: " (jawaban benar)" }));
      }
    });
    return ok;
  }

  function bindLessonQuiz(info, module, page, quiz) {
    var qid = quiz.getAttribute("data-kd-soal");
    var form = quiz.querySelector("form");
    var entry = answered(load(), module.id, qid);
    if (entry && entry.ok && !chosenValues(quiz).length) {
      var rightValues = inputsOf(quiz).filter(function (i) { return i.hasAttribute("data-correct"); })
        .map(function (i) { return i.value; });
      mark(quiz, rightValues, false);
      say(quiz, "correct", "Benar", "Anda sudah menjawab soal ini dengan benar.");
      quiz.querySelector("section.content").classList.remove("hidden");
    }
    form.addEventListener("change", function () {
      clearMarks(quiz);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = chosenValues(quiz);
      clearMarks(quiz);
      if (!values.length) {
        say(quiz, "", "", "Pilih jawaban dulu, lalu tekan Kirim.");
        var first = inputsOf(quiz)[0];
        if (first) {
          first.focus();
        }
        return;
      }
      var ok = mark(quiz, values, false);
      var state = load();
      var previous = answered(state, module.id, qid);
      state.answers[module.id] = state.answers[module.id] || dict();
      state.answers[module.id][qid] = {
        ok: ok || Boolean(previous && previous.ok),
        first: previous ? previous.first : ok,
        tries: (previous ? previous.tries : 0) + 1,
        at: new Date().toISOString()
      };
      var completed = updateCompletion(state, info);
      save(state);
      if (ok) {
        say(quiz, "correct", "Benar", "Jawaban Anda benar. Penjelasannya ada di bawah.");
        quiz.querySelector("section.content").classList.remove("hidden");
      } else {
        say(quiz, "incorrect", "Belum tepat", "Baca umpan balik pada pilihan Anda, lalu pilih jawaban lain " +
          "dan tekan Kirim lagi.");
      }
      refreshPage(info, module.id, page);
      if (completed) {
        status("Selamat, modul ini selesai. " + recordedIn());
      }
    });
  }

  function shuffle(quiz) {
    var fieldset = quiz.querySelector("fieldset");
    var options = Array.prototype.slice.call(fieldset.children);
    for (var i = options.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = options[i];
      options[i] = options[j];
      options[j] = swap;
    }
    options.forEach(function (option) { fieldset.appendChild(option); });
  }

  function lockQuiz(quiz, locked) {
    inputsOf(quiz).forEach(function (input) { input.disabled = locked; });
  }

  function bindModuleQuiz(info, module, quizzes) {
    var last = quizzes[quizzes.length - 1];
    if (!last || document.getElementById("kd-percobaan")) {
      return;
    }
    quizzes.forEach(function (quiz) {
      var button = quiz.querySelector(".quiz-button");
      if (button) {
        button.remove(); // one submission for the whole attempt, below the last question
      }
      quiz.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
    });
    var box = el("section", { id: "kd-percobaan", class: "kd-percobaan", "aria-labelledby": "kd-percobaan-judul" });
    var heading = el("h2", { id: "kd-percobaan-judul", tabindex: "-1", text: "Kirim jawaban kuis" });
    var note = el("p", { class: "kd-percobaan-catatan", role: "status", "aria-live": "polite" });
    var submit = el("button", { type: "button", class: "md-button md-button--primary", text: "Kirim semua jawaban" });
    var again = el("button", { type: "button", class: "md-button", text: "Mulai percobaan baru", hidden: "" });
    var result = el("div", { class: "kd-hasil" });
    [heading, note, submit, again, result].forEach(function (node) { box.appendChild(node); });
    last.after(box);

    function start() {
      quizzes.forEach(function (quiz) {
        clearMarks(quiz);
        inputsOf(quiz).forEach(function (input) { input.checked = false; });
        lockQuiz(quiz, false);
        shuffle(quiz);
      });
      heading.textContent = "Kirim jawaban kuis";
      note.textContent = "Jawab semua " + quizzes.length + " soal, lalu kirim sekaligus. Hasil dan penjelasannya " +
        "tampil setelah dikirim.";
      submit.hidden = false;
      again.hidden = true;
      result.textContent = "";
    }

    function show(attempt, number) {
      quizzes.forEach(function (quiz) {
        clearMarks(quiz);
        var values = attempt.answers[quiz.getAttribute("data-kd-soal")] || [];
        var ok = mark(quiz, values, true);
        say(quiz, ok ? "correct" : "incorrect", ok ? "Benar" : "Salah",
          ok ? "Jawaban Anda benar." : "Jawaban Anda belum tepat; jawaban benar ditandai.");
        quiz.querySelector("section.content").classList.remove("hidden");
        lockQuiz(quiz, true);
      });
      heading.textContent = "Hasil percobaan ke-" + number;
      note.textContent = "";
      submit.hidden = true;
      again.hidden = false;
      endPanel(result, info, module, attempt);
    }

    submit.addEventListener("click", function () {
      var missing = [];
      var answers = dict();
      quizzes.forEach(function (quiz, index) {
        var values = chosenValues(quiz);
        if (!values.length) {
          missing.push(index);
        }
        answers[quiz.getAttribute("data-kd-soal")] = values;
      });
      if (missing.length) {
        note.textContent = "Soal nomor " + missing.map(function (i) { return i + 1; }).join(", ") +
          " belum dijawab. Jawab semua soal dulu; belum ada yang dinilai.";
        var first = inputsOf(quizzes[missing[0]])[0];
        if (first) {
          first.focus();
        }
        return;
      }
      var right = quizzes.filter(function (quiz) {
        return isRight(quiz, answers[quiz.getAttribute("data-kd-soal")]);
      }).length;
      var attempt = { at: new Date().toISOString(), right: right, total: quizzes.length,
        score: Math.round((right / quizzes.length) * 100), answers: answers };
      var state = load();
      var list = attemptsOf(state, module).slice(-(MAX_ATTEMPTS - 1));
      list.push(attempt);
      state.attempts[module.id] = list;
      var completed = updateCompletion(state, info);
      var stored = save(state);
      show(attempt, list.length);
      if (!stored) {
        note.textContent = "Hasil ini belum tersimpan di perangkat (penyimpanan tidak tersedia atau penuh).";
      }
      quizPanel(info, module);
      heading.focus();
      if (completed) {
        status("Selamat, modul ini selesai. " + recordedIn());
      }
    });
    again.addEventListener("click", function () {
      start();
      var first = inputsOf(quizzes[0])[0];
      if (first) {
        first.focus();
      }
    });

    var previous = quizRecord(load(), module);
    if (previous.last && Object.keys(previous.last.answers).length) {
      show(previous.last, previous.attempts);
    } else {
      start();
    }
  }

  function bindQuizzes(info, moduleId, page) {
    var module = findModule(info, moduleId);
    if (!module) {
      return;
    }
    var quizzes = Array.prototype.slice.call(document.querySelectorAll(".quiz[data-kd-soal]")).filter(function (quiz) {
      var form = quiz.querySelector("form");
      if (!form || form.dataset.kdBound) {
        return false;
      }
      form.dataset.kdBound = "1";
      return true;
    });
    if (page === "kuis") {
      bindModuleQuiz(info, module, quizzes);
    } else {
      quizzes.forEach(function (quiz) { bindLessonQuiz(info, module, page, quiz); });
    }
  }

  /* Where the learner goes after this module: the next unfinished module of a path that holds it. */
  function nextStep(state, whole, module) {
    var paths = whole.paths.filter(function (p) { return p.modules.indexOf(module.id) !== -1; });
    for (var i = 0; i < paths.length; i += 1) {
      var path = paths[i];
      var after = path.modules.slice(path.modules.indexOf(module.id) + 1).concat(path.modules);
      var next = after.filter(function (id) { return id !== module.id && !own(state.modules, id); })[0];
      var target = next ? findModule(whole, next) : null;
      if (target) {
        return { text: "Berikutnya di jalur " + path.title + ": ", title: target.title, url: ROOT + target.url };
      }
      return { text: "Semua modul jalur " + path.title + " sudah selesai. Lihat ", title: "Progres Saya",
        url: ROOT + "progres/" };
    }
    return { text: "Pilih modul berikutnya di ", title: "Katalog Modul", url: ROOT + "modul/" };
  }

  function endPanel(container, info, module, attempt) {
    var state = load();
    var s = moduleStatus(state, module, info.passMark);
    var pass = attempt.score >= info.passMark;
    container.textContent = "";
    var box = el("div", { class: "admonition " + (pass ? "success" : "warning") + " kd-akhir" });
    box.appendChild(el("p", { class: "admonition-title", text: pass ? "Lulus" : "Belum lulus" }));
    box.appendChild(el("p", { text: "Skor percobaan ini: " + attempt.right + " dari " + attempt.total + " soal benar (" +
      attempt.score + "%). Nilai lulus " + info.passMark + "%." }));
    box.appendChild(el("p", { text: "Catatan kuis: " + s.quiz.attempts + " percobaan, skor percobaan pertama " +
      s.quiz.first.score + "%, skor terbaik " + s.quiz.best.score + "%." }));
    if (s.complete && PAKET) {
      box.appendChild(el("p", { text: "Modul selesai. " + recordedIn() }));
    } else if (s.complete) {
      box.appendChild(el("p", { text: "Modul selesai: " + angka(module.jp) + " JP tercatat untuk tahun " +
        new Date(s.completedAt).getFullYear() + " di Progres Saya." }));
    } else if (s.passed) {
      var open = module.lessons.filter(function (l) { return !lessonDone(state, module, l); })[0];
      var line = el("p", { text: "Kuis lulus. Modul dihitung selesai, dan " + angka(module.jp) + " JP-nya tercatat, " +
        "setelah semua pelajaran selesai (" + s.lessonsDone + " dari " + s.lessonsTotal + "). " });
      if (open) {
        line.appendChild(el("a", { href: ROOT + open.url, text: "Lanjutkan: " + open.title }));
      }
      box.appendChild(line);
    } else {
      box.appendChild(el("p", { text: "Baca lagi penjelasan soal yang salah dan pelajaran terkait, lalu mulai " +
        "percobaan baru. Pilihan jawaban akan diacak ulang." }));
    }
    var next = el("p", { class: "kd-berikutnya" });
    box.appendChild(next);
    container.appendChild(box);
    if ((s.complete || s.passed) && !PAKET) {
      data(true).then(function (whole) {
        var step = nextStep(load(), whole, module);
        next.textContent = step.text;
        next.appendChild(el("a", { href: step.url, text: step.title }));
      }).catch(function () {});
    }
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
    var s = moduleStatus(load(), module, info.passMark);
    var panel = document.getElementById("kd-skor");
    if (!panel) {
      panel = el("div", { id: "kd-skor", class: "admonition info kd-skor" });
      var crumb = article.querySelector(".kd-crumb");
      (crumb || article.firstChild).after(panel);
    }
    panel.textContent = "";
    panel.appendChild(el("p", { class: "admonition-title", text: "Catatan kuis Anda" }));
    panel.appendChild(el("p", { text: s.quiz.attempts
      ? s.quiz.attempts + " percobaan; skor percobaan pertama " + s.quiz.first.score + "%, skor terbaik " +
        s.quiz.best.score + "% (nilai lulus " + info.passMark + "%). Pelajaran selesai: " + s.lessonsDone + " dari " +
        s.lessonsTotal + "."
      : "Belum ada percobaan. Jawab semua soal, lalu tekan \"Kirim semua jawaban\" di bawah. Nilai lulus " +
        info.passMark + "%." }));
    if (s.complete) {
      panel.appendChild(el("p", { text: "Modul selesai pada " + tanggal(s.completedAt) + (PAKET ? ". " + recordedIn()
        : "; " + angka(module.jp) + " JP tercatat di Progres Saya.") }));
    }
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
          var target = new URL(link.getAttribute("href"), location.href).pathname;
          var lesson = module.lessons.filter(function (l) {
            return target === new URL(ROOT + l.url, location.href).pathname;
          })[0];
          if (lesson && lessonDone(state, module, lesson) && !link.parentNode.querySelector(".kd-tanda")) {
            link.after(el("span", { class: "kd-tanda kd-selesai", text: " ✓" , title: "selesai" }));
          }
        });
        if (!document.getElementById("kd-ringkas")) {
          luring.before(el("p", { id: "kd-ringkas", class: "kd-ringkas", text: "Progres Anda: " + s.lessonsDone +
            " dari " + s.lessonsTotal + " pelajaran; kuis: " + quizSummary(s, info.passMark) +
            (s.complete ? "; modul selesai, " + angka(module.jp) + " JP tercatat." : ".") }));
        }
        if (!PAKET) {
          offlineButton(luring, module);
        }
      }
    }
  }

  function started(state, module) {
    return module.lessons.some(function (l) { return lessonDone(state, module, l); }) ||
      Boolean(state.answers[module.id] && Object.keys(state.answers[module.id]).length) ||
      attemptsOf(state, module).length > 0;
  }

  /* Where to continue a module: the first unfinished lesson, then the quiz; null when it is complete. */
  function resumePoint(state, module, passMark) {
    var open = module.lessons.filter(function (l) { return !lessonDone(state, module, l); })[0];
    if (open) {
      return { title: open.title, url: open.url };
    }
    var s = moduleStatus(state, module, passMark);
    if (module.quiz && !s.passed) {
      return { title: "Kuis modul", url: module.quiz.url };
    }
    return null;
  }

  /* The module page's start button becomes "Lanjutkan" once there is progress; cards get their marks. */
  function continueMarks(info) {
    var state = load();
    var start = document.querySelector("a.kd-mulai[data-modul]");
    var module = start ? findModule(info, start.getAttribute("data-modul")) : null;
    if (start && module && started(state, module) && !start.dataset.kdSet) {
      start.dataset.kdSet = "1";
      var point = resumePoint(state, module, info.passMark);
      if (point) {
        start.textContent = "Lanjutkan: " + point.title;
        start.setAttribute("href", ROOT + point.url);
      } else {
        start.textContent = "Modul selesai · baca lagi dari awal";
      }
    }
    Array.prototype.forEach.call(document.querySelectorAll(".kd-kartu[data-modul]"), function (card) {
      var id = card.getAttribute("data-modul");
      var m = findModule(info, id);
      if (!m || card.querySelector(".kd-tanda")) {
        return;
      }
      var text = own(state.modules, id) ? "✓ selesai" : (started(state, m) ? "sedang dipelajari" : "");
      if (text) {
        var info_ = card.querySelector(".kd-kartu-info");
        (info_ || card).appendChild(el("span", { class: "kd-tanda" + (own(state.modules, id) ? " kd-selesai" : ""),
          text: " · " + text }));
      }
    });
    var lanjut = document.querySelector(".kd-lanjutkan");
    if (lanjut && !lanjut.childElementCount) {
      var current = info.modules.filter(function (m) { return started(state, m) && !own(state.modules, m.id); })[0];
      var target = current ? resumePoint(state, current, info.passMark) : null;
      if (current && target) {
        lanjut.appendChild(el("a", { class: "md-button md-button--primary", href: ROOT + target.url,
          text: "Lanjutkan belajar: " + current.title + " · " + target.title }));
        lanjut.hidden = false;
      }
    }
  }

  function quizSummary(s, passMark) {
    if (!s.quiz.attempts) {
      return "belum dicoba";
    }
    return (s.passed ? "lulus" : "belum lulus") + " (skor terbaik " + s.quiz.best.score + "%, " + s.quiz.attempts +
      " percobaan, nilai lulus " + passMark + "%)";
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
    if (PAKET || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) {
      return;
    }
    navigator.serviceWorker.register(ROOT + "sw.js", { scope: ROOT }).catch(function () {});
  }

  /* Whether every page of a module is in the offline cache: asked of the cache itself, never stored twice. */
  function savedOffline(module) {
    if (!("caches" in window)) {
      return Promise.resolve(false);
    }
    return caches.open("kd-halaman").then(function (cache) {
      return Promise.all(module.pages.map(function (page) { return cache.match(ROOT + page); }));
    }).then(function (hits) {
      return hits.every(Boolean);
    }).catch(function () { return false; });
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
    savedOffline(module).then(function (saved) {
      if (saved) {
        note.textContent = "Tersimpan: modul ini dapat dibaca di perangkat ini tanpa internet.";
        button.textContent = "Perbarui salinan tanpa internet";
      }
    });
    button.addEventListener("click", function () {
      var urls = module.pages.map(function (page) { return ROOT + page; });
      urls.push(ROOT + "assets/kompetensi-data.json");
      var done = 0;
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      note.textContent = "Menyimpan 0 dari " + urls.length + " halaman...";
      caches.open("kd-halaman").then(function (cache) {
        return Promise.all(urls.map(function (url) {
          return fetch(url, { credentials: "same-origin" }).then(function (response) {
            if (!response.ok) {
              throw new Error(String(response.status));
            }
            return cache.put(url, response).then(function () {
              done += 1;
              note.textContent = "Menyimpan " + done + " dari " + urls.length + " halaman...";
            });
          });
        }));
      }).then(function () {
        note.textContent = "Tersimpan: modul ini dapat dibaca di perangkat ini tanpa internet.";
        button.textContent = "Perbarui salinan tanpa internet";
      }).catch(function () {
        note.textContent = "Gagal menyimpan (" + done + " dari " + urls.length + " halaman tersimpan). Periksa " +
          "sambungan internet, lalu coba lagi.";
      }).then(function () {
        button.disabled = false;
        button.removeAttribute("aria-busy");
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
    var table = el("table", { class: "kd-tumpuk" }, [el("thead", {}, [el("tr", {}, [
      el("th", { scope: "col", text: "Modul" }), el("th", { scope: "col", text: "Pelajaran" }),
      el("th", { scope: "col", text: "Kuis" }), el("th", { scope: "col", text: "Status" })])])]);
    var body = el("tbody");
    info.modules.forEach(function (module) {
      var s = moduleStatus(state, module, info.passMark);
      var link = el("a", { href: ROOT + module.url, text: module.title });
      var cell = el("td", {}, [link]);
      savedOffline(module).then(function (saved) {
        if (saved) {
          cell.appendChild(el("span", { class: "kd-tanda kd-luring-tanda", text: " · tersimpan tanpa internet" }));
        }
      });
      body.appendChild(el("tr", { "data-modul": module.id }, [
        cell,
        el("td", { "data-label": "Pelajaran", text: s.lessonsDone + "/" + s.lessonsTotal }),
        el("td", { "data-label": "Kuis", text: s.quiz.attempts ? s.quiz.best.score + "%" : "–" }),
        el("td", { "data-label": "Status", text: s.complete ? "Selesai " + tanggal(s.completedAt) + " · " + angka(module.jp) + " JP"
          : (s.lessonsDone || s.quiz.attempts ? "Sedang dipelajari" : "Belum mulai") })
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
    var rows = info ? info.modules.filter(function (m) { return own(state.modules, m.id); }) : [];
    if (!info) {
      sheet.appendChild(el("p", { text: "Daftar modul tidak dapat dimuat, jadi modul yang selesai belum dapat " +
        "ditampilkan. Ekspor, impor, dan hapus progres tetap dapat dipakai." }));
    } else if (!rows.length) {
      sheet.appendChild(el("p", { text: "Belum ada modul yang selesai." }));
    } else {
      var table = el("table", { class: "kd-tumpuk" }, [el("thead", {}, [el("tr", {}, [
        el("th", { scope: "col", text: "Modul" }), el("th", { scope: "col", text: "Selesai" }),
        el("th", { scope: "col", text: "JP" }), el("th", { scope: "col", text: "Skor kuis" })])])]);
      var body = el("tbody");
      var total = 0;
      rows.forEach(function (m) {
        var record = state.modules[m.id];
        var quiz = quizRecord(state, m);
        total += m.jp;
        body.appendChild(el("tr", { "data-modul": m.id }, [el("td", { text: m.title }),
          el("td", { "data-label": "Selesai", text: tanggal(record.completedAt) }),
          el("td", { "data-label": "JP", text: angka(m.jp) }),
          el("td", { "data-label": "Skor kuis", text: quiz.attempts
            ? record.score + "% terbaik; percobaan pertama " + quiz.first.score + "%; " + quiz.attempts + " percobaan"
            : record.score + "%" })]));
      });
      body.appendChild(el("tr", { class: "kd-total" }, [el("th", { scope: "row", text: "Jumlah" }), el("td"),
        el("td", { "data-label": "JP", text: angka(total) }), el("td")]));
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
        reset();
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

  /* Merge an exported file into this device's records, item by item, keeping the newer record of each;
     returns what changed so the learner is told exactly that. Nothing already here is lost. */
  function merge(base, extra) {
    var report = { added: 0, updated: 0, older: 0, attempts: 0, lessons: 0, modules: 0 };
    if (!base.name && extra.name) {
      base.name = extra.name;
    }
    Object.keys(extra.answers).forEach(function (moduleId) {
      base.answers[moduleId] = base.answers[moduleId] || dict();
      Object.keys(extra.answers[moduleId]).forEach(function (q) {
        var mine = own(base.answers[moduleId], q) ? base.answers[moduleId][q] : null;
        var theirs = extra.answers[moduleId][q];
        if (!mine) {
          base.answers[moduleId][q] = theirs;
          report.added += 1;
        } else if (Date.parse(theirs.at) > Date.parse(mine.at)) {
          base.answers[moduleId][q] = theirs;
          report.updated += 1;
        } else if (Date.parse(theirs.at) < Date.parse(mine.at)) {
          report.older += 1;
        }
      });
    });
    Object.keys(extra.lessons).forEach(function (id) {
      if (!own(base.lessons, id)) {
        base.lessons[id] = extra.lessons[id];
        report.lessons += 1;
      }
    });
    Object.keys(extra.attempts).forEach(function (moduleId) {
      var mine = own(base.attempts, moduleId) ? base.attempts[moduleId] : [];
      var seen = mine.map(function (a) { return a.at + "|" + a.score; });
      extra.attempts[moduleId].forEach(function (attempt) {
        if (seen.indexOf(attempt.at + "|" + attempt.score) === -1) {
          mine.push(attempt);
          report.attempts += 1;
        }
      });
      mine.sort(function (a, b) { return Date.parse(a.at) - Date.parse(b.at); });
      base.attempts[moduleId] = mine.slice(-MAX_ATTEMPTS);
    });
    Object.keys(extra.modules).forEach(function (id) {
      var mine = own(base.modules, id) ? base.modules[id] : null;
      var theirs = extra.modules[id];
      if (!mine) {
        base.modules[id] = theirs;
        report.modules += 1;
      } else {
        mine.completedAt = Date.parse(theirs.completedAt) < Date.parse(mine.completedAt) ? theirs.completedAt : mine.completedAt;
        mine.score = Math.max(mine.score, theirs.score);
      }
    });
    return report;
  }

  function describe(report, dropped) {
    var parts = [report.added + " jawaban baru", report.updated + " jawaban diperbarui", report.attempts +
      " percobaan kuis", report.lessons + " pelajaran selesai", report.modules + " modul selesai"];
    var text = "Impor selesai: " + parts.join(", ") + " ditambahkan dari berkas.";
    if (report.older) {
      text += " " + report.older + " jawaban di berkas lebih lama dari yang ada di perangkat ini dan tidak dipakai.";
    }
    if (dropped) {
      text += " " + dropped + " catatan tidak terbaca dilewati.";
    }
    return text;
  }

  function importFile(file, container, info) {
    var reader = new FileReader();
    reader.onload = function () {
      var message;
      var payload;
      try {
        payload = JSON.parse(String(reader.result));
      } catch (error) {
        payload = null;
      }
      if (!isObject(payload) || payload.app !== "kompetensi-asn" || !isObject(payload.state)) {
        message = "Impor gagal: berkas ini bukan ekspor Catatan Belajar yang sah. Tidak ada yang diubah.";
      } else {
        var result = sanitize(payload.state);
        var merged = load();
        var report = merge(merged, result.state);
        if (info) {
          migrate(merged, info);
          updateCompletion(merged, info);
        }
        message = save(merged) ? describe(report, result.dropped)
          : "Impor gagal disimpan: penyimpanan peramban tidak tersedia atau penuh. Data di perangkat ini tidak berubah.";
      }
      renderRecord(container, info);
      document.getElementById("kd-impor-status").textContent = message;
    };
    reader.readAsText(file);
  }

  /* ---------- SCORM package pages -------------------------------------------------------- */
  /* In a module's SCORM package the launcher (index.html) runs paket.js, which holds the LMS session and
     connects it to this store (connect, below); the pages shown in its frame read and write the launcher's
     store instead of localStorage (findHost). */

  /* The launcher's store, seen from a page in its frame (same origin, a few frames up at most). */
  function findHost() {
    var win = window;
    for (var depth = 0; depth < 5 && win.parent && win.parent !== win; depth += 1) {
      win = win.parent;
      try {
        if (win.kompetensiPaket && typeof win.kompetensiPaket.read === "function") {
          return win.kompetensiPaket;
        }
      } catch (error) {
        return null; // a frame of another origin: not our launcher
      }
    }
    return null;
  }

  function recordedIn() {
    if (!PAKET) {
      return "JP-nya tercatat di Progres Saya.";
    }
    return (host ? host.lms : Boolean(sink)) ? "Hasilnya tercatat di LMS." : "Hasilnya tersimpan di peramban ini.";
  }

  function fileOf(win) {
    try {
      return win.location.pathname.split("/").pop();
    } catch (error) {
      return "";
    }
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
    var hasProgress = false;
    try {
      hasProgress = Boolean(host || window.localStorage.getItem(KEY));
    } catch (error) {
      hasProgress = false;
    }
    var cards = hasProgress && document.querySelector(".kd-kartu[data-modul], .kd-lanjutkan");
    var needsData = crumb || progress || record || cards ||
      document.querySelector(".kd-prasyarat, .kd-jalur, .kd-luring, .kd-mulai");
    if (!needsData) {
      showNotices();
      return;
    }
    function run(info) {
      if (!info) {
        /* Without the module list the record can still be exported, imported and reset. */
        if (progress) {
          progress.textContent = "";
          progress.appendChild(el("p", { text: "Daftar modul tidak dapat dimuat (periksa sambungan internet, lalu " +
            "muat ulang halaman). Ekspor, impor, dan hapus progres tersedia di Catatan Belajar." }));
        }
        if (record) {
          renderRecord(record, null);
        }
        showNotices();
        return;
      }
      var state = load();
      var changed = migrate(state, info);
      if (updateCompletion(state, info) || changed) {
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
      continueMarks(info);
      if (progress) {
        renderProgress(progress, info);
      }
      if (record) {
        renderRecord(record, info);
      }
      showNotices();
    }
    data(Boolean(progress || record || cards || document.querySelector(".kd-jalur"))).then(run, function () { run(null); });
  }

  registerServiceWorker();
  if (host && typeof host.shown === "function") {
    host.shown(fileOf(window));
  }
  if (document.getElementById("kd-scorm")) {
    /* A package's launcher: paket.js, loaded after this script, starts it. */
  } else if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }

  /* For paket.js (a package's launcher), tests and the browser console. */
  window.kompetensiProgres = { KEY: KEY, sanitize: sanitize, merge: merge, load: load, describe: describe,
    empty: empty, save: save, own: own, answered: answered, attemptsOf: attemptsOf, moduleStatus: moduleStatus,
    quizSummary: quizSummary, data: data, fileOf: fileOf,
    notice: function (text) { notices.push(text); },
    takeNotices: function () { var taken = notices; notices = []; return taken; },
    /* The launcher's LMS session: from now on the state lives in memory and every save reports to it. */
    connect: function (lmsSink, state) { sink = lmsSink; memoryState = state; } };
})();
