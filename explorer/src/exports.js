// Take it away: the matrix and findings as CSV and XLSX (built by the server's /export routes under the
// current filters), and the current view as SVG or PNG (built here from what the view shows).
import { escapeHtml } from "./text.js";

const NS = "http://www.w3.org/2000/svg";

/** The query string of the page's filters for the /export and /brief routes. */
export function filterQuery(f) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ asOf: f.asOf, region: f.region, crimeType: f.crimeType, mechanism: f.mechanism })) {
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Points the download links at the current filters. */
export function updateLinks(root, f) {
  const query = filterQuery(f);
  root.querySelector("#export-matrix-csv").href = `export/matrix.csv${query}`;
  root.querySelector("#export-findings-csv").href = `export/findings.csv${query}`;
  root.querySelector("#export-xlsx").href = `export/matrix.xlsx${query}`;
}

const css = (el, name) => getComputedStyle(el).getPropertyValue(name).trim();

/** The matrix table as a standalone SVG: the same colours, numbers, outlines and labels. */
export function matrixSvg(table, title) {
  const CELL_W = 30;
  const CELL_H = 22;
  const LEFT = 190;
  const TOP = 200;
  const rows = [...table.querySelectorAll("tbody tr")];
  const heads = [...table.querySelectorAll("thead th")].slice(1);
  const width = LEFT + heads.length * CELL_W + 10;
  const height = TOP + rows.length * CELL_H + 10;
  const parts = [`<text x="4" y="16" font-size="13" font-weight="600">${escapeHtml(title)}</text>`];
  heads.forEach((th, i) => {
    const x = LEFT + i * CELL_W + CELL_W / 2 + 4;
    parts.push(`<text transform="translate(${x},${TOP - 6}) rotate(-90)" font-size="11">${escapeHtml(th.textContent.trim())}</text>`);
  });
  rows.forEach((tr, r) => {
    const y = TOP + r * CELL_H;
    if (tr.classList.contains("region")) {
      parts.push(`<rect x="0" y="${y}" width="${width}" height="${CELL_H}" fill="#e9eef4"/><text x="4" y="${y + 15}" font-size="12" font-weight="600">${escapeHtml(tr.textContent.trim())}</text>`);
      return;
    }
    parts.push(`<text x="4" y="${y + 15}" font-size="11">${escapeHtml(tr.querySelector("th").textContent.trim())}</text>`);
    [...tr.querySelectorAll("td button")].forEach((button, c) => {
      const x = LEFT + c * CELL_W;
      parts.push(`<rect x="${x}" y="${y}" width="${CELL_W - 1}" height="${CELL_H - 1}" fill="${css(button, "background-color")}"/>`);
      if (button.classList.contains("overlap")) parts.push(`<rect x="${x + 1.5}" y="${y + 1.5}" width="${CELL_W - 4}" height="${CELL_H - 4}" fill="none" stroke="${css(button, "--overlap") || "#7b3fa0"}" stroke-width="3"/>`);
      if (button.classList.contains("gap")) parts.push(`<rect x="${x + 2}" y="${y + 2}" width="${CELL_W - 5}" height="${CELL_H - 5}" fill="none" stroke="${css(button, "--gk") || "#c0392b"}" stroke-width="2"/>`);
      const text = button.textContent.trim();
      if (text) parts.push(`<text x="${x + CELL_W / 2}" y="${y + 15}" font-size="11" text-anchor="middle" fill="${css(button, "color")}">${escapeHtml(text)}</text>`);
    });
  });
  return `<svg xmlns="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join("")}</svg>`;
}

/** An SVG element of the page, standalone: the styles its stylesheet gives it copied onto each shape. */
export function inlineSvg(svg, title) {
  const copy = svg.cloneNode(true);
  const originals = svg.querySelectorAll("*");
  copy.querySelectorAll("*").forEach((el, i) => {
    const style = getComputedStyle(originals[i]);
    for (const name of ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity"]) el.style.setProperty(name, style.getPropertyValue(name));
  });
  const box = svg.viewBox.baseVal;
  copy.setAttribute("xmlns", NS);
  copy.setAttribute("width", String(box && box.width ? box.width : svg.clientWidth));
  copy.setAttribute("height", String(box && box.height ? box.height : svg.clientHeight));
  const label = document.createElementNS(NS, "text");
  label.setAttribute("x", "12");
  label.setAttribute("y", "22");
  label.setAttribute("font-size", "14");
  label.setAttribute("font-family", "system-ui, sans-serif");
  label.textContent = title;
  copy.append(label);
  return new XMLSerializer().serializeToString(copy);
}

/** A PNG of an SVG text, drawn at `scale` (the page's CSP allows data: images, not blob: ones). */
export function svgToPng(svgText, scale = 2) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = Math.ceil(image.naturalWidth * scale);
      canvas.height = Math.ceil(image.naturalHeight * scale);
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(image, 0, 0);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the PNG could not be drawn"))), "image/png");
    };
    image.onerror = () => reject(new Error("the view's SVG could not be drawn"));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
}

export function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/** The shown view as an image: {svg} for the matrix and the map; for another view, whatever its own
 *  `exportImage(format)` gives ({svg} or {png: Blob}), or null when it cannot. */
export async function viewImage(view, views, format, title) {
  if (view === "matrix") {
    const table = document.querySelector("#matrix table.matrix");
    return table ? { svg: matrixSvg(table, title) } : null;
  }
  if (view === "map") return { svg: inlineSvg(document.querySelector("#map"), title) };
  const other = views[view];
  if (other && typeof other.exportImage === "function") return other.exportImage(format);
  if (other && other.cy && format === "png") return { png: await other.cy.png({ output: "blob-promise", full: true, bg: "#ffffff" }) };
  return null;
}

/** Downloads the shown view as `format` (svg or png); a sentence when the view cannot give it. */
export async function exportView(view, views, format, f, onNotice) {
  const title = `cograph ${view} as of ${f.asOf || "today"}`;
  const image = await viewImage(view, views, format, title);
  const name = `cograph-${view}-${f.asOf || "today"}.${format}`;
  if (!image) {
    onNotice(`The ${view} view cannot be exported as ${format.toUpperCase()}${format === "svg" ? "; try PNG" : ""}.`);
    return;
  }
  if (format === "svg" && image.svg) download(new Blob([image.svg], { type: "image/svg+xml" }), name);
  else if (format === "png") download(image.png || (await svgToPng(image.svg)), name);
  else onNotice(`The ${view} view cannot be exported as SVG; try PNG.`);
}
