// Portal-token signing: jsonwebtoken (through @nestjs/jwt) given the secret as a plain string,
// the baseline, against the KeyObject Portico ships. Same claims, same run.
//   npm run bench:jwt                 (TOKENS=20000)
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { BenchRun } from './bench-record';

const TOKENS = Number(process.env.TOKENS ?? 20_000);
const secret = 'a'.repeat(64);
const claims = { org: 'org_0123456789abcdef', gen: 3 };
const options = {
  algorithm: 'HS256' as const,
  audience: 'portico-portal',
  issuer: 'portico',
  subject: 'cus_0123456789abcdefghij',
  jwtid: 'ps_0123456789ab',
  expiresIn: 43_200,
};

function signsPerSecond(jwt: JwtService): number {
  for (let i = 0; i < 1_000; i++) jwt.sign(claims, options); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < TOKENS; i++) jwt.sign(claims, options);
  return TOKENS / (Number(process.hrtime.bigint() - started) / 1e9);
}

const run = BenchRun.start('jwt', { tokens: TOKENS });
const withString = signsPerSecond(new JwtService({ secret }));
const withKeyObject = signsPerSecond(
  new JwtService({ secret: createSecretKey(Buffer.from(secret)) as unknown as string }),
);
console.log(`  string secret (baseline)   ${withString.toFixed(0)} tokens/s`);
console.log(`  KeyObject (Portico)        ${withKeyObject.toFixed(0)} tokens/s`);
console.log(`ratio KeyObject / string: ${(withKeyObject / withString).toFixed(1)}`);
run.record({
  figure: 'HS256 portal tokens/s, KeyObject',
  value: withKeyObject,
  unit: 'tokens/s',
  baseline: { name: 'string secret', value: withString, unit: 'tokens/s' },
  ratio: withKeyObject / withString,
});
void run.finish();
