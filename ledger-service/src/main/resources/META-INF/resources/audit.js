// The regulators' live audit view: follows GET /api/audit/stream and checks every entry in the browser
// against the ledger's signed checkpoint (note signature, leaf hash from the canonical document, hash
// chain, RFC 9162 inclusion proof) and every new checkpoint against the one before (consistency proof).
"use strict";
(() => {
  const { el, api, sse, badge, page, showError } = TN;
  const PIN = "tradenet.ledger.verifier-key";
  const MAX_ROWS = 500;

  page({ service: "ledger", title: "Audit stream", nav: [["/", "Audit stream"]], render });

  async function render(main, who) {
    const keyPanel = el("section", { class: "panel", id: "key-panel", "aria-labelledby": "key-h" });
    const cpPanel = el("section", { class: "panel", id: "checkpoint-panel", "aria-labelledby": "cp-h", "aria-live": "polite" });
    const counts = el("p", { id: "counts", "aria-live": "polite" });
    const live = el("span", { id: "live-state", class: "muted" }, "connecting...");
    const rows = el("tbody", { id: "entries" });
    main.append(el("h1", {}, "Audit stream"),
      el("p", { class: "muted" }, who.roles.includes("REGULATOR") ? "Every ledger entry as it is appended. " : "The ledger entries you are party to. ",
        "Each is checked here, in your browser, against the ledger's signed checkpoint; nothing on this page takes the server's word for it."),
      keyPanel, cpPanel, el("h2", {}, "Entries ", live), counts,
      el("div", { class: "table-wrap" }, el("table", {},
        el("caption", { class: "visually-hidden" }, "Ledger entries, newest first, with the result of checking each"),
        el("thead", {}, el("tr", {}, [["Index"], ["Action"], ["Signed by", "hide-narrow"], ["Transaction", "hide-narrow"], ["Leaf hash", "hide-narrow"], ["Checked"], [""]]
          .map(([h, cls]) => el("th", { scope: "col", class: cls }, h)))),
        rows)));

    let key;
    try {
      key = await loadKey(keyPanel);
    } catch (e) {
      showError(keyPanel, e);
      return;
    }

    const state = { verified: 0, failed: 0, checkpoint: null, leafByIndex: new Map(), notes: new Map() };
    const showCounts = () => { counts.textContent = state.verified + " verified, " + state.failed + " failed"; };
    showCounts();
    const cpLog = el("ul", { id: "checkpoint-log" });
    const cpNow = el("p", { id: "checkpoint-now" }, "No checkpoint seen yet.");
    cpPanel.append(el("h2", { id: "cp-h" }, "Signed checkpoints"), cpNow, cpLog);

    /** Verifies a checkpoint note once; a larger one must be consistent with the last verified one. */
    async function checkpoint(note) {
      if (state.notes.has(note)) return state.notes.get(note);
      const result = (async () => {
        const cp = await LogVerifier.verifyCheckpoint(note, key);
        const previous = state.checkpoint;
        if (previous && cp.size > previous.size) {
          const proof = await api("/api/ledger/proofs/consistency?from=" + previous.size + "&to=" + cp.size);
          const ok = await LogVerifier.verifyConsistency(previous.size, cp.size, previous.root, cp.root, proof.hashes);
          cpLog.prepend(el("li", { "data-consistency": previous.size + "-" + cp.size, "data-result": ok ? "verified" : "failed" },
            badge(ok ? "consistent" : "INCONSISTENT", ok ? "ok" : "bad"), " tree " + previous.size + " to " + cp.size));
          if (!ok) throw new Error("checkpoint " + cp.size + " is not consistent with checkpoint " + previous.size);
        }
        if (!previous || cp.size > previous.size) {
          state.checkpoint = cp;
          cpNow.replaceChildren(badge("signature verified", "ok"), " tree size ", el("strong", { id: "checkpoint-size" }, String(cp.size)),
            ", root ", el("span", { class: "mono" }, cp.root));
        }
        return cp;
      })();
      state.notes.set(note, result);
      return result;
    }

    /** Every check of one entry against one checkpoint; resolves to null when all pass, else what failed. */
    async function check(event, cp) {
      const entry = event.entry, doc = entry.document || {};
      if (doc.index !== event.index || entry.index !== event.index) return "the entry's document names index " + doc.index;
      const recomputed = await LogVerifier.entryLeafHash(doc);
      if (recomputed !== event.leafHash || recomputed !== entry.leafHash) return "leaf hash does not match the entry's document";
      if (doc.previousHash !== entry.previousHash) return "previous hash does not match the document";
      const before = state.leafByIndex.get(event.index - 1);
      if (before && before !== entry.previousHash) return "hash chain broken: previous hash is not entry " + (event.index - 1) + "'s leaf hash";
      if (event.index >= cp.size) return "checkpoint of size " + cp.size + " does not cover it";
      const proof = await api("/api/ledger/proofs/inclusion?index=" + event.index + "&treeSize=" + cp.size);
      if (!await LogVerifier.verifyInclusion(event.index, cp.size, recomputed, proof.hashes, cp.root)) {
        return "inclusion proof does not lead to the signed root of tree " + cp.size;
      }
      return null;
    }

    function mark(row, failure, cp) {
      const cell = row.querySelector("[data-check]");
      const was = row.dataset.result;
      row.dataset.result = failure ? "failed" : "verified";
      cell.replaceChildren(failure ? badge("FAILED", "bad") : badge("verified", "ok"),
        " ", el("span", { class: "muted" }, failure ? failure : "in tree " + cp.size));
      if (was === "verified") state.verified--;
      if (was === "failed") state.failed--;
      if (failure) state.failed++; else state.verified++;
      showCounts();
    }

    async function recheck(event, row) {
      row.querySelector("[data-check]").replaceChildren(badge("checking...", "neutral"));
      try {
        const cp = await checkpoint(await api("/api/ledger/checkpoint", { headers: { "Accept": "text/plain" } }));
        mark(row, await check(event, cp), cp);
      } catch (e) {
        mark(row, e.message, null);
      }
    }

    function rowFor(event) {
      const doc = event.entry.document || {}, notarised = doc.transaction || {}, tx = notarised.transaction || {};
      const command = ((tx.commands || [])[0] || {}).instruction || {};
      const row = el("tr", { "data-index": event.index, id: "entry-" + event.index },
        el("td", {}, String(event.index)), el("td", {}, command.action || "-"), el("td", { class: "hide-narrow" }, command.signer || notarised.requester || "-"),
        el("td", { class: "mono hide-narrow" }, (event.entry.txId || "").slice(0, 16) + "..."),
        el("td", { class: "mono hide-narrow" }, event.leafHash), el("td", { "data-check": "" }, badge("checking...", "neutral")),
        el("td", {}, el("button", { type: "button", "data-recheck": event.index, onclick: () => recheck(event, row) }, "Re-check")));
      return row;
    }

    let chain = Promise.resolve();
    let start = 0;
    try {
      const latest = await LogVerifier.verifyCheckpoint(await api("/api/ledger/checkpoint", { headers: { "Accept": "text/plain" } }), key);
      const wanted = new URLSearchParams(location.search).get("from");
      start = wanted !== null ? Math.max(0, Number(wanted) || 0) : Math.max(0, latest.size - 50);
    } catch (e) {
      start = 0;
    }
    sse("/api/audit/stream?from=" + start, ev => {
      const event = JSON.parse(ev.data);
      chain = chain.then(async () => {
        if (document.getElementById("entry-" + event.index)) return;
        const row = rowFor(event);
        rows.prepend(row);
        while (rows.children.length > MAX_ROWS) rows.lastElementChild.remove();
        try {
          const cp = await checkpoint(event.checkpoint);
          mark(row, await check(event, cp), cp);
          state.leafByIndex.set(event.index, event.leafHash);
        } catch (e) {
          mark(row, e.message, null);
        }
      });
    }, s => { live.textContent = s === "live" ? "(live)" : "(" + s + ")"; });
  }

  /** The verifier key: the one pinned in this browser, else the server's (shown so that it can be compared and pinned). */
  async function loadKey(panel) {
    const pinned = localStorage.getItem(PIN);
    const served = (await api("/api/ledger/verifier-key", { headers: { "Accept": "text/plain" } })).trim();
    const key = await LogVerifier.parseVerifierKey(pinned || served);
    const input = el("input", { id: "pin-key", value: pinned || served, spellcheck: "false", autocomplete: "off" });
    panel.append(...[el("h2", { id: "key-h" }, "Checkpoint key"),
      el("p", {}, pinned ? badge("pinned in this browser", "ok") : badge("as served by this ledger", "warn"), " ",
        el("span", { class: "mono", id: "verifier-key" }, key.vkey)),
      pinned && pinned !== served ? el("p", { class: "error", role: "alert" }, "The ledger now serves a different key: " + served) : null,
      el("details", {}, el("summary", {}, "Pin a key from the network registry"),
        el("label", { for: "pin-key" }, "Verifier key (name+keyid+key)"), input,
        el("p", {}, el("button", { type: "button", onclick: async () => {
          try { await LogVerifier.parseVerifierKey(input.value); localStorage.setItem(PIN, input.value.trim()); location.reload(); }
          catch (e) { showError(panel, e); }
        } }, "Pin"), " ", el("button", { type: "button", onclick: () => { localStorage.removeItem(PIN); location.reload(); } }, "Forget pinned key")))]
      .filter(Boolean));
    return key;
  }
})();
