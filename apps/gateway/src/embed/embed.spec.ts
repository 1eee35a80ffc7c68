import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { setImmediate as tick } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import { readEmbedScript } from './embed-script';

type Listener = (event: unknown) => void;

/** Just enough of a browser window for embed.js: an element, an iframe, message listeners. */
function fakeBrowser() {
  const listeners = new Map<string, Set<Listener>>();
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const contentWindow = {
    postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }),
  };
  const iframe = {
    attributes: {} as Record<string, string>,
    style: {} as Record<string, string>,
    contentWindow,
    parentNode: null as null | { removeChild: () => void },
    loadListeners: new Set<Listener>(),
    setAttribute(name: string, value: string) {
      this.attributes[name] = value;
    },
    addEventListener(_type: string, listener: Listener) {
      this.loadListeners.add(listener);
    },
    removeEventListener(_type: string, listener: Listener) {
      this.loadListeners.delete(listener);
    },
  };
  const container = {
    children: [] as unknown[],
    appendChild(child: typeof iframe) {
      this.children.push(child);
      child.parentNode = {
        removeChild: () => (this.children = this.children.filter((c) => c !== child)),
      };
    },
  };
  const window = {
    location: { href: 'https://app.example.test/settings/billing' },
    document: {
      querySelector: (selector: string) => (selector === '#billing' ? container : null),
      createElement: () => iframe,
    },
    console: { error: () => undefined },
    addEventListener(type: string, listener: Listener) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(listener);
    },
    removeEventListener(type: string, listener: Listener) {
      listeners.get(type)?.delete(listener);
    },
    Portico: undefined as unknown as {
      mount: (
        target: string,
        options: Record<string, unknown>,
      ) => { setUrl: (url: string) => void; destroy: () => void };
    },
  };
  runInNewContext(readEmbedScript(), { window, URL, Promise, Date, Number, isFinite });
  const dispatch = (event: { source: unknown; origin: string; data: unknown }) =>
    listeners.get('message')?.forEach((listener) => listener(event));
  return { window, iframe, container, contentWindow, posted, dispatch, listeners };
}

const PORTAL = 'https://portal.example.test/customer-portal/tok.en.one';
const ORIGIN = 'https://portal.example.test';

test('mounts an accessible, borderless, full-width iframe without a referrer', () => {
  const browser = fakeBrowser();
  browser.window.Portico.mount('#billing', { url: PORTAL, title: 'Invoices' });
  assert.deepEqual(browser.container.children, [browser.iframe]);
  assert.equal(browser.iframe.attributes.src, PORTAL);
  assert.equal(browser.iframe.attributes.title, 'Invoices');
  assert.equal(browser.iframe.attributes.referrerpolicy, 'no-referrer');
  assert.equal(browser.iframe.style.width, '100%');
  assert.equal(browser.iframe.style.border, '0');
});

test("says hello to the portal's origin only, once the frame has loaded", () => {
  const browser = fakeBrowser();
  browser.window.Portico.mount('#billing', { url: PORTAL });
  assert.equal(browser.posted.length, 0);
  browser.iframe.loadListeners.forEach((listener) => listener({}));
  // The message object comes from the script's own realm: compare its JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(browser.posted)), [
    { message: { source: 'portico-host', type: 'hello' }, targetOrigin: ORIGIN },
  ]);
});

test('resizes only on messages from its own frame and the portal origin', () => {
  const browser = fakeBrowser();
  browser.window.Portico.mount('#billing', { url: PORTAL });
  const resize = (height: unknown) => ({ source: 'portico', type: 'resize', height });
  browser.dispatch({ source: {}, origin: ORIGIN, data: resize(900) });
  browser.dispatch({
    source: browser.contentWindow,
    origin: 'https://evil.test',
    data: resize(901),
  });
  browser.dispatch({
    source: browser.contentWindow,
    origin: ORIGIN,
    data: { source: 'other', type: 'resize', height: 902 },
  });
  browser.dispatch({ source: browser.contentWindow, origin: ORIGIN, data: 'resize' });
  browser.dispatch({ source: browser.contentWindow, origin: ORIGIN, data: resize('lots') });
  browser.dispatch({ source: browser.contentWindow, origin: ORIGIN, data: resize(-5) });
  assert.equal(browser.iframe.style.height, undefined);
  browser.dispatch({ source: browser.contentWindow, origin: ORIGIN, data: resize(640.2) });
  assert.equal(browser.iframe.style.height, '641px');
});

test('an expired portal asks the host for a fresh URL and swaps it in', async () => {
  const browser = fakeBrowser();
  let asked = 0;
  const fresh = 'https://portal.example.test/customer-portal/tok.en.two';
  browser.window.Portico.mount('#billing', {
    url: PORTAL,
    onExpired: async () => {
      asked += 1;
      return fresh;
    },
  });
  const expired = { source: 'portico', type: 'expired' };
  browser.dispatch({ source: {}, origin: ORIGIN, data: expired });
  browser.dispatch({ source: browser.contentWindow, origin: 'https://evil.test', data: expired });
  await tick();
  assert.equal(asked, 0);
  browser.dispatch({ source: browser.contentWindow, origin: ORIGIN, data: expired });
  await tick();
  await tick();
  assert.equal(asked, 1);
  assert.equal(browser.iframe.attributes.src, fresh);
});

test('a host that keeps answering dead URLs stops being asked', async () => {
  const browser = fakeBrowser();
  let asked = 0;
  browser.window.Portico.mount('#billing', {
    url: PORTAL,
    onExpired: async () => {
      asked += 1;
      return PORTAL;
    },
  });
  for (let i = 0; i < 10; i += 1) {
    browser.dispatch({
      source: browser.contentWindow,
      origin: ORIGIN,
      data: { source: 'portico', type: 'invalid' },
    });
    for (let j = 0; j < 4; j += 1) await tick();
  }
  assert.equal(asked, 3);
});

test('setUrl moves the origin checks to the new portal; destroy removes everything', () => {
  const browser = fakeBrowser();
  const portal = browser.window.Portico.mount('#billing', { url: PORTAL });
  portal.setUrl('https://other-portal.example.test/customer-portal/x');
  const resize = { source: 'portico', type: 'resize', height: 300 };
  browser.dispatch({ source: browser.contentWindow, origin: ORIGIN, data: resize });
  assert.equal(browser.iframe.style.height, undefined);
  browser.dispatch({
    source: browser.contentWindow,
    origin: 'https://other-portal.example.test',
    data: resize,
  });
  assert.equal(browser.iframe.style.height, '300px');
  portal.destroy();
  assert.equal(browser.container.children.length, 0);
  assert.equal(browser.listeners.get('message')?.size, 0);
});
