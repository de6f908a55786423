// TradeNet pages: sign-in with the party's bearer token, API calls, server-sent events over fetch (so that
// the token travels in the Authorization header, never in a URL), and a small DOM helper that never
// parses server data as HTML. Served by each service from the contract library; no external scripts.
"use strict";
const TN = (() => {
  const KEY = "tradenet.token";

  // a token handed over in the fragment (#token=...) by the local run's links: keep it, drop it from the URL
  (function takeTokenFromFragment() {
    const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem(KEY, decodeURIComponent(m[1]));
      history.replaceState(null, "", location.pathname + location.search);
    }
  })();

  function token() { return sessionStorage.getItem(KEY); }

  function claims() {
    const t = token();
    if (!t) return null;
    try {
      const part = t.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), c => c.charCodeAt(0))));
      return { party: json.sub, roles: json.groups || [], expires: json.exp ? new Date(json.exp * 1000) : null };
    } catch (e) {
      return { party: "(unreadable token)", roles: [], expires: null };
    }
  }

  function signOut() { sessionStorage.removeItem(KEY); location.reload(); }

  /** el("tag", {attr: value, onclick: fn}, child...) - text children become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k === "class") node.className = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(status, detail) { super(detail); this.status = status; }
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ "Accept": "application/json" }, options.headers || {});
    if (token()) headers["Authorization"] = "Bearer " + token();
    // a call that gets no answer fails after 20 s instead of leaving the page waiting forever
    const response = await fetch(path, Object.assign({ signal: AbortSignal.timeout(20000) }, options, { headers }));
    const type = response.headers.get("Content-Type") || "";
    const body = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) {
      if (response.status === 401 && token()) {
        sessionStorage.removeItem(KEY);
      }
      const detail = body && body.detail ? body.detail : (body && body.title ? body.title : ("HTTP " + response.status));
      throw new ApiError(response.status, detail);
    }
    return body;
  }

  /**
   * Follows a server-sent-event stream with the bearer token; resumes with Last-Event-ID after a drop.
   * onEvent({id, event, data}) for each event; returns {stop()}.
   */
  function sse(path, onEvent, onState) {
    let stopped = false, lastId = null, controller = null;
    const state = s => { if (onState) onState(s); };
    async function connect() {
      while (!stopped) {
        controller = new AbortController();
        try {
          const headers = { "Accept": "text/event-stream" };
          if (token()) headers["Authorization"] = "Bearer " + token();
          if (lastId !== null) headers["Last-Event-ID"] = lastId;
          const response = await fetch(path, { headers, signal: controller.signal, cache: "no-store" });
          if (!response.ok) throw new ApiError(response.status, "HTTP " + response.status);
          state("live");
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
            let cut;
            while ((cut = buffer.indexOf("\n\n")) >= 0) {
              const block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              const ev = { id: null, event: "message", data: [] };
              for (const line of block.split("\n")) {
                if (line.startsWith(":")) continue;
                const i = line.indexOf(":");
                const field = i < 0 ? line : line.slice(0, i);
                const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
                if (field === "data") ev.data.push(value);
                else if (field === "id") ev.id = value;
                else if (field === "event") ev.event = value;
              }
              if (ev.data.length === 0) continue;
              ev.data = ev.data.join("\n");
              if (ev.id !== null) lastId = ev.id;
              onEvent(ev);
            }
          }
          state("reconnecting");
        } catch (e) {
          if (stopped) return;
          state(e.status === 401 || e.status === 403 || e.status === 404 ? "refused: " + e.message : "reconnecting");
          if (e.status === 401 || e.status === 403 || e.status === 404) return;
        }
        await new Promise(r => setTimeout(r, 1000));
      }
    }
    connect();
    return { stop() { stopped = true; if (controller) controller.abort(); } };
  }

  function signInForm(serviceName) {
    const area = el("textarea", { id: "token", rows: 5, required: true, autocomplete: "off", spellcheck: "false",
      "aria-describedby": "token-help" });
    const error = el("p", { id: "sign-in-error", class: "error", role: "alert", hidden: true });
    const form = el("form", { id: "sign-in", class: "panel", onsubmit: async ev => {
      ev.preventDefault();
      const t = area.value.trim();
      if (t.split(".").length !== 3) { error.textContent = "That is not a bearer token (three dot-separated parts)."; error.hidden = false; return; }
      sessionStorage.setItem(KEY, t);
      location.reload();
    } },
      el("h1", {}, "Sign in to the " + serviceName),
      el("label", { for: "token" }, "Your party's bearer token"),
      area,
      el("p", { id: "token-help", class: "muted" }, "Your bank's or company's identity provider issues it; on the local network, ",
        el("code", {}, "tradenet network token --party <name>"), " mints one, and the local run prints sign-in links. ",
        "The token stays in this browser tab only (session storage)."),
      error,
      el("button", { class: "primary", type: "submit" }, "Sign in"));
    return form;
  }

  /**
   * Lays out a page: header with navigation and the signed-in party, then either the sign-in form or
   * render(main, claims).
   */
  function page({ service, title, nav, render }) {
    document.title = title + " - TradeNet";
    const who = claims();
    const header = el("header", { class: "site" },
      el("span", { class: "brand" }, "TradeNet"),
      el("nav", { "aria-label": "Pages" }, (nav || []).map(([href, label]) =>
        el("a", { href, "aria-current": current(href) ? "page" : null }, label))),
      who ? el("div", { class: "who" },
        el("span", {}, "Signed in as ", el("strong", { id: "party" }, who.party)),
        el("span", { class: "muted", id: "roles" }, who.roles.join(", ")),
        el("button", { type: "button", id: "sign-out", onclick: signOut }, "Sign out")) : null);
    const main = el("main", { id: "main" });
    document.body.replaceChildren(header, main);
    if (!who) { main.append(signInForm(service)); return; }
    render(main, who);
  }

  function current(href) {
    const path = location.pathname;
    return href === "/" ? path === "/" || path === "/index.html" : path === href;
  }

  function badge(text, kind) { return el("span", { class: "badge " + (kind || "neutral") }, text); }

  function showError(container, e) {
    container.append(el("p", { class: "error", role: "alert" }, e.message || String(e)));
  }

  return { token, claims, api, sse, el, page, badge, showError, ApiError };
})();
