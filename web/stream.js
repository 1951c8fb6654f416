// Streamed answers (POST /api/ask/stream, Server-Sent Events read with fetch: EventSource cannot POST).
// Used only when /api/health reports "llm": true. The streamed text is a draft shown with textContent only;
// the final `answer` event carries the full /api/ask JSON, and that replaces the draft.

const TIMEOUT_MS = 60_000;

// Resolves to true when the server answers with an LLM; any failure means plain /api/ask.
export async function llmAvailable() {
  try {
    const response = await fetch('/api/health', { headers: { Accept: 'application/json' } });
    if (!response.ok) return false;
    const data = await response.json();
    return Boolean(data && data.llm === true);
  } catch {
    return false;
  }
}

// Posts the question and calls onText(textSoFar) as tokens arrive; resolves to the final answer object.
// Rejects when the stream cannot be used (HTTP error, network, no answer event): the caller then asks /api/ask,
// which reports the error in the usual way.
export async function askStreaming(body, onText) {
  const response = await fetch('/api/ask/stream', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'Accept-Language': body.language || 'en' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout ? AbortSignal.timeout(TIMEOUT_MS) : undefined,
  });
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
    throw new Error(`stream unavailable (${response.status})`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let draft = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (!event) continue;
      if (event.name === 'token' && typeof event.data.text === 'string') {
        draft += event.data.text;
        onText(draft);
      } else if (event.name === 'answer') {
        reader.cancel().catch(() => {});
        return event.data;
      } else if (event.name === 'error') {
        throw new Error('stream error');
      }
    }
  }
  throw new Error('stream ended without an answer');
}

function parseEvent(frame) {
  let name = 'message';
  const data = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!data.length) return null;
  try {
    return { name, data: JSON.parse(data.join('\n')) };
  } catch {
    return null;
  }
}

// Shows the draft inside the "thinking" bubble, as plain text. Hidden from screen readers: the final answer
// that replaces it is announced instead of every fragment.
export function showDraft(bubble, text) {
  let node = bubble.querySelector('.draft');
  if (!node) {
    node = document.createElement('p');
    node.className = 'draft';
    node.setAttribute('aria-hidden', 'true');
    bubble.append(node);
  }
  node.textContent = text;
}
