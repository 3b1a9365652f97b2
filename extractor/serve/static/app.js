// The draft page: send the draft to the API, show the release with its figures and findings, offer downloads.
// Offsets in the fact sheet count Unicode code points (Python's), so the text is handled as an array of them.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { file: null, result: null, pastedName: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function say(message) { $("status").textContent = message; }

function fail(message) {
  $("error").textContent = message;
  $("error").hidden = false;
  say("");
}

// One line for the person, whatever went wrong: the server's own message when it sent one.
async function problem(response) {
  try {
    const body = await response.json();
    if (body && body.error) return body.error;
  } catch (e) { /* not JSON: fall through */ }
  return `The server answered ${response.status} ${response.statusText}.`;
}

async function post(path, wantJson) {
  let response;
  if (state.file) {
    const form = new FormData();
    form.append("file", state.file, state.file.name);
    if (path === "/check") form.append("sarif", "true");
    response = await fetch(path + "/file", { method: "POST", body: form });
  } else {
    const text = $("draft").value;
    if (!text.trim()) throw new Error("Paste a draft or choose a file first.");
    state.pastedName = $("paste-kind").value;
    response = await fetch(path, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, filename: state.pastedName, sarif: path === "/check" }),
    });
  }
  if (!response.ok) throw new Error(await problem(response));
  return wantJson ? response.json() : response;
}

async function busy(button, message, work) {
  $("error").hidden = true;
  button.disabled = true;
  say(message);
  try {
    await work();
  } catch (e) {
    fail(e instanceof TypeError ? "The server did not answer: is prfacts serve still running?" : e.message);
  } finally {
    button.disabled = false;
  }
}

// ------------------------------------------------------------------ showing a result

function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

function showSummary(result) {
  const findings = result.sheet.findings;
  const open = findings.filter((f) => !f.suppressed);
  const counts = $("counts");
  counts.replaceChildren();
  for (const sev of ["error", "warning", "info"]) {
    const n = open.filter((f) => f.severity === sev).length;
    if (n) counts.append(el("span", { class: `chip sev-${sev}` }, plural(n, sev)));
  }
  const suppressed = findings.length - open.length;
  if (suppressed) counts.append(el("span", { class: "chip muted" }, `${suppressed} suppressed`));
  counts.append(el("span", { class: "chip muted" }, `${plural(result.sheet.mentions.length, "figure")}, ` +
                                                  `${plural(result.sheet.facts.length, "fact")} checked`));
  $("summary-title").textContent = open.length
    ? `${plural(open.length, "finding")} in ${result.filename}`
    : `No findings in ${result.filename}: every figure checked holds`;
  const fixes = $("apply-fixes");
  fixes.disabled = result.fixable === 0;
  fixes.textContent = result.fixable ? `Apply ${plural(result.fixable, "fix")} and download` : "No fixes to apply";
}

function mentionTitle(m) {
  const range = m.low === m.high ? "" : ` (${m.low} to ${m.high})`;
  const unit = m.currency || m.unit || "";
  return `${m.kind}: ${m.value}${unit ? " " + unit : ""}${range}`;
}

// The text of one line, cut at every mention and finding edge; each piece carries what covers it.
function lineNodes(chars, a, b, mentions, flags) {
  const cuts = new Set([a, b]);
  for (const s of mentions.concat(flags)) {
    if (s.end > a && s.start < b) { cuts.add(Math.max(a, s.start)); cuts.add(Math.min(b, s.end)); }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    let node = document.createTextNode(chars.slice(s, e).join(""));
    const m = mentions.find((x) => x.start <= s && e <= x.end);
    if (m) node = el("span", { class: `m m-${m.kind}`, title: mentionTitle(m) }, node);
    const f = flags.find((x) => x.start <= s && e <= x.end);
    if (f) node = el("mark", { class: `flag sev-${f.finding.severity}`, title: f.finding.message,
                               "data-finding": String(f.index) }, node);
    nodes.push(node);
  }
  return nodes;
}

function findingCard(f, index, chars) {
  const card = el("div", { class: `finding sev-${f.severity}${f.suppressed ? " suppressed" : ""}`,
                           id: `finding-${index}` },
    el("div", { class: "finding-head" },
      el("span", { class: "badge" }, f.suppressed ? `${f.severity}, suppressed` : f.severity),
      el("code", { class: "rule" }, f.rule),
      el("span", { class: "where" }, `line ${f.line}, column ${f.column}`)),
    el("p", { class: "message" }, f.message));
  if (f.fix) {
    const old = chars.slice(f.fix.start, f.fix.end).join("");
    card.append(el("p", { class: "fix" }, "Fix: ", el("del", {}, old || "(nothing)"), " → ",
                   el("ins", {}, f.fix.replacement || "(delete)")));
  }
  return card;
}

