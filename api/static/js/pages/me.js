// 我的: the signed-in person's cases (with their progress) and the services pushed to them,
// each with its reason; "不感兴趣" removes one and the next feed changes.
import { Problem, call } from "../api.js";
import { append, el, link, section, setTitle } from "../dom.js";
import { navigate } from "../router.js";
import { signIn, signOut, takeTokenFromAddress, token } from "../session.js";
import { caseSummary, reply, timeline } from "../timeline.js";

const FEED_SIZE = 10;
const ME_MESSAGES = { 401: "登录已失效，请重新登录。", 503: "服务暂时不可用，请稍后再试。" };

async function signInPanel(page) {
  const config = await call("/api/v1/portal/config").catch(() => ({}));
  const parts = [el("h1", {}, "我的"), el("p", {}, "登录后可以查看您的办件进度和为您推荐的服务。")];
  if (config.sso_login_url) {
    const back = new URL("/me", location.origin).href;
    const sso = new URL(config.sso_login_url, location.origin);
    sso.searchParams.set("redirect_uri", back);
    parts.push(link(sso.href, "统一身份认证登录", { className: "button primary" }));
  }
  if (config.demo_sign_in) parts.push(await demoSignIn());
  if (!config.sso_login_url && !config.demo_sign_in) parts.push(el("p", { className: "hint" }, "本站暂未开通登录，请通过政务服务平台统一身份认证进入。"));
  append(page, ...parts);
}

async function demoSignIn() {
  const { users } = await call("/api/v1/demo/users");
  const select = el("select", { id: "demo-user" }, users.map((user) => el("option", { value: user.user_id }, `${user.user_id}（${user.label}）`)));
  const message = el("p", { role: "alert" });
  const form = el("form", { id: "demo-sign-in", className: "panel" }, [
    el("h2", {}, "演示登录"),
    el("p", { className: "hint" }, "演示环境：选择一位示例用户登录。"),
    el("div", { className: "field" }, [el("label", { htmlFor: "demo-user" }, "示例用户"), select]),
    el("button", { type: "submit", className: "primary" }, "登录"),
    message,
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const answer = await call("/api/v1/demo/sign-in", { method: "POST", body: { user_id: select.value } });
      signIn(answer.token);
      navigate("/me", { replace: true });
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return form;
}

// A case as a row that opens its progress (the disclosure pattern: a button with aria-expanded).
// Its status always shows; lateness is a second badge beside it, never instead of it.
function caseItem(found) {
  const panel = el("div", { id: "case-" + found.case_no, className: "case-progress", hidden: true },
    [caseSummary(found), reply(found), timeline(found.events)]);
  const toggle = el("button", { type: "button", className: "case-toggle", "aria-expanded": "false", "aria-controls": panel.id }, [
    el("span", { className: "marker", "aria-hidden": "true" }, "▸"),
    el("span", { className: "case-heading" }, [
      el("strong", {}, found.item_name),
      el("span", { className: "badge" }, found.status),
      found.overdue ? el("span", { className: "badge overdue" }, "已超期") : null,
    ]),
  ]);
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
  });
  return el("li", { className: found.overdue ? "case overdue-case" : "case", "data-case-no": found.case_no }, [toggle, panel]);
}

function feedItem(item, dismiss) {
  const button = el("button", { type: "button", className: "quiet", "aria-label": `不感兴趣：${item.name}` }, "不感兴趣");
  button.addEventListener("click", () => dismiss(item, button));
  return el("li", { className: "card", "data-code": item.code }, [
    el("h3", {}, link("/guide/" + encodeURIComponent(item.code), item.name)),
    el("p", { className: "reason" }, item.reason),
    button,
  ]);
}

async function feedSection(credentials) {
  const list = el("ul", { className: "feed" });
  const message = el("p", { role: "status" });
  const load = async () => {
    const answer = await call("/api/v1/me/feed", { params: { size: FEED_SIZE }, token: credentials, messages: ME_MESSAGES });
    list.replaceChildren(...answer.items.map((item) => feedItem(item, dismiss)));
    if (!answer.items.length) message.textContent = "暂时没有为您推荐的服务。";
  };
  const dismiss = async (item, button) => {
    button.disabled = true;
    try {
      await call("/api/v1/events", { method: "POST", token: credentials, body: { type: "dismiss", item_code: item.code } });
      message.textContent = `已不再向您推荐「${item.name}」。`;
      await load();
    } catch (error) {
      button.disabled = false;
      message.textContent = error.message;
    }
  };
  await load();
  return section("为您推荐", [message, list], { id: "feed" });
}

export async function renderMe(page) {
  setTitle("我的");
  takeTokenFromAddress();
  const credentials = token();
  if (!credentials) return signInPanel(page);
  let cases;
  try {
    cases = (await call("/api/v1/me/cases", { token: credentials, messages: ME_MESSAGES })).cases;
  } catch (error) {
    if (error instanceof Problem && error.status === 401) {
      signOut();
      append(page, el("p", { className: "problem" }, error.message));
      return signInPanel(page);
    }
    throw error;
  }
  const out = el("button", { type: "button", className: "quiet" }, "退出登录");
  out.addEventListener("click", () => { signOut(); navigate("/me", { replace: true }); });
  append(page, 
    el("div", { className: "title-row" }, [el("h1", {}, "我的"), out]),
    section("我的办件", cases.length ? el("ul", { className: "cases" }, cases.map(caseItem)) : el("p", {}, "您还没有办件。"), { id: "my-cases" }),
    await feedSection(credentials),
  );
}
