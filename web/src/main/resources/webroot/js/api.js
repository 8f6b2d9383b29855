// Talking to the server: JSON requests with readable errors, and the page's address as its state.

export async function getJson(url, signal) {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
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
