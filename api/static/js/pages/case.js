// Case progress by number (办件进度查询): the number and its verification code, every
// answer in Chinese.
import { call, waitText } from "../api.js";
import { append, el, setTitle } from "../dom.js";
import { caseSummary, reply, timeline } from "../timeline.js";

const LOOKUP_MESSAGES = {
  400: "请填写办件编号和查询密码。",
  404: "办件编号或查询密码不正确，请核对后重新输入。查询密码在受理回执或短信中。",
  429: (seconds) => `查询失败次数过多，为保护您的信息，请${waitText(seconds)}后再试。`,
};

function field(id, label, props) {
  return el("div", { className: "field" }, [el("label", { htmlFor: id }, label), el("input", { id, required: true, maxLength: 64, autocomplete: "off", ...props })]);
}

export async function renderCase(page, url) {
  setTitle("办件进度查询");
  const number = field("case-no", "办件编号", { value: url.searchParams.get("no") || "", inputMode: "numeric" });
  const code = field("case-verify", "查询密码", { type: "password" });
  const message = el("p", { id: "case-message", role: "alert" });
  const result = el("div", { id: "case-result" });
  const form = el("form", { id: "case-form", className: "panel", autocomplete: "off" },
    [number, code, el("button", { type: "submit", className: "primary" }, "查询进度"), message]);
  append(page, el("h1", {}, "办件进度查询"), el("p", { className: "hint" }, "请输入受理回执上的办件编号和查询密码。"), form, result);
  if (number.querySelector("input").value) setTimeout(() => code.querySelector("input").focus()); // once the page is shown

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    result.replaceChildren();
    const body = { case_no: number.querySelector("input").value.trim(), verify: code.querySelector("input").value.trim() };
    try {
      const found = await call("/api/v1/cases/lookup", { method: "POST", body, messages: LOOKUP_MESSAGES });
      append(result, el("h2", {}, "办理进度"), caseSummary(found), reply(found), timeline(found.events));
    } catch (error) {
      message.textContent = error.message;
    }
  });
}
