// The desk's check-in page, with a script. Each scan goes to the server in the background with
// an id and the time it was made; while the connection is down it waits in this browser
// (localStorage: it survives a reload), shown as waiting, and is sent when the connection comes
// back, its own time deciding its day. Where the browser offers BarcodeDetector the camera
// reads badges; the name search answers as one types. Without this script the page's own forms
// do all of it but the waiting and the camera.

const QUEUE_KEY = "registry.desk.waiting";
const RETRY_MS = 10000;
const SEARCH_DELAY_MS = 250;
const CAMERA_TICK_MS = 250;
// The camera sees a badge many times a second: the same code is taken once in this long.
const SAME_CODE_MS = 4000;
const RECENT = 10;

const form = document.getElementById("scan-form");
const field = document.getElementById("code");
const words = form.dataset;

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text) made.textContent = text;
  return made;
}

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// A time of day as the seminar reads it: in its time zone, on a 24-hour clock.
function clock(iso) {
  const shown = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: words.zone };
  return new Date(iso).toLocaleTimeString([], shown);
}

// The waiting scans

function waiting() {
  try {
    return JSON.parse(localStorage.getItem(QUEUE_KEY)) || [];
  } catch {
    return [];
  }
}

function keep(queue) {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
  showWaiting();
}

function showWaiting(reason) {
  const queue = waiting();
  const section = document.getElementById("pending");
  const list = section.querySelector("ul");
  list.replaceChildren(...queue.map((item) => element("li", "", `${item.code} · ${clock(item.scanned_at)}`)));
  if (reason) document.getElementById("pending-why").textContent = reason;
  section.hidden = queue.length === 0;
}

function scanned(code) {
  const queue = waiting();
  queue.push({ code, client_id: newId(), scanned_at: new Date().toISOString(), url: words.scanUrl });
  keep(queue);
  send();
}

// Sending

let sending = false;

async function send() {
  if (sending) return;
  sending = true;
  try {
    for (let queue = waiting(); queue.length; queue = waiting()) {
      const item = queue[0];
      const result = await post(item);
      if (result.wait) {
        showWaiting(result.wait);
        return;
      }
      keep(waiting().filter((other) => other.client_id !== item.client_id));
      show(result, item);
    }
  } finally {
    sending = false;
  }
}

// One scan to the server: its answer, an error to show (the scan is dropped: sending it again
// would not help), or a reason to wait and try again.
async function post(item) {
  const body = new FormData();
  for (const name of ["code", "client_id", "scanned_at"]) body.append(name, item[name]);
  const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  let response;
  try {
    response = await fetch(item.url, { method: "POST", body, headers: { "X-CSRFToken": token } });
  } catch {
    return { wait: words.wordsOffline };
  }
  if (response.redirected || response.status === 401 || response.status === 403) {
    return { wait: words.wordsSignedOut };
  }
  if (response.status >= 500) return { wait: words.wordsOffline };
  const isJson = (response.headers.get("Content-Type") || "").startsWith("application/json");
  const data = isJson ? await response.json() : { error: `${response.status} ${response.statusText}` };
  return response.ok ? data : { outcome: "refused", words: data.error };
}

// Answers

function show(answer, item) {
  const box = element("div", `scan-answer scan-${answer.outcome}`);
  box.setAttribute("role", "status");
  box.append(element("p", "scan-words", answer.words));
  if (answer.person) {
    const person = element("p", "scan-person");
    person.append(element("strong", "", answer.person));
    for (const part of [answer.from, answer.day]) if (part) person.append(` · ${part}`);
    box.append(person);
  }
  if (answer.undo) box.append(undoForm(answer.undo));
  document.getElementById("answer").replaceChildren(box);

  const recent = document.getElementById("recent");
  const line = `${clock(item.scanned_at)} · ${answer.person || item.code} · ${answer.words}`;
  recent.querySelector("ol").prepend(element("li", `scan-line line-${answer.outcome}`, line));
  while (recent.querySelectorAll("li").length > RECENT) recent.querySelector("li:last-child").remove();
  recent.hidden = false;
}

function undoForm(action) {
  const undo = element("form");
  undo.method = "post";
  undo.action = action;
  const token = form.querySelector("[name=csrfmiddlewaretoken]").cloneNode();
  const next = element("input");
  Object.assign(next, { type: "hidden", name: "next", value: words.here });
  undo.append(token, next, element("button", "link-button", words.wordsUndo));
  return undo;
}

// The forms: the scan field, and the "Check in" beside each name found.

document.addEventListener("submit", (event) => {
  const code = event.target === form ? field.value.trim() : event.target.dataset.scanCode;
  if (!code) return;
  event.preventDefault();
  scanned(code);
  field.value = "";
  field.focus();
});

// The name search, as one types

const search = document.getElementById("name-search");
let searchTimer;

async function findNames() {
  const url = new URL(window.location.href);
  url.search = new URLSearchParams(new FormData(search)).toString();
  const response = await fetch(url).catch(() => null);
  if (!response || !response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const found = page.getElementById("found");
  if (found) document.getElementById("found").replaceWith(found);
  window.history.replaceState(null, "", url);
}

document.getElementById("q").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(findNames, SEARCH_DELAY_MS);
});

// The camera, where the browser reads QR codes

const video = document.getElementById("camera-view");
const start = document.getElementById("camera-start");
const stop = document.getElementById("camera-stop");

async function cameraReads() {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) return false;
  const formats = await window.BarcodeDetector.getSupportedFormats().catch(() => []);
  return formats.includes("qr_code");
}

function cameraOff() {
  for (const track of video.srcObject?.getTracks() || []) track.stop();
  video.srcObject = null;
  video.hidden = stop.hidden = true;
  start.hidden = false;
}

async function cameraOn() {
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  try {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    await video.play();
  } catch {
    cameraOff();
    const missing = document.getElementById("camera-missing");
    missing.textContent = words.wordsCameraFailed;
    missing.hidden = false;
    return;
  }
  video.hidden = stop.hidden = false;
  start.hidden = true;
  let last = { code: "", at: 0 };
  const look = async () => {
    if (!video.srcObject) return;
    const codes = await detector.detect(video).catch(() => []);
    const code = codes.length ? codes[0].rawValue : "";
    if (code) {
      // A badge held in view is read once; shown again after a pause, it is read again.
      const fresh = code !== last.code || Date.now() - last.at > SAME_CODE_MS;
      last = { code, at: Date.now() };
      if (fresh) scanned(code);
    }
    setTimeout(look, CAMERA_TICK_MS);
  };
  look();
}

start.addEventListener("click", cameraOn);
stop.addEventListener("click", cameraOff);
cameraReads().then((reads) => {
  start.hidden = !reads;
  document.getElementById("camera-missing").hidden = reads;
});

// Whatever waits from before a reload, or a lost connection, is sent when it can be.

showWaiting();
send();
window.addEventListener("online", send);
setInterval(() => waiting().length && send(), RETRY_MS);
