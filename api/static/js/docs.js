// Reads this service's own OpenAPI description (no network beyond it) and lists every
// operation. Every value is inserted as text, never as HTML.
"use strict";

let spec = null;
const el = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

function resolve(schema) {
  while (schema && schema.$ref) schema = schema.$ref.split("/").slice(1).reduce((node, key) => node[key], spec);
  return schema || {};
}

function typeName(schema) {
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf || schema.oneOf) return (schema.anyOf || schema.oneOf).map(typeName).join(" | ");
  if (schema.type === "array") return typeName(schema.items || {}) + "[]";
  const type = [].concat(schema.type || "any").join(" | ");
  const bounds = [];
  if (schema.minimum !== undefined || schema.maximum !== undefined) bounds.push(`${schema.minimum ?? ""}..${schema.maximum ?? ""}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) bounds.push(`${schema.minLength ?? 0}..${schema.maxLength ?? ""} chars`);
  if (schema.default !== undefined) bounds.push(`default ${JSON.stringify(schema.default)}`);
  return bounds.length ? `${type} (${bounds.join(", ")})` : type;
}

// One line per property, nested objects indented; a named schema is expanded once.
function describe(schema, indent = "", seen = new Set()) {
  if (schema.type === "array") return describe(schema.items || {}, indent, seen);
  const name = schema.$ref ? schema.$ref.split("/").pop() : null;
  if (name && seen.has(name)) return "";  // a schema that contains itself (RegionNode)
  const shown = new Set(seen);
  if (name) shown.add(name);
  const target = resolve(schema);
  if (target.type === "array") return describe(target.items || {}, indent, shown);
  const variants = target.anyOf || target.oneOf;
  if (variants) return variants.map((v) => `${indent}${typeName(v)}:\n` + describe(v, indent + "  ", shown)).join("");
  const required = new Set(target.required || []);
  return Object.entries(target.properties || {}).map(([key, value]) => {
    const line = `${indent}${key}${required.has(key) ? "" : "?"}: ${typeName(value)}` +
      (value.description ? `  — ${value.description}` : "") + "\n";
    return line + describe(value, indent + "  ", shown);
  }).join("");
}

function parametersTable(parameters) {
  const table = el("table");
  const head = table.insertRow();
  ["参数 parameter", "位置 in", "类型 type", "说明 description"].forEach((text) => head.append(el("th", text)));
  for (const parameter of parameters) {
    const row = table.insertRow();
    row.append(el("td", parameter.name + (parameter.required ? " *" : "")), el("td", parameter.in),
               el("td", typeName(parameter.schema || {})), el("td", parameter.description || ""));
  }
  return table;
}

function contentBlock(content) {
  const block = el("div");
  for (const [media, { schema, example }] of Object.entries(content || {})) {
    block.append(el("div", media, "muted"));
    const text = describe(schema || {});
    if (text) block.append(el("div", text, "schema"));
    if (example !== undefined) block.append(el("div", "例 example: " + JSON.stringify(example), "schema"));
  }
  return block;
}

function operationSection(path, method, operation) {
  const section = el("section", undefined, "op");
  section.id = operation.operationId || `${method}-${path}`;
  const title = el("h2");
  title.append(el("span", method.toUpperCase(), `method ${method}`), " ", el("code", path), " ", el("span", operation.summary || ""));
  section.append(title);
  if (operation.description) section.append(el("p", operation.description));
  const security = (operation.security || []).map((r) => Object.keys(r).join(" + ") || "无需登录 none");
  if (security.length) section.append(el("p", "认证 auth: " + security.join(" 或 or "), "muted"));
  if (operation.parameters && operation.parameters.length) section.append(parametersTable(operation.parameters));
  if (operation.requestBody) {
    section.append(el("h3", "请求体 request body"), contentBlock(operation.requestBody.content));
  }
  section.append(el("h3", "响应 responses"));
  for (const [status, reference] of Object.entries(operation.responses || {})) {
    const response = resolve(reference);
    section.append(el("div", `${status} — ${response.description || ""}`), contentBlock(response.content));
  }
  return section;
}

async function main() {
  const response = await fetch(new URL("openapi.json", location.href));
  spec = await response.json();
  document.getElementById("title").textContent = `${spec.info.title} API ${spec.info.version}`;
  document.getElementById("description").textContent = spec.info.description || "";
  const index = el("ul");
  const operations = document.getElementById("operations");
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const section = operationSection(path, method, operation);
      const link = el("a", `${method.toUpperCase()} ${path} — ${operation.summary || ""}`);
      link.href = "#" + section.id;
      const entry = el("li");
      entry.append(link);
      index.append(entry);
      operations.append(section);
    }
  }
  document.getElementById("index").append(index);
}

main().catch((error) => { document.getElementById("description").textContent = "无法读取 openapi.json: " + error; });
