// Search results: one card per service, filters as removable chips and as a panel (folded
// on a phone), the state in the address. Without q, a directory node is browsed.
import { call } from "../api.js";
import { append, el, highlighted, link, setTitle } from "../dom.js";
import { localityOf, placeName } from "../locality.js";
import { navigate } from "../router.js";
import { searchAddress } from "../searchbox.js";
import { FACET_NAMES, browseAddress, tile } from "./home.js";

const PAGE_SIZE = 10;
const MAX_PAGES = 100;
const FILTERS = ["audience", "theme", "department", "life_event", "item_type"];
export const CLICK_KEY = "govsearch.click"; // which result was opened, for click-through statistics

const SEARCH_MESSAGES = { 400: "搜索内容有误，请换个说法再试。", 503: "搜索服务暂时不可用，请稍后再试。" };

function stateOf(url) {
  const filters = {};
  for (const key of FILTERS) {
    const values = url.searchParams.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  const page = Math.min(Math.max(parseInt(url.searchParams.get("page"), 10) || 1, 1), MAX_PAGES);
  return { q: url.searchParams.get("q") || "", filters, region: url.searchParams.get("region") || "", locality: localityOf(url), page };
}

function addressOf(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key, values] of Object.entries(state.filters)) values.forEach((value) => params.append(key, value));
  if (state.region) params.set("region", state.region);
  if (state.locality) params.set("locality", state.locality);
  if (state.page > 1) params.set("page", state.page);
  return "/search?" + params;
}

function searchParams(state, { withFilters = true } = {}) {
  return { q: state.q, size: PAGE_SIZE, locality: state.locality,
    ...(withFilters ? { ...state.filters, region: state.region, page: state.page } : {}) };
}

function toggled(state, facet, value) {
  const next = { ...state, filters: { ...state.filters }, page: 1 };
  if (facet === "region") {
    next.region = state.region === value ? "" : value;
    return next;
  }
  const values = new Set(state.filters[facet] || []);
  values.has(value) ? values.delete(value) : values.add(value);
  if (values.size) next.filters[facet] = [...values]; else delete next.filters[facet];
  return next;
}

function chips(state) {
  const chosen = Object.entries(state.filters).flatMap(([facet, values]) => values.map((value) => [facet, value]));
  if (state.region) chosen.push(["region", state.region]);
  if (!chosen.length) return null;
  return el("ul", { className: "chips", "aria-label": "已选筛选条件" }, chosen.map(([facet, value]) =>
    el("li", {}, link(addressOf(toggled(state, facet, value)), [`${FACET_NAMES[facet]}：${value}`, el("span", { "aria-hidden": "true" }, " ×")],
      { className: "chip", "aria-label": `移除筛选条件 ${FACET_NAMES[facet]}：${value}` }))));
}

function facetPanel(state, facets) {
  const chosen = (facet) => (facet === "region" ? (state.region ? [state.region] : []) : state.filters[facet] || []);
  const groups = Object.entries(facets || {}).filter(([facet, counts]) => counts.length > 1 || chosen(facet).length);
  if (!groups.length) return null;
  return el("details", { className: "facets", open: matchMedia("(min-width: 900px)").matches }, [
    el("summary", {}, "筛选"),
    ...groups.map(([facet, counts]) => el("fieldset", {}, [
      el("legend", {}, FACET_NAMES[facet] || facet),
      el("ul", {}, counts.slice(0, 10).map(({ value, count }) => {
        const on = chosen(facet).includes(value);
        return el("li", {}, link(addressOf(toggled(state, facet, value)), [value, el("span", { className: "count" }, ` ${count}`)],
          { className: on ? "on" : "", "aria-current": on ? "true" : false }));
      })),
    ])),
  ]);
}

