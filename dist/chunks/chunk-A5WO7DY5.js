import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/lineage.ts
async function buildTrace(store, serial) {
  const lineage = [];
  const records = /* @__PURE__ */ new Map();
  let current = serial;
  const seen = /* @__PURE__ */ new Set();
  while (current && !seen.has(current)) {
    seen.add(current);
    let rec;
    try {
      rec = await store.loadRecord(current);
    } catch (e) {
      if (current === serial) throw e;
      lineage.push({ serial: current, verdict: "unknown", sha: null, fromStage: null, createdAt: null, missing: true });
      break;
    }
    records.set(current, rec);
    lineage.push({ serial: rec.serial, verdict: rec.verdict, sha: rec.source.sha, fromStage: rec.parent?.fromStage ?? null, createdAt: rec.createdAt });
    current = rec.parent?.serial ?? null;
  }
  const head = records.get(serial);
  const stages = head.stages.map((s) => {
    const via = [];
    let producedBy = serial;
    if (s.state === "reused" && s.reusedFrom) {
      producedBy = s.reusedFrom;
      for (const l of lineage.slice(1)) {
        via.push(l.serial);
        if (l.serial === s.reusedFrom) break;
      }
    }
    return { id: s.id, state: s.state, producedBy, via };
  });
  return { serial, lineage, stages };
}
async function lineageOf(store, parent) {
  const serials = [];
  let rec = parent;
  let root = null;
  while (rec && !serials.includes(rec.serial) && serials.length < 1e3) {
    serials.push(rec.serial);
    root = rec;
    const up = rec.parent?.serial;
    rec = up ? await store.loadRecord(up).catch(() => null) : null;
  }
  return root ? { serials, rootCreatedAt: root.createdAt } : { serials };
}

export {
  buildTrace,
  lineageOf
};
