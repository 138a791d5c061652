// KoproGo service worker. Served by the server so that the cache version follows the build.
// It keeps only what is public: this build's files, static assets and the offline page.
// Pages and API answers are personal and never stored here (they are sent with
// Cache-Control: no-store); a navigation without network gets the offline page. Owner data
// for offline use lives in IndexedDB, per user, not in this cache.
const VERSION = "__CACHE_VERSION__";
const STATIC_CACHE = `koprogo-static-${VERSION}`;
const PRECACHE = [
  "__PKG_JS__",
  "__PKG_WASM__",
  "__PKG_CSS__",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/offline.html",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key !== STATIC_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function isStatic(url) {
  return (
    url.pathname.startsWith("/pkg/") ||
    url.pathname.startsWith("/icons/") ||
    url.pathname.startsWith("/fonts/") ||
    url.pathname === "/manifest.webmanifest"
  );
}

async function navigate(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const offline = await caches.match("/offline.html");
    if (offline) {
      return offline;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(STATIC_CACHE);
    cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (isStatic(url)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  }
  // Everything else (API calls, server functions) goes to the network untouched.
});