function showRelease(result) {
  const chars = Array.from(result.text);
  const sheet = result.sheet;
  const flags = sheet.findings.map((f, index) => ({ start: f.start, end: f.end, finding: f, index }));
  const release = $("release");
  release.replaceChildren();
  let a = 0;
  while (a <= chars.length) {
    let b = chars.indexOf("\n", a);
    if (b < 0) b = chars.length;
    const para = el("p", { class: "line" }, ...lineNodes(chars, a, b, sheet.mentions, flags));
    if (a === b) para.classList.add("blank");
    release.append(para);
    // Each finding goes under the line its flagged figure starts on.
    const here = flags.filter((x) => x.start >= a && (x.start < b || (x.start === b && b === chars.length)));
    if (here.length) release.append(el("div", { class: "findings" }, ...here.map((x) => findingCard(x.finding, x.index, chars))));
    a = b + 1;
  }
}

function show(result) {
  state.result = result;
  showSummary(result);
  showRelease(result);
  $("results").hidden = false;
  say("");
}

// ------------------------------------------------------------------ downloads

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function stem(name) { return name.replace(/\.[^.]*$/, ""); }

function nameFromHeader(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const m = header.match(/filename\*=UTF-8''([^;]+)/i);
  return m ? decodeURIComponent(m[1]) : fallback;
}

async function applyFixes() {
  if (state.file) {
    const response = await post("/fix", false);
    const name = nameFromHeader(response, "draft.fixed.txt");
    download(await response.blob(), name);
    say(`Applied ${plural(Number(response.headers.get("X-Prfacts-Applied") || 0), "fix")}; ` +
        `downloaded ${name}.`);
    return;
  }
  const fixed = await post("/fix", true);
  download(new Blob([fixed.text], { type: "text/plain;charset=utf-8" }), fixed.filename);
  $("draft").value = fixed.text;
  const skipped = fixed.skipped.length ? ` (${plural(fixed.skipped.length, "fix")} skipped: they overlap)` : "";
  say(`Applied ${plural(fixed.applied, "fix")}${skipped}; downloaded ${fixed.filename}. ` +
      "The box now holds the corrected draft: check it again to see what is left.");
}

// ------------------------------------------------------------------ wiring

function choose(file) {
  state.file = file || null;
  $("chosen").hidden = !file;
  $("draft").hidden = !!file;
  $("paste-kind").parentElement.hidden = !!file;
  $("chosen-name").textContent = file ? `${file.name} (${file.size.toLocaleString()} bytes)` : "";
}

$("draft-form").addEventListener("submit", (event) => {
  event.preventDefault();
  busy($("check"), "Checking…", async () => {
    $("results").hidden = true;  // a result left from an earlier draft must not pass for this one's
    show(await post("/check", true));
  });
});
$("apply-fixes").addEventListener("click", () => busy($("apply-fixes"), "Applying the fixes…", applyFixes));
$("download-json").addEventListener("click", () => {
  const r = state.result;
  download(new Blob([JSON.stringify(r.sheet, null, 2)], { type: "application/json" }), `${stem(r.filename)}.facts.json`);
});
$("download-sarif").addEventListener("click", () => {
  const r = state.result;
  download(new Blob([JSON.stringify(r.sarif, null, 2)], { type: "application/sarif+json" }), `${stem(r.filename)}.sarif`);
});
$("file").addEventListener("change", (event) => choose(event.target.files[0]));
$("clear-file").addEventListener("click", () => { $("file").value = ""; choose(null); });
$("release").addEventListener("click", (event) => {
  const mark = event.target.closest("mark[data-finding]");
  if (mark) $(`finding-${mark.dataset.finding}`).scrollIntoView({ behavior: "smooth", block: "center" });
});

const drop = $("drop");
for (const name of ["dragenter", "dragover"]) {
  drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add("over"); });
}
for (const name of ["dragleave", "drop"]) {
  drop.addEventListener(name, () => drop.classList.remove("over"));
}
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  if (event.dataTransfer.files.length) choose(event.dataTransfer.files[0]);
});
