// `npm run dlq -- <command>`: dead-lettered events of a service, with their reasons.
//   list                      every dead letter: position, type, event id, attempts, first failure, reason
//   show <n|event-id>…        the same plus headers and the body
//   replay <n|event-id>…|--all  put them back on the queue they failed in (after fixing the cause)
//   purge --yes               drop them all
// Options: --service invoice-service|customer-service|unroutable (default invoice-service), --json.
// `unroutable`: what billing.events could not route (its alternate exchange); listed, not replayed.
// Reads AMQP_URL and AMQP_NAMESPACE like the apps.
import { DeadLetters } from '@portico/messaging';
import { parseArgs } from 'node:util';
import { loadDlqConfig } from './config/dlq.config';
import { formatDeadLetter, formatDeadLetterRow } from './dlq-format';

const SERVICES = ['invoice-service', 'customer-service', 'unroutable'];
const USAGE =
  'usage: npm run dlq -- list|show <n|event-id>…|replay <n|event-id>…|replay --all|purge --yes ' +
  '[--service invoice-service|customer-service|unroutable] [--json]';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      service: { type: 'string', default: 'invoice-service' },
      all: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const [command, ...targets] = positionals;
  if (!command || !SERVICES.includes(values.service)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadDlqConfig();
  const dlq = await DeadLetters.open(config.amqpUrl, config.namespace, values.service);
  try {
    switch (command) {
      case 'list': {
        const letters = await dlq.list();
        if (values.json) console.log(JSON.stringify(letters.map(({ body: _b, ...l }) => l)));
        else if (letters.length === 0) console.log(`${dlq.queue}: no dead letters`);
        else letters.forEach((l) => console.log(formatDeadLetterRow(l)));
        return 0;
      }
      case 'show': {
        if (targets.length === 0) return usage();
        const letters = (await dlq.list()).filter(
          (l) => targets.includes(String(l.position)) || targets.includes(l.eventId ?? ''),
        );
        if (values.json) console.log(JSON.stringify(letters));
        else letters.forEach((l) => console.log(formatDeadLetter(l)));
        return letters.length > 0 ? 0 : notFound(targets);
      }
      case 'replay': {
        if (!values.all && targets.length === 0) return usage();
        const replayed = await dlq.replay(values.all ? 'all' : targets);
        for (const l of replayed)
          console.log(`replayed #${l.position} ${l.type} ${l.eventId ?? ''}`);
        console.log(`${replayed.length} replayed to ${values.service}`);
        return replayed.length > 0 || values.all ? 0 : notFound(targets);
      }
      case 'purge': {
        if (!values.yes) {
          console.error(`purge drops every dead letter in ${dlq.queue}; add --yes to confirm`);
          return 2;
        }
        console.log(`${await dlq.purge()} dead letters purged from ${dlq.queue}`);
        return 0;
      }
      default:
        return usage();
    }
  } finally {
    await dlq.close();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

function notFound(targets: string[]): number {
  console.error(`no dead letter matches ${targets.join(', ')}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
