// Building the page: every value is inserted as text, never as HTML. The only HTML the
// portal inserts is a highlight, which the server sends already escaped with <em> marks.

export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key in node && !key.includes("-")) node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [children].flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

export function highlighted(tag, html, props = {}) {
  const node = el(tag, props);
  node.innerHTML = html; // server-escaped, see above
  return node;
}

export function link(href, text, props = {}) {
  return el("a", { href, ...props }, text);
}

// "2026-11-10T09:33:00+08:00" → "2026-11-10 09:33", as the office wrote it.
export function when(iso) {
  return iso ? iso.replace("T", " ").slice(0, 16) : "";
}

export function section(title, children, props = {}) {
  return el("section", props, [el("h2", {}, title), ...[children].flat()]);
}

export function setTitle(title) {
  document.title = title ? `${title} - 政务服务搜索` : "政务服务搜索";
}

// parent.append without the null, undefined and false that optional parts leave.
export function append(parent, ...children) {
  parent.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return parent;
}
