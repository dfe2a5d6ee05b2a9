// Agent page: send the complaint to /v1/triage, show the decision, send accept/correct feedback.
"use strict";
const $ = (id) => document.getElementById(id);
const playbook = JSON.parse($("playbook").textContent);
const names = JSON.parse($("names").textContent);
const ANGER_COLOURS = ["green", "amber", "red"];
let current = null;

function show(id, visible) { $(id).hidden = !visible; }

function fillList(id, items) {
  const list = $(id);
  list.replaceChildren(...items.map((text) => { const li = document.createElement("li"); li.textContent = text; return li; }));
}

function highlight(text, evidence) {
  const marks = new Array(text.length).fill(false);
  for (const e of evidence) for (const [start, end] of e.spans) for (let i = start; i < end; i++) marks[i] = true;
  const nodes = [];
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && marks[j] === marks[i]) j++;
    const piece = text.slice(i, j);
    if (marks[i]) { const m = document.createElement("mark"); m.textContent = piece; nodes.push(m); }
    else nodes.push(document.createTextNode(piece));
    i = j;
  }
  $("highlighted").replaceChildren(...nodes);
}

const REVIEW_REASONS = { not_a_complaint: "可能不是投诉", low_confidence: "类别把握不足" };
const CUE_KINDS = { insult: "辱骂", threat: "威胁投诉/曝光", irritation: "不满" };

function render(text, r) {
  current = r;
  $("category").textContent = `${names.categories[r.category]}（${r.category}）`;
  $("confidence").textContent = `${Math.round(r.confidence * 100)}%`;
  $("confidence-bar").style.width = `${Math.round(r.confidence * 100)}%`;
  show("review", r.needs_review);
  $("complaint-probability").textContent = `${Math.round(r.complaint_probability * 100)}%`;
  $("review-reason").textContent = REVIEW_REASONS[r.review_reason] || "";
  const others = Object.entries(r.scores).filter(([c]) => c !== r.category).sort((a, b) => b[1] - a[1]);
  fillList("alternatives", others.map(([c, p]) => `${names.categories[c]} ${Math.round(p * 100)}%`));
  $("secondary").textContent = r.secondary.length ? r.secondary.map((c) => names.categories[c]).join("、") : "无";
  const anger = $("anger");
  anger.textContent = `${Object.values(names.anger)[r.anger.level]}（${r.anger.label}）`;
  anger.className = `badge ${ANGER_COLOURS[r.anger.level]}`;
  const cues = (r.anger.cues || []).map((c) => `${c.term}（${CUE_KINDS[c.kind]}）`);
  $("anger-cues").textContent = cues.length ? `情绪词：${cues.join("、")}` : "未见情绪词";
  $("department").textContent = r.route.department;
  $("priority").textContent = r.route.priority;
  $("sla").textContent = r.route.sla_hours;
  $("escalate").textContent = r.route.escalate ? `请示${r.route.escalate_to}，紧急处理` : "";
  show("escalate", r.route.escalate);
  highlight(text, r.evidence);
  const d = r.details;
  const parts = [];
  if (d.objects.length) parts.push(`对象 ${d.objects.join("、")}`);
  if (d.order_numbers.length) parts.push(`单号 ${d.order_numbers.join("、")}`);
  if (d.amounts.length) parts.push(`金额 ${d.amounts.join("、")}`);
  if (d.demands.length) parts.push(`诉求 ${d.demands.join("、")}`);
  $("details").textContent = parts.length ? parts.join("；") : "未识别";
  fillList("steps", playbook.steps.map((s) => s.name === "回访" ? `${s.name}：${r.route.sla_hours} 小时内。${s.hint}` : `${s.name}：${s.hint}`));
  fillList("phrases", playbook.phrases[r.anger.label]);
  $("fix-category").value = r.category;
  $("fix-anger").value = String(r.anger.level);
  $("feedback-status").textContent = r.stored ? `已记录，编号 ${r.id}` : "未保存，无法提交纠正";
  show("result", true);
}

async function post(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const data = await response.json();
  if (!response.ok) throw new Error(data.detail || response.statusText);
  return data;
}

$("submit").addEventListener("click", async () => {
  const text = $("text").value;
  const body = { text };
  if ($("cid").value.trim()) body.id = $("cid").value.trim();
  show("error", false);
  try { render(text, await post("/v1/triage", body)); }
  catch (err) { $("error").textContent = `无法分诊：${err.message}`; show("error", true); }
});

async function sendFeedback(verdict) {
  if (!current || !current.id) return;
  const body = { verdict, agent: $("agent").value || null, comment: $("comment").value || null };
  if (verdict === "correct") {
    body.category = $("fix-category").value;
    body.anger = Number($("fix-anger").value);
    body.secondary = current.secondary.filter((c) => c !== body.category);
  }
  try {
    await post(`/v1/complaints/${encodeURIComponent(current.id)}/feedback`, body);
    $("feedback-status").textContent = verdict === "accept" ? "已采纳" : "已纠正，谢谢";
  } catch (err) { $("feedback-status").textContent = `提交失败：${err.message}`; }
}
$("accept").addEventListener("click", () => sendFeedback("accept"));
$("correct").addEventListener("click", () => sendFeedback("correct"));
