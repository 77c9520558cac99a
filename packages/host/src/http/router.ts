/**
 * The host's routes, from a request's method and URL:
 *
 *   <any>  /webhooks/<name>[/<rest>]     the integration's webhook handler (rest of the path and query passed on)
 *   POST   /actions/<name>/<action>      an action, JSON input → JSON output
 *   POST   /register/<name>              the register handler, with this host's webhook URL
 *   POST   /unregister/<name>            the unregister handler
 *   GET    /healthz                      200 while the host runs
 *   GET    /_intc/api/…                  the dev console's API (`intc dev` only; dev-api.ts)
 *   GET    /                             the dev console's page (`intc dev` only)
 *
 * `<name>` is an integration's name or a bot's alias, percent-decoded (a
 * handle's `/` is written `%2F`). The route's `pattern` is what logs show.
 */

export type Route =
  | { readonly kind: 'webhook'; readonly pattern: string; readonly target: string; readonly path: string; readonly query: string }
  | { readonly kind: 'action'; readonly pattern: string; readonly target: string; readonly action: string }
  | { readonly kind: 'register' | 'unregister'; readonly pattern: string; readonly target: string }
  | { readonly kind: 'healthz'; readonly pattern: string }
  | { readonly kind: 'dev-api'; readonly pattern: string; readonly endpoint: string; readonly query: URLSearchParams }
  | { readonly kind: 'dev-page'; readonly pattern: string }
  /** No such route, or a name that does not decode. */
  | { readonly kind: 'not-found'; readonly pattern: string }
  /** A route that exists for other methods. */
  | { readonly kind: 'method-not-allowed'; readonly pattern: string; readonly allow: string };

export const DEV_API_PREFIX = '/_intc/api/';

export function routeOf(method: string, url: string): Route {
  const [rawPath = '/', ...rest] = url.split('?');
  const query = rest.join('?');
  const segments = rawPath.split('/').slice(1);
  const [first = '', name, ...more] = segments;
  switch (first) {
    case 'webhooks':
      return webhookRoute(name, more, query);
    case 'actions': {
      if (name === undefined || more.length !== 1 || more[0] === '') return notFound();
      return post(method, '/actions/:name/:action', () => decoded(name, (target) => decoded(more[0]!, (action) => ({ kind: 'action', pattern: '/actions/:name/:action', target, action }))));
    }
    case 'register':
    case 'unregister': {
      if (name === undefined || more.length > 0) return notFound();
      const pattern = `/${first}/:name`;
      return post(method, pattern, () => decoded(name, (target) => ({ kind: first, pattern, target })));
    }
    case 'healthz':
      if (segments.length !== 1) return notFound();
      return method === 'GET' || method === 'HEAD' ? { kind: 'healthz', pattern: '/healthz' } : { kind: 'method-not-allowed', pattern: '/healthz', allow: 'GET, HEAD' };
    case '_intc':
      if (!rawPath.startsWith(DEV_API_PREFIX)) return notFound();
      return { kind: 'dev-api', pattern: rawPath, endpoint: rawPath.slice(DEV_API_PREFIX.length), query: new URLSearchParams(query) };
    case '':
      return segments.length === 1 && (method === 'GET' || method === 'HEAD') ? { kind: 'dev-page', pattern: '/' } : notFound();
    default:
      return notFound();
  }
}

function webhookRoute(name: string | undefined, more: readonly string[], query: string): Route {
  if (name === undefined || name === '') return notFound();
  return decoded(name, (target) => ({ kind: 'webhook', pattern: '/webhooks/:name', target, path: `/${more.join('/')}`, query }));
}

function post(method: string, pattern: string, route: () => Route): Route {
  return method === 'POST' ? route() : { kind: 'method-not-allowed', pattern, allow: 'POST' };
}

function decoded(segment: string, route: (text: string) => Route): Route {
  if (segment === '') return notFound();
  try {
    return route(decodeURIComponent(segment));
  } catch {
    return notFound();
  }
}

function notFound(): Route {
  return { kind: 'not-found', pattern: '(none)' };
}
