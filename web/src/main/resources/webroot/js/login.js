// The sign-in page: sends the username and password with the CSRF token, then goes where the
// reader was heading (only to a page of this site) or, with a one-time password, to choose a new one.

import { nextPage } from './next.js';

const form = document.getElementById('login');
const error = document.getElementById('login-error');

function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

function showError(text) {
  error.textContent = text;
  error.hidden = false;
  error.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    showError('Enter your username and password.');
    return;
  }
  let res;
  try {
    res = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    showError('Could not reach the server. Try again in a moment.');
    return;
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    form.password.value = '';
    showError(res.status === 403 ? 'The page had expired: please sign in again.' : (body.error || `Sign-in failed (HTTP ${res.status}).`));
    if (res.status === 403) window.location.reload();
    return;
  }
  const next = nextPage(window.location.search);
  window.location.assign(body.must_change_password ? `/account.html?next=${encodeURIComponent(next)}` : next);
});
