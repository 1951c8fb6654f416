// The CIP Helpdesk on another site's page, with one line:
//   <script src="https://helpdesk.example.org/embed.js" defer></script>
// A button opens the chat in a panel: a frame of the helpdesk itself, which lets only the sites listed in its
// HELPDESK_EMBED_ORIGINS setting show it (Content-Security-Policy frame-ancestors). Styles are set through the
// DOM, never as markup, so a strict policy on the host page does not block them.
(() => {
  const script = document.currentScript;
  if (!script || document.getElementById('cip-helpdesk-open')) return;
  const helpdesk = new URL(script.src).origin;
  const dutch = (script.dataset.language || document.documentElement.lang || '').toLowerCase().startsWith('nl');
  const layer = '2147483000';

  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'cip-helpdesk-open';
  button.textContent = dutch ? 'Vraag het de CIP Helpdesk' : 'Ask the CIP Helpdesk';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'cip-helpdesk-frame');
  Object.assign(button.style, {
    position: 'fixed', right: '1rem', bottom: '1rem', zIndex: layer, padding: '.6rem 1rem', border: '0',
    borderRadius: '4px', background: '#005172', color: '#fff', font: 'inherit', cursor: 'pointer',
  });

  let frame = null;
  button.addEventListener('click', () => {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'cip-helpdesk-frame';
      frame.title = 'CIP Helpdesk';
      frame.src = `${helpdesk}/`;
      Object.assign(frame.style, {
        position: 'fixed', right: '1rem', bottom: '4rem', width: 'min(420px, calc(100vw - 2rem))',
        height: 'min(640px, calc(100vh - 6rem))', border: '1px solid #767676', borderRadius: '6px',
        background: '#fff', zIndex: layer,
      });
      document.body.append(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
    if (!frame.hidden) frame.focus();
  });
  document.body.append(button);
})();
