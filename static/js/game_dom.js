// Small DOM helpers shared by the game page modules.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** HTML-escapes any value for text and attribute positions. */
export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** The last word of a name (for tight spots on the diamond). */
export function shortName(name) {
  const parts = String(name || "").trim().split(/\s+/);
  return parts[parts.length - 1] || "";
}

/** A roll as players read it: pairs as "a+b". */
export function formatRoll([name, value]) {
  return `${name} ${Array.isArray(value) ? value.join("+") : value}`;
}
