import type { DeadLetter } from '@portico/messaging';

/** One line per dead letter: what an operator scans to decide what to do. */
export function formatDeadLetterRow(letter: DeadLetter): string {
  return [
    `#${letter.position}`,
    letter.type,
    letter.eventId ?? '(no event id)',
    `attempts=${letter.attempts}`,
    `first_failed_at=${letter.firstFailedAt ?? letter.failedAt ?? '?'}`,
    `reason=${letter.reason}`,
  ].join('  ');
}

export function formatDeadLetter(letter: DeadLetter): string {
  const lines = [
    `#${letter.position} ${letter.type} ${letter.eventId ?? '(no event id)'}`,
    `  reason:          ${letter.reason}`,
    `  attempts:        ${letter.attempts}`,
    `  first failed at: ${letter.firstFailedAt ?? '?'}`,
    `  dead-lettered:   ${letter.failedAt ?? '?'}`,
    `  source queue:    ${letter.sourceQueue}`,
    `  message id:      ${letter.messageId ?? '-'}`,
    `  correlation id:  ${letter.correlationId ?? '-'}`,
    `  body:            ${letter.body}`,
  ];
  return lines.join('\n');
}
