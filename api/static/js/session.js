// The signed-in person of this tab: a bearer token kept for the tab's life only. The
// province's single sign-on returns to /me#token=… (README: 统一身份认证).
const KEY = "govsearch.token";

export function token() {
  try { return sessionStorage.getItem(KEY) || ""; } catch (error) { return ""; }
}

export function signIn(value) {
  try { sessionStorage.setItem(KEY, value); } catch (error) { /* private mode: not kept */ }
}

export function signOut() {
  try { sessionStorage.removeItem(KEY); } catch (error) { /* nothing kept */ }
}

// A token handed over in the address's fragment (never sent to a server) is taken and removed.
export function takeTokenFromAddress() {
  const match = location.hash.match(/^#token=([A-Za-z0-9._-]+)$/);
  if (!match) return;
  signIn(match[1]);
  history.replaceState(null, "", location.pathname + location.search);
}
