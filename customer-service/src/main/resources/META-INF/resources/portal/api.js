// Sign-in (Keycloak, authorization code + PKCE through keycloak-js) and calls to the four services' APIs.
// The access token lives only in memory, in the Keycloak object; it is refreshed before it runs out.
import Keycloak from 'keycloak-js';
import { saveDrafts } from './ui.js';

const RETURN_TO = 'portal.returnTo';
let keycloak;
let bases;

/** A problem-details answer (RFC 9457) from an API, with its violations by field. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The server answered ${status}`);
    this.status = status;
    this.problem = problem;
    this.violations = problem.violations || [];
  }
}

/** Signs the partner in (or finishes the sign-in the browser came back from) and returns who it is. */
export async function signIn() {
  const config = await (await fetch('/portal/config.json')).json();
  bases = config.apis;
  keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  // Keycloak sends the browser back to the portal's root (a redirect URI has no fragment): the page to return to
  // waits in the session meanwhile.
  if (location.hash && !new URLSearchParams(location.search).has('code')) sessionStorage.setItem(RETURN_TO, location.hash);
  keycloak.onTokenExpired = () => keycloak.updateToken(30).catch(() => {});
  await keycloak.init({
    onLoad: 'login-required', pkceMethod: 'S256', responseMode: 'query', checkLoginIframe: false,
    redirectUri: portalRoot(),
  });
  const returnTo = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  if (returnTo && !location.hash) history.replaceState(null, '', returnTo);
  return { name: keycloak.tokenParsed.preferred_username, roles: keycloak.tokenParsed.groups || [] };
}

export function signOut() {
  return keycloak.logout({ redirectUri: portalRoot() });
}

/** Back to Keycloak's sign-in page, keeping what was typed on this page and coming back to it. */
function signInAgain() {
  saveDrafts();
  sessionStorage.setItem(RETURN_TO, location.hash);
  return keycloak.login({ redirectUri: portalRoot() });
}

function portalRoot() {
  return `${location.origin}/portal/`;
}

/**
 * Calls a service: api('credits', '/api/customers/…/credits'). Answers the parsed JSON (or the Response with
 * raw: true); a problem answer throws an ApiError; a 401 sends the user to sign in again.
 */
export async function api(service, path, { method = 'GET', body, headers = {}, accept = 'application/json', raw = false } = {}) {
  try {
    await keycloak.updateToken(20);
  } catch {
    await signInAgain();
    throw new ApiError(401, { title: 'Signing in again' });
  }
  const response = await fetch(bases[service] + path, {
    method,
    headers: {
      Authorization: `Bearer ${keycloak.token}`,
      Accept: accept,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    await signInAgain();
    throw new ApiError(401, { title: 'Signing in again' });
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: response.statusText }));
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/** The query string of an object: arrays repeat their key, empty values are left out. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of [].concat(value)) if (one !== undefined && one !== null && one !== '') search.append(key, one);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
