// Haven web chat: one WebSocket per session, falling back to HTTP if the socket fails.
"use strict";

(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const box = document.getElementById("message");
  const status = document.getElementById("status");
  const sendButton = document.getElementById("send");
  let sessionId = sessionStorage.getItem("haven.session");
  let socket = null;
  let pending = null;
  let draft = null;

  function showDraft(text) {
    if (!draft) {
      draft = document.createElement("li");
      draft.className = "msg msg-bot msg-draft";
      draft.setAttribute("aria-busy", "true");
      const label = document.createElement("span");
      label.className = "who";
      label.textContent = "Haven (automated, writing…)";
      draft.appendChild(label);
      draft.appendChild(document.createTextNode(""));
      log.appendChild(draft);
    }
    draft.lastChild.textContent += (draft.lastChild.textContent ? " " : "") + text;
    draft.scrollIntoView({ block: "end" });
  }

  function clearDraft() {
    if (draft) { draft.remove(); draft = null; }
  }

  function addMessage(who, text, buttons, crisis) {
    const item = document.createElement("li");
    item.className = "msg " + (who === "me" ? "msg-me" : "msg-bot") + (crisis ? " msg-crisis" : "");
    const label = document.createElement("span");
    label.className = "who";
    label.textContent = who === "me" ? "You" : "Haven (automated)";
    item.appendChild(label);
    item.appendChild(document.createTextNode(text));
    if (buttons && buttons.length) {
      const group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Choices");
      buttons.forEach(function (b) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", function () { send(b.title, b.payload); });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  function showTurn(turn) {
    const crisis = Boolean(turn.crisis);
    turn.messages.forEach(function (m) { addMessage("bot", m.text, m.buttons, crisis); });
    status.textContent = "";
  }

  function showError(problem) {
    status.textContent = problem.detail || "Something went wrong. Please try again.";
  }

  async function ensureSession() {
    if (sessionId) { return sessionId; }
    const response = await fetch("/v1/sessions", { method: "POST" });
    if (!response.ok) { throw new Error("could not start a session"); }
    sessionId = (await response.json()).session_id;
    sessionStorage.setItem("haven.session", sessionId);
    return sessionId;
  }

  function openSocket(id) {
    return new Promise(function (resolve, reject) {
      const scheme = location.protocol === "https:" ? "wss://" : "ws://";
      const ws = new WebSocket(scheme + location.host + "/v1/sessions/" + id + "/stream");
      ws.onopen = function () { resolve(ws); };
      ws.onerror = function () { reject(new Error("socket failed")); };
      ws.onclose = function () { socket = null; };
      ws.onmessage = function (event) {
        const frame = JSON.parse(event.data);
        if (frame.event === "draft") { showDraft(frame.text); return; }
        clearDraft();
        if (frame.event === "push") {
          frame.messages.forEach(function (m) { addMessage("bot", m.text, m.buttons, false); });
          return;
        }
        if (frame.event === "turn") { showTurn(frame); }
        else if (frame.event === "error") { showError(frame); }
        if (pending) { pending(); pending = null; }
      };
    });
  }

  async function sendOverHttp(id, body) {
    const response = await fetch("/v1/sessions/" + id + "/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (response.ok) { showTurn(data); } else { showError(data); }
  }

  async function send(text, payload) {
    text = text.trim();
    if (!text) { return; }
    addMessage("me", text);
    status.textContent = "Haven is replying…";
    sendButton.disabled = true;
    const body = { text: text, payload: payload || null };
    try {
      const id = await ensureSession();
      if (!socket) {
        try { socket = await openSocket(id); } catch (e) { socket = null; }
      }
      if (socket && socket.readyState === WebSocket.OPEN) {
        await new Promise(function (resolve) { pending = resolve; socket.send(JSON.stringify(body)); });
      } else {
        await sendOverHttp(id, body);
      }
    } catch (e) {
      status.textContent = "Haven could not be reached. If you are in crisis, call or text 988 now.";
    } finally {
      sendButton.disabled = false;
      box.focus();
    }
  }

  async function restoreHistory() {
    if (!sessionId) { return; }
    const response = await fetch("/v1/sessions/" + sessionId + "/messages");
    if (response.status === 404) { sessionId = null; sessionStorage.removeItem("haven.session"); return; }
    if (!response.ok) { return; }
    (await response.json()).messages.forEach(function (m) {
      addMessage(m.direction === "in" ? "me" : "bot", m.text, m.direction === "in" ? [] : m.buttons, false);
    });
  }

  restoreHistory();

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = box.value;
    box.value = "";
    send(text, null);
  });

  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
