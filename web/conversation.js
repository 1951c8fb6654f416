// The conversation kept in this browser tab only (sessionStorage), so a reload, the checklist link and Back keep it.
// It is gone when the tab closes or "New conversation" is pressed; the server never stores it.
const KEY = 'cip-helpdesk-conversation';

export function loadConversation() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (stored && typeof stored.id === 'string' && Array.isArray(stored.turns)) return stored;
  } catch {
    // unreadable or storage blocked: start afresh
  }
  return null;
}

export function saveConversation(id, turns) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ id, turns }));
  } catch {
    // storage full or blocked: the conversation then lives in the page only
  }
}

export function clearConversation() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
