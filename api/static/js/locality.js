// Where the person is (province → city → district, from the directory's locality tree),
// remembered on this device. Search ranks the copies that serve it first; an address's own
// ?locality= (a shared link) wins over the remembered one.
import { call } from "./api.js";
import { el } from "./dom.js";

const KEY = "govsearch.locality";
let tree = null;

export function rememberedLocality() {
  try { return localStorage.getItem(KEY) || ""; } catch (error) { return ""; }
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
  const [province, city, district] = ["province", "city", "district"].map((level) => document.getElementById("locality-" + level));
  const label = () => { button.textContent = "地区：" + (rememberedLocality() ? placeName(rememberedLocality()) : "全部"); };

  const cascade = (chosen) => {
    const p = fill(province, tree, chosen, "不限省份");
    const c = fill(city, p ? p.children || [] : [], chosen, "不限城市");
    fill(district, c ? c.children || [] : [], chosen, "不限区县");
  };
  province.addEventListener("change", () => cascade(province.value));
  city.addEventListener("change", () => cascade(city.value || province.value));

  button.addEventListener("click", async () => {
    try {
      await regionTree();
    } catch (error) {
      button.textContent = "地区暂不可选";
      return;
    }
    cascade(rememberedLocality());
    dialog.returnValue = ""; // Esc keeps the last value otherwise
    dialog.showModal();
  });
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "cancel" || !dialog.returnValue) return;
    const chosen = dialog.returnValue === "clear" ? "" : district.value || city.value || province.value;
    try { localStorage.setItem(KEY, chosen); } catch (error) { /* private mode */ }
    label();
    changed(chosen);
  });
  label();
  regionTree().then(label, () => {});
}
