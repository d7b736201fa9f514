// Type declarations for liboauth1's Node.js binding (index.js).

/** The library's version, e.g. "0.1.0". */
export const version: string;

/** Pass as `timestamp` or `nonce` to leave the parameter out (PLAINTEXT allows it). */
export const OMIT: unique symbol;

export type SignatureMethod =
  | 'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT' | 'RSA-SHA1' | 'RSA-SHA256' | 'RSA-SHA512';
export const SIGNATURE_METHODS: readonly SignatureMethod[];

/** Which requests carry `oauth_body_hash`: never, non-empty non-form bodies, or every request. */
export type BodyHashPolicy = 'off' | 'non-form' | 'always';
export const BODY_HASH_POLICIES: readonly BodyHashPolicy[];

/** The stable name of each oauth1_result code, indexed by its number. */
export type ErrorKind =
  | 'ok' | 'null_parameter' | 'invalid_utf8' | 'panic' | 'not_found' | 'interior_nul' | 'invalid_url'
  | 'invalid_encoding' | 'unsupported_signature_method' | 'invalid_key' | 'invalid_parameter'
  | 'invalid_response' | 'other' | 'verification_failed';
export const RESULT_KINDS: readonly ErrorKind[];

/** Every failure of the library, with its detailed message naming the offending input. */
export class OAuth1Error extends Error {
  /** The result's stable name, e.g. `invalid_url`. */
  readonly kind: ErrorKind;
  /** The oauth1_result number of the C ABI. */
  readonly result: number;
}

/** A refused request: what to answer. */
export class VerificationError extends OAuth1Error {
  /** The `oauth_problem` code, e.g. `signature_invalid`. */
  readonly problem: string;
  /** The parameter names concerned (absent or rejected ones). */
  readonly parameters: string[];
  /** 400 or 401. */
  readonly httpStatus: number;
  /** The `WWW-Authenticate` value for the verifier's realm. */
  readonly wwwAuthenticate: string;
  /** The form-encoded response body (`oauth_problem=...`). */
  readonly body: string;
  /** For `timestamp_refused`: the range accepted at the time of the check. */
  readonly acceptableTimestamps: [number, number] | null;
}

/** Bytes for a body: a string is sent as UTF-8. */
export type Body = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** A value of `oauth_timestamp` / `oauth_nonce`: fresh when undefined, fixed, or OMIT. */
export type Generated = string | number | bigint | typeof OMIT | null | undefined;

export interface SignOptionsInit {
  timestamp?: Generated;
  nonce?: Generated;
  callback?: string | null;
  verifier?: string | null;
  /** Further protocol parameters (names start with `oauth_`). */
  extraOAuthParams?: Record<string, string> | Map<string, string>;
}

/** Library handles: close() frees now; otherwise a finalizer does once unreachable. */
export interface Closable {
  close(): void;
  [Symbol.dispose](): void;
}

/** Per-request protocol parameters, reusable for many requests. */
export class SignOptions implements Closable {
  constructor(init?: SignOptionsInit);
  close(): void;
  [Symbol.dispose](): void;
}

export interface SignInit extends SignOptionsInit {
  body?: Body | null;
  contentType?: string | null;
  /** A reusable SignOptions instead of the inline fields. */
  options?: SignOptions;
}

/** A signed request: every transmission and the explanation. */
export class SignedRequest implements Closable {
  readonly authorizationHeader: string;
  readonly signature: string;
  readonly baseString: string;
  readonly normalizedParameters: string;
  /** The URL with the protocol parameters in its query. */
  readonly url: string;
  /** The form body with the protocol parameters appended; throws for a non-form body. */
  readonly formBody: string;
  readonly oauthQuery: string;
  readonly oauthParameters: Array<[string, string]>;
  close(): void;
  [Symbol.dispose](): void;
}

