// Checks in the browser, with WebCrypto only, what the ledger claims: a C2SP signed note (Ed25519),
// a leaf hash recomputed from the entry's RFC 8785 canonical document, RFC 9162 inclusion and
// consistency proofs. Mirrors io.tradenet.contract.ledger.LogVerifier; nothing here trusts the server.
"use strict";
const LogVerifier = (() => {
  const enc = new TextEncoder();
  const b64 = {
    decode: s => Uint8Array.from(atob(s), c => c.charCodeAt(0)),
    encode: bytes => btoa(String.fromCharCode(...bytes)),
  };
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let i = 0;
    for (const p of parts) { out.set(p, i); i += p.length; }
    return out;
  };
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const sha256 = async bytes => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const leafHash = data => sha256(concat(Uint8Array.of(0), data));
  const nodeHash = (l, r) => sha256(concat(Uint8Array.of(1), l, r));
  const odd = n => n % 2 === 1;
  const half = n => Math.floor(n / 2);

  /** RFC 8785 (JCS): object members sorted by UTF-16 code units, ECMAScript number and string forms. */
  function canonical(v) {
    if (v === null || typeof v !== "object") {
      if (typeof v === "number" && !Number.isFinite(v)) throw new Error("not a JSON number");
      return JSON.stringify(v);
    }
    if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
    return "{" + Object.keys(v).sort().map(k => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}";
  }

  /** The leaf hash of an entry document, as the ledger computes it: SHA-256(0x00 || JCS(document)). */
  async function entryLeafHash(document) {
    return b64.encode(await leafHash(enc.encode(canonical(document))));
  }

  /** RFC 9162 section 2.1.3.2: the root an inclusion proof leads to, compared with the expected root. */
  async function verifyInclusion(index, treeSize, leafB64, pathB64, rootB64) {
    if (index < 0 || index >= treeSize) return false;
    let fn = index, sn = treeSize - 1, r = b64.decode(leafB64);
    for (const p of pathB64.map(b64.decode)) {
      if (sn === 0) return false;
      if (odd(fn) || fn === sn) {
        r = await nodeHash(p, r);
        if (!odd(fn)) { while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); } }
      } else {
        r = await nodeHash(r, p);
      }
      fn = half(fn); sn = half(sn);
    }
    return sn === 0 && equal(r, b64.decode(rootB64));
  }

  /** RFC 9162 section 2.1.4.2: does the tree of size second with root secondRoot extend the tree of size first? */
  async function verifyConsistency(first, second, firstRootB64, secondRootB64, pathB64) {
    if (first > second) return false;
    if (first === second) return pathB64.length === 0 && firstRootB64 === secondRootB64;
    if (first === 0) return pathB64.length === 0;
    let path = pathB64.map(b64.decode);
    if (Number.isInteger(Math.log2(first))) path = [b64.decode(firstRootB64), ...path];
    if (path.length === 0) return false;
    let fn = first - 1, sn = second - 1;
    while (odd(fn)) { fn = half(fn); sn = half(sn); }
    let fr = path[0], sr = path[0];
    for (const c of path.slice(1)) {
      if (sn === 0) return false;
      if (odd(fn) || fn === sn) {
        fr = await nodeHash(c, fr); sr = await nodeHash(c, sr);
        if (!odd(fn)) { while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); } }
      } else {
        sr = await nodeHash(sr, c);
      }
      fn = half(fn); sn = half(sn);
    }
    return sn === 0 && equal(fr, b64.decode(firstRootB64)) && equal(sr, b64.decode(secondRootB64));
  }

  /** Parses a vkey "<name>+<hex key id>+<base64(0x01 || key)>" into {name, keyId, publicKey, cryptoKey}. */
  async function parseVerifierKey(vkey) {
    // name+keyid+base64: the base64 key may itself contain '+', so split at the first two only
    const v = vkey.trim(), first = v.indexOf("+"), second = first < 0 ? -1 : v.indexOf("+", first + 1);
    if (first <= 0 || second < 0) throw new Error("a verifier key has the form name+keyid+key");
    const parts = [v.slice(0, first), v.slice(first + 1, second), v.slice(second + 1)];
    const typed = b64.decode(parts[2]);
    if (typed.length !== 33 || typed[0] !== 1) throw new Error("not an Ed25519 verifier key");
    const name = parts[0], publicKey = typed.slice(1);
    const id = (await sha256(concat(enc.encode(name + "\n"), typed))).slice(0, 4);
    const hex = [...id].map(b => b.toString(16).padStart(2, "0")).join("");
    if (hex !== parts[1].toLowerCase()) throw new Error("the key id does not match the key");
    const cryptoKey = await crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
    return { name, keyId: id, cryptoKey, vkey: v };
  }

  /**
   * Verifies a C2SP signed note carrying a tlog checkpoint against a parsed key; returns
   * {origin, size, root} or throws naming what is wrong.
   */
  async function verifyCheckpoint(note, key) {
    const split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) throw new Error("not a signed note");
    const text = note.slice(0, split + 1);
    const lines = note.slice(split + 2, -1).split("\n");
    let verified = false;
    for (const line of lines) {
      if (!line.startsWith("\u2014 ")) throw new Error("malformed signature line");
      const [name, sig] = line.slice(2).split(" ");
      if (name !== key.name) continue;
      const blob = b64.decode(sig);
      if (blob.length !== 68 || !equal(blob.slice(0, 4), key.keyId)) continue;
      if (!await crypto.subtle.verify({ name: "Ed25519" }, key.cryptoKey, blob.slice(4), enc.encode(text))) {
        throw new Error("the checkpoint signature does not verify");
      }
      verified = true;
    }
    if (!verified) throw new Error("no signature by " + key.name + " on the checkpoint");
    const [origin, size, root] = text.slice(0, -1).split("\n");
    if (origin !== key.name) throw new Error("checkpoint origin " + origin + " is not " + key.name);
    if (!/^(0|[1-9][0-9]*)$/.test(size)) throw new Error("checkpoint size is not a decimal number");
    return { origin, size: Number(size), root };
  }

  return { canonical, entryLeafHash, verifyInclusion, verifyConsistency, parseVerifierKey, verifyCheckpoint, b64 };
})();
