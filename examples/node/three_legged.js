#!/usr/bin/env node
'use strict';
// The whole OAuth 1.0a flow (RFC 5849 s2) against a provider, signing with
// liboauth1's Node.js binding (bindings/node) and sending with fetch. Each
// step is printed by name with what was sent and what came back.
//
//     node examples/node/three_legged.js BASE_URL
//
// BASE_URL is the provider's, e.g. the first line `oauth1 serve --port 0
// --auto-approve` prints. The consumer's credentials come from
// OAUTH1_CONSUMER_KEY and OAUTH1_CONSUMER_SECRET (the local provider's demo
// consumer when unset). The provider must approve on its own (auto-approve).
//
// Exit status 0 only when every step succeeded.

const oauth1 = require('../../bindings/node');

const FORM = 'application/x-www-form-urlencoded';
const STEPS = 8;

class StepFailed extends Error {}

async function main() {
  const baseUrl = (process.argv[2] || process.env.OAUTH1_PROVIDER || '').replace(/\/+$/, '');
  if (!baseUrl) {
    console.error('usage: three_legged.js BASE_URL (e.g. http://127.0.0.1:8080)');
    return 2;
  }
  const consumerKey = process.env.OAUTH1_CONSUMER_KEY || 'demo-consumer';
  const consumerSecret = process.env.OAUTH1_CONSUMER_SECRET || 'demo-consumer-secret';
  console.log(`Node.js client (liboauth1 ${oauth1.version}, node ${process.version}, fetch) against ${baseUrl}`);
  const consumer = new oauth1.Signer(consumerKey, consumerSecret);
  let passed = 0;
  const step = (name) => console.log(`\n== ${name} ==`);
  const ok = () => { console.log('  ok'); passed++; };

  async function send(method, url, signed, { body, contentType, expected = 200 } = {}) {
    const headers = {};
    console.log(`  sent:     ${method} ${url}`);
    if (signed) {
      headers.Authorization = signed.authorizationHeader;
      console.log(`            Authorization: ${signed.authorizationHeader}`);
    }
    if (contentType) {
      headers['Content-Type'] = contentType;
      console.log(`            Content-Type: ${contentType}`);
    }
    if (body !== undefined) console.log(`            ${body}`);
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    console.log(`  received: HTTP ${response.status}`);
    const location = response.headers.get('location');
    if (location) console.log(`            Location: ${location}`);
    if (text) console.log(`            ${text}`);
    if (response.status !== expected) throw new StepFailed(`expected HTTP ${expected}, got ${response.status}`);
    return { response, text, location };
  }

  async function signedCall(signer, method, path, { body, contentType, expected } = {}) {
    const url = `${baseUrl}${path}`;
    const signed = signer.sign(method, url, { body, contentType });
    return send(method, url, signed, { body, contentType, expected });
  }

  let failed = 0;
  try {
    step('1. request token');
    let url = `${baseUrl}/oauth/request_token`;
    const callback = `${baseUrl}/callback`;
    console.log(`  oauth_callback: ${callback}`);
    let answer = await send('POST', url, consumer.requestTokenRequest(url, { callback }));
    const issued = oauth1.parseTokenResponse(answer.text, { requireCallbackConfirmed: true });
    ok();

    step('2. user authorization');
    answer = await send('GET', oauth1.authorizationUrl(`${baseUrl}/oauth/authorize`, issued.token), null, { expected: 302 });
    if (!answer.location) throw new StepFailed('no redirect to the callback');
    ok();

    step('3. callback with verifier');
    const cb = oauth1.parseCallback(answer.location, { requestToken: issued.token });
    console.log(`  callback: ${answer.location}`);
    console.log(`  oauth_token=${cb.token} oauth_verifier=${cb.verifier}`);
    ok();

    step('4. access token');
    url = `${baseUrl}/oauth/access_token`;
    const withRequestToken = consumer.withToken(issued.token, issued.tokenSecret);
    answer = await send('POST', url, withRequestToken.accessTokenRequest(url, { verifier: cb.verifier }));
    const access = oauth1.parseTokenResponse(answer.text, { requireCallbackConfirmed: false });
    const signer = consumer.withToken(access.token, access.tokenSecret);
    ok();

    step('5. GET with query');
    const meUrl = `${baseUrl}/api/me?fields=name%2Cemail&lang=en`;
    const meSigned = signer.sign('GET', meUrl);
    answer = await send('GET', meUrl, meSigned);
    if (JSON.parse(answer.text).query?.fields !== 'name,email') throw new StepFailed('the provider did not see the query');
    ok();

    step('6. POST with form');
    answer = await signedCall(signer, 'POST', '/api/records', {
      body: 'title=Hello+from+Node.js&tags=demo%2Cnode', contentType: FORM, expected: 201,
    });
    const recordId = JSON.parse(answer.text).id;
    if (!Number.isInteger(recordId)) throw new StepFailed('no record id in the answer');
    ok();

    step('7. PUT with JSON + body hash');
    // The same credentials, adding oauth_body_hash for bodies that are not forms.
    const hashing = new oauth1.Signer(consumerKey, consumerSecret, {
      token: access.token, tokenSecret: access.tokenSecret, bodyHash: 'non-form',
    });
    await signedCall(hashing, 'PUT', `/api/records/${recordId}`, {
      body: '{"title":"Hello again from Node.js","done":true}', contentType: 'application/json',
    });
    ok();

    step('8. replayed GET is refused');
    console.log('  the request of step 5 again, same nonce and signature:');
    answer = await send('GET', meUrl, meSigned, { expected: 401 });
    const problem = answer.text.split('&')[0];
    if (problem !== 'oauth_problem=nonce_used') throw new StepFailed(`expected oauth_problem=nonce_used, got ${problem}`);
    console.log(`  WWW-Authenticate: ${answer.response.headers.get('www-authenticate')}`);
    ok();
  } catch (error) {
    if (!(error instanceof StepFailed || error instanceof oauth1.OAuth1Error || error instanceof TypeError || error instanceof SyntaxError)) throw error;
    console.log(`  FAILED: ${error.message}`);
    failed = 1;
  }
  console.log(`\nNode.js flow: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed === STEPS ? 0 : 1;
}

main().then((status) => { process.exitCode = status; });
