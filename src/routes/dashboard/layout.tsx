// The dashboard's page frame: one stylesheet, navigation, the live-update script, and nothing that needs a build step.

import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { HealthBanner } from "./health-banner";

const CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
header{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;padding:8px 20px;background:#24292f;color:#fff}
header a{color:#d0d7de;text-decoration:none;display:inline-block;padding:6px 0} header a:hover,header a[aria-current]{color:#fff} header .brand{color:#fff;font-weight:700;margin-right:8px}
header .grow{flex:1} header button{background:transparent;color:#d0d7de;border:1px solid #57606a;border-radius:6px;cursor:pointer}
main{padding:16px 20px;max-width:1500px;margin:0 auto} h1{font-size:22px;margin:6px 0 14px} h2{font-size:16px}
a{color:#0969da}
.toolbar{display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin-bottom:14px}
.toolbar form{display:flex;gap:6px;align-items:end;flex-wrap:wrap;background:#fff;padding:8px;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
label.f{display:flex;flex-direction:column;font-size:12px;color:#57606a}
.board{display:grid;grid-template-columns:repeat(5,minmax(190px,1fr));gap:12px}
.col{background:#eaeef2;border-radius:8px;padding:8px;min-height:140px}
.col h2{font-size:12px;text-transform:uppercase;letter-spacing:.04em;margin:4px 4px 8px;color:#57606a;display:flex;justify-content:space-between}
.card{background:#fff;border-radius:6px;padding:8px 10px;margin-bottom:8px;box-shadow:0 1px 2px rgba(0,0,0,.1);overflow-wrap:anywhere;border-left:3px solid #d0d7de}
.card.p-urgent{border-left-color:#cf222e}.card.p-high{border-left-color:#bc4c00}.card.p-low{border-left-color:#8c959f}
.card .title{display:block;margin:2px 0 4px}
.key{font-weight:600;color:#0969da;text-decoration:none}.meta{color:#57606a;font-size:12px}
.badge{display:inline-block;font-size:11px;padding:0 6px;border-radius:10px;background:#eaeef2;color:#57606a;margin-right:4px}
.badge.blocked{background:#ffebe9;color:#cf222e;font-weight:600}.badge.failed{background:#ffebe9;color:#cf222e}.badge.processed,.badge.sent,.badge.completed{background:#dafbe1;color:#1a7f37}
.overdue{color:#cf222e;font-weight:600}
.card form{display:flex;gap:4px;margin-top:6px} .card select{font-size:12px;padding:2px 4px}
form.login{max-width:380px;margin:80px auto;background:#fff;padding:24px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
input,select,button,textarea{font:inherit;padding:5px 8px;border:1px solid #d0d7de;border-radius:6px}
button{background:#f6f8fa;cursor:pointer} button.primary{background:#1f883d;color:#fff;border-color:#1f883d}
.projects{margin-bottom:10px} .projects a{display:inline-block;padding:4px 0;margin-right:12px;text-decoration:none} .projects a[aria-current]{font-weight:700;text-decoration:underline}
.panel{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:14px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.two{display:grid;grid-template-columns:2fr 1fr;gap:14px}
table.grid{border-collapse:collapse;width:100%;background:#fff} table.grid td,table.grid th{border-bottom:1px solid #eaeef2;padding:6px 8px;text-align:left;vertical-align:top}
.err{color:#cf222e;white-space:pre-wrap} pre{white-space:pre-wrap;overflow-wrap:anywhere}
iframe.preview{width:100%;height:260px;border:1px solid #d0d7de;border-radius:6px;background:#fff}
.live{font-size:12px;color:#afb8c1} .live.on{color:#4ac26b}
svg text{font:12px system-ui,sans-serif}
.subtask a,.list a{display:inline-block;padding:4px 0}
@media (max-width:720px){
main{padding:12px} header{padding:6px 12px}
.board{grid-template-columns:1fr} .two{grid-template-columns:1fr}
table.grid{display:block;overflow-x:auto}
.card select,.card .key,.card .parent{min-height:24px;display:inline-block}
}
.banner{background:#fff8c5;border:1px solid #d4a72c}
`;

/**
 * With JavaScript on, the page listens to /events and swaps in fresh content when the activity log moves, and a
 * select marked data-autosubmit sends its form on change (inline handlers would be blocked by the CSP).
 * The stream opens only once the page has loaded and the main thread is idle: a phone renders first, and the
 * cursor in data-live is the one the page was rendered at, so nothing that happens meanwhile is missed.
 */
const LIVE = `
document.addEventListener('change',function(e){ var t=e.target; if(t&&t.matches&&t.matches('select[data-autosubmit]')&&t.form) t.form.requestSubmit(); });
(function(){
  var el=document.querySelector('[data-live]'); if(!el||!window.EventSource) return;
  var badge=document.getElementById('live'); var busy=false, again=false;
  function refresh(){ if(busy){again=true;return;} busy=true;
    fetch(location.href,{credentials:'same-origin'}).then(function(r){return r.text();}).then(function(html){
      var doc=new DOMParser().parseFromString(html,'text/html'); var next=doc.querySelector('[data-live]');
      var cur=document.querySelector('[data-live]'); if(next&&cur) cur.replaceWith(next);
    }).finally(function(){busy=false; if(again){again=false;refresh();}});
  }
  var es=null, retry=0;
  function listen(){
    if(es) return; clearTimeout(retry);
    var at=document.querySelector('[data-live]')||el;
    es=new EventSource('/events?after='+encodeURIComponent(at.getAttribute('data-live')));
    es.onopen=function(){ if(badge){badge.textContent='live';badge.className='live on';} };
    es.onmessage=refresh;
    es.onerror=function(){ if(badge){badge.textContent='reconnecting';badge.className='live';}
      // EventSource gives up for good on an answer other than 200 (a 429 while the slots of pages just left are
      // freed) or a failed reconnect: try again in a few seconds instead of staying static.
      if(es&&es.readyState===2){ es=null; retry=setTimeout(listen,3000); } };
  }
  function later(){ if(window.requestIdleCallback) requestIdleCallback(listen,{timeout:2000}); else setTimeout(listen,200); }
  if(document.readyState==='complete') later(); else addEventListener('load',later);
  // A page left for another keeps no stream (each holds one of the token's few live slots); one kept for the back
  // button opens a new one when shown again, from the cursor of a fresh render.
  addEventListener('pagehide',function(){ clearTimeout(retry); if(es){ es.close(); es=null; } });
  addEventListener('pageshow',function(e){ if(e.persisted){ refresh(); later(); } });
})();`;

const NAV = [
  ["/", "Board"],
  ["/graph", "Graph"],
  ["/runs", "Runs"],
  ["/emails", "Emails"],
  ["/reports", "Reports"],
  ["/docs", "API"],
] as const;

/** `nonce` is the response's CSP nonce (c.get("secureHeadersNonce")): without it the live-update script would not run. `noindex`: shared pages. */
export function Layout(props: { title: string; children: Child; signedIn?: boolean; current?: string; nonce?: string; noindex?: boolean }) {
  // The doctype keeps the page out of quirks mode; `raw` because JSX has no node for it.
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="description" content="taskhub: the work planned in Claude Code sessions and on GitHub, as one task list." />
          <meta name="theme-color" content="#24292f" />
          {/* No icon to fetch: a /favicon.ico request would 404 and log a console error on every page. */}
          <link rel="icon" href="data:," />
          {props.noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
          <title>{props.title} · taskhub</title>
          <style>{CSS}</style>
        </head>
        <body>
          <header>
            <a class="brand" href="/">
              taskhub
            </a>
            {props.signedIn
              ? NAV.map(([href, label]) => (
                  <a href={href} aria-current={props.current === href ? "page" : undefined}>
                    {label}
                  </a>
                ))
              : null}
            <span class="grow" />
            {props.signedIn ? (
              <>
                <span id="live" class="live">
                  static
                </span>
                <form method="post" action="/logout">
                  <button type="submit">Sign out</button>
                </form>
              </>
            ) : null}
          </header>
          <main>
            {props.signedIn ? <HealthBanner /> : null}
            {props.children}
          </main>
          {props.signedIn ? <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: LIVE }} /> : null}
        </body>
      </html>
    </>
  );
}