function copiesOf(item) {
  if (!item.basic_code || !(item.copies > 1)) return null;
  const list = el("ul");
  const details = el("details", { className: "copies" }, [el("summary", {}, `${item.copies} 个地区可办`), list]);
  details.addEventListener("toggle", async () => {
    if (!details.open || list.childElementCount) return;
    try {
      const { copies } = await call("/api/v1/services/" + encodeURIComponent(item.basic_code));
      list.replaceChildren(...copies.map((copy) => el("li", {}, link("/guide/" + encodeURIComponent(copy.code), `${copy.region || "全国"} · ${copy.department}`))));
    } catch (error) {
      list.replaceChildren(el("li", {}, error.message));
    }
  });
  return details;
}

// Whether a copy is one the person can use: of their locality, above it, or below it.
function serves(region, locality) {
  return Boolean(locality) && (!region || locality.startsWith(region) || region.startsWith(locality));
}

function card(item, rank, searchId, locality) {
  const title = highlighted("a", item.highlight.name, { href: "/guide/" + encodeURIComponent(item.code) });
  title.addEventListener("click", () => {
    try { sessionStorage.setItem(CLICK_KEY, JSON.stringify({ code: item.code, search_id: searchId, rank })); } catch (error) { /* no statistics */ }
  });
  // Without a locality, or for another place's copy, the card says whose guide it is: places never mix silently.
  const whose = serves(item.region, locality) ? null : el("p", { className: "whose" }, item.region ? `${item.region}的办事指南` : "全国通用的办事指南");
  const meta = [item.department, whose ? null : item.region, (item.audience || []).join("、")].filter(Boolean).join(" · ");
  const children = (item.children || []).length
    ? el("ul", { className: "children", "aria-label": "可选的办理情形" }, item.children.map((child) => el("li", {}, link("/guide/" + encodeURIComponent(child.code), child.name))))
    : null;
  return el("li", { className: "card", "data-code": item.code, "data-region": item.region || "" }, [
    el("h3", {}, title),
    whose,
    el("p", { className: "meta" }, meta),
    highlighted("p", item.highlight.snippet, { className: "snippet" }),
    children,
    copiesOf(item),
  ]);
}

function pager(state, total) {
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGES);
  if (pages <= 1) return null;
  const at = (page) => addressOf({ ...state, page });
  const first = Math.max(1, Math.min(state.page - 2, pages - 4));
  const numbers = [];
  for (let page = first; page <= Math.min(pages, first + 4); page++) {
    numbers.push(page === state.page ? el("span", { className: "current", "aria-current": "page" }, String(page)) : link(at(page), String(page), { "aria-label": `第 ${page} 页` }));
  }
  return el("nav", { className: "pager", "aria-label": "分页" }, [
    state.page > 1 ? link(at(state.page - 1), "上一页") : null,
    ...numbers,
    state.page < pages ? link(at(state.page + 1), "下一页") : null,
  ]);
}

function emptyState(state, offers) {
  const hot = (offers && offers.hot) || [];
  const nodes = (offers && offers.directory) || [];
  return el("div", { className: "empty" }, [
    el("p", {}, state.q ? `没有找到与「${state.q}」相关的事项。` : "这个分类下暂时没有可办的事项。"),
    el("p", {}, "您可以换个说法（例如写出要办的事：“提取公积金”），或者试试："),
    hot.length ? el("ul", { className: "tiles" }, hot.map(({ text }) => el("li", {}, link(searchAddress(text), text)))) : null,
    nodes.length ? el("ul", { className: "tiles" }, nodes.map(({ facet, value, count }) => tile(browseAddress(facet, value, state.locality), value, count))) : null,
    el("p", {}, link("/", "返回首页浏览全部事项")),
  ]);
}

// What each fact is called on the card, and the guide page's section it links to (the same name).
const ASPECTS = { fee: "收费", materials: "申请材料", time_limit: "办理时限", location: "办理地点", hours: "办理时间",
  phone: "咨询电话", online: "网上办理", conditions: "办理条件", procedure: "办理流程" };

