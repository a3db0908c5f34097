/**
 * A hint, kept in localStorage, that this browser signed in. It only decides whether a visit to / goes straight to
 * /login (no hint) or asks /api/me first; the server's session cookie is what actually grants access.
 */
export const SESSION_HINT_KEY = 'laas.signed-in';

export function rememberSession(): void {
  try {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
  } catch {
    // storage unavailable (private mode): every visit asks /api/me
  }
}

export function forgetSession(): void {
  try {
    window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // nothing to forget
  }
}

export function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true;
  }
}
