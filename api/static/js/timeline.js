// A case's progress as people read it: what it is, where it stands, and every step with
// its department and time; overdue in plain words.
import { el, link, when } from "./dom.js";

export function caseSummary(found) {
  const status = found.overdue ? `${found.status}（已超过承诺办结时间）` : found.status;
  return el("dl", { className: "facts" }, [
    el("dt", {}, found.kind === "信件" ? "信件事项" : "办理事项"),
    el("dd", {}, found.item_code ? link("/guide/" + encodeURIComponent(found.item_code), found.item_name) : found.item_name),
    el("dt", {}, "办件编号"), el("dd", {}, found.case_no),
    found.applicant ? [el("dt", {}, "申请人"), el("dd", {}, found.applicant)] : null,
    el("dt", {}, "受理部门"), el("dd", {}, found.department || ""),
    el("dt", {}, "当前状态"), el("dd", { className: found.overdue ? "overdue" : "" }, status),
    found.submitted_at ? [el("dt", {}, "申请时间"), el("dd", {}, when(found.submitted_at))] : null,
    found.promised_at ? [el("dt", {}, "承诺办结"), el("dd", { className: found.overdue ? "overdue" : "" }, when(found.promised_at))] : null,
  ].flat());
}

export function timeline(events) {
  return el("ol", { className: "timeline", "aria-label": "办理进度" }, (events || []).map((step) => el("li", {}, [
    el("p", { className: "stage" }, [el("strong", {}, step.stage), step.status && step.status !== step.stage ? `：${step.status}` : ""]),
    el("p", { className: "meta" }, [when(step.time), step.department].filter(Boolean).join(" · ")),
    step.note ? el("p", {}, step.note) : null,
  ])));
}

export function reply(found) {
  if (found.kind !== "信件" || !found.reply) return null;
  return found.reply.replied
    ? el("div", { className: "reply" }, [el("h3", {}, `答复（${when(found.reply.time)}）`), el("p", {}, found.reply.text || "")])
    : el("p", { className: "reply" }, "您的来信正在办理中，答复后会在这里显示。");
}
