// The conversation as a Markdown file the researcher keeps (e.g. with a data management plan): dated, every
// question and answer, and each answer's sources with their official links.
export function conversationMarkdown(turns, { date, t }) {
  const lines = [`# ${t('exportTitle')}`, '', `${t('exportDate')}: ${date}`, ''];
  turns.forEach((turn, index) => {
    lines.push(`## ${t('exportQuestion', { n: index + 1 })}`, '', quote(turn.question), '', `**${t('helpdeskLabel')}:**`, '',
      turn.data.answer, '');
    if (turn.data.citations.length) {
      lines.push(`${t('sources')}:`, '');
      turn.data.citations.forEach((c, i) => {
        const reference = c.reference ? ` (${c.reference})` : '';
        lines.push(`${i + 1}. ${c.title}${reference}${c.url ? ` <${c.url}>` : ''}`);
      });
      lines.push('');
    }
    if (turn.data.disclaimer) lines.push(`_${turn.data.disclaimer}_`, '');
  });
  return lines.join('\n');
}

function quote(text) {
  return text.split('\n').map((line) => `> ${line}`).join('\n');
}