function factBody(fact) {
  // Materials and steps as a list, one a line; any other fact as the sentence it is.
  const materials = fact.source === "materials" ? fact.fields.materials.filter((m) => m.required !== false) : null;
  const steps = fact.source === "procedure" ? fact.fields.procedure : null;
  if (materials && materials.length) {
    return el("ol", { className: "fact" }, materials.map((m) => {
      const details = [m.form, m.copies ? `${m.copies} 份` : ""].filter(Boolean).join("，");
      return el("li", {}, details ? `${m.name}（${details}）` : m.name);
    }));
  }
  if (steps) return el("ol", { className: "fact" }, steps.map((step) => el("li", {}, step.name || step.description)));
  return el("p", { className: "fact" }, fact.text);
}

function factCard(fact) {
  // The fact asked for, from the guide of the person's locality: large, with whose it is and a link to it.
  const section = fact.source === "faq" ? "faq" : fact.aspect;
  return el("section", { className: "answer", "aria-labelledby": "answer-title" }, [
    el("h2", { id: "answer-title" }, ASPECTS[fact.aspect] + (fact.source === "faq" ? "（常见问题）" : "")),
    fact.source === "faq" ? el("p", { className: "asked" }, fact.fields.q) : null,
    factBody(fact),
    el("p", { className: "whose" }, [`${fact.region || "全国"} · ${fact.name} · `,
      link(`/guide/${encodeURIComponent(fact.code)}#${section}`, "查看办事指南")]),
  ]);
}

function status(state, answer) {
  const notes = [];
  if (answer.did_you_mean) notes.push(el("p", { className: "notice" }, `已为您显示「${answer.did_you_mean}」的结果。`));
  if (answer.match === "relaxed") notes.push(el("p", { className: "notice" }, "没有完全符合的事项，以下是相关的事项。"));
  if (answer.place) notes.push(el("p", { className: "notice" }, `已为您显示${answer.place}可办的事项。`));
  if (state.locality && !answer.place) notes.push(el("p", { className: "hint" }, `优先显示${placeName(state.locality)}可办的事项。`));
  return notes;
}

export async function renderResults(page, url) {
  const state = stateOf(url);
  if (!state.q && !Object.keys(state.filters).length && !state.region) return navigate("/", { replace: true });
  const heading = state.q ? `“${state.q}”的搜索结果` : Object.entries(state.filters).map(([, values]) => values.join("、")).join(" · ") || state.region;
  setTitle(heading);
  const filtered = Object.keys(state.filters).length > 0 || Boolean(state.region);
  const [answer, unfiltered] = await Promise.all([
    call("/api/v1/search", { params: searchParams(state), messages: SEARCH_MESSAGES }),
    filtered && state.q ? call("/api/v1/search", { params: searchParams(state, { withFilters: false }), messages: SEARCH_MESSAGES }).catch(() => null) : null,
  ]);
  if (answer.intent === "case") return navigate("/case?no=" + encodeURIComponent(answer.case_no || state.q), { replace: true });
  const found = answer.total > 0 && answer.match !== "none";
  append(page, 
    el("h1", {}, heading),
    found && answer.answer && state.page === 1 ? factCard(answer.answer) : null,
    el("p", { className: "status", role: "status" }, found ? `共找到 ${answer.total} 个事项` : "没有找到相关事项"),
    ...status(state, answer),
    chips(state),
  );
  const results = found
    ? el("ol", { className: "results", start: (state.page - 1) * PAGE_SIZE + 1 }, answer.items.map((item, i) => card(item, (state.page - 1) * PAGE_SIZE + i + 1, answer.search_id, state.locality)))
    : emptyState(state, answer.offers);
  append(page, el("div", { className: "layout" }, [facetPanel(state, (unfiltered || answer).facets), el("div", { className: "main-column" }, [results, found ? pager(state, answer.total) : null])]));
}
