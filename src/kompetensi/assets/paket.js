/* paket.js: the SCORM 1.2 side of a module's package (kompetensi export scorm), loaded by the package's
 * launcher only, after progres.js. The site's pages never load it: a phone reading the handbook does not
 * download the LMS code.
 *
 * progres.js stays the one progress store; this file connects it to the LMS through the few functions
 * progres.js exposes (window.kompetensiProgres) and keeps the LMS session itself.
 *
 * A module's SCORM package is one SCO. Its launcher page (#kd-scorm, the package's
 * index.html) owns the LMS session: it finds the LMS's API with the ADL walk (this window and its parents,
 * then the opener's), calls LMSInitialize once, shows the module's pages in an inner frame and calls
 * LMSFinish only when the launcher itself is left (pagehide), never on a change of page. A page in the frame
 * never talks to the LMS: it reads and writes the launcher's state (window.kompetensiPaket). With an LMS the
 * state lives in cmi.suspend_data, not in localStorage: an office computer is shared, and the LMS keeps the
 * record of each person. Without an API the launcher keeps it in localStorage, as the site does.
 *
 * Reported after every change: cmi.suspend_data (the state, compact: encodeState), cmi.core.lesson_status
 * (incomplete; once the module quiz has an attempt, passed or failed by the best score against the pass
 * mark, which is the manifest's mastery score; completed when a module without a quiz has all its lessons
 * done), cmi.core.score.raw/min/max (best score of 0 to 100), then LMSCommit. On each page shown:
 * cmi.core.lesson_location (where the next session resumes). On leaving: cmi.core.exit "suspend" (the LMS
 * keeps the record for the next session), cmi.core.session_time, LMSCommit, LMSFinish.
 */
