import { append, el, link, setTitle } from "../dom.js";

export function renderNotFound(page) {
  setTitle("页面不存在");
  append(page, el("h1", {}, "页面不存在"), el("p", {}, ["您访问的页面不存在。", link("/", "返回首页")]));
}
