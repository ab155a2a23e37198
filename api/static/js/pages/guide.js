// A guide at its own address: everything a person needs to prepare and apply, printable.
import { call } from "../api.js";
import { append, el, link, section, setTitle, when } from "../dom.js";
import { CLICK_KEY } from "./results.js";

// 网办模式 (DESIGN §6): how much of the service can be done online.
const ONLINE_MODES = { 1: "需到现场办理", 2: "网上预约、预审，现场办理", 3: "网上申请，到现场一次", 4: "全程网上办理，无需到现场" };

function clickOf(code) {
  try {
    const click = JSON.parse(sessionStorage.getItem(CLICK_KEY) || "null");
    sessionStorage.removeItem(CLICK_KEY);
    return click && click.code === code ? { search_id: click.search_id, rank: click.rank } : {};
  } catch (error) {
    return {};
  }
}

function paragraphs(text) {
  return String(text).split(/\n+/).filter(Boolean).map((line) => el("p", {}, line));
}

function materials(items) {
  const head = el("thead", {}, el("tr", {}, ["材料名称", "材料形式", "份数", "来源", "是否必需", "备注"].map((name) => el("th", { scope: "col" }, name))));
  const rows = items.map((m) => el("tr", {}, [
    el("th", { scope: "row" }, m.name),
    el("td", { "data-label": "材料形式" }, m.form || ""),
    el("td", { "data-label": "份数" }, m.copies ? String(m.copies) : ""),
    el("td", { "data-label": "来源" }, m.source || ""),
    el("td", { "data-label": "是否必需" }, m.required === false ? "否（按情形提供）" : "是"),
    el("td", { "data-label": "备注" }, m.note || ""),
  ]));
  return el("div", { className: "table-wrap" }, el("table", { className: "materials" }, [el("caption", { className: "visually-hidden" }, "申请材料清单"), head, el("tbody", {}, rows)]));
}

function timeLimit(limit) {
  const unit = limit.unit || "工作日";
  return el("dl", { className: "facts" }, [
    limit.legal_days != null ? [el("dt", {}, "法定办结时限"), el("dd", {}, `${limit.legal_days} 个${unit}`)] : null,
    limit.promised_days != null ? [el("dt", {}, "承诺办结时限"), el("dd", {}, limit.promised_days === 0 ? "即办" : `${limit.promised_days} 个${unit}`)] : null,
  ].flat());
}

function fee(fee) {
  if (!fee.charged) return el("p", {}, fee.standard || "不收费");
  return el("div", {}, [el("p", {}, "收费标准：" + (fee.standard || "按规定收取")), fee.basis ? el("p", {}, "收费依据：" + fee.basis) : null]);
}

function where(guide) {
  return el("dl", { className: "facts" }, [
    guide.location ? [el("dt", {}, "办理地点"), el("dd", {}, guide.location)] : null,
    guide.hours ? [el("dt", { id: "hours" }, "办理时间"), el("dd", {}, guide.hours)] : null,
    guide.phone ? [el("dt", { id: "phone" }, "咨询电话"), el("dd", {}, link("tel:" + guide.phone.replace(/[^0-9+-]/g, ""), guide.phone))] : null,
    [el("dt", {}, "受理部门"), el("dd", {}, guide.department)],
  ].flat());
}

function online(guide) {
  const mode = ONLINE_MODES[guide.online_mode];
  const canApply = guide.online_url && /^https?:\/\//.test(guide.online_url) && guide.online_mode >= 2;
  if (!mode && !canApply) return null;
  return el("div", { className: "online", id: "online" }, [
    mode ? el("p", {}, "办理方式：" + mode) : null,
    canApply ? link(guide.online_url, "在线办理", { className: "button primary", target: "_blank", rel: "noopener noreferrer" }) : null,
  ]);
}

async function family(guide) {
  // Its 小项 or its 大项, and the copies of the same service in other localities.
  const [parent, copies] = await Promise.all([
    guide.parent_code ? call("/api/v1/guides/" + encodeURIComponent(guide.parent_code)).catch(() => null) : null,
    guide.basic_code ? call("/api/v1/services/" + encodeURIComponent(guide.basic_code)).catch(() => null) : null,
  ]);
  const others = copies ? copies.copies.filter((copy) => copy.code !== guide.code) : [];
  const children = guide.children || [];
  return [
    children.length ? section("办理情形", [el("p", {}, "本事项分为以下几种情形，请按您的实际情况选择："),
      el("ul", { className: "links" }, children.map((child) => el("li", {}, link("/guide/" + encodeURIComponent(child.code), child.name))))]) : null,
    parent ? section("所属事项", el("p", {}, ["本事项是", link("/guide/" + encodeURIComponent(parent.code), `「${parent.name}」`), "的一种办理情形。"])) : null,
    others.length ? section("其他地区", el("ul", { className: "links" }, others.map((copy) =>
      el("li", {}, link("/guide/" + encodeURIComponent(copy.code), `${copy.region || "全国"} · ${copy.department}`))))) : null,
  ];
}

export async function renderGuide(page, url, code) {
  let guide;
  try {
    guide = await call("/api/v1/guides/" + encodeURIComponent(code), { params: clickOf(code), messages: { 404: "没有找到这个办事指南，它可能已经调整或停止办理。" } });
  } catch (error) {
    setTitle("办事指南");
    append(page, el("h1", {}, "办事指南"), el("p", { className: "problem" }, error.message), el("p", {}, link("/", "返回首页")));
    return;
  }
  setTitle(guide.name);
  const printButton = el("button", { type: "button", className: "print" }, "打印本页");
  printButton.addEventListener("click", () => window.print());
  const materialsList = guide.materials || [];
  append(page, 
    el("article", { className: "guide" }, [
      el("p", { className: "breadcrumb" }, [link("/", "首页"), " › 办事指南"]),
      el("h1", {}, guide.name),
      el("p", { className: "meta" }, [guide.region || "全国", guide.department, guide.item_type, (guide.audience || []).join("、")].filter(Boolean).join(" · ")),
      online(guide),
      guide.summary ? section("事项概述", paragraphs(guide.summary)) : null,
      // One anchor a section, named as an answer's aspect, so an answer links to where it came from.
      guide.conditions ? section("办理条件", paragraphs(guide.conditions), { id: "conditions" }) : null,
      materialsList.length ? section("申请材料", materials(materialsList), { id: "materials" }) : null,
      (guide.procedure || []).length ? section("办理流程", el("ol", { className: "steps" }, guide.procedure.map((step) =>
        el("li", {}, [el("strong", {}, step.name), step.description ? el("p", {}, step.description) : null]))), { id: "procedure" }) : null,
      guide.time_limit ? section("办理时限", timeLimit(guide.time_limit), { id: "time_limit" }) : null,
      guide.fee ? section("收费标准", fee(guide.fee), { id: "fee" }) : null,
      (guide.basis || []).length ? section("设定依据", el("ul", {}, guide.basis.map((basis) => el("li", {}, basis)))) : null,
      section("办理地点和时间", where(guide), { id: "location" }),
      (guide.faq || []).length ? section("常见问题", el("dl", { className: "faq" }, guide.faq.flatMap((item) => [el("dt", {}, item.q), el("dd", {}, item.a)])), { id: "faq" }) : null,
      ...(await family(guide)),
      el("p", { className: "meta" }, [guide.updated_at ? `更新时间：${when(guide.updated_at)}　事项编码：${guide.code}` : `事项编码：${guide.code}`]),
      printButton,
    ]),
  );
}
