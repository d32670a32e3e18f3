// Router of the dashboard (hash routes): #/login, #/tests, #/test/ID, #/compare?ids=A,B, #/admin
import * as api from './api.js';
import { h, clear } from './dom.js';
import { loginPage } from './login.js';
import { testsPage } from './tests.js';
import { testPage } from './test.js';
import { comparePage } from './compare.js';
import { adminPage } from './admin.js';

const app = document.getElementById('app');
let me = null;
let current = null;

api.setUnauthorisedHandler(() => { me = null; if (!location.hash.startsWith('#/login')) location.hash = '#/login'; });

function renderWho() {
  const who = clear(document.getElementById('who'));
  if (!me) return;
  who.append(h('span', { title: 'role: ' + me.role }, `${me.email} · ${me.organisation} · ${me.role}`),
    h('button', { id: 'logout', onclick: async () => {
      try { await api.logout(); } catch (e) { /* already logged out */ }
      me = null; renderWho(); location.hash = '#/login';
    } }, 'Log out'));
}

async function route() {
  const hash = location.hash || '#/tests';
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  if (current && current.destroy) current.destroy();
  current = null;
  document.querySelectorAll('#nav a[data-nav]').forEach(a => a.classList.toggle('active', path.startsWith('/' + a.dataset.nav)));
  if (path !== '/login' && !me) {
    try { me = await api.me(); renderWho(); } catch (e) { if (e.status !== 401) showError(e); return; }
  }
  clear(app);
  document.body.dataset.page = path.split('/')[1] || 'tests';
  if (path === '/login') {
    document.getElementById('topbar').classList.add('hidden');
    current = loginPage(app, async user => { me = user; renderWho(); document.getElementById('topbar').classList.remove('hidden'); location.hash = '#/tests'; });
    return;
  }
  document.getElementById('topbar').classList.remove('hidden');
  if (path.startsWith('/test/')) current = testPage(app, decodeURIComponent(path.slice(6)), me);
  else if (path === '/admin') current = adminPage(app, me);
  else if (path === '/compare') current = comparePage(app, (params.get('ids') || '').split(',').filter(Boolean));
  else current = testsPage(app, me, params);
}

function showError(e) {
  clear(app).append(h('div.panel', h('div.body', h('div.errbox', 'The server could not be reached: ' + e.message))));
}

window.addEventListener('hashchange', route);
route();
