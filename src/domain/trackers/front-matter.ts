// A small, linear reader and writer for the YAML subset Backlog.md puts in its front matter and config.yml.
//
// Supported: `key: value` at the top level; plain, 'single' and "double" quoted scalars; flow lists
// (`[a, 'b']`); block lists (`  - a`); folded and literal block scalars (`>-`, `|`). Anything else
// (nested maps, anchors) is kept as its raw text so nothing is lost. One pass over the lines, no backtracking.

export type YamlValue = string | string[];

export interface FrontMatter {
  data: Record<string, YamlValue>;
  /** The front matter as written, `---` lines included ("" when there is none). */
  raw: string;
  body: string;
}

/** Splits `---\n...\n---\n` off the top of a markdown file; no front matter gives empty data. */
export function splitFrontMatter(text: string): FrontMatter {
  const src = text.replace(/^\uFEFF/, "");
  const lines = src.split(/\r?\n/);
  if (lines[0] !== "---") return { data: {}, raw: "", body: src };
  const end = lines.indexOf("---", 1);
  if (end < 0) return { data: {}, raw: "", body: src };
  return { data: parseYaml(lines.slice(1, end).join("\n")), raw: lines.slice(0, end + 1).join("\n"), body: lines.slice(end + 1).join("\n") };
}

export function parseYaml(text: string): Record<string, YamlValue> {
  const data: Record<string, YamlValue> = {};
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const colon = line.indexOf(":");
    if (!line.trim() || line.trimStart().startsWith("#") || /^\s/.test(line) || colon < 1) {
      i++;
      continue;
    }
    const key = line.slice(0, colon).trim();
    const rawValue = stripComment(line.slice(colon + 1).trim());
    // The value's continuation: every following line that is indented (or a list item at column 0 under an empty value).
    const more: string[] = [];
    i++;
    while (i < lines.length && (lines[i] === "" || /^\s/.test(lines[i]) || (rawValue === "" && lines[i].startsWith("- ")))) more.push(lines[i++]);
    while (more.length && more[more.length - 1].trim() === "") more.pop();
    data[key] = value(rawValue, more);
  }
  return data;
}

function value(raw: string, more: string[]): YamlValue {
  if (raw === "" && more.length && more.every((l) => l.trim() === "" || l.trimStart().startsWith("-"))) {
    return more.filter((l) => l.trim()).map((l) => scalar(l.trimStart().slice(1).trim()));
  }
  if (raw === "") return more.length ? more.join("\n") : "";
  if (/^[>|][+-]?$/.test(raw)) return blockScalar(raw, more);
  if (raw.startsWith("[") && raw.endsWith("]") && !more.length) return flowList(raw.slice(1, -1));
  if (more.length && !raw.startsWith("'") && !raw.startsWith('"')) return [raw, ...more.map((l) => l.trim())].filter(Boolean).join(" ");
  return scalar([raw, ...more.map((l) => l.trim())].join(" "));
}

function blockScalar(indicator: string, lines: string[]): string {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  const body = lines.map((l) => l.slice(indent));
  const text = indicator[0] === "|" ? body.join("\n") : fold(body);
  return indicator.endsWith("-") ? text : `${text}\n`;
}

/** Folded scalars join lines with a space; an empty line stands for a newline. */
function fold(lines: string[]): string {
  let out = "";
  let pendingBreak = false;
  for (const l of lines) {
    if (l === "") {
      out += "\n";
      pendingBreak = true;
    } else {
      out += out && !pendingBreak ? ` ${l}` : l;
      pendingBreak = false;
    }
  }
  return out;
}

function flowList(inner: string): string[] {
  const items: string[] = [];
  let cur = "";
  let quote: string | null = null;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      cur += ch;
      if (ch === quote) {
        if (quote === "'" && inner[i + 1] === "'") cur += inner[++i];
        else if (quote === '"' && inner[i - 1] === "\\") continue;
        else quote = null;
      }
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
    } else if (ch === ",") {
      items.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() || items.length) items.push(cur);
  return items.map((s) => scalar(s.trim()));
}

function scalar(raw: string): string {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replaceAll("''", "'");
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1); // YAML escapes JSON does not know (\x, \a): keep the text as written
    }
  }
  return raw;
}

function stripComment(raw: string): string {
  if (raw.startsWith("'") || raw.startsWith('"')) return raw;
  const hash = raw.indexOf(" #");
  return hash < 0 ? raw : raw.slice(0, hash).trimEnd();
}

/** Writes the data back as front matter; strings that YAML would read as something else are single-quoted. */
export function writeFrontMatter(data: Record<string, YamlValue>): string {
  const out = ["---"];
  for (const [key, v] of Object.entries(data)) {
    if (Array.isArray(v)) {
      if (!v.length) out.push(`${key}: []`);
      else out.push(`${key}:`, ...v.map((item) => `  - ${quote(item)}`));
    } else if (v.includes("\n")) {
      const keep = v.endsWith("\n") ? "" : "-";
      out.push(`${key}: |${keep}`, ...v.replace(/\n$/, "").split("\n").map((l) => (l ? `  ${l}` : "")));
    } else out.push(`${key}: ${quote(v)}`);
  }
  out.push("---");
  return out.join("\n");
}

const PLAIN_UNSAFE = /^(?:$|[-?:,[\]{}#&*!|>'"%@`\s]|.*(?::\s|\s#|:$|\s$))|^(?:true|false|yes|no|on|off|null|~|[-+]?[\d.:\s-]+)$/i;

function quote(s: string): string {
  return PLAIN_UNSAFE.test(s) ? `'${s.replaceAll("'", "''")}'` : s;
}