(function () {
  "use strict";

  var P = window.kompetensiProgres;
  var box = document.getElementById("kd-scorm");
  if (!P || !box) {
    return; // not a package's launcher, or progres.js did not run: nothing to connect
  }
  var own = P.own;
  var empty = P.empty;
  var sanitize = P.sanitize;
  var load = P.load;
  var save = P.save;
  var data = P.data;
  var answered = P.answered;
  var attemptsOf = P.attemptsOf;
  var moduleStatus = P.moduleStatus;
  var quizSummary = P.quizSummary;
  var fileOf = P.fileOf;
  var lms = null; // the LMS session, once LMSInitialize has answered "true"

  var SUSPEND_FORMAT = "k1";
  var SUSPEND_LIMIT = 4096;

  function findAPI(win) {
    for (var depth = 0; win && depth < 8; depth += 1) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") {
          return win.API;
        }
      } catch (error) {
        /* a window of another origin: keep walking up */
      }
      if (!win.parent || win.parent === win) {
        break;
      }
      win = win.parent;
    }
    return null;
  }

  function getAPI() {
    var api = findAPI(window);
    try {
      if (!api && window.opener) {
        api = findAPI(window.opener);
      }
    } catch (error) {
      api = null;
    }
    return api;
  }

  function b36(number) {
    return Math.max(0, Math.round(number)).toString(36);
  }

  /* Whole seconds, rounded down: a restored time is never later than the original, so a quiz attempt made
     in the same second as one restored from the LMS still sorts after it. */
  function stamp(iso) {
    return b36(Math.floor(Date.parse(iso) / 1000));
  }

  function unstamp(text) {
    var seconds = parseInt(text, 36);
    return /^[0-9a-z]{1,9}$/.test(text || "") && isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
  }

  function lessonQuestions(module) {
    return module.lessons.reduce(function (all, lesson) { return all.concat(lesson.questions); }, []);
  }

  /* A fingerprint of the module's lessons and questions (FNV-1a): saved answers are kept by position, so after
     an update of the package with other questions they must not be attached to the wrong ones. */
  function contentKey(module) {
    var text = module.lessons.map(function (l) { return l.slug + ":" + l.questions.join(","); }).join(";") + "|" +
      (module.quiz ? module.quiz.questions.join(",") : "");
    var hash = 2166136261;
    for (var i = 0; i < text.length; i += 1) {
      hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
    }
    return hash.toString(36);
  }

  /* One module's state as cmi.suspend_data, within SCORM 1.2's 4096 characters:
       k1|key|lessons|answers|attempts|completion
     lessons:    index.time, ...                         (lessons marked done, by position in the module)
     answers:    index.flags.tries.time, ...             (lesson questions by position; flags 1 right, 2 right first)
     attempts:   time.right.total, ... ,time.right.total.choices   (choices only for the last attempt: the one
                 the quiz page shows; per quiz question the option values joined by "+", questions by "_")
     completion: time.score
     Numbers and times (seconds since 1970) in base 36. The handbook's largest module, every answer given and
     50 attempts kept, needs about 1,040 characters (tests/test_scorm.py). */
  function encodeState(state, module) {
    var id = module.id;
    var lessons = [];
    module.lessons.forEach(function (lesson, index) {
      var key = id + "/" + lesson.slug;
      if (own(state.lessons, key)) {
        lessons.push(b36(index) + "." + stamp(state.lessons[key].at));
      }
    });
    var answers = [];
    lessonQuestions(module).forEach(function (q, index) {
      var entry = answered(state, id, q);
      if (entry) {
        answers.push(b36(index) + "." + ((entry.ok ? 1 : 0) + (entry.first ? 2 : 0)) + "." + b36(entry.tries) + "." +
          stamp(entry.at));
      }
    });
    var quizIds = module.quiz ? module.quiz.questions : [];
    var record = own(state.modules, id) ? state.modules[id] : null;
    function text(kept) {
      var attempts = kept.map(function (attempt, index) {
        var item = stamp(attempt.at) + "." + b36(attempt.right) + "." + b36(attempt.total);
        if (index === kept.length - 1) {
          item += "." + quizIds.map(function (q) { return (attempt.answers[q] || []).join("+"); }).join("_");
        }
        return item;
      });
      return [SUSPEND_FORMAT, contentKey(module), lessons.join(","), answers.join(","), attempts.join(","),
        record ? stamp(record.completedAt) + "." + b36(record.score) : ""].join("|");
    }
    var kept = attemptsOf(state, module).slice();
    var result = text(kept);
    /* Never reached by the handbook's modules (tested); should a module grow, the oldest attempts after the
       first give way, so the first, the best and the last stay. */
    while (result.length > SUSPEND_LIMIT && kept.length > 3) {
      var best = kept.reduce(function (top, a) { return !top || a.score > top.score ? a : top; }, null);
      kept.splice(kept[1] === best ? 2 : 1, 1);
      result = text(kept);
    }
    return result;
  }

  /* cmi.suspend_data back into a state; anything unreadable is dropped, with a notice, never an error. */
  function decodeState(text, module) {
    if (!text) {
      return { state: empty(), problem: "" };
    }
    var parts = String(text).split("|");
    if (parts[0] !== SUSPEND_FORMAT || parts.length !== 6) {
      return { state: empty(), problem: "Catatan progres dari LMS tidak terbaca, jadi progres dimulai dari awal." };
    }
    var id = module.id;
    var same = parts[1] === contentKey(module);
    var raw = { answers: {}, lessons: {}, attempts: {}, modules: {} };
    function items(part) {
      return part ? part.split(",").map(function (item) { return item.split("."); }) : [];
    }
    if (same) {
      items(parts[2]).forEach(function (f) {
        var lesson = module.lessons[parseInt(f[0], 36)];
        if (lesson) {
          raw.lessons[id + "/" + lesson.slug] = { at: unstamp(f[1]) };
        }
      });
      var questions = lessonQuestions(module);
      items(parts[3]).forEach(function (f) {
        var q = questions[parseInt(f[0], 36)];
        var flags = parseInt(f[1], 36);
        if (q) {
          raw.answers[id] = raw.answers[id] || {};
          raw.answers[id][q] = { ok: (flags & 1) === 1, first: (flags & 2) === 2, tries: parseInt(f[2], 36),
            at: unstamp(f[3]) };
        }
      });
    }
    raw.attempts[id] = items(parts[4]).map(function (f) {
      var right = parseInt(f[1], 36);
      var total = parseInt(f[2], 36);
      var choices = {};
      if (same && f.length > 3 && module.quiz) {
        f[3].split("_").forEach(function (values, index) {
          var q = module.quiz.questions[index];
          if (q && values) {
            choices[q] = values.split("+");
          }
        });
      }
      return { at: unstamp(f[0]), right: right, total: total, score: total > 0 ? Math.round((right / total) * 100) : -1,
        answers: choices };
    });
    if (parts[5]) {
      var done = parts[5].split(".");
      raw.modules[id] = { completedAt: unstamp(done[0]), score: parseInt(done[1], 36) };
    }
    var result = sanitize(raw);
    var problem = same ? "" : "Isi modul ini diperbarui sejak sesi Anda sebelumnya, jadi jawaban latihan dan " +
      "tanda pelajaran selesai dimulai lagi. Skor kuis modul Anda tetap tercatat.";
    if (result.dropped) {
      problem += (problem ? " " : "") + result.dropped + " catatan progres dari LMS tidak terbaca dan dilewati.";
    }
    return { state: result.state, problem: problem };
  }

  function lmsError(what) {
    var code = "";
    var text = "";
    try {
      code = String(lms.api.LMSGetLastError());
      text = String(lms.api.LMSGetErrorString(code));
    } catch (error) {
      text = String(error);
    }
    P.notice("LMS tidak dapat " + what + " (galat " + code + (text ? ": " + text : "") + "). Progres di " +
      "halaman ini tetap tampil, tetapi mungkin belum tercatat di LMS.");
  }

  function lmsSet(name, value) {
    if (String(lms.api.LMSSetValue(name, value)) === "true") {
      return true;
    }
    lmsError("menyimpan " + name);
    return false;
  }

  function lmsCommit() {
    if (String(lms.api.LMSCommit("")) === "true") {
      return true;
    }
    lmsError("menyimpan progres");
    return false;
  }

  /* The state to the LMS: suspend_data, score and status, then a commit. Returns true when all of it was taken. */
  function report(state) {
    if (!lms || lms.finished) {
      return false;
    }
    var module = lms.module;
    var s = moduleStatus(state, module, lms.info.passMark);
    var ok = lmsSet("cmi.suspend_data", encodeState(state, module));
    var lessonStatus = "";
    if (module.quiz && s.quiz.best) {
      ok = lmsSet("cmi.core.score.min", "0") && ok;
      ok = lmsSet("cmi.core.score.max", "100") && ok;
      ok = lmsSet("cmi.core.score.raw", String(s.quiz.best.score)) && ok;
      lessonStatus = s.passed ? "passed" : "failed";
    } else if (!module.quiz && s.lessonsDone === s.lessonsTotal) {
      lessonStatus = "completed";
    }
    if (lessonStatus && lessonStatus !== lms.status) {
      ok = lmsSet("cmi.core.lesson_status", lessonStatus) && ok;
      lms.status = lessonStatus;
    }
    ok = lmsCommit() && ok;
    launcherStatus();
    return ok;
  }

  function twoDigits(number, width) {
    var text = String(number);
    while (text.length < (width || 2)) {
      text = "0" + text;
    }
    return text;
  }

  /* CMITimespan: HHHH:MM:SS.SS */
  function sessionTime(milliseconds) {
    var centis = Math.max(0, Math.floor(milliseconds / 10));
    return twoDigits(Math.floor(centis / 360000), 4) + ":" + twoDigits(Math.floor(centis / 6000) % 60) + ":" +
      twoDigits(Math.floor(centis / 100) % 60) + "." + twoDigits(centis % 100);
  }

  function finishLms() {
    if (!lms || lms.finished) {
      return;
    }
    report(load());
    lmsSet("cmi.core.exit", "suspend");
    lmsSet("cmi.core.session_time", sessionTime(Date.now() - lms.started));
    lmsCommit();
    lms.finished = true;
    lms.api.LMSFinish("");
  }

  function launcherStatus() {
    var box = document.getElementById("kd-scorm");
    var line = box && box.querySelector(".kd-paket-status");
    if (!line || !box.kdInfo) {
      return;
    }
    var info = box.kdInfo;
    var module = info.modules[0];
    var s = moduleStatus(load(), module, info.passMark);
    var parts = [lms ? "Tersambung ke LMS: progres dan nilai tercatat di LMS."
      : "Tidak tersambung ke LMS: progres disimpan di peramban ini saja.",
      "Pelajaran selesai: " + s.lessonsDone + " dari " + s.lessonsTotal + "."];
    if (module.quiz) {
      parts.push("Kuis modul: " + quizSummary(s, info.passMark) + ".");
    }
    line.textContent = parts.concat(P.takeNotices()).join(" ");
  }

  /* A page of the package is shown in the frame: mark it in the table of contents and tell the LMS (told by the
     page itself as soon as its script runs, and again by the frame's load event). */
  function pageShown(box, files, file) {
    Array.prototype.forEach.call(box.querySelectorAll("a[data-berkas]"), function (link) {
      if (link.getAttribute("data-berkas") === file) {
        link.setAttribute("aria-current", "page");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    var list = box.querySelector(".kd-paket-daftar");
    if (list) {
      list.open = false;
    }
    if (lms && !lms.finished && files.indexOf(file) !== -1 && file !== lms.location) {
      lms.location = file;
      lmsSet("cmi.core.lesson_location", file);
      lmsCommit();
    }
  }

  function startLauncher(box) {
    var frame = document.getElementById("kd-isi");
    var files = [];
    try {
      files = JSON.parse(box.getAttribute("data-halaman") || "[]");
    } catch (error) {
      files = [];
    }
    data(false).then(function (info) {
      var module = info.modules[0];
      box.kdInfo = info;
      var api = getAPI();
      if (api && String(api.LMSInitialize("")) === "true") {
        lms = { api: api, info: info, module: module, started: Date.now(), finished: false, status: "", location: "" };
        var restored = decodeState(String(api.LMSGetValue("cmi.suspend_data") || ""), module);
        if (restored.problem) {
          P.notice(restored.problem);
        }
        P.connect({ report: report }, restored.state);
        lms.status = String(api.LMSGetValue("cmi.core.lesson_status") || "");
        if (lms.status === "" || lms.status === "not attempted") {
          lmsSet("cmi.core.lesson_status", "incomplete");
          lms.status = "incomplete";
        }
        report(restored.state);
        window.addEventListener("pagehide", finishLms);
        if (!("onpagehide" in window)) {
          window.addEventListener("unload", finishLms);
        }
      } else if (api) {
        var code = "";
        try {
          code = String(api.LMSGetLastError());
        } catch (error) {
          code = "?";
        }
        P.notice("LMS tidak menerima sesi modul ini (galat " + code + "), jadi progres disimpan di peramban ini saja.");
      }
      window.kompetensiPaket = {
        lms: Boolean(lms),
        shown: function (file) { pageShown(box, files, String(file)); },
        read: function () { return JSON.stringify(load()); },
        write: function (text) {
          var stored = save(sanitize(JSON.parse(text)).state);
          launcherStatus();
          return stored;
        }
      };
      var resume = lms ? String(lms.api.LMSGetValue("cmi.core.lesson_location") || "") : "";
      frame.addEventListener("load", function () { pageShown(box, files, fileOf(frame.contentWindow)); });
      frame.src = files.indexOf(resume) !== -1 ? resume : files[0];
      launcherStatus();
    }).catch(function (error) {
      var line = box.querySelector(".kd-paket-status");
      if (line) {
        line.textContent = "Modul ini tidak dapat dimulai (" + error + "). Muat ulang halaman; bila tetap gagal, " +
          "unggah ulang paketnya atau hubungi pengelola LMS.";
      }
    });
  }

  /* For tests and the browser console: the suspend_data format, both ways. */
  P.encodeState = encodeState;
  P.decodeState = decodeState;
  P.contentKey = contentKey;

  startLauncher(box);
})();
