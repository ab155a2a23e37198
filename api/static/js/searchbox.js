// The search box in the header: suggestions as a listbox the arrow keys move through
// (the ARIA combobox pattern), and submit to /search with the remembered locality.
import { call } from "./api.js";
import { el } from "./dom.js";
import { rememberedLocality } from "./locality.js";

const box = document.getElementById("q");
const list = document.getElementById("suggestions");
let asked = 0; // answers to older keystrokes are dropped
let timer = null;
let active = -1;

export function searchAddress(q, extra = {}) {
  const params = new URLSearchParams({ q });
  const locality = rememberedLocality();
  if (locality) params.set("locality", locality);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return "/search?" + params;
}

export function showQuery(q) {
  if (document.activeElement !== box) box.value = q;
}

function close() {
  asked++;
  clearTimeout(timer);
  list.hidden = true;
  list.replaceChildren();
  active = -1;
  box.setAttribute("aria-expanded", "false");
  box.removeAttribute("aria-activedescendant");
}

function choose(index) {
  const options = [...list.children];
  options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
  active = index;
  if (index < 0) {
    box.removeAttribute("aria-activedescendant");
    return;
  }
  box.setAttribute("aria-activedescendant", options[index].id);
  options[index].scrollIntoView({ block: "nearest" });
}

async function suggest() {
  const text = box.value.trim();
  const mine = ++asked;
  if (!text) return close();
  let suggestions = [];
  try {
    suggestions = (await call("/api/v1/suggest", { params: { q: text, size: 8 } })).suggestions;
  } catch (error) {
    /* no suggestions: the box still searches */
  }
  if (mine !== asked) return;
  list.replaceChildren(...suggestions.map((suggestion, i) =>
    el("li", { id: "suggestion-" + i, role: "option", "aria-selected": "false" }, suggestion.text)));
  list.hidden = suggestions.length === 0;
  box.setAttribute("aria-expanded", String(!list.hidden));
  active = -1;
}

export function setupSearchBox(navigate) {
  const form = document.getElementById("search-form");
  const submit = (text) => {
    close();
    const q = text.trim();
    box.value = q;
    if (q) navigate(searchAddress(q));
    else box.focus();
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(active >= 0 ? list.children[active].textContent : box.value);
  });
  box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  box.addEventListener("keydown", (event) => {
    const count = list.hidden ? 0 : list.children.length;
    if (event.key === "ArrowDown" && count) { event.preventDefault(); choose((active + 1) % count); }
    else if (event.key === "ArrowUp" && count) { event.preventDefault(); choose(active <= 0 ? count - 1 : active - 1); }
    else if (event.key === "Escape" && count) { event.preventDefault(); close(); }
  });
  // mousedown, not click: it comes before the box loses focus and closes the list.
  list.addEventListener("mousedown", (event) => {
    const option = event.target.closest("li[role=option]");
    if (!option) return;
    event.preventDefault();
    box.value = option.textContent;
    submit(option.textContent);
  });
  box.addEventListener("blur", () => setTimeout(close, 100));
}
