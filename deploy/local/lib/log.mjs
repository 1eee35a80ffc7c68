const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);

export const log = {
  step: (msg) => console.log(`${paint('36', '▸')} ${msg}`),
  ok: (msg) => console.log(`${paint('32', '✓')} ${msg}`),
  warn: (msg) => console.warn(`${paint('33', '!')} ${msg}`),
  fail: (msg) => console.error(`${paint('31', '✗')} ${msg}`),
};

/** An error whose message alone tells the user what to do; printed without a stack trace. */
export class ProvisionError extends Error {}
