// The script of index.html, inline (the page downloads nothing): the filter
// over the matrix and the behavior map, and the panels, each case's loaded
// from panels/<case id>.js when one of them is opened. A <script> element
// rather than fetch(): Chromium lets a page opened from disk load a script
// beside it, not fetch a file.
#pragma once

#include <string_view>

namespace memconform {

inline constexpr std::string_view kPageScript = R"js(
"use strict";
const run = JSON.parse(document.getElementById("run-data").textContent);
const caseIndex = new Map(run.cases.map((c, i) => [c.id, i]));
const filter = document.getElementById("filter");
const field = name => filter.elements[name];
const columnStyle = document.getElementById("column-filter");
const tables = [...document.querySelectorAll("table.cases")].map(table => ({
  rows: [...table.querySelectorAll("tr[data-c]")],
  areas: [...table.querySelectorAll("tr[data-area]")],
  firstBackendColumn: Number(table.dataset.firstBackendColumn),
}));

function caseMatches(c, f) {
  if (f.area && c.area !== f.area) return false;
  if (f.tag && !c.tags.includes(f.tag)) return false;
  if (f.text && !(c.id + " " + c.summary + " " + c.tags.join(" ")).toLowerCase().includes(f.text)) return false;
  if (!f.status) return true;
  const backends = f.backend === "" ? run.backends.map((_, i) => i) : [run.backends.indexOf(f.backend)];
  if (f.status === "fails") return backends.some(b => c.fails.includes(b));
  return backends.some(b => run.statuses[c.status[b]] === f.status);
}

function applyFilter() {
  const f = {text: field("text").value.trim().toLowerCase(), area: field("area").value, tag: field("tag").value,
             status: field("status").value, backend: field("backend").value};
  const shown = run.cases.map(c => caseMatches(c, f));
  const areasShown = new Set(run.cases.filter((c, i) => shown[i]).map(c => c.area));
  for (const table of tables) {
    for (const row of table.rows) row.hidden = !shown[row.dataset.c];
    for (const row of table.areas) row.hidden = !areasShown.has(row.dataset.area);
  }
  // The other backends' columns, hidden in both tables by one rule.
  const kept = run.backends.indexOf(f.backend);
  columnStyle.textContent = kept < 0 ? "" : tables.map(table => run.backends.map((_, b) => b === kept ? "" :
    `table[data-first-backend-column="${table.firstBackendColumn}"] tr > :nth-child(${table.firstBackendColumn + b})`)
    .filter(Boolean).join(",")).join(",") + " { display: none; }";
  const count = shown.filter(Boolean).length;
  document.getElementById("filter-count").textContent = `${count} of ${run.cases.length} cases`;
  for (const empty of document.querySelectorAll(".no-match")) empty.hidden = count > 0;
}

filter.addEventListener("input", applyFilter);
filter.addEventListener("reset", () => setTimeout(applyFilter));
filter.addEventListener("submit", event => event.preventDefault());
// A count in the table of counts narrows the matrix to its backend and status.
for (const link of document.querySelectorAll("a[data-status]")) {
  link.addEventListener("click", event => {
    event.preventDefault();
    filter.reset();
    field("backend").value = link.dataset.backend;
    field("status").value = link.dataset.status;
    applyFilter();
    document.getElementById("matrix").scrollIntoView();
  });
}

const panel = document.getElementById("panel");
const panelBody = document.getElementById("panel-body");
const loaded = new Map();
window.memconformCase = (id, panels) => loaded.set(id, panels);

function panelsOf(id) {
  if (loaded.has(id)) return Promise.resolve(loaded.get(id));
  const file = "panels/" + id.split("/").map(encodeURIComponent).join("/") + ".js";
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = file;
    script.onload = () => loaded.has(id) ? resolve(loaded.get(id)) : reject(new Error(`${file} holds no panels of ${id}`));
    script.onerror = () => reject(new Error(`${file} could not be loaded: it is written beside index.html`));
    document.head.append(script);
  });
}

function escaped(text) {
  const p = document.createElement("p");
  p.textContent = text;
  return p.innerHTML;
}

// #<case id> opens the case's panel, #<case id>@<backend> its result there.
async function showPanel(atLoad) {
  const fragment = decodeURIComponent(location.hash.slice(1));
  const at = fragment.lastIndexOf("@");
  const id = at < 0 ? fragment : fragment.slice(0, at);
  for (const row of document.querySelectorAll("tr.current")) row.classList.remove("current");
  if (!caseIndex.has(id)) {
    panel.hidden = true;
    return;
  }
  const row = document.getElementById("row:" + id);
  row.classList.add("current");
  // A link opened at load: its row is brought into view; a clicked one is in view already (and scrolling a
  // large matrix costs a layout).
  if (atLoad === true) row.scrollIntoView({block: "nearest"});
  let html;
  try {
    const panels = await panelsOf(id);
    html = at < 0 ? panels.source : panels.results[fragment.slice(at + 1)] ?? `<p>No result of ${escaped(id)} on ${escaped(fragment.slice(at + 1))}.</p>`;
  } catch (error) {
    html = `<p class="load-error">${escaped(error.message)}</p>`;
  }
  if (decodeURIComponent(location.hash.slice(1)) !== fragment) return;  // another panel was opened meanwhile
  panelBody.innerHTML = html;
  panel.hidden = false;
  panel.scrollTop = 0;
  document.dispatchEvent(new Event("memconform-panel-shown"));
}

function closePanel() {
  history.pushState(null, "", location.pathname + location.search);
  showPanel();
}

document.getElementById("panel-close").addEventListener("click", event => { event.preventDefault(); closePanel(); });
addEventListener("keydown", event => { if (event.key === "Escape" && !panel.hidden) closePanel(); });
addEventListener("hashchange", showPanel);
applyFilter();
showPanel(true);
)js";

}  // namespace memconform
