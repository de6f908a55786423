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

    /**
     * Verifies a checkpoint note once, one note at a time: its signature, then consistency with the latest
     * verified checkpoint in whichever direction (a smaller one must be a prefix of it), and a note of the
     * same size must carry the same root, or the log has forked.
     */
    let cpQueue = Promise.resolve();
    function checkpoint(note) {
      if (state.notes.has(note)) return state.notes.get(note);
      const result = cpQueue.catch(() => undefined).then(async () => {
        const cp = await LogVerifier.verifyCheckpoint(note, key);
        const previous = state.checkpoint;
        if (previous && cp.size === previous.size && cp.root !== previous.root) {
          cpLog.prepend(el("li", { "data-consistency": cp.size + "-" + cp.size, "data-result": "failed" },
            badge("FORKED", "bad"), " two signed checkpoints of tree " + cp.size + " with different roots"));
          throw new Error("the log forked: two signed checkpoints of tree " + cp.size + " with different roots");
        }
        if (previous && cp.size !== previous.size) {
          const [a, b] = cp.size > previous.size ? [previous, cp] : [cp, previous];
          const proof = await api("/api/ledger/proofs/consistency?from=" + a.size + "&to=" + b.size);
          const ok = await LogVerifier.verifyConsistency(a.size, b.size, a.root, b.root, proof.hashes);
          cpLog.prepend(el("li", { "data-consistency": a.size + "-" + b.size, "data-result": ok ? "verified" : "failed" },
            badge(ok ? "consistent" : "INCONSISTENT", ok ? "ok" : "bad"), " tree " + a.size + " to " + b.size));
          if (!ok) throw new Error("checkpoint " + b.size + " is not consistent with checkpoint " + a.size);
        }
        if (!previous || cp.size > previous.size) {
          state.checkpoint = cp;
          cpNow.replaceChildren(badge("signature verified", "ok"), " tree size ", el("strong", { id: "checkpoint-size" }, String(cp.size)),
            ", root ", el("span", { class: "mono" }, cp.root));
        }
        return cp;
      });
      cpQueue = result;
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
        " ", el("span", { class: "muted" }, failure ? failure : "in tree " + cp.size + (key.pinned ? "" : " (key as served, not pinned)")));
      if (was === "verified") state.verified--;
      if (was === "failed") state.failed--;
      if (failure) state.failed++; else state.verified++;
      showCounts();
    }

    function recheck(event, row) {
      row.querySelector("[data-check]").replaceChildren(badge("checking...", "neutral"));
      chain = chain.then(async () => {
        try {
          const cp = await checkpoint(await api("/api/ledger/checkpoint", { headers: { "Accept": "text/plain" } }));
          mark(row, await check(event, cp), cp);
        } catch (e) {
          mark(row, e.message, null);
        }
      });
    }

    function rowFor(event) {
      const doc = event.entry.document || {}, notarised = doc.transaction || {}, tx = notarised.transaction || {};
      const command = ((tx.commands || [])[0] || {}).instruction || {};
      // what is shown comes from the hashed document, not from fields beside it
      const row = el("tr", { "data-index": event.index, id: "entry-" + event.index },
        el("td", {}, String(event.index)), el("td", {}, command.action || "-"), el("td", { class: "hide-narrow" }, command.signer || notarised.requester || "-"),
        el("td", { class: "mono hide-narrow" }, String(notarised.txId || "").slice(0, 16) + "..."),
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
    // a regulator receives every entry: a jump in the indexes is an entry the stream left out
    const everyEntry = who.roles.includes("REGULATOR");
    let expected = start;
    function gap(from, to) {
      const row = el("tr", { "data-gap": from, "data-result": "failed" },
        el("td", {}, from + (to > from ? "-" + to : "")), el("td", { colspan: 6 }, badge("FAILED", "bad"), " ",
          el("span", { class: "muted" }, "missing from the stream: a regulator receives every entry")));
      rows.prepend(row);
      state.failed++;
      showCounts();
    }
    sse("/api/audit/stream?from=" + start, ev => {
      chain = chain.then(async () => {
        let event, row;
        try {
          event = JSON.parse(ev.data);
          const shown = document.getElementById("entry-" + event.index);
          if (shown) {
            if (state.leafByIndex.has(event.index) && state.leafByIndex.get(event.index) !== event.leafHash) {
              mark(shown, "the stream sent a different entry " + event.index + " again", null);
            }
            return;
          }
          if (everyEntry && event.index > expected) gap(expected, event.index - 1);
          expected = Math.max(expected, event.index + 1);
          row = rowFor(event);
          rows.prepend(row);
          while (rows.children.length > MAX_ROWS) rows.lastElementChild.remove();
          const cp = await checkpoint(event.checkpoint);
          const failure = await check(event, cp);
          mark(row, failure, cp);
          if (!failure) state.leafByIndex.set(event.index, event.leafHash);
        } catch (e) {
          if (row) mark(row, e.message, null);
          else showError(counts.parentNode, new Error("an audit event could not be read: " + e.message));
        }
      });
    }, s => { live.textContent = s === "live" ? "(live)" : "(" + s + ")"; });
  }

  /** The verifier key: the one pinned in this browser, else the server's (shown so that it can be compared and pinned). */
  async function loadKey(panel) {
    const pinned = localStorage.getItem(PIN);
    const served = (await api("/api/ledger/verifier-key", { headers: { "Accept": "text/plain" } })).trim();
    const key = await LogVerifier.parseVerifierKey(pinned || served);
    key.pinned = Boolean(pinned);
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
