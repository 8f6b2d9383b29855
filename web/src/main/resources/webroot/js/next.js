// Where to go after signing in or changing a password: a path on this site, never another site.

export function nextPage(search) {
  const next = new URLSearchParams(search).get('next');
  return next && /^\/(?![/\\])/.test(next) ? next : '/index.html';
}
