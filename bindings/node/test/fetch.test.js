'use strict';
// The fetch helpers against a loopback node:http server that verifies each
// request with the binding's Verifier, as a provider would.

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const oauth1 = require('..');

// A provider on 127.0.0.1: answers 200 with what it verified, or the problem's status and body.
async function startProvider() {
  const credentials = new oauth1.Credentials().addConsumer('ck', 'cs').addToken('tk', 'ts', 'ck');
  const verifier = new oauth1.Verifier(credentials, { nonceStore: new oauth1.MemoryNonceStore(), realm: 'loopback' });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.entries(req.headers).map(([n, v]) => [n, Array.isArray(v) ? v.join(', ') : v]);
      try {
        const url = oauth1.receivedUrl(req.url, headers);
        const body = chunks.length ? Buffer.concat(chunks) : null;
        const v = verifier.verify(req.method, url, { headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ consumerKey: v.consumerKey, token: v.token, params: Object.fromEntries(v.oauthParameters) }));
      } catch (e) {
        if (!(e instanceof oauth1.VerificationError)) throw e;
        res.writeHead(e.httpStatus, { 'www-authenticate': e.wwwAuthenticate });
        res.end(e.body);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

test('withOAuth1(fetch): GET, form (URLSearchParams), JSON with body hash, a Request; verified by the provider', async () => {
  const { server, base } = await startProvider();
  try {
    const signer = new oauth1.Signer('ck', 'cs', { token: 'tk', tokenSecret: 'ts', bodyHash: 'non-form' });
    const signedFetch = oauth1.withOAuth1(fetch, signer);

    let r = await signedFetch(`${base}/me?fields=a%2Cb`);
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal((await r.json()).token, 'tk');

    r = await signedFetch(`${base}/records`, { method: 'POST', body: new URLSearchParams({ title: 'Hi there', tag: 'a,b' }) });
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal((await r.json()).params.oauth_body_hash, undefined, 'a form is signed as parameters, not hashed');

    r = await signedFetch(`${base}/records/1`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"done":true}' });
    assert.equal(r.status, 200, await r.clone().text());
    assert.ok((await r.json()).params.oauth_body_hash);

    r = await signedFetch(new Request(`${base}/records/2`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"x":1}' }));
    assert.equal(r.status, 200, await r.clone().text());

    // authorize(): the same header, for a fetch call made by hand; sent twice, the second is a replay.
    const init = oauth1.authorize(signer, `${base}/me`, {});
    assert.match(init.headers.get('authorization'), /^OAuth oauth_consumer_key="ck"/);
    assert.equal((await fetch(`${base}/me`, init)).status, 200);
    r = await fetch(`${base}/me`, init);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'OAuth realm="loopback"');
    assert.match(await r.text(), /^oauth_problem=nonce_used/);

    assert.throws(() => oauth1.authorize(signer, `${base}/x`, { method: 'POST', body: new Blob(['x']) }), TypeError);
  } finally {
    server.close();
  }
});
