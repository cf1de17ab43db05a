// The partner portal: signs in, then shows the page the address (#/…) names.
import { api, signIn, signOut } from './api.js';
import { failure, h, show } from './ui.js';
import { customersPage } from './pages/customers.js';
import { customerPage } from './pages/customer.js';

// #/customers?q=…  and  #/customers/{id}/{section}/{item}
const routes = [
  [/^#\/customers\/([0-9a-f-]{36})(?:\/([a-z-]+))?(?:\/([0-9a-f-]{36}))?$/, ([id, section, item], params) => customerPage(id, section || 'details', item, params)],
  [/^#\/customers$/, (_, params) => customersPage(params)],
];

async function route() {
  const routed = location.hash;
  const [path, search] = (routed || '#/customers').split('?');
  const params = new URLSearchParams(search || '');
  const match = routes.map(([pattern, page]) => [path.match(pattern), page]).find(([found]) => found);
  if (!match) {
    location.hash = '#/customers';
    return;
  }
  let content;
  try {
    content = await match[1](match[0].slice(1), params);
  } catch (error) {
    if (error.status === 401) return;
    content = [h('h1', {}, error.status === 404 ? 'Not found' : 'Something went wrong'), failure(error)];
  }
  // a page that took longer than the partner's next click does not cover the page asked for since
  if (location.hash === routed && content) show(content);
}

const me = await signIn();
document.getElementById('partner-name').textContent = me.name;
const signOutButton = document.getElementById('sign-out');
signOutButton.hidden = false;
signOutButton.addEventListener('click', signOut);
api('customers', '/api/partners/me')
  .then((partner) => { document.getElementById('partner-name').textContent = `${partner.name} (${me.name})`; })
  .catch(() => {});
window.addEventListener('hashchange', route);
route();
