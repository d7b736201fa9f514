'use strict';
// Provider profiles from Node.js: the published examples of
// tests/conformance/profiles/ through Signer.forProfile, a sign-then-verify
// round trip per profile (Verifier.forProfile), monotonic timestamps
// (NetSuite's rule) and NetSuite's SOAP TokenPassport.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const oauth1 = require('..');

const VECTORS = path.resolve(__dirname, '..', '..', '..', 'tests', 'conformance', 'profiles');
const load = (name) => JSON.parse(fs.readFileSync(path.join(VECTORS, name), 'utf8'));
const REQUIRED = [
  'netsuite', 'woocommerce', 'magento2', 'x', 'trello', 'garmin', 'lti11',
  'xero-legacy', 'smugmug', 'flickr', 'tumblr', 'discogs', 'etsy-v2',
];

test('profiles() lists every required provider, sorted, with its docs; an unknown name is refused', () => {
  const names = oauth1.profiles().map((p) => p.name);
  assert.deepEqual(names, [...names].sort());
  for (const name of REQUIRED) {
    const p = oauth1.profile(name);
    assert.ok(p.summary && p.docs.length && p.docs.every((d) => d.startsWith('https://')), name);
    assert.ok(p.signatureMethods.includes(p.defaultSignatureMethod), name);
  }
  assert.equal(oauth1.profileField('x', 'default_signature_method'), 'HMAC-SHA1');
  assert.throws(() => oauth1.profile('nope'), (e) => e.kind === 'invalid_parameter' && /netsuite/.test(e.message));
});

for (const c of load('published.json')) {
  test(`profile vector ${c.id}`, () => {
    const k = c.credentials;
    const signer = oauth1.Signer.forProfile(c.profile, k.consumer_key, k.consumer_secret,
      { account: c.account, token: k.token, tokenSecret: k.token_secret ?? undefined });
    const r = c.request;
    const signed = signer.sign(r.method, r.url, {
      body: r.body, contentType: r.content_type, timestamp: c.timestamp, nonce: c.nonce,
      callback: c.callback, verifier: c.verifier,
    });
    assert.equal(signed.baseString, c.expect.base_string);
    assert.equal(signed.signature, c.expect.signature);
    for (const text of c.expect.header_contains) assert.ok(signed.authorizationHeader.includes(text), text);
    for (const text of c.expect.header_lacks) assert.ok(!signed.authorizationHeader.includes(text), text);
    signed.close();
    signer.close();
  });
}

for (const c of load('token_passport.json')) {
  test(`TokenPassport vector ${c.id}, its XML, and a timestamp going backwards refused`, () => {
    const signer = new oauth1.TokenPassportSigner(c.account, c.consumer_key, c.consumer_secret, c.token, c.token_secret);
    const passport = signer.sign({ timestamp: c.timestamp, nonce: c.nonce });
    assert.equal(passport.algorithm, c.algorithm);
    assert.equal(passport.baseString, c.expect.base_string);
    assert.equal(passport.signature, c.expect.signature);
    assert.equal(passport.timestamp, c.timestamp);
    assert.equal(passport.nonce, c.nonce);
    const ns = 'urn:messages_2024_2.platform.webservices.netsuite.com';
    const xml = passport.toXml(ns);
    assert.ok(xml.startsWith(`<tokenPassport xmlns="${ns}">`), xml);
    assert.ok(xml.includes(`<account>${c.account}</account>`));
    assert.ok(xml.includes(`<signature algorithm="HMAC-SHA256">${passport.signature}</signature>`));
    assert.ok(passport.toXml().startsWith('<tokenPassport>'));
    assert.throws(() => signer.sign({ timestamp: Number(c.timestamp) - 1 }),
      (e) => e.kind === 'invalid_parameter' && /earlier/.test(e.message));
    const fresh = signer.sign();
    assert.ok(Number(fresh.timestamp) >= Number(c.timestamp));
    assert.equal(fresh.nonce.length, 20);
    assert.throws(() => signer.sign({ nonce: oauth1.OMIT }), TypeError);
    passport.close();
    assert.throws(() => passport.signature, /closed/);
    signer.close();
    assert.throws(() => signer.sign(), /closed/);
  });
}