export interface SignerOptions {
  token?: string | null;
  tokenSecret?: string;
  signatureMethod?: SignatureMethod;
  realm?: string | null;
  /** PKCS#8 or PKCS#1 PEM, for the RSA methods. */
  rsaPrivateKey?: string | null;
  includeVersion?: boolean;
  /** true is 'always', false 'off' (the default). */
  bodyHash?: BodyHashPolicy | boolean;
  nonceLength?: number;
  nonceAlphabet?: string;
  /** Timestamps that never go backwards (NetSuite's rule; on for the netsuite profile, off otherwise). */
  monotonicTimestamps?: boolean;
}

export interface ProfileSignerOptions extends SignerOptions {
  /** The profile's account: a NetSuite account id (`1234567-sb1`, realm `1234567_SB1`) or a store URL. */
  account?: string | null;
}

export class Signer implements Closable {
  constructor(consumerKey: string, consumerSecret: string, options?: SignerOptions);
  /** A signer with a provider profile's settings (see profiles()); refuses a method the provider does not accept. */
  static forProfile(profile: string, consumerKey: string, consumerSecret: string, options?: ProfileSignerOptions): Signer;
  readonly consumerKey: string;
  readonly token: string | null;
  readonly signatureMethod: SignatureMethod;
  readonly realm: string | null;
  withToken(token: string, tokenSecret: string): Signer;
  /** Signs synchronously. */
  sign(method: string, url: string, init?: SignInit): SignedRequest;
  /** Signs like sign() and returns only the Authorization header value (no handle kept). */
  authorizationHeader(method: string, url: string, init?: SignInit): string;
  requestTokenRequest(url: string, init?: { callback?: string | null }): SignedRequest;
  accessTokenRequest(url: string, init: { verifier: string }): SignedRequest;
  close(): void;
  [Symbol.dispose](): void;
}

export function authorizationUrl(authorizeUrl: string, requestToken: string): string;
export function parseCallback(urlOrQuery: string, options?: { requestToken?: string | null }): { token: string; verifier: string };

export interface TokenResponse {
  token: string;
  tokenSecret: string;
  /** null when the response did not send `oauth_callback_confirmed`. */
  callbackConfirmed: boolean | null;
  /** Every other field, in order. */
  extra: Array<[string, string]>;
  get(name: string): string | null;
}
export function parseTokenResponse(body: Body, options?: { requireCallbackConfirmed?: boolean }): TokenResponse;

export class Credentials implements Closable {
  constructor();
  addConsumer(consumerKey: string, secret: string | null, options?: { rsaPublicKey?: string | null }): this;
  addToken(token: string, secret: string, consumerKey: string): this;
  removeConsumer(consumerKey: string): boolean;
  removeToken(token: string): boolean;
  readonly consumerCount: number;
  readonly tokenCount: number;
  close(): void;
  [Symbol.dispose](): void;
}

export type Seconds = number | bigint;

export class MemoryNonceStore implements Closable {
  constructor();
  checkAndRecord(consumerKey: string, token: string | null, timestamp: Seconds, nonce: string,
    clock: { now: Seconds; window: Seconds }): boolean;
  contains(consumerKey: string, token: string | null, timestamp: Seconds, nonce: string): boolean;
  readonly size: number;
  forgetExpired(clock: { now: Seconds; window: Seconds }): void;
  close(): void;
  [Symbol.dispose](): void;
}

/** Headers as a server has them. */
export type HeadersInit = Record<string, string> | Array<[string, string]> | Map<string, string> | Headers;

export interface VerifiedRequest {
  readonly consumerKey: string;
  readonly token: string | null;
  readonly signatureMethod: SignatureMethod;
  readonly realm: string | null;
  readonly nonce: string | null;
  readonly timestamp: number | null;
  /** `header`, `body` or `query`. */
  readonly parameterLocation: 'header' | 'body' | 'query';
  readonly oauthParameters: Array<[string, string]>;
}

export interface VerifierOptions {
  nonceStore: MemoryNonceStore;
  signatureMethods?: Iterable<SignatureMethod>;
  timestampWindow?: Seconds;
  /** A fixed clock, Unix seconds. */
  now?: Seconds | null;
  /** The provider's realm, for refusals' WWW-Authenticate. */
  realm?: string;
}

