// The portal's search page: calls /api/v1/search, /suggest and /directory.
// Highlights come from the server already HTML-escaped with <em> marks; every other
// value is inserted as text, never as HTML.
"use strict";

const state = { q: "", page: 1, filters: {}, searchId: null };
const FACET_TITLES = { audience: "服务对象", theme: "主题", department: "部门", region: "地区", life_event: "一件事" };
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

async function getJson(path, params) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    (Array.isArray(value) ? value : [value]).forEach((v) => url.searchParams.append(key, v));
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

async function runSearch() {
  if (!state.q) return;
  $("status").textContent = "搜索中…";
  try {
    const body = await getJson("/api/v1/search", { q: state.q, page: state.page, size: 10, ...state.filters });
    render(body);
  } catch (error) {
    $("status").textContent = "搜索失败：" + error.message;
  }
}

function render(body) {
  state.searchId = body.search_id;
  const results = $("results");
  results.replaceChildren();
  $("did-you-mean").hidden = !body.did_you_mean;
  if (body.did_you_mean) $("did-you-mean").textContent = "已为您搜索：" + body.did_you_mean;
  $("case-form").hidden = body.intent !== "case";
  if (body.intent === "case") {
    $("status").textContent = "这像是一个办件编号：请输入查询密码查看办理进度。";
    $("case-no").value = body.query;
    $("case-verify").focus();
    $("facets").replaceChildren();
    $("pager").replaceChildren();
    return;
  }
  $("status").textContent = body.total ? `找到 ${body.total} 个事项（${body.took_ms} 毫秒）` : "没有找到相关事项，请换个说法试试。";
  body.items.forEach((item, index) => {
    const rank = (state.page - 1) * 10 + index + 1;
    const name = el("div", { className: "name" });
    name.innerHTML = item.highlight.name;
    name.addEventListener("click", () => openGuide(item.code, rank));
    const snippet = el("div", { className: "snippet" });
    snippet.innerHTML = item.highlight.snippet;
    const meta = el("div", { className: "meta", textContent: [item.department, item.region, item.audience.join("、")].filter(Boolean).join(" · ") });
    const entry = el("li", {}, [name, meta, snippet]);
    entry.dataset.code = item.code;
    results.append(entry);
  });
  renderFacets(body.facets);
  renderPager(body.total);
}

function renderFacets(facets) {
  const aside = $("facets");
  aside.replaceChildren();
  for (const [facet, counts] of Object.entries(facets || {})) {
    if (!counts.length) continue;
    aside.append(el("h3", { textContent: FACET_TITLES[facet] || facet }));
    for (const { value, count } of counts.slice(0, 8)) {
      const on = (state.filters[facet] || []).includes(value);
      const link = el("a", { href: "#", className: on ? "on" : "", textContent: `${value} (${count})` });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        if (on) delete state.filters[facet]; else state.filters[facet] = [value];
        state.page = 1;
        runSearch();
      });
      aside.append(link);
    }
  }
}

function renderPager(total) {
  const pager = $("pager");
  pager.replaceChildren();
  const pages = Math.min(Math.ceil(total / 10), 100);
  for (let page = 1; page <= Math.min(pages, 10); page++) {
    const button = el("button", { type: "button", textContent: String(page), disabled: page === state.page });
    button.addEventListener("click", () => { state.page = page; runSearch(); });
    pager.append(button);
  }
}

async function openGuide(code, rank) {
  try {
    // search_id and rank tell the service which result was clicked (click-through statistics).
    const guide = await getJson("/api/v1/guides/" + encodeURIComponent(code), state.searchId ? { search_id: state.searchId, rank } : {});
    const li = document.querySelector(`#results li[data-code="${CSS.escape(code)}"]`);
    if (!li || li.querySelector(".detail")) return;
    const lines = [
      guide.summary && "事项概述：" + guide.summary,
      guide.conditions && "办理条件：" + guide.conditions,
      guide.materials && "申请材料：" + guide.materials.map((m) => m.name).join("；"),
      guide.time_limit && `承诺时限：${guide.time_limit.promised_days} 个${guide.time_limit.unit || "工作日"}`,
      guide.location && "办理地点：" + guide.location,
      guide.phone && "咨询电话：" + guide.phone,
    ].filter(Boolean);
    li.append(el("div", { className: "detail" }, lines.map((text) => el("p", { textContent: text }))));
  } catch (error) {
    $("status").textContent = "无法打开办事指南：" + error.message;
  }
}

async function lookupCase(event) {
  event.preventDefault();
  const status = $("case-status");
  const timeline = $("case-timeline");
  timeline.replaceChildren();
  const response = await fetch("/api/v1/cases/lookup", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ case_no: $("case-no").value.trim(), verify: $("case-verify").value.trim() }),
  });
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.error.message;
    return;
  }
  const overdue = body.overdue ? "（已超期）" : "";
  status.textContent = `${body.item_name} · ${body.applicant} · 当前状态：${body.status}${overdue}`;
  for (const step of body.events) {
    timeline.append(el("li", { textContent: [step.time.replace("T", " ").slice(0, 16), step.stage, step.status, step.note].filter(Boolean).join("  ") }));
  }
}

let suggestTimer = null;
async function suggest() {
  const text = $("q").value.trim();
  const list = $("suggestions");
  if (!text) { list.hidden = true; return; }
  try {
    const body = await getJson("/api/v1/suggest", { q: text, size: 8 });
    list.replaceChildren(...body.suggestions.map((s) => {
      const item = el("li", { role: "option", textContent: s.text });
      item.addEventListener("mousedown", () => { $("q").value = s.text; list.hidden = true; submit(); });
      return item;
    }));
    list.hidden = body.suggestions.length === 0;
  } catch (error) {
    list.hidden = true;
  }
}

function submit() {
  state.q = $("q").value.trim();
  state.page = 1;
  state.filters = {};
  $("suggestions").hidden = true;
  history.replaceState(null, "", "?q=" + encodeURIComponent(state.q));
  runSearch();
}

$("search-form").addEventListener("submit", (event) => { event.preventDefault(); submit(); });
$("case-form").addEventListener("submit", lookupCase);
$("q").addEventListener("input", () => { clearTimeout(suggestTimer); suggestTimer = setTimeout(suggest, 150); });
$("q").addEventListener("blur", () => setTimeout(() => { $("suggestions").hidden = true; }, 150));

async function showHotSearches() {
  try {
    const body = await getJson("/api/v1/hot", { size: 8 });
    const list = $("hot");
    list.replaceChildren(...body.queries.map(({ text }) => {
      const link = el("a", { href: "#", textContent: text });
      link.addEventListener("click", (event) => { event.preventDefault(); $("q").value = text; submit(); });
      return link;
    }));
    list.hidden = body.queries.length === 0;
  } catch (error) {
    $("hot").hidden = true;
  }
}

showHotSearches();
const initial = new URLSearchParams(location.search).get("q");
if (initial) { $("q").value = initial; submit(); }