for (const name of REQUIRED) {
  test(`round trip: signed with the ${name} profile, verified by Verifier.forProfile('${name}')`, () => {
    const p = oauth1.profile(name);
    const account = { 'store-url': 'https://shop.example.com', 'netsuite-account-id': '1234567-sb1' }[p.account];
    const signer = oauth1.Signer.forProfile(name, 'ck', 'cs', { account, token: 'tk', tokenSecret: 'ts' });
    const url = 'https://api.example.com/v1/items?limit=5';
    const form = 'title=Hello%20world&n=1';
    const contentType = 'application/x-www-form-urlencoded';
    const signed = signer.sign('POST', url, { body: form, contentType });
    const credentials = new oauth1.Credentials().addConsumer('ck', 'cs').addToken('tk', 'ts', 'ck');
    const verifier = oauth1.Verifier.forProfile(name, credentials, { nonceStore: new oauth1.MemoryNonceStore() });
    for (const m of oauth1.SIGNATURE_METHODS) assert.equal(verifier.isAllowed(m), p.signatureMethods.includes(m), m);
    let verified;
    if (p.transmission === 'query') {
      verified = verifier.verify('POST', signed.url, { body: form, contentType });
    } else if (p.transmission === 'form') {
      verified = verifier.verify('POST', url, { body: signed.formBody, contentType });
    } else {
      verified = verifier.verify('POST', url, { authorization: signed.authorizationHeader, body: form, contentType });
    }
    assert.equal(verified.token, 'tk');
    assert.equal(verified.signatureMethod, p.defaultSignatureMethod);
  });
}

test('NetSuite profile: account required, HMAC-SHA1 refused, realm made, timestamps never go backwards', () => {
  assert.throws(() => oauth1.Signer.forProfile('netsuite', 'ck', 'cs'), (e) => e.kind === 'invalid_parameter' && /account/.test(e.message));
  assert.throws(() => oauth1.Signer.forProfile('netsuite', 'ck', 'cs', { account: '1234567', signatureMethod: 'HMAC-SHA1' }),
    (e) => e.kind === 'unsupported_signature_method');
  const signer = oauth1.Signer.forProfile('netsuite', 'ck', 'cs', { account: '1234567-sb1', token: 'tk', tokenSecret: 'ts' });
  assert.equal(signer.realm, '1234567_SB1');
  const url = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer';
  signer.sign('GET', url, { timestamp: '4102444800' });
  // The clock is earlier than the last timestamp: the signer keeps the last one.
  const fresh = new Map(signer.sign('GET', url).oauthParameters);
  assert.equal(fresh.get('oauth_timestamp'), '4102444800');
  assert.throws(() => signer.sign('GET', url, { timestamp: '1700000000' }),
    (e) => e.kind === 'invalid_parameter' && /never go backwards/.test(e.message));
});

test('monotonicTimestamps: off for other profiles, on when asked; fresh timestamps never go backwards', () => {
  const plain = oauth1.Signer.forProfile('x', 'ck', 'cs');
  plain.sign('GET', 'https://api.x.com/2/users/me', { timestamp: '4102444800' });
  assert.notEqual(new Map(plain.sign('GET', 'https://api.x.com/2/users/me').oauthParameters).get('oauth_timestamp'), '4102444800');
  const mono = oauth1.Signer.forProfile('x', 'ck', 'cs', { monotonicTimestamps: true });
  let last = 0;
  for (let i = 0; i < 50; i++) {
    const ts = Number(new Map(mono.sign('GET', 'https://api.x.com/2/users/me').oauthParameters).get('oauth_timestamp'));
    assert.ok(ts >= last);
    last = ts;
  }
  mono.sign('GET', 'https://api.x.com/2/users/me', { timestamp: '4102444800' });
  assert.throws(() => mono.sign('GET', 'https://api.x.com/2/users/me', { timestamp: '1700000000' }), /never go backwards/);
  const off = oauth1.Signer.forProfile('netsuite', 'ck', 'cs', { account: '1234567', monotonicTimestamps: false });
  off.sign('GET', 'https://1234567.suitetalk.api.netsuite.com/x', { timestamp: '4102444800' });
  off.sign('GET', 'https://1234567.suitetalk.api.netsuite.com/x', { timestamp: '1700000000' });
});

test('unclosed profile signers, verifiers and TokenPassports are freed by the finalizers', async () => {
  if (typeof global.gc !== 'function') return;
  const credentials = new oauth1.Credentials();
  const nonceStore = new oauth1.MemoryNonceStore();
  for (let i = 0; i < 500; i++) {
    oauth1.Signer.forProfile('netsuite', 'ck', 'cs', { account: '1234567' }).sign('GET', 'https://h.example/');
    oauth1.Verifier.forProfile('lti11', credentials, { nonceStore });
    new oauth1.TokenPassportSigner('1234567', 'ck', 'cs', 'tk', 'ts').sign().toXml();
  }
  global.gc();
  await new Promise((resolve) => setImmediate(resolve));
  global.gc();
});