export class Verifier implements Closable {
  constructor(credentials: Credentials, options: VerifierOptions);
  /** A verifier accepting exactly a profile's signature methods. */
  static forProfile(profile: string, credentials: Credentials, options: VerifierOptions): Verifier;
  readonly credentials: Credentials;
  readonly nonceStore: MemoryNonceStore;
  readonly realm: string;
  readonly timestampWindow: number;
  readonly now: number;
  allowSignatureMethod(name: SignatureMethod): void;
  isAllowed(name: SignatureMethod): boolean;
  setClock(now: Seconds | null): void;
  /** Returns the verified request or throws VerificationError. */
  verify(method: string, url: string, init?: {
    headers?: HeadersInit;
    authorization?: string | null;
    contentType?: string | null;
    body?: Body | null;
  }): VerifiedRequest;
  close(): void;
  [Symbol.dispose](): void;
}

export function receivedUrl(target: string, headers: HeadersInit,
  options?: { tls?: boolean; trustProxyHeaders?: boolean }): string;

/** A provider profile's settings and facts (oauth1_profile_get's fields). */
export interface Profile {
  readonly name: string;
  readonly displayName: string;
  readonly summary: string;
  readonly signatureMethods: SignatureMethod[];
  readonly defaultSignatureMethod: SignatureMethod;
  readonly transmission: 'header' | 'query' | 'form';
  readonly account: 'none' | 'netsuite-account-id' | 'store-url';
  readonly realm: 'none' | 'netsuite-account';
  readonly bodyHash: BodyHashPolicy;
  readonly timestamp: 'clock' | 'monotonic';
  readonly callbackConfirmedRequired: boolean;
  /** Endpoint templates with `{account}` or `{store}`; null when the provider has none. */
  readonly requestTokenUrl: string | null;
  readonly authorizeUrl: string | null;
  readonly accessTokenUrl: string | null;
  readonly apiBase: string | null;
  readonly responseFields: string[];
  readonly pitfalls: string;
  /** The provider's documentation URLs. */
  readonly docs: string[];
}

/** One profile by name; an unknown name throws OAuth1Error (invalid_parameter). */
export function profile(name: string): Profile;
/** Every profile, sorted by name. */
export function profiles(): Profile[];
/** One field as the library's text (`display_name`, `signature_methods`, ...); null for an endpoint the profile has not. */
export function profileField(name: string, field: string): string | null;

/** One signed NetSuite SOAP `TokenPassport`. */
export class TokenPassport implements Closable {
  readonly algorithm: 'HMAC-SHA256';
  /** Base64. */
  readonly signature: string;
  /** `account&consumerKey&token&nonce&timestamp`. */
  readonly baseString: string;
  /** Unix seconds, as text. */
  readonly timestamp: string;
  readonly nonce: string;
  /** The `<tokenPassport>` element; `namespace` declared as its default namespace. */
  toXml(namespace?: string | null): string;
  close(): void;
  [Symbol.dispose](): void;
}

/** Signs TokenPassports for one NetSuite account, consumer and token; timestamps never go backwards. */
export class TokenPassportSigner implements Closable {
  constructor(account: string, consumerKey: string, consumerSecret: string, token: string, tokenSecret: string);
  /** Fresh timestamp and nonce when not given. */
  sign(init?: { timestamp?: string | number | null; nonce?: string | null }): TokenPassport;
  close(): void;
  [Symbol.dispose](): void;
}

/** A fetch init with the Authorization header added (signed synchronously). */
export function authorize(signer: Signer, url: string | URL, init?: RequestInit, sign?: SignOptionsInit): RequestInit;

/** A fetch (global or undici's) that signs each request with `signer`. */
export function withOAuth1<F extends (input: any, init?: any) => Promise<any>>(fetchImpl: F, signer: Signer): F;
