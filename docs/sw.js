/* Service worker: keeps the handbook readable with a weak or no connection.
 *
 * Pages: network first (fresh content when online), the cached copy when the network fails or is slower
 * than TIMEOUT_MS, and a short Indonesian notice when a page was never visited nor saved.
 * Assets (CSS, JS, images, fonts, data): cache first, refreshed in the background.
 * "Simpan modul ini untuk dibaca tanpa internet" on a module page puts all of its pages into PAGES.
 * Only same-origin GET requests are handled; nothing is sent anywhere.
 */
"use strict";

var PAGES = "kd-halaman";
var ASSETS = "kd-aset-v1";
var TIMEOUT_MS = 4000;
var SCOPE = self.registration.scope;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(PAGES).then(function (cache) {
      // The home page, the module data, and the learner's own pages work offline from the first visit.
      return cache.addAll([SCOPE, SCOPE + "assets/kompetensi-data.json", SCOPE + "progres/",
        SCOPE + "catatan/"]).catch(function () {});
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("kd-aset-") === 0 && name !== ASSETS;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

/* Pagefind asks for pagefind-entry.json?ts=<time> on every visit: key such files by path alone so the
   cache neither misses offline nor grows with every visit. Search chunks fetched once stay usable. */
function isSearchIndex(url) {
  return url.pathname.indexOf("/pagefind/") !== -1;
}

function searchIndex(request, url) {
  var key = url.origin + url.pathname;
  return caches.open(ASSETS).then(function (cache) {
    return fetch(request).then(function (response) {
      if (response.ok) {
        cache.put(key, response.clone());
      }
      return response;
    }).catch(function () {
      return cache.match(key).then(function (hit) {
        return hit || Response.error();
      });
    });
  });
}

function isPage(url) {
  return /\/$/.test(url.pathname) || /\.html$/.test(url.pathname) || /kompetensi-data\.json$/.test(url.pathname);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}

/* The modules whose pages are all saved on this device, from the saved module data. */
function savedModules() {
  return caches.open(PAGES).then(function (cache) {
    return cache.match(SCOPE + "assets/kompetensi-data.json").then(function (hit) {
      return hit ? hit.json() : { modules: [] };
    }).then(function (data) {
      return cache.keys().then(function (requests) {
        var saved = {};
        requests.forEach(function (request) { saved[new URL(request.url).pathname] = true; });
        return (data.modules || []).filter(function (module) {
          return module.pages.every(function (page) { return saved[new URL(page, SCOPE).pathname]; });
        });
      });
    });
  }).catch(function () { return []; });
}

function offlineNotice() {
  return savedModules().then(function (modules) {
    var list = modules.length
      ? "<p>Modul yang tersimpan di perangkat ini:</p><ul>" + modules.map(function (module) {
        return "<li><a href=\"" + escapeHtml(SCOPE + module.url) + "\">" + escapeHtml(module.title) + "</a></li>";
      }).join("") + "</ul>"
      : "<p>Belum ada modul yang disimpan utuh di perangkat ini.</p>";
    var body = "<!doctype html><html lang=\"id\"><meta charset=\"utf-8\">" +
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"color-scheme\" " +
      "content=\"light dark\"><title>Tidak ada sambungan - Kompetensi Digital ASN</title><style>" +
      "body{margin:0;font:1rem/1.6 system-ui,sans-serif;background:#fff;color:#1f1f1f}" +
      "header{background:#1b5e3a;color:#fff;padding:.8rem 1rem;font-weight:700}" +
      "main{max-width:34rem;margin:0 auto;padding:1rem}a{color:#1b5e3a}h1{font-size:1.4rem}" +
      "@media (prefers-color-scheme:dark){body{background:#1e2129;color:#e3e3e3}a{color:#8fd5a6}}" +
      "</style><header>Kompetensi Digital ASN Pematangsiantar</header><main>" +
      "<h1>Tidak ada sambungan internet</h1><p>Halaman ini belum pernah dibuka atau disimpan di perangkat ini, " +
      "sehingga tidak dapat ditampilkan tanpa internet.</p>" + list + "<p>Halaman yang sudah pernah Anda buka " +
      "tetap dapat dibaca, begitu pula <a href=\"" + SCOPE + "progres/\">Progres Saya</a> dan <a href=\"" + SCOPE +
      "catatan/\">Catatan Belajar</a>. Agar satu modul utuh tersedia tanpa internet, buka halaman modulnya saat " +
      "tersambung lalu tekan <strong>Simpan modul ini untuk dibaca tanpa internet</strong>.</p><p><a href=\"" +
      SCOPE + "\">Kembali ke Beranda</a></p></main></html>";
    return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
}

/* One copy per page: a page reached with a query string (?utm=..., ?q=...) is the same page. */
function pageKey(url) {
  return url.origin + url.pathname;
}

/* Forget saved pages the site no longer has (assets/halaman.json lists every page of the current build). */
var lastCleanup = 0;
function forgetWithdrawn() {
  if (Date.now() - lastCleanup < 3600 * 1000) {
    return Promise.resolve();
  }
  lastCleanup = Date.now();
  return fetch(SCOPE + "assets/halaman.json", { cache: "no-store" }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (list) {
    if (!Array.isArray(list)) {
      return null;
    }
    var keep = {};
    list.forEach(function (path) { keep[new URL(path, SCOPE).pathname] = true; });
    keep[new URL(SCOPE).pathname] = true;
    return caches.open(PAGES).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          var path = new URL(request.url).pathname;
          var page = /\/$/.test(path) || /\.html$/.test(path);
          return page && !keep[path] ? cache.delete(request) : null;
        }));
      });
    });
  }).catch(function () {});
}

function networkFirst(request) {
  var key = pageKey(new URL(request.url));
  return caches.open(PAGES).then(function (cache) {
    var network = fetch(request).then(function (response) {
      if (response.ok) {
        cache.put(key, response.clone());
        forgetWithdrawn();
      } else if (response.status === 404 || response.status === 410) {
        cache.delete(key);
      }
      return response;
    });
    var timeout = new Promise(function (resolve) {
      setTimeout(resolve, TIMEOUT_MS);
    });
    var fallback = function () {
      return cache.match(key).then(function (hit) {
        return hit || network.catch(function () { return null; }).then(function (late) {
          return late || offlineNotice();
        });
      });
    };
    return Promise.race([network.catch(function () { return null; }), timeout]).then(function (response) {
      return response || fallback();
    });
  });
}

function cacheFirst(request) {
  return caches.open(ASSETS).then(function (cache) {
    return cache.match(request).then(function (hit) {
      var refresh = fetch(request).then(function (response) {
        if (response.ok) {
          cache.put(request, response.clone());
        }
        return response;
      });
      if (hit) {
        refresh.catch(function () {});
        return hit;
      }
      return refresh;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.href.indexOf(SCOPE) !== 0) {
    return;
  }
  if (/\.zip$/.test(url.pathname)) {
    return; // SCORM packages for facilitators: always fresh from the network, never kept on a phone
  }
  if (isSearchIndex(url)) {
    event.respondWith(searchIndex(request, url));
    return;
  }
  event.respondWith(isPage(url) ? networkFirst(request) : cacheFirst(request));
});
