// The portal: one page that draws a view per address, so every state has a link that back,
// forward, reload and sharing keep. Addresses: / (home), /search?q=…, /guide/<code>,
// /case, /me.
import { setupCareMode } from "./care.js";
import { setupLocality } from "./locality.js";
import { navigate, onAddressChange } from "./router.js";
import { setupSearchBox, showQuery } from "./searchbox.js";
import { renderHome } from "./pages/home.js";
import { renderResults } from "./pages/results.js";
import { renderGuide } from "./pages/guide.js";
import { renderCase } from "./pages/case.js";
import { renderMe } from "./pages/me.js";
import { renderNotFound } from "./pages/notfound.js";

const ROUTES = [
  [/^\/$/, renderHome],
  [/^\/search$/, renderResults],
  [/^\/guide\/([^/]+)$/, renderGuide],
  [/^\/case$/, renderCase],
  [/^\/me$/, renderMe],
];

const view = document.getElementById("view");
let drawing = 0;

async function draw({ focus = false } = {}) {
  const url = new URL(location.href);
  const [pattern, render] = ROUTES.find(([route]) => route.test(url.pathname)) || [null, renderNotFound];
  const match = pattern ? url.pathname.match(pattern) : [];
  const mine = ++drawing;
  view.setAttribute("aria-busy", "true");
  showQuery(url.pathname === "/search" ? url.searchParams.get("q") || "" : "");
  const page = document.createElement("div");
  page.className = "page";
  // A view that fails to draw says so in Chinese instead of leaving a blank page.
  try {
    await render(page, url, ...match.slice(1).map(decodeURIComponent));
  } catch (error) {
    page.replaceChildren(Object.assign(document.createElement("p"), { className: "problem", textContent: error.message }));
  }
  if (mine !== drawing) return; // a newer address was drawn meanwhile
  view.replaceChildren(page);
  view.setAttribute("aria-busy", "false");
  // An address with a section (/guide/<code>#fee, from an answer) opens at that section.
  const target = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  if (focus) view.focus({ preventScroll: true });
  if (target) target.scrollIntoView();
  else if (focus) window.scrollTo(0, 0);
}

// Links inside the portal change the view without reloading the page.
document.addEventListener("click", (event) => {
  const anchor = event.target.closest("a[href]");
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || anchor.target || anchor.hasAttribute("download")) return;
  if (!ROUTES.some(([route]) => route.test(url.pathname))) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
  event.preventDefault();
  navigate(url.href);
});

window.addEventListener("popstate", () => draw());

onAddressChange(draw);
setupCareMode(document.getElementById("care-button"));
setupLocality((locality) => {
  if (location.pathname !== "/search") return draw();
  const url = new URL(location.href);
  url.searchParams.delete("page");
  if (locality) url.searchParams.set("locality", locality); else url.searchParams.delete("locality");
  return navigate(url.href);
});
setupSearchBox(navigate);
draw();
