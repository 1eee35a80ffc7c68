import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { portalPreview, type PortalBranding } from './portal-preview';

const branding: PortalBranding = {
  name: 'Lumen',
  display_name: null,
  logo_url: null,
  brand_color: null,
  default_document_locale: 'de',
};
const translate = (key: string, lang: string) => `${lang}:${key}`;

describe('portalPreview', () => {
  test("the organization's name, colour and logo; the portal's strings in its language", () => {
    const { view, csp } = portalPreview(
      {
        ...branding,
        display_name: 'Lumen Billing',
        brand_color: '#0a7f5a',
        logo_url: 'https://cdn.lumen.example/logo.svg',
      },
      translate,
    );
    const v = view as {
      name: string;
      lang: string;
      logoUrl: string;
      style: { nonce: string; colour: string };
      text: { heading: string };
    };
    assert.equal(v.name, 'Lumen Billing');
    assert.equal(v.text.heading, 'de:portal.heading');
    assert.equal(v.style.colour, '#0a7f5a');
    assert.equal(csp.styleNonce, v.style.nonce);
    assert.deepEqual(csp.imageOrigins, ['https://cdn.lumen.example']);
    assert.equal(v.logoUrl, 'https://cdn.lumen.example/logo.svg');
  });

  test('nothing but a #rrggbb colour reaches the CSS; no logo, no image origin', () => {
    for (const brand_color of ['red; } body { display: none', '#0a7f5a;x', null]) {
      const { view, csp } = portalPreview({ ...branding, brand_color }, translate);
      assert.equal((view as { style: unknown }).style, null, String(brand_color));
      assert.equal(csp.styleNonce, undefined);
      assert.deepEqual(csp.imageOrigins, []);
    }
    const { csp } = portalPreview({ ...branding, logo_url: 'javascript:alert(1)' }, translate);
    assert.deepEqual(csp.imageOrigins, []);
  });
});
