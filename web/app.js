// Minimal chat: sends the question to /api/ask and shows the answer with its sources, inserted as text only.
const form = document.getElementById('ask');
const answers = document.getElementById('answers');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const question = document.getElementById('question').value;
  const box = document.createElement('div');
  box.className = 'answer';
  box.textContent = '…';
  answers.prepend(box);
  try {
    const response = await fetch('/api/ask', {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({question})
    });
    const data = await response.json();
    box.textContent = response.ok ? data.answer : data.error;
    if (response.ok) {
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = 'Outcome: ' + data.outcome + (data.escalationReason ? ' — ' + data.escalationReason : '');
      box.append(meta);
      const list = document.createElement('ol');
      for (const c of data.citations) {
        const item = document.createElement('li');
        item.textContent = c.title + ' — ' + c.reference;
        list.append(item);
      }
      box.append(list);
      const disclaimer = document.createElement('p');
      disclaimer.className = 'disclaimer';
      disclaimer.textContent = data.disclaimer;
      box.append(disclaimer);
    }
  } catch (e) {
    box.textContent = 'The helpdesk could not be reached. Please try again.';
  }
});
