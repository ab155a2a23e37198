// Calls to the service's API on the same origin, and what people read when one fails: the
// API speaks English to developers; the portal says it in Chinese.

export class Problem extends Error {
  constructor(message, status = 0, retryAfter = 0) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

const MESSAGES = {
  0: "网络连接失败，请检查网络后重试。",
  400: "输入的内容有误，请检查后重试。",
  401: "登录已失效，请重新登录。",
  403: "您没有权限查看这项内容。",
  404: "没有找到相关内容。",
  429: "操作过于频繁，请稍后再试。",
  503: "服务暂时不可用，请稍后再试。",
};

// Minutes to wait, from Retry-After in seconds: "约 N 分钟".
export function waitText(seconds) {
  return `约 ${Math.max(1, Math.round(seconds / 60))} 分钟`;
}

function problem(status, retryAfter, messages) {
  const text = messages[status] || MESSAGES[status] || (status >= 500 ? MESSAGES[503] : MESSAGES[400]);
  return new Problem(typeof text === "function" ? text(retryAfter) : text, status, retryAfter);
}

// The JSON answer of a request, or a Problem with a Chinese message (``messages`` by status
// overrides the defaults for one kind of call).
export async function call(path, { params = {}, method = "GET", body, token, messages = {} } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    for (const one of [value].flat()) if (one !== undefined && one !== null && one !== "") url.searchParams.append(key, one);
  }
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = "Bearer " + token;
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw problem(0, 0, messages);
  }
  if (!response.ok) throw problem(response.status, Number(response.headers.get("Retry-After")) || 0, messages);
  try {
    return await response.json();
  } catch (error) {
    throw problem(503, 0, messages);
  }
}
