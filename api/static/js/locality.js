// Where the person is (province → city → district, from the directory's locality tree),
// remembered on this device. Search ranks the copies that serve it first; an address's own
// ?locality= (a shared link) wins over the remembered one. A first visit is asked once;
// skipping is remembered too (as ""), so the question never comes back uninvited.
import { call } from "./api.js";
import { el } from "./dom.js";

const KEY = "govsearch.locality";
let tree = null;

export function rememberedLocality() {
  try { return localStorage.getItem(KEY) || ""; } catch (error) { return ""; }
}

function askedBefore() {
  try { return localStorage.getItem(KEY) !== null; } catch (error) { return true; } // private mode: never nag
}

function remember(locality) {
  try { localStorage.setItem(KEY, locality); } catch (error) { /* private mode: for this visit only */ }
}

// Where the locality changes what is shown; a guide or a case opened from a link is not interrupted.
function asksHere(url) {
  return (url.pathname === "/" || url.pathname === "/search") && !url.searchParams.has("locality");
}

export function localityOf(url) {
  return url.searchParams.has("locality") ? url.searchParams.get("locality") : rememberedLocality();
}

// The last part of a path, as people say it: 浙江省杭州市西湖区 → 西湖区.
export function placeName(path, nodes = tree || []) {
  for (const node of nodes) {
    if (node.value === path) return node.name;
    if (path.startsWith(node.value)) return placeName(path, node.children || []);
  }
  return path;
}

export async function regionTree() {
  if (!tree) tree = (await call("/api/v1/directory")).facets.region || [];
  return tree;
}

function fill(select, nodes, chosen, emptyLabel) {
  select.replaceChildren(el("option", { value: "" }, emptyLabel),
    ...nodes.map((node) => el("option", { value: node.value, selected: chosen.startsWith(node.value) }, node.name)));
  select.disabled = nodes.length === 0;
  return nodes.find((node) => node.value === select.value);
}

export function setupLocality(changed) {
  const button = document.getElementById("locality-button");
  const dialog = document.getElementById("locality-dialog");
  const skip = document.getElementById("locality-clear");
  const cancel = document.getElementById("locality-cancel");
  const [province, city, district] = ["province", "city", "district"].map((level) => document.getElementById("locality-" + level));
  const label = () => { button.textContent = rememberedLocality() ? "地区：" + placeName(rememberedLocality()) : "选择地区"; };
  let firstVisit = false;

  const cascade = (chosen) => {
    const p = fill(province, tree, chosen, "不限省份");
    const c = fill(city, p ? p.children || [] : [], chosen, "不限城市");
    fill(district, c ? c.children || [] : [], chosen, "不限区县");
  };
  province.addEventListener("change", () => cascade(province.value));
  city.addEventListener("change", () => cascade(city.value || province.value));

  const ask = async (first) => {
    try {
      await regionTree();
    } catch (error) {
      button.textContent = "地区暂不可选";
      return;
    }
    firstVisit = first;
    skip.textContent = first ? "跳过" : "不限地区";
    cancel.hidden = first;
    cascade(rememberedLocality());
    dialog.returnValue = ""; // Esc keeps the last value otherwise
    dialog.showModal();
  };
  button.addEventListener("click", () => ask(false));
  dialog.addEventListener("close", () => {
    const answer = dialog.returnValue;
    if (answer === "cancel" || !answer) {
      if (firstVisit) remember(""); // Esc on the first question is a skip
      return;
    }
    const chosen = answer === "clear" ? "" : district.value || city.value || province.value;
    remember(chosen);
    label();
    changed(chosen);
  });
  label();
  regionTree().then(label, () => {});
  if (!askedBefore() && asksHere(new URL(location.href))) ask(true);
}
