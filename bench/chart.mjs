// A small SVG chart (no library): latency against file size, log-log, one panel per metric.
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function ticks(lo, hi) {
  const out = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** panels: [{ title, series: [{ name, points: [{ x: bytes, y: ms, label }] }] }] */
export function latencyChart(panels, subtitle) {
  const W = 520, H = 380, M = { l: 70, r: 20, t: 50, b: 60 };
  const width = W * panels.length, height = H + 90;
  const all = panels.flatMap((p) => p.series.flatMap((s) => s.points));
  const xs = all.map((p) => p.x), ys = all.map((p) => p.y).filter((y) => y > 0);
  const xlo = Math.min(...xs, 1e4) / 1.5, xhi = Math.max(...xs, 1e5) * 1.5;
  const ylo = Math.max(0.1, Math.min(...ys, 1) / 1.5), yhi = Math.max(...ys, 10) * 1.5;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`, `<rect width="100%" height="100%" fill="white"/>`];
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">Latency against file size</text>`);
  out.push(`<text x="${width / 2}" y="38" text-anchor="middle" fill="#555">${esc(subtitle)}</text>`);
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  panels.forEach((panel, pi) => {
    const ox = pi * W;
    const px = (x) => ox + M.l + ((Math.log10(x) - Math.log10(xlo)) / (Math.log10(xhi) - Math.log10(xlo))) * (W - M.l - M.r);
    const py = (y) => M.t + 20 + (1 - (Math.log10(Math.max(y, ylo)) - Math.log10(ylo)) / (Math.log10(yhi) - Math.log10(ylo))) * (H - M.t - M.b);
    out.push(`<text x="${ox + W / 2}" y="${M.t + 10}" text-anchor="middle" font-weight="bold">${esc(panel.title)}</text>`);
    const x0 = ox + M.l, x1 = ox + W - M.r, y0 = py(ylo), y1 = py(yhi);
    out.push(`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#999"/>`);
    for (const t of ticks(ylo, yhi)) if (t >= ylo && t <= yhi) {
      out.push(`<line x1="${x0}" x2="${x1}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/><text x="${x0 - 6}" y="${py(t) + 4}" text-anchor="end">${t >= 1000 ? `${t / 1000} s` : `${t} ms`}</text>`);
    }
    for (const t of ticks(xlo, xhi)) if (t >= xlo && t <= xhi) {
      out.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${y1}" y2="${y0}" stroke="#eee"/><text x="${px(t)}" y="${y0 + 16}" text-anchor="middle">${t >= 1048576 / 1.05 ? `${Math.round(t / 1e6)} MB` : `${Math.round(t / 1e3)} KB`}</text>`);
    }
    out.push(`<text x="${ox + W / 2}" y="${y0 + 36}" text-anchor="middle" fill="#555">file size (log)</text>`);
    out.push(`<text transform="translate(${ox + 16},${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle" fill="#555">latency (log)</text>`);
    for (const s of panel.series) {
      const color = COLORS[names.indexOf(s.name) % COLORS.length];
      const pts = [...s.points].sort((a, b) => a.x - b.x);
      if (pts.length > 1) out.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="${s.name === 'Container Atlas' ? '' : '4 3'}" points="${pts.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`);
      for (const p of pts) out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="${color}"><title>${esc(`${s.name}, ${p.label}: ${p.y.toFixed(1)} ms`)}</title></circle><text x="${(px(p.x) + 6).toFixed(1)}" y="${(py(p.y) - 6).toFixed(1)}" font-size="10" fill="${color}">${p.y >= 100 ? p.y.toFixed(0) : p.y.toFixed(1)}</text>`);
    }
  });
  names.forEach((n, i) => {
    const x = 20 + i * (width / names.length);
    out.push(`<rect x="${x}" y="${height - 22}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 18}" y="${height - 12}">${esc(n)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
