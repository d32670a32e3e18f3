import * as api from './api.js';
import { h } from './dom.js';

export function loginPage(root, onLogin) {
  const token = h('textarea#token', { placeholder: 'tower_…', spellcheck: 'false', autocomplete: 'off', 'aria-label': 'API token' });
  const err = h('div.error#login-error');
  const btn = h('button.primary#login-button', { type: 'submit' }, 'Log in');
  const form = h('form.panel.login', h('header', h('span.logo'), h('h1', 'Battery Control Tower')),
    h('div.body',
      h('label', { for: 'token' }, 'API token'), token,
      h('div.muted', 'Paste the token that ', h('code', './tower serve --demo'), ' printed, or one from ',
        h('code', 'tower admin create-user'), '. The browser keeps an HttpOnly session cookie; the token is not stored.'),
      err, h('div', btn)));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    err.textContent = '';
    btn.disabled = true;
    try {
      const me = await api.login(token.value.trim());
      onLogin(me);
    } catch (ex) {
      err.textContent = ex.message;
    } finally { btn.disabled = false; }
  });
  root.append(form);
  token.focus();
  return {};
}
