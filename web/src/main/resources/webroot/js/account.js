// Choosing a new password (required after signing in with a one-time password).

import { getJson, send, showSignedIn } from './api.js';
import { nextPage } from './next.js';

const form = document.getElementById('password-form');
const error = document.getElementById('account-error');

function showError(text) {
  error.textContent = text;
  error.hidden = false;
  error.focus();
}

showSignedIn();
getJson('/api/session').then((s) => {
  if (s.must_change_password) {
    document.getElementById('why').textContent = 'You signed in with a one-time password: choose your own before going on. '
      + 'At least 12 characters; three random words make a good one.';
  }
}).catch(() => {});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (form.new.value !== form.confirm.value) {
    showError('The two new passwords are not the same.');
    return;
  }
  const res = await send('/api/account/password', 'POST', { current: form.current.value, new: form.new.value });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    showError(body.error || `The password was not changed (HTTP ${res.status}).`);
    return;
  }
  window.location.assign(nextPage(window.location.search));
});
