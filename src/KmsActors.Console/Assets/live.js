// The console's live parts (docs/console.md): the audit stream, expiry countdowns and the metrics refresh. The pages
// work without this script (Refresh links render them again); it only keeps them current.
"use strict";

// Audit: follow /console/audit/stream (server-sent events, one CloudTrail JSON record per event) and add each record
// as a row on top, as the server renders them (Shared/_AuditEvents.cshtml).
for (const live of document.querySelectorAll("[data-audit-stream]")) {
  const body = live.querySelector("tbody");
  const status = live.querySelector(".live-status");
  const limit = Number(live.dataset.auditLimit) || 200;
  const url = new URL(live.dataset.auditStream, location.href);
  url.searchParams.set("after", live.dataset.auditAfter);
  const source = new EventSource(url);
  source.onopen = () => { status.textContent = "Live: new events appear at the top as they happen."; live.classList.add("streaming"); };
  source.onerror = () => { status.textContent = "Reconnecting to the event stream…"; live.classList.remove("streaming"); };
  source.onmessage = message => {
    const record = JSON.parse(message.data);
    body.prepend(auditRow(record));
    live.querySelector("#audit-empty")?.remove();
    while (body.rows.length > limit) body.deleteRow(body.rows.length - 1);
  };
  addEventListener("pagehide", () => source.close());
}

function auditRow(record) {
  const row = document.createElement("tr");
  row.dataset.eventName = record.eventName;
  row.classList.add("live-row");
  if (record.errorCode) { row.classList.add("refused"); row.dataset.errorCode = record.errorCode; }
  const cell = (text, className) => {
    const td = row.insertCell();
    if (className) td.className = className;
    if (text !== undefined && text !== null) td.append(text);
    return td;
  };
  const time = document.createElement("time");
  time.dateTime = record.eventTime;
  time.textContent = record.eventTime.replace("T", " ");
  cell(time, "mono");
  cell(record.eventName, "event-name");
  cell(keyOf(record), "mono");
  const who = record.userIdentity || {};
  cell(who.arn || who.invokedBy || who.accountId, "mono principal-arn");
  cell(record.sourceIPAddress);
  cell(record.userAgent, "user-agent");
  const error = cell();
  if (record.errorCode) {
    const code = document.createElement("span"); code.className = "error-code"; code.textContent = record.errorCode;
    const text = document.createElement("span"); text.className = "error-message"; text.textContent = record.errorMessage || "";
    error.append(code, document.createElement("br"), text);
  }
  const details = document.createElement("details");
  const summary = document.createElement("summary"); summary.textContent = "Event record";
  const pre = document.createElement("pre"); pre.className = "mono"; pre.textContent = JSON.stringify(record, null, 2);
  details.append(summary, pre);
  cell(details);
  return row;
}

// As Live/AuditKeys.KeyOf: the first key ARN in resources, else the keyId the request named, else the service event's.
function keyOf(record) {
  for (const resource of record.resources || []) {
    const at = resource.ARN.indexOf(":key/");
    if (at >= 0) return resource.ARN.substring(at + 5);
  }
  if (record.eventType === "AwsApiCall" && typeof record.requestParameters?.keyId === "string") return record.requestParameters.keyId;
  return record.serviceEventDetails?.keyId ?? "";
}

// Expiry: count down from the seconds the server measured on the engine's clock when it rendered the page.
const countdowns = document.querySelectorAll("[data-countdown-seconds]");
if (countdowns.length > 0) {
  const started = performance.now();
  const pad = n => String(n).padStart(2, "0");
  const format = seconds => {
    const days = Math.floor(seconds / 86400), rest = seconds % 86400;
    const clock = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest % 3600 / 60))}:${pad(rest % 60)}`;
    return days > 0 ? `${days} day${days === 1 ? "" : "s"} ${clock}` : clock;
  };
  const tick = () => {
    const elapsed = Math.floor((performance.now() - started) / 1000);
    for (const element of countdowns) {
      const left = Math.max(0, Number(element.dataset.countdownSeconds) - elapsed);
      element.textContent = element.dataset.countdownFormat === "seconds" ? String(left) : format(left);
    }
  };
  setInterval(tick, 1000);
}

// Metrics: fetch the figures panel again every few seconds.
for (const panel of document.querySelectorAll("[data-refresh]")) {
  const every = (Number(panel.dataset.refreshSeconds) || 5) * 1000;
  const refresh = async () => {
    try {
      const response = await fetch(panel.dataset.refresh, { headers: { Accept: "text/html" } });
      if (response.ok) panel.innerHTML = await response.text();
    } catch { /* the server may be restarting: try again at the next tick */ }
  };
  setInterval(refresh, every);
}
