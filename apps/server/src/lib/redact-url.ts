/**
 * Query parameters whose values are secrets: a lookup code opens a citizen's complaint, report or consultation (and
 * the personal data in it) to whoever holds it, so it must never reach a log file, nor must a token or password.
 */
const SECRET_PARAMS = new Set(['lookupcode', 'code', 'token', 'password']);

/** The URL with the values of secret query parameters replaced by ***; path and other parameters are kept verbatim. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hashAt = url.indexOf('#', q);
  const query = hashAt < 0 ? url.slice(q + 1) : url.slice(q + 1, hashAt);
  const rest = hashAt < 0 ? '' : url.slice(hashAt);
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      name = rawName;
    }
    return eq >= 0 && SECRET_PARAMS.has(name.trim().toLowerCase()) ? `${rawName}=***` : part;
  });
  return `${url.slice(0, q)}?${parts.join('&')}${rest}`;
}
