// The dashboard's page frame: one stylesheet, navigation, and nothing that needs a build step.

import type { Child } from "hono/jsx";

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
header{display:flex;gap:16px;align-items:center;padding:10px 20px;background:#24292f;color:#fff}
header a{color:#fff;text-decoration:none} header .grow{flex:1}
main{padding:16px 20px}
.board{display:grid;grid-template-columns:repeat(5,minmax(180px,1fr));gap:12px}
.col{background:#eaeef2;border-radius:8px;padding:8px;min-height:120px}
.col h2{font-size:13px;text-transform:uppercase;margin:4px 4px 8px;color:#57606a}
.card{background:#fff;border-radius:6px;padding:8px;margin-bottom:8px;box-shadow:0 1px 2px rgba(0,0,0,.08);overflow-wrap:anywhere}
.key{font-weight:600;color:#0969da;text-decoration:none}.meta{color:#57606a;font-size:12px}
.p-urgent{color:#cf222e}.p-high{color:#bc4c00}.overdue{color:#cf222e;font-weight:600}
form.login{max-width:360px;margin:80px auto;background:#fff;padding:24px;border-radius:8px}
input,select,button{font:inherit;padding:6px 8px} .projects a{margin-right:12px}
`;

export function Layout(props: { title: string; children: Child; signedIn?: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · taskhub</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <a href="/">
            <strong>taskhub</strong>
          </a>
          <span class="grow" />
          {props.signedIn ? (
            <form method="post" action="/logout">
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
