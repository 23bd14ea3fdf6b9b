// The board's own styles (the shared frame is layout.tsx): focus, drag targets, subtask lists, the shortcut list.

/** `.board` scrolls sideways inside the page on a phone rather than widening the whole page to five columns. */
export const BOARD_CSS = `
.board{overflow-x:auto}
.card:focus{outline:none}.card:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.card[draggable=true]{cursor:grab}.card.dragging{opacity:.5}
.col.over{outline:2px dashed #0969da;outline-offset:-2px;background:#ddf4ff}
.subs{font-size:12px;margin:4px 0}.subs summary{cursor:pointer;color:#57606a}.subs ul{margin:4px 0;padding-left:16px}
.say{min-height:1.45em;margin:0 0 8px}
.keys{font-size:12px;color:#57606a;margin:0 0 10px}.keys summary{cursor:pointer}
.keys dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:6px 0}.keys dt{font-family:ui-monospace,monospace;font-weight:600;color:#1f2328}.keys dd{margin:0}
`;
