import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { PortalSectionLoader } from './portal-section-loader';
import type { PortalSectionContext, PortalSectionSource } from './portal-sections';

const context = { locale: 'en', basePath: '/customer-portal/t' } as PortalSectionContext;
const source = (name: string, load: PortalSectionSource['load']): PortalSectionSource => ({
  name,
  load,
});

describe('portal sections', () => {
  test('placed before or after the invoices, by order; empty ones left out', async () => {
    const loader = new PortalSectionLoader([
      source('plans', async () => ({
        partial: 'plans',
        placement: 'before-invoices',
        order: 20,
        view: {},
      })),
      source('credit-notes', async () => ({
        partial: 'notes',
        placement: 'after-invoices',
        order: 10,
        view: {},
      })),
      source('credits', async () => ({
        partial: 'credits',
        placement: 'before-invoices',
        order: 10,
        view: {},
      })),
      source('nothing', async () => null),
    ]);
    const placed = await loader.load(context);
    assert.deepEqual(
      placed.sectionsBefore.map((s) => s.partial),
      ['credits', 'plans'],
    );
    assert.deepEqual(
      placed.sectionsAfter.map((s) => s.partial),
      ['notes'],
    );
  });

  test('a section that fails becomes an "unavailable" notice; the others still show', async () => {
    const loader = new PortalSectionLoader([
      source('credits', () => Promise.reject(new Error('service_timeout'))),
      source('plans', async () => ({
        partial: 'plans',
        placement: 'before-invoices',
        order: 20,
        view: {},
      })),
    ]);
    const placed = await loader.load(context);
    assert.deepEqual(
      placed.sectionsBefore.map((s) => s.partial),
      ['plans', 'section-unavailable'],
    );
    assert.deepEqual(placed.sectionsBefore[1]?.view, { name: 'credits' });
  });
});
