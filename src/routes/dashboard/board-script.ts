// The board's progressive enhancement, served inline under the page's CSP nonce: drag and drop, keyboard shortcuts, background status moves.

/**
 * Everything here works on the server-rendered page and is optional: without JavaScript the status select and its
 * button post the same form, and the filters are a plain GET form. Listeners sit on the document because the live
 * feed (layout.tsx) swaps the board's markup for fresh markup whenever the activity log moves.
 *
 * - A card's status form is posted with fetch (Accept: application/json) and the card moves columns in place;
 *   a refusal puts it back and says why in the role=status line. Posts for one card go one after another, so
 *   arrowing through a focused select cannot land an older status last.
 * - A drop sets the dragged card's select to the column's status and submits that form: one path for both.
 * - Keys (not while typing, not with Ctrl, Alt or Meta): j/k move between cards, Enter opens the focused card,
 *   s focuses its status select, c the new-task title, / the search box, ? opens the shortcut list, Escape leaves a field.
 * - Empty GET fields are dropped from the filter form's URL, so a shared link says only what filters it.
 */
export const BOARD_SCRIPT = `(function(){
var d=document, cur=null, dragged=null, last=null, queue={};
function $(s,r){return (r||d).querySelector(s);}
function all(s){return Array.prototype.slice.call(d.querySelectorAll(s));}
function cardOf(el){return el&&el.closest?el.closest('.board .card[data-key]'):null;}
function colOf(el){return el&&el.closest?el.closest('.board .col[data-status]'):null;}
function byKey(k){return k?$('.board .card[data-key="'+k+'"]'):null;}
function say(t){var s=d.getElementById('board-say'); if(s) s.textContent=t;}
function recount(){all('.board .col').forEach(function(c){var n=$('h2 span',c); if(n) n.textContent=c.querySelectorAll('.card').length;});}
function label(s){return s.replace('_',' ');}
d.addEventListener('submit',function(e){
  var f=e.target; if(!f.matches||!f.matches('.board form.status')) return;
  e.preventDefault();
  var card=cardOf(f), sel=f.elements.status, key=card.getAttribute('data-key'), was=card.getAttribute('data-status'), to=sel.value;
  if(to===was) return;
  var from=card.parentNode, next=card.nextSibling, dest=$('.board .col[data-status="'+to+'"]'), focused=d.activeElement;
  card.setAttribute('data-status',to); card.style.marginLeft='';
  if(dest) dest.appendChild(card); else card.remove();
  if(focused&&card.contains(focused)) focused.focus();
  recount();
  var body=new URLSearchParams(new FormData(f));
  queue[key]=(queue[key]||Promise.resolve()).then(function(){
    return fetch(f.action,{method:'POST',body:body,headers:{accept:'application/json'},credentials:'same-origin'}).then(function(r){
      return r.json().catch(function(){return {};}).then(function(b){ if(!r.ok) throw new Error(b.message||('HTTP '+r.status)); return b; });
    });
  }).then(function(){ say(key+' moved to '+label(to)+(dest?'':' (hidden by the status filter)')); },function(err){
    if(from.isConnected) from.insertBefore(card,next&&next.parentNode===from?next:null);
    card.setAttribute('data-status',was); sel.value=was; recount();
    say(key+' was not moved: '+err.message);
  });
});
d.addEventListener('dragstart',function(e){var c=cardOf(e.target); if(!c) return; dragged=c; c.classList.add('dragging'); e.dataTransfer.effectAllowed='move'; e.dataTransfer.setData('text/plain',c.getAttribute('data-key'));});
d.addEventListener('dragend',function(){ if(dragged) dragged.classList.remove('dragging'); dragged=null; all('.board .col.over').forEach(function(c){c.classList.remove('over');}); });
d.addEventListener('dragover',function(e){var c=colOf(e.target); if(!c||!dragged) return; e.preventDefault(); e.dataTransfer.dropEffect='move'; c.classList.add('over');});
d.addEventListener('dragleave',function(e){var c=colOf(e.target); if(c&&!c.contains(e.relatedTarget)) c.classList.remove('over');});
d.addEventListener('drop',function(e){var c=colOf(e.target); if(!c||!dragged) return; e.preventDefault(); c.classList.remove('over');
  var sel=$('select[name=status]',dragged); if(!sel) return; sel.value=c.getAttribute('data-status'); sel.form.requestSubmit();});
function typing(el){return el&&(el.isContentEditable||/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));}
d.addEventListener('keydown',function(e){
  if(e.ctrlKey||e.metaKey||e.altKey) return;
  if(typing(e.target)){ if(e.key==='Escape') e.target.blur(); return; }
  var list=all('.board .card'), at=cardOf(d.activeElement)||byKey(cur), i=list.indexOf(at), k=e.key, el;
  if(k==='j'||k==='k'){ el=list[i<0?0:Math.max(0,Math.min(list.length-1,i+(k==='j'?1:-1)))]; if(!el) return; cur=el.getAttribute('data-key'); el.focus(); el.scrollIntoView({block:'nearest'}); }
  else if(k==='Enter'&&at&&d.activeElement===at) location.href=$('a.key',at).href;
  else if(k==='s'&&at) $('select[name=status]',at).focus();
  else if(k==='c'&&(el=d.getElementById('new-title'))) el.focus();
  else if(k==='/'&&(el=d.getElementById('board-q'))) el.focus();
  else if(k==='?'&&(el=d.getElementById('board-keys'))){ el.open=!el.open; if(el.open) $('summary',el).focus(); }
  else return;
  e.preventDefault();
});
// The live feed replaces the board: keep the keyboard where it was (the same card, or its select).
d.addEventListener('focusin',function(e){var c=cardOf(e.target); if(c) last={el:e.target,key:c.getAttribute('data-key'),sel:e.target.matches('select')};});
var main=$('main'); if(main&&window.MutationObserver) new MutationObserver(function(){
  if(!last||last.el.isConnected||(d.activeElement&&d.activeElement!==d.body)) return;
  var c=byKey(last.key); if(!c) return; last.el=last.sel?$('select[name=status]',c):c; last.el.focus({preventScroll:true});
}).observe(main,{childList:true});
d.addEventListener('formdata',function(e){ if(!e.target.matches('form[role=search]')) return; var drop=[]; e.formData.forEach(function(v,k){ if(v==='') drop.push(k); }); drop.forEach(function(k){e.formData.delete(k);}); });
})();`;
