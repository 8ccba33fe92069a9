/* Page helpers: accessibility fixes over the theme, the print answer-key switch, page feedback.
   Plain DOM code with no dependency on Material's internals beyond its table wrapper class;
   runs on first load and after every instant navigation. */
(function () {
  "use strict";

  /* A table wider than the screen scrolls inside its wrapper; keyboard users must be able to reach
     and scroll it (WCAG 2.1.1, axe "scrollable-region-focusable"). */
  function focusableScrollers(root) {
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel, dapat digeser ke samping");
      }
    });
  }

  /* Landmarks named in Indonesian (Material labels the header and footer in English). */
  function landmarks() {
    var names = { Header: "Kepala halaman", Footer: "Kaki halaman" };
    document.querySelectorAll("nav[aria-label]").forEach(function (nav) {
      var name = names[nav.getAttribute("aria-label")];
      if (name) {
        nav.setAttribute("aria-label", name);
      }
    });
  }

  /* Few Tab stops to the lesson and its quiz (issue 12: 57 presses to the first quiz answer on a phone).
     The heading permalinks (the pilcrow and the quiz's "#") are invisible until hovered and say nothing
     to a keyboard user: they stay clickable but leave the Tab order. */
  function quietPermalinks() {
    document.querySelectorAll("article .headerlink, article .quiz-header-link").forEach(function (link) {
      link.setAttribute("tabindex", "-1");
    });
  }

  /* On a phone the navigation lives in a drawer that is pushed off-screen when closed, yet all its links
     stay in the Tab order (about 40 on a lesson page). While it is closed it is inert. The theme's drawer
     is a checkbox (#__drawer); the theme can close it without a change event, so the state is also read
     again on Escape and on every page. */
  var DRAWER_SCREEN = "(max-width: 76.234375em)";
  function drawer() {
    var toggle = document.getElementById("__drawer");
    if (!toggle || !window.matchMedia) {
      return;
    }
    var screen = window.matchMedia(DRAWER_SCREEN);
    /* The theme's menu button is a <label>, which a keyboard cannot reach: make it a real button. */
    var button = document.querySelector('.md-header__button[for="__drawer"]');
    var sync = function () {
      var panel = document.querySelector(".md-sidebar--primary"); /* replaced by instant navigation */
      if (panel) {
        panel.inert = screen.matches && !toggle.checked;
      }
      if (button) {
        button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      }
    };
    if (button && !button.hasAttribute("tabindex")) {
      button.setAttribute("tabindex", "0");
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", "Menu navigasi");
      button.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") {
          return;
        }
        event.preventDefault();
        toggle.checked = !toggle.checked;
        toggle.dispatchEvent(new Event("change"));
        var first = toggle.checked && document.querySelector(".md-sidebar--primary a[href]");
        if (first) {
          first.focus();
        }
      });
    }
    if (!toggle.hasAttribute("data-kd-laci")) {
      toggle.setAttribute("data-kd-laci", "");
      toggle.addEventListener("change", sync);
      screen.addEventListener("change", sync);
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.checked && screen.matches) {
          toggle.checked = false;
          toggle.dispatchEvent(new Event("change"));
          var menu = document.querySelector('.md-header__button[for="__drawer"]');
          if (menu) {
            menu.focus();
          }
        }
      });
    }
    sync();
  }

  /* The colour-scheme switch is a radio input hidden behind a <label>: Tab lands on the invisible input.
     The visible label becomes the button; after a switch the focus moves to the label now shown. */
  function schemeSwitch() {
    var labels = document.querySelectorAll('.md-header__button[for^="__palette_"]');
    labels.forEach(function (label) {
      var input = document.getElementById(label.getAttribute("for"));
      if (!input || label.hasAttribute("tabindex")) {
        return;
      }
      label.setAttribute("tabindex", "0");
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", label.getAttribute("title") || "Ganti skema warna");
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") {
          return;
        }
        event.preventDefault();
        event.stopPropagation(); /* the theme's own Enter handler would switch a second time */
        label.click();
        setTimeout(function () {
          var shown = Array.prototype.filter.call(labels, function (other) { return !other.hidden; })[0];
          if (shown) {
            shown.focus();
          }
        }, 0);
      });
    });
    if (labels.length) {
      document.querySelectorAll('input.md-option[name="__palette"]').forEach(function (input) {
        input.setAttribute("tabindex", "-1");
      });
    }
  }

  function run() {
    focusableScrollers(document);
    landmarks();
    quietPermalinks();
    drawer();
    schemeSwitch();
  }

  /* Print pages of a module: a checkbox that makes the printout include the answer key. */

  function answerKeyToggle() {
    var box = document.querySelector(".kd-cetak-kendali");
    if (!box || box.querySelector("input")) {
      return;
    }
    var input = document.createElement("input");
    input.type = "checkbox";
    input.id = "kd-kunci";
    var label = document.createElement("label");
    label.htmlFor = "kd-kunci";
    label.textContent = " Cetak dengan kunci jawaban (untuk fasilitator)";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Cetak modul";
    button.addEventListener("click", function () {
      window.print();
    });
    input.addEventListener("change", function () {
      document.body.classList.toggle("kd-kunci", input.checked);
    });
    var row = document.createElement("p");
    row.appendChild(input);
    row.appendChild(label);
    box.appendChild(row);
    box.appendChild(button);
    document.body.classList.remove("kd-kunci");
  }

  /* "Apakah halaman ini membantu?": two buttons that reveal a pre-filled GitHub issue link (and e-mail,
     when configured). Nothing is sent and no request is made unless the reader follows a link. */

  function meta(name) {
    var node = document.querySelector('meta[name="' + name + '"]');
    return node ? node.getAttribute("content") : "";
  }

  function feedback() {
    var article = document.querySelector("article.md-content__inner");
    var issues = meta("kd-umpan-balik-issues");
    var email = meta("kd-umpan-balik-email");
    if (!article || article.querySelector(".kd-umpan-balik") || (!issues && !email)) {
      return;
    }
    var title = (document.querySelector("article h1") || {}).textContent || document.title;
    var box = document.createElement("section");
    box.className = "kd-umpan-balik";
    box.setAttribute("aria-label", "Umpan balik halaman");
    var question = document.createElement("p");
    question.className = "kd-umpan-balik-tanya";
    question.textContent = "Apakah halaman ini membantu?";
    box.appendChild(question);
    var answer = document.createElement("p");
    answer.className = "kd-umpan-balik-jawab";
    answer.setAttribute("role", "status");
    ["Ya", "Tidak"].forEach(function (label) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = label;
      button.addEventListener("click", function () {
        var helpful = label === "Ya";
        var body = "Halaman: " + location.href + "\nMembantu: " + label + "\n\nMasukan (tulis di bawah ini; " +
          "jangan sertakan data pribadi):\n";
        answer.textContent = helpful ? "Terima kasih. Ada saran agar halaman ini lebih baik? "
          : "Terima kasih. Beri tahu kami apa yang kurang atau keliru: ";
        if (issues) {
          var link = document.createElement("a");
          // The issue form .github/ISSUE_TEMPLATE/umpan-balik-halaman.yml takes its fields by id.
          link.href = issues + "?template=umpan-balik-halaman.yml&labels=umpan-balik&title=" +
            encodeURIComponent("Umpan balik: " + title.trim()) + "&halaman=" + encodeURIComponent(location.href) +
            "&membantu=" + encodeURIComponent(label);
          link.textContent = "tulis masukan di GitHub";
          answer.appendChild(link);
        }
        if (email) {
          if (issues) {
            answer.appendChild(document.createTextNode(" atau "));
          }
          var mail = document.createElement("a");
          mail.href = "mailto:" + email + "?subject=" + encodeURIComponent("Umpan balik: " + title.trim()) +
            "&body=" + encodeURIComponent(body);
          mail.textContent = "kirim surel";
          answer.appendChild(mail);
        }
        answer.appendChild(document.createTextNode("."));
      });
      box.appendChild(button);
    });
    box.appendChild(answer);
    article.appendChild(box);
  }

  /* Abbreviations: a title attribute shows nothing on a phone and is out of keyboard reach. A tap, a click,
     or Enter on the first occurrence of each abbreviation (the only one in the Tab order, so the page keeps
     few Tab stops) shows the expansion with a link to its glossary entry. */
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/kompetensi\.js(\?.*)?$/, "") : "/";

  /* The id of a term's glossary entry, as the build wrote it beside the page (.kd-istilah); "" if not there. */
  function glossaryAnchor(term) {
    var anchor = "";
    document.querySelectorAll("article .kd-istilah[data-json]").forEach(function (island) {
      try {
        var links = JSON.parse(island.getAttribute("data-json"));
        if (!anchor && Object.prototype.hasOwnProperty.call(links, term) && typeof links[term] === "string") {
          anchor = links[term];
        }
      } catch (error) {
        /* an unreadable island: the link opens the glossary at its top */
      }
    });
    return anchor;
  }

  function toggleAbbr(abbr) {
    var open = abbr.nextElementSibling;
    if (open && open.classList.contains("kd-singkatan")) {
      open.remove();
      abbr.setAttribute("aria-expanded", "false");
      return;
    }
    var note = document.createElement("span");
    note.className = "kd-singkatan";
    note.id = "kd-singkatan-" + Math.random().toString(36).slice(2, 9);
    note.appendChild(document.createTextNode(abbr.textContent + ": " + abbr.getAttribute("data-kd-arti") + ". "));
    if (!document.querySelector('meta[name="kd-paket"]')) { // a SCORM package has no glossary page
      var link = document.createElement("a");
      var anchor = glossaryAnchor(abbr.textContent);
      link.href = ROOT + "glosarium/" + (anchor ? "#" + encodeURIComponent(anchor) : "");
      link.textContent = "Lihat di Glosarium";
      note.appendChild(link);
    }
    abbr.after(note);
    abbr.setAttribute("aria-expanded", "true");
    abbr.setAttribute("aria-controls", note.id);
  }

  function abbreviations() {
    var seen = {};
    document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
      if (abbr.hasAttribute("data-kd-arti") || abbr.closest("a, button, summary, label, h1")) {
        return; // inside a link or a control a tap must keep its own meaning
      }
      abbr.setAttribute("data-kd-arti", abbr.getAttribute("title"));
      abbr.setAttribute("role", "button");
      abbr.setAttribute("aria-expanded", "false");
      abbr.setAttribute("aria-label", abbr.textContent + ", " + abbr.getAttribute("title"));
      abbr.removeAttribute("title"); // the note replaces the hover tooltip, which phones never show
      var key = abbr.textContent;
      abbr.setAttribute("tabindex", seen[key] ? "-1" : "0");
      seen[key] = true;
      abbr.addEventListener("click", function () { toggleAbbr(abbr); });
      abbr.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          toggleAbbr(abbr);
        }
      });
    });
  }

  /* Printing: collapsed boxes open (a closed <details> prints only its title), and a print handout carries
     its module's title at the top of every page. */
  function printing() {
    if (document.documentElement.dataset.kdCetak) {
      return;
    }
    document.documentElement.dataset.kdCetak = "1";
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("article details:not([open])").forEach(function (box) {
        box.setAttribute("open", "");
        box.setAttribute("data-kd-dibuka", "");
      });
      var heading = document.querySelector(".kd-cetak-kendali") && document.querySelector("article h1");
      var style = document.getElementById("kd-cetak-judul");
      if (heading && !style) {
        style = document.createElement("style");
        style.id = "kd-cetak-judul";
        var title = heading.textContent.replace(/[\\"]/g, "").replace(/\s+/g, " ").trim();
        style.textContent = '@page { @top-left { content: "' + title + '"; font: 9pt sans-serif; } }';
        document.head.appendChild(style);
      }
    });
    window.addEventListener("afterprint", function () {
      document.querySelectorAll("article details[data-kd-dibuka]").forEach(function (box) {
        box.removeAttribute("open");
        box.removeAttribute("data-kd-dibuka");
      });
    });
  }

  /* Agenda: which sessions are still to come is decided when the site is built. A session that has ended
     since (data-selesai, UTC) moves to "Sudah berlangsung" on the Agenda page, without its calendar button,
     and leaves a module page; a module page without a coming session hides the block. */
  function agenda() {
    var now = Date.now();
    var past = document.querySelector('.kd-sesi-daftar[data-agenda="lalu"]');
    document.querySelectorAll(".kd-sesi[data-selesai]").forEach(function (card) {
      var end = Date.parse(card.getAttribute("data-selesai"));
      if (isNaN(end) || end >= now || card.parentElement === past) {
        return;
      }
      if (!past) {
        card.remove();
        return;
      }
      card.querySelectorAll(".kd-sesi-aksi").forEach(function (action) {
        (action.closest("p") || action).remove();
      });
      past.insertBefore(card, past.firstChild);
    });
    document.querySelectorAll(".kd-agenda-modul").forEach(function (box) {
      box.hidden = !box.querySelector(".kd-sesi");
    });
    document.querySelectorAll(".kd-sesi-daftar[data-agenda]").forEach(function (list) {
      var note = list.querySelector(".kd-agenda-kosong");
      var empty = !list.querySelector(".kd-sesi");
      if (note && !empty) {
        note.remove();
      } else if (!note && empty) {
        note = document.createElement("p");
        note.className = "kd-agenda-kosong";
        note.textContent = list.getAttribute("data-agenda") === "akan"
          ? "Belum ada sesi baru yang dijadwalkan." : "Belum ada.";
        list.appendChild(note);
      }
    });
  }

  /* Run on the first load and after every instant navigation (Material's document$), or once without it. */
  function everyPage() {
    run();
    answerKeyToggle();
    feedback();
    abbreviations();
    printing();
    agenda();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(everyPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", everyPage);
  } else {
    everyPage();
  }
})();
