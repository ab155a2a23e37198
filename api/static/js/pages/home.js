// Home: hot searches, the directory to browse (个人/法人, 主题, 一件事, 部门) with counts
// for the chosen locality, and the way to a case's progress.
import { call } from "../api.js";
import { append, el, link, section, setTitle } from "../dom.js";
import { localityOf, placeName } from "../locality.js";
import { navigate } from "../router.js";
import { searchAddress } from "../searchbox.js";

export const FACET_NAMES = { audience: "服务对象", theme: "主题", department: "部门", life_event: "一件事", region: "地区", item_type: "事项类型" };
const SHOWN = { theme: 12, life_event: 12, department: 8 };

export function browseAddress(facet, value, locality) {
  const params = new URLSearchParams({ [facet]: value });
  if (locality) params.set("locality", locality);
  return "/search?" + params;
}

// A directory node; its count is of services, as the search it opens counts them.
export function tile(address, label, count) {
  return el("li", {}, link(address, [el("span", {}, label), el("span", { className: "count" }, `${count} 个事项`)]));
}

function entries(facet, counts, locality) {
  const shown = counts.slice(0, SHOWN[facet] || counts.length);
  const items = (values) => el("ul", { className: "tiles" }, values.map(({ value, count }) => tile(browseAddress(facet, value, locality), value, count)));
  const more = counts.slice(shown.length);
  return [items(shown), more.length ? el("details", {}, [el("summary", {}, `更多${FACET_NAMES[facet]}（${more.length}）`), items(more)]) : null];
}

async function hotSearches() {
  try {
    const { queries } = await call("/api/v1/hot", { params: { size: 8 } });
    if (!queries.length) return null;
    return el("nav", { className: "hot", "aria-label": "热门搜索" },
      [el("h2", {}, "热门搜索"), el("ul", {}, queries.map(({ text }) => el("li", {}, link(searchAddress(text), text))))]);
  } catch (error) {
    return null; // the page works without them
  }
}

function caseEntry() {
  const input = el("input", { id: "home-case-no", name: "no", maxLength: 64, inputMode: "numeric", autocomplete: "off" });
  return el("form", { className: "case-entry", action: "/case", method: "get" }, [
    el("h2", {}, "办件进度查询"),
    el("label", { htmlFor: "home-case-no" }, "办件编号"),
    el("div", { className: "inline" }, [input, el("button", { type: "submit" }, "查询进度")]),
  ]);
}

export async function renderHome(page, url) {
  setTitle("");
  const locality = localityOf(url);
  const [hot, directory] = await Promise.all([hotSearches(), call("/api/v1/directory", { params: { region: locality } })]);
  const facets = directory.facets;
  const audiences = (facets.audience || []).map(({ value, count }) =>
    tile(browseAddress("audience", value, locality), value === "法人" ? "法人办事" : "个人办事", count));
  append(page, 
    el("h1", { className: "visually-hidden" }, "政务服务搜索首页"),
    locality ? el("p", { className: "hint" }, `正在显示${placeName(locality)}可办的事项，可在页面顶部切换地区。`) : null,
    hot,
    section("按服务对象", el("ul", { className: "tiles audience" }, audiences)),
    section("按主题", entries("theme", facets.theme || [], locality)),
    section("一件事", entries("life_event", facets.life_event || [], locality)),
    section("按部门", entries("department", facets.department || [], locality)),
    caseEntry(),
  );
  page.querySelector(".case-entry").addEventListener("submit", (event) => {
    event.preventDefault();
    const no = page.querySelector("#home-case-no").value.trim();
    navigate("/case" + (no ? "?no=" + encodeURIComponent(no) : ""));
  });
}
