/** The request body could not be parsed as its declared content type. */
export class MalformedRequestBodyError extends Error {
  override readonly name = 'MalformedRequestBodyError';
  readonly statusCode = 400;

  constructor(readonly reason: string) {
    super(`The request body is not valid JSON: ${reason}`);
  }
}
