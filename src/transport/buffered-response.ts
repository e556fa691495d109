/**
 * A `Response` whose body was read before it was handed on (by `pooledFetch`): its status and headers are its own,
 * and its body is served from the bytes read. Node's `Response` wraps every body in a web stream, which costs more
 * than the rest of a request; this one builds that stream (a plain `Response` of the same bytes) only when a body
 * member is used, and `readBody` takes the bytes without it (`bytesReadAhead`).
 */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #init: ResponseInit;
  #withBody?: Response;

  constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
  }

  /** The body as read, unless a body member has been used (then it is that response's to give). */
  get bytesReadAhead(): Uint8Array | undefined {
    return this.#withBody ? undefined : this.#bytes;
  }

  #body(): Response {
    this.#withBody ??= new Response(this.#bytes, this.#init);
    return this.#withBody;
  }

  override get body() {
    return this.#body().body;
  }
  override get bodyUsed() {
    return this.#withBody?.bodyUsed ?? false;
  }
  override arrayBuffer() {
    return this.#body().arrayBuffer();
  }
  override bytes() {
    return this.#body().bytes();
  }
  override blob() {
    return this.#body().blob();
  }
  override formData() {
    return this.#body().formData();
  }
  override json() {
    return this.#body().json();
  }
  override text() {
    return this.#body().text();
  }
  override clone(): Response {
    return this.#withBody ? this.#withBody.clone() : new BufferedResponse(this.#bytes, this.#init);
  }
}
