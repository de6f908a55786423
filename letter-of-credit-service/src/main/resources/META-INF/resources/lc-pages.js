// Pages of the letter-of-credit service: credits by state with examination deadlines and discrepancies,
// shipments with a live milestone timeline. Everything shown comes from the API with the signed-in
// party's token, so a page shows exactly what the API lets that party read.
"use strict";
(() => {
  const { el, api, sse, badge, page, showError } = TN;
  const NAV = [["/", "Overview"], ["/credits.html", "Credits"], ["/shipments.html", "Shipments"]];
  const STATUSES = ["PENDING_ISSUE", "ISSUED", "ADVISED", "CONFIRMED", "FULLY_DRAWN", "EXPIRED", "CANCELLED"];
  const MILESTONES = ["BOOKED", "GATED_IN", "LOADED_ON_BOARD", "DEPARTED", "ARRIVED", "DELIVERED"];
  const OPEN_PRESENTATION = new Set(["COMPLYING", "DISCREPANT", "AWAITING_COMPLETENESS"]);
  const REFRESH_MS = 5000;

  const firstLine = text => String(text || "-").split("\n")[0];
  const human = s => String(s || "").replace(/_/g, " ").toLowerCase().replace(/^./, c => c.toUpperCase());
  const money = (currency, amount) => amount === undefined || amount === null || amount === "" ? "-" :
    currency + " " + Number(amount).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const statusKind = s => ({ ISSUED: "neutral", ADVISED: "neutral", CONFIRMED: "ok", FULLY_DRAWN: "ok", HONOURED: "ok", WAIVED: "ok",
    COMPLYING: "ok", DISCREPANT: "bad", REFUSED: "bad", EXPIRED: "warn", CANCELLED: "warn", AWAITING_COMPLETENESS: "warn" }[s] || "neutral");

  function daysUntil(isoDate) {
    const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
    return Math.round((new Date(isoDate + "T00:00:00Z") - today) / 86400000);
  }

  function deadlineCell(p) {
    if (!p.deadline) return el("td", {}, "-");
    const cell = el("td", { "data-deadline": p.deadline }, el("time", { datetime: p.deadline }, p.deadline));
    if (OPEN_PRESENTATION.has(p.status)) {
      const d = daysUntil(p.deadline);
      cell.append(" ", d < 0 ? badge("overdue by " + (-d) + " day" + (d === -1 ? "" : "s"), "bad")
        : badge(d === 0 ? "due today" : d + " calendar day" + (d === 1 ? "" : "s") + " left", d <= 2 ? "warn" : "neutral"));
    }
    return cell;
  }

  function discrepancyList(p) {
    const list = p.discrepancies || [];
    if (list.length === 0) return el("td", {}, p.status === "AWAITING_COMPLETENESS" ? "not examined yet (eUCP e5)" : "none");
    return el("td", {}, el("ul", { class: "discrepancies" }, list.map(d =>
      el("li", {}, el("strong", {}, "UCP 600 art. " + d.article), d.field ? " (field " + d.field + ")" : "", ": " + d.description))));
  }

  function creditCard(c) {
    const s = c.state || {}, t = s.terms || {};
    const drawn = s.drawn || "0";
    const available = t.amount ? (Number(t.amount) - Number(drawn)) : null;
    const presentations = s.presentations || [];
    const facts = [
      ["Applicant", t.applicant], ["Beneficiary", t.beneficiary], ["Issuing bank", t.issuingBank],
      ["Advising bank", t.advisingBank], ["Confirming bank", s.confirmingBank || "none"],
      ["Amount", money(t.currency, t.amount) + (t.tolerancePlus || t.toleranceMinus ? " (+" + (t.tolerancePlus || 0) + "/-" + (t.toleranceMinus || 0) + "%)" : "")],
      ["Drawn", money(t.currency, drawn)], ["Available", available === null ? "-" : money(t.currency, available)],
      ["Available by", t.availableBy || "-"], ["Expires", (t.expiryDate || "-") + (t.expiryPlace ? " in " + t.expiryPlace : "")],
      ["Latest shipment", t.latestShipmentDate || "-"], ["Route", (t.portOfLoading || "?") + " to " + (t.portOfDischarge || "?")]];
    return el("article", { class: "panel credit", id: "credit-" + c.reference, "data-reference": c.reference, "data-status": c.status },
      el("h3", {}, "Credit " + c.reference + " ", badge(human(c.status), statusKind(c.status))),
      el("dl", { class: "grid" }, facts.map(([k, v]) => el("div", {}, el("dt", { class: "muted" }, k), el("dd", {}, v || "-")))),
      presentations.length === 0 ? el("p", { class: "muted" }, "No presentations yet.") :
        el("div", { class: "table-wrap" }, el("table", {},
          el("caption", { class: "visually-hidden" }, "Presentations under credit " + c.reference),
          el("thead", {}, el("tr", {}, ["Presentation", "Presented", "Amount", "Status", "Examine by (art. 14(b))", "Discrepancies"].map(h => el("th", { scope: "col" }, h)))),
          el("tbody", {}, presentations.map(p => el("tr", { "data-presentation": p.id },
            el("td", { class: "mono" }, p.id), el("td", {}, p.presentedOn || "-"), el("td", {}, money(t.currency, p.amount)),
            el("td", {}, badge(human(p.status), statusKind(p.status))), deadlineCell(p), discrepancyList(p)))))),
      el("p", { class: "muted" }, "Version " + c.version + ", last notarised transaction ", el("span", { class: "mono" }, (c.txId || "").slice(0, 16) + "...")));
  }

  async function credits(main, who) {
    const filter = el("select", { id: "status-filter" }, el("option", { value: "" }, "All states"),
      STATUSES.map(s => el("option", { value: s }, human(s))));
    const summary = el("p", { id: "credit-summary", "aria-live": "polite" });
    const list = el("div", { id: "credits" });
    main.append(el("h1", {}, "Credits"),
      el("p", { class: "muted" }, who.roles.includes("REGULATOR") ? "Every credit on the network (read only)." :
        "The credits you are party to, grouped by state; examination deadlines are five banking days after presentation (UCP 600 art. 14(b))."),
      el("label", { for: "status-filter" }, "Show"), filter, summary, list);
    async function load() {
      try {
        const all = await api("/api/credits?limit=200" + (filter.value ? "&status=" + encodeURIComponent(filter.value) : ""));
        const groups = STATUSES.map(s => [s, all.filter(c => c.status === s)]).filter(([, cs]) => cs.length > 0);
        summary.textContent = all.length === 0 ? "You are party to no credits." :
          groups.map(([s, cs]) => cs.length + " " + human(s).toLowerCase()).join(", ");
        list.replaceChildren(...groups.map(([s, cs]) => el("section", { "data-group": s, "aria-label": human(s) },
          el("h2", {}, human(s) + " (" + cs.length + ")"), cs.map(creditCard))));
      } catch (e) {
        list.replaceChildren();
        showError(list, e);
      }
    }
    filter.addEventListener("change", load);
    await load();
    setInterval(load, REFRESH_MS);
  }

  function milestoneItem(m) {
    return el("li", { "data-milestone": m.milestone },
      el("strong", {}, human(m.milestone)), " ", el("span", { class: "muted" }, "at " + (m.place || "?") + ", "),
      el("time", { datetime: m.at }, m.at ? new Date(m.at).toLocaleString() : ""));
  }

  async function shipments(main, who) {
    const list = el("div", { id: "shipments" });
    const detail = el("section", { id: "shipment-detail", "aria-live": "polite" });
    main.append(el("h1", {}, "Shipments"),
      el("p", { class: "muted" }, "Shipments you carry or ship. Milestones appear here as the carrier records them, without reloading."),
      list, detail);
    let follow = null;
    function open(s) {
      if (follow) follow.stop();
      const timeline = el("ol", { class: "timeline", id: "timeline" });
      const upcoming = el("ol", { class: "timeline", id: "upcoming", "aria-label": "Milestones still to come" });
      const status = el("span", { id: "shipment-status" }, badge(human(s.status)));
      const live = el("span", { id: "live-state", class: "muted" }, "connecting...");
      const st = s.state || {};
      detail.replaceChildren(el("div", { class: "panel", "data-shipment": s.id },
        el("h2", {}, "Shipment " + s.id + " ", status),
        el("p", {}, firstLine(st.goods) + ", " + (st.portOfLoading || "?") + " to " + (st.portOfDischarge || "?") + (st.vessel ? ", " + st.vessel : "")),
        el("p", { id: "ebl" }, st.ebl ? ["Electronic bill of lading ", el("span", { class: "mono" }, st.ebl), " issued to the shipper"] : "No eBL yet (issued when loaded on board)."),
        el("h3", {}, "Timeline ", live), timeline, el("h3", {}, "Still to come"), upcoming));
      const seen = new Set();
      function renderUpcoming() {
        upcoming.replaceChildren(...MILESTONES.filter(m => !seen.has(m)).map(m => el("li", { class: "pending" }, human(m))));
      }
      renderUpcoming();
      follow = sse("/api/shipments/" + encodeURIComponent(s.id) + "/timeline", ev => {
        const m = JSON.parse(ev.data);
        if (seen.has(m.milestone)) return;
        seen.add(m.milestone);
        timeline.append(milestoneItem(m));
        status.replaceChildren(badge(human(m.milestone)));
        const listed = document.querySelector("[data-status-of='" + CSS.escape(s.id) + "']");
        if (listed) listed.replaceChildren(badge(human(m.milestone)));
        if (m.milestone === "LOADED_ON_BOARD") document.getElementById("ebl").textContent = "Electronic bill of lading issued to the shipper on loading.";
        renderUpcoming();
      }, state => { live.textContent = state === "live" ? "(live)" : "(" + state + ")"; });
    }
    try {
      const all = await api("/api/shipments?limit=200");
      if (all.length === 0) { list.append(el("p", {}, "You carry or ship no shipments.")); return; }
      list.append(el("div", { class: "table-wrap" }, el("table", {},
        el("thead", {}, el("tr", {}, [["Shipment"], ["Goods", "hide-narrow"], ["Route", "hide-narrow"], ["Status"], [""]]
          .map(([h, cls]) => el("th", { scope: "col", class: cls }, h)))),
        el("tbody", {}, all.map(s => el("tr", { "data-shipment-row": s.id },
          el("td", { class: "mono" }, s.id), el("td", { class: "hide-narrow" }, firstLine((s.state || {}).goods)),
          el("td", { class: "hide-narrow" }, ((s.state || {}).portOfLoading || "?") + " to " + ((s.state || {}).portOfDischarge || "?")),
          el("td", { "data-status-of": s.id }, badge(human(s.status))),
          el("td", {}, el("button", { type: "button", "data-follow": s.id, onclick: () => { history.replaceState(null, "", "#" + s.id); open(s); } }, "Follow"))))))));
      const wanted = decodeURIComponent(location.hash.slice(1));
      open(all.find(s => s.id === wanted) || all[0]);
    } catch (e) {
      showError(list, e);
    }
  }

  async function overview(main, who) {
    main.append(el("h1", {}, "Letters of credit and shipments"));
    const box = el("div", { class: "grid", id: "overview" });
    main.append(box);
    try {
      const [cs, ss] = await Promise.all([api("/api/credits?limit=200"), api("/api/shipments?limit=200")]);
      const due = cs.flatMap(c => ((c.state || {}).presentations || []).filter(p => OPEN_PRESENTATION.has(p.status))
        .map(p => ({ ref: c.reference, p })));
      box.append(
        el("a", { class: "panel", href: "/credits.html" }, el("h2", {}, cs.length + " credit" + (cs.length === 1 ? "" : "s")),
          el("p", {}, STATUSES.map(s => [s, cs.filter(c => c.status === s).length]).filter(([, n]) => n > 0)
            .map(([s, n]) => n + " " + human(s).toLowerCase()).join(", ") || "none")),
        el("a", { class: "panel", href: "/shipments.html" }, el("h2", {}, ss.length + " shipment" + (ss.length === 1 ? "" : "s")),
          el("p", {}, ss.map(s => s.id + ": " + human(s.status)).join("; ") || "none")),
        el("div", { class: "panel" }, el("h2", {}, due.length + " presentation" + (due.length === 1 ? "" : "s") + " awaiting a decision"),
          due.length === 0 ? el("p", {}, "none") : el("ul", {}, due.map(d => el("li", {}, d.ref + " / " + d.p.id + ": examine by " + d.p.deadline)))));
    } catch (e) {
      showError(box, e);
    }
  }

  const pages = { index: ["Overview", overview], credits: ["Credits", credits], shipments: ["Shipments", shipments] };
  const [title, render] = pages[document.body.dataset.page] || pages.index;
  page({ service: "letter-of-credit service", title, nav: NAV, render });
})();
