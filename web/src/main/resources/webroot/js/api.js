// Talking to the server: JSON requests with readable errors, and the page's address as its state.

export async function getJson(url, signal) {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (res.status === 401) signInAgain();
  if (res.status === 403 && body && body.password_change_required) window.location.assign('/account.html');
  if (!res.ok) {
    const err = new Error((body && body.error) || res.statusText || `HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return body;
}

/** A sentence for a reader about a failed request. */
export function errorText(err) {
  switch (err.status) {
    case 404: return 'No data yet for this selection.';
    case 400: return `The server could not show this selection: ${err.message}`;
    case 401: return 'You need to sign in to see these figures.';
    case 403: return 'You do not have access to these figures.';
    case undefined: return 'Could not reach the server. The page will keep trying to reconnect.';
    default: return `Something went wrong (HTTP ${err.status}): ${err.message}`;
  }
}

export function parse(data) {
  try { return JSON.parse(data); } catch { return null; }
}

/** The page's filters as they are in its address. */
export function urlParams() {
  return new URLSearchParams(window.location.search);
}

/**
 * Writes the filters into the address (without a reload), so the view can be bookmarked and
 * shared; empty values are left out.
 */
export function setUrlParams(values) {
  const url = new URL(window.location.href);
  url.search = '';
  for (const [k, v] of Object.entries(values)) {
    if (v) url.searchParams.set(k, v);
  }
  window.history.replaceState(null, '', url);
}

/** A query string from an object, leaving out empty values. */
export function query(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v) q.set(k, v);
  }
  return q.toString();
}

/** The token the server set for this session, which every state-changing request must send back. */
function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

/** A state-changing request (POST, PUT) with a JSON body and the CSRF token. */
export async function send(url, method, body) {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) signInAgain();
  return res;
}

/** The session has ended (signed out elsewhere, or idle too long): back to the sign-in page, then here. */
export function signInAgain() {
  window.location.assign(`/login.html?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

let signedInShown = null;

/** Who is signed in, shown once in the page header with a way to sign out. */
export function showSignedIn() {
  signedInShown ??= addSignedInLine();
  return signedInShown;
}

async function addSignedInLine() {
  const line = document.querySelector('.header-inner');
  if (!line) return;
  let session;
  try { session = await getJson('/api/session'); } catch { return; }
  const p = document.createElement('p');
  p.id = 'signed-in';
  p.className = 'user-line';
  const who = document.createElement('span');
  who.textContent = `Signed in as ${session.username}`;
  const out = document.createElement('button');
  out.type = 'button';
  out.className = 'link-button';
  out.id = 'sign-out';
  out.textContent = 'Sign out';
  out.addEventListener('click', async () => {
    await send('/api/logout', 'POST');
    window.location.assign('/login.html');
  });
  p.append(who, ' ', out);
  line.append(p);
}
