"use strict";
window.onerror = function (message) {
  document.body.dataset.status = "error: " + message;
};
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const PAGE_SIZE = 100;
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const seqs = data.sequences;
  const threshold = data.threshold;
  // Genome loci (predict --regions, scan --report) are listed by their coordinates at first.
  const hasLoci = data.coordinates === true;
  const state = { key: hasLoci ? "lk" : "p", dir: hasLoci ? 1 : -1, text: "", label: "", page: 0,
                  selected: -1, colourBy: "c" };

  function labelOf(s) {
    if (s.p === null) return "not scored";
    return s.p >= threshold ? "pre-miRNA" : "other";
  }
  seqs.forEach(function (s, i) { s.index = i; s.label = labelOf(s); });

  // 0-based half-open, as in the BED, TSV and JSON outputs.
  function locusText(s) {
    return s.chr === undefined ? "-" : s.chr + ":" + s.b + "-" + s.e + "(" + s.sd + ")";
  }
  if (hasLoci) {
    const th = document.createElement("th");
    th.dataset.key = "lk";
    th.textContent = "locus";
    th.title = "chrom:start-end(strand), 0-based half-open";
    const idHeader = document.querySelector('#prediction-table th[data-key="id"]');
    idHeader.parentNode.insertBefore(th, idHeader.nextSibling);
  }

  function compare(a, b) {
    const x = a[state.key], y = b[state.key];
    const xNull = x === null || x === undefined, yNull = y === null || y === undefined;
    if (xNull || yNull) return xNull === yNull ? a.index - b.index : (xNull ? 1 : -1);
    let c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    if (c === 0) c = a.index - b.index;
    return c * state.dir;
  }

  function visible() {
    const text = state.text.toLowerCase();
    return seqs.filter(function (s) {
      if (state.label && s.label !== state.label) return false;
      if (text && s.id.toLowerCase().indexOf(text) < 0 && s.st.toLowerCase().indexOf(text) < 0)
        return false;
      return true;
    }).sort(compare);
  }

  function cell(tr, text, cls) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function renderTable() {
    const rows = visible();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    const first = state.page * PAGE_SIZE;
    const body = document.getElementById("prediction-rows");
    const fragment = document.createDocumentFragment();
    rows.slice(first, first + PAGE_SIZE).forEach(function (s) {
      const tr = document.createElement("tr");
      tr.dataset.index = s.index;
      if (s.index === state.selected) tr.className = "selected";
      cell(tr, s.id, "id").title = s.id;
      if (hasLoci) cell(tr, locusText(s), "locus");
      cell(tr, s.n, "num");
      const p = cell(tr, s.p === null ? "-" : s.p.toFixed(4), "num");
      if (s.p !== null) {
        const bar = document.createElement("span");
        bar.className = "bar";
        bar.style.width = Math.round(s.p * 40) + "px";
        p.appendChild(bar);
      }
      const td = document.createElement("td");
      const badge = document.createElement("span");
      badge.className = "label " + s.label.replace(" ", "-");
      badge.textContent = s.label;
      td.appendChild(badge);
      tr.appendChild(td);
      cell(tr, s.mfe === null ? "-" : s.mfe.toFixed(2), "num");
      cell(tr, s.st, "status");
      fragment.appendChild(tr);
    });
    body.replaceChildren(fragment);
    document.getElementById("row-count").textContent =
      rows.length + " of " + seqs.length + " sequences";
    document.getElementById("page-info").textContent = "page " + (state.page + 1) + " / " + pages;
    document.getElementById("page-prev").disabled = state.page === 0;
    document.getElementById("page-next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#prediction-table th").forEach(function (th) {
      th.classList.remove("sorted-asc", "sorted-desc");
      if (th.dataset.key === state.key) th.classList.add(state.dir > 0 ? "sorted-asc" : "sorted-desc");
    });
    return rows;
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  // Colour of a quantised value: diverging around 0 when the map has negative values.
  function colourOf(q, diverging) {
    const pal = diverging ? data.palette_diverging : data.palette_sequential;
    const f = diverging ? (q / data.levels + 1) / 2 : q / data.levels;
    const i = Math.round(Math.min(1, Math.max(0, f)) * (pal.length - 1));
    return pal[i];
  }

  function drawStructure(s, values, scale, name) {
    const unit = 16, radius = 7, margin = 28, barWidth = 200;
    const xs = [], ys = [];
    let width = 0, height = 0;
    for (let i = 0; i < s.n; i++) {
      xs.push(margin + s.xy[2 * i] / data.coordinate_scale * unit);
      ys.push(margin + s.xy[2 * i + 1] / data.coordinate_scale * unit);
      width = Math.max(width, xs[i]);
      height = Math.max(height, ys[i]);
    }
    width = Math.max(width + margin, margin + barWidth + 120);
    const legendTop = height + margin + 6;
    height = legendTop + 44;
    const svg = el("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height,
                            "class": "structure", "font-family": "sans-serif" });
    const diverging = values.some(function (v) { return v < 0; });
    let points = "";
    for (let i = 0; i < s.n; i++) points += xs[i].toFixed(1) + "," + ys[i].toFixed(1) + " ";
    el("polyline", { points: points, fill: "none", stroke: "#999", "stroke-width": 1.5,
                     "class": "backbone" }, svg);
    const open = [];
    for (let i = 0; i < s.n; i++) {
      const c = s.db[i];
      if (c === "(") open.push(i);
      else if (c === ")" && open.length) {
        const j = open.pop();
        el("line", { x1: xs[j], y1: ys[j], x2: xs[i], y2: ys[i], stroke: "#444",
                     "stroke-width": 1.2, "class": "pair" }, svg);
      }
    }
    const bases = el("g", { "class": "bases" }, svg);
    for (let i = 0; i < s.n; i++) {
      const g = el("g", { "class": "base" }, bases);
      const title = el("title", {}, g);
      title.textContent = (i + 1) + " " + s.s[i] + " " + s.db[i] + "  " + name + " " +
        (values[i] / data.levels * scale).toPrecision(3);
      const fill = colourOf(values[i], diverging);
      el("circle", { cx: xs[i], cy: ys[i], r: radius, fill: fill, stroke: "#555",
                     "stroke-width": 0.6 }, g);
      const f = diverging ? Math.abs(values[i]) / data.levels : values[i] / data.levels;
      const t = el("text", { x: xs[i], y: ys[i] + 3.2, "text-anchor": "middle", "font-size": 9,
                             "font-weight": "bold", fill: f > (diverging ? 0.7 : 0.6) ? "#fff" : "#000" }, g);
      t.textContent = s.s[i];
    }
    const five = el("text", { x: xs[0] - unit, y: ys[0] + 4, "text-anchor": "middle",
                              "font-size": 11 }, svg);
    five.textContent = "5'";
    const three = el("text", { x: xs[s.n - 1] - unit, y: ys[s.n - 1] + 4, "text-anchor": "middle",
                               "font-size": 11 }, svg);
    three.textContent = "3'";
    // Colour bar.
    const bar = el("g", { "class": "colour-bar" }, svg);
    const defs = el("defs", {}, bar);
    const grad = el("linearGradient", { id: "detail-gradient" }, defs);
    const pal = diverging ? data.palette_diverging : data.palette_sequential;
    for (let k = 0; k <= 10; k++) {
      el("stop", { offset: k / 10, "stop-color": pal[Math.round(k / 10 * (pal.length - 1))] }, grad);
    }
    el("rect", { x: margin, y: legendTop, width: barWidth, height: 12, fill: "url(#detail-gradient)",
                 stroke: "#666" }, bar);
    const ticks = diverging ? [-scale, 0, scale] : [0, scale / 2, scale];
    ticks.forEach(function (v, k) {
      const tx = margin + barWidth * k / 2;
      const t = el("text", { x: tx, y: legendTop + 26, "text-anchor": "middle", "font-size": 10 }, bar);
      t.textContent = Number(v.toPrecision(3)).toString();
    });
    const label = el("text", { x: margin + barWidth + 12, y: legendTop + 11, "font-size": 12 }, bar);
    label.textContent = name;
    return svg;
  }

  // Base-pair probability dot plot: a square of area p at row i, column j above the
  // diagonal (pairs of p >= the page's cutoff), the MFE pairs below it.
  function drawDotPlot(s) {
    const size = 300, margin = 22, cell = size / s.n;
    const total = size + 2 * margin;
    const svg = el("svg", { width: total, height: total + 16, viewBox: "0 0 " + total + " " + (total + 16),
                            "class": "dot-plot", "font-family": "sans-serif" });
    el("rect", { x: margin, y: margin, width: size, height: size, fill: "#fff", stroke: "#333" }, svg);
    el("line", { x1: margin, y1: margin, x2: margin + size, y2: margin + size, stroke: "#bbb",
                 "stroke-width": 0.5 }, svg);
    const step = [1, 5, 10, 20, 50, 100, 200].find(function (k) { return k * cell >= 28; }) || 500;
    for (let k = step; k <= s.n; k += step) {
      const at = margin + (k - 0.5) * cell;
      const top = el("text", { x: at, y: margin - 5, "text-anchor": "middle", "font-size": 9 }, svg);
      top.textContent = k;
      const left = el("text", { x: margin - 3, y: at + 3, "text-anchor": "end", "font-size": 9 }, svg);
      left.textContent = k;
    }
    const probable = el("g", { fill: "#222", "class": "pair-probabilities" }, svg);
    const bp = s.bp || [];
    for (let k = 0; k + 2 < bp.length; k += 3) {
      const i = bp[k], j = bp[k + 1], p = bp[k + 2] / 1000;
      const side = cell * Math.sqrt(p);
      const r = el("rect", { x: margin + (j - 1) * cell + (cell - side) / 2,
                             y: margin + (i - 1) * cell + (cell - side) / 2,
                             width: side, height: side }, probable);
      el("title", {}, r).textContent = i + "-" + j + " p=" + p.toFixed(3);
    }
    const mfe = el("g", { fill: "#c0392b", "class": "mfe-pairs" }, svg);
    const open = [];
    for (let x = 0; x < s.n; x++) {
      if (s.db[x] === "(") open.push(x);
      else if (s.db[x] === ")" && open.length) {
        const y = open.pop();
        el("rect", { x: margin + y * cell, y: margin + x * cell, width: cell, height: cell }, mfe);
      }
    }
    const note = el("text", { x: margin, y: total + 10, "font-size": 10, fill: "#555" }, svg);
    note.textContent = "pair probabilities (p \u2265 " + data.dot_plot_cutoff + ") above, MFE pairs below";
    return svg;
  }

  function showDetail(index) {
    state.selected = index;
    document.querySelectorAll("#prediction-rows tr").forEach(function (tr) {
      tr.classList.toggle("selected", Number(tr.dataset.index) === index);
    });
    const s = seqs[index];
    const detail = document.getElementById("detail");
    detail.replaceChildren();
    const h = document.createElement("h3");
    h.textContent = s.id;
    detail.appendChild(h);
    const sub = document.createElement("div");
    sub.className = "sub";
    sub.textContent = (s.chr === undefined ? "" : locusText(s) + " \u00b7 ") + s.n + " nt \u00b7 " +
      (s.p === null ? "not scored (" + s.st + ")" : "P(pre-miRNA) = " + s.p.toFixed(4) + " \u00b7 " + s.label) +
      (s.mfe === null ? "" : " \u00b7 MFE " + s.mfe.toFixed(2) + " kcal/mol");
    detail.appendChild(sub);
    if (s.c && s.a) {
      const toggle = document.createElement("div");
      toggle.className = "toggle";
      [["c", "colour by CAM"], ["a", "colour by attention"]].forEach(function (opt) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = opt[1];
        b.dataset.map = opt[0];
        if (state.colourBy === opt[0]) b.className = "active";
        b.addEventListener("click", function () { state.colourBy = opt[0]; showDetail(index); });
        toggle.appendChild(b);
      });
      detail.appendChild(toggle);
    }
    const view = document.createElement("div");
    view.id = "structure-view";
    if (s.xy) {
      // Models without attention send no attention map: those always colour by CAM.
      const byAttention = s.a && state.colourBy === "a";
      const values = s.c ? (byAttention ? s.a : s.c) : new Array(s.n).fill(0);
      const scale = s.c ? (byAttention ? s.as : s.cs) : 1;
      const name = s.c ? (byAttention ? "attention" : "CAM") : "not scored";
      view.appendChild(drawStructure(s, values, scale, name));
    } else {
      view.textContent = "No structure to draw.";
    }
    if (s.xy && data.dot_plots) {
      // The structure and its dot plot side by side.
      const views = document.createElement("div");
      views.className = "views";
      const plot = document.createElement("div");
      plot.id = "dot-plot-view";
      plot.appendChild(drawDotPlot(s));
      views.appendChild(view);
      views.appendChild(plot);
      detail.appendChild(views);
    } else {
      detail.appendChild(view);
    }
    const seq = document.createElement("div");
    seq.className = "seq";
    seq.textContent = s.s + "\n";
    seq.appendChild(document.createElement("br"));
    seq.appendChild(document.createTextNode(s.db));
    detail.appendChild(seq);
  }

  document.querySelectorAll("#prediction-table th").forEach(function (th) {
    th.addEventListener("click", function () {
      const key = th.dataset.key;
      if (state.key === key) state.dir = -state.dir;
      else { state.key = key; state.dir = key === "id" || key === "label" || key === "st" || key === "lk" ? 1 : -1; }
      renderTable();
    });
  });
  document.getElementById("filter-text").addEventListener("input", function (e) {
    state.text = e.target.value; state.page = 0; renderTable();
  });
  document.getElementById("filter-label").addEventListener("change", function (e) {
    state.label = e.target.value; state.page = 0; renderTable();
  });
  document.getElementById("page-prev").addEventListener("click", function () {
    state.page = Math.max(0, state.page - 1); renderTable();
  });
  document.getElementById("page-next").addEventListener("click", function () {
    state.page += 1; renderTable();
  });
  document.getElementById("prediction-rows").addEventListener("click", function (e) {
    const tr = e.target.closest("tr");
    if (tr) showDetail(Number(tr.dataset.index));
  });

  const rows = renderTable();
  if (rows.length) showDetail(rows[0].index);
  document.body.dataset.status = "ready";
})();
