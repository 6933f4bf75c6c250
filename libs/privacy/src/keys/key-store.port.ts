/** The person's data key was erased (crypto-shredded); it is never created again. */
export class SubjectErasedError extends Error {
  override readonly name = 'SubjectErasedError';
  constructor(readonly subjectId: string) {
    super(`The personal data of subject ${subjectId} has been erased.`);
  }
}

/** A stored data key could not be unwrapped: the master key differs from the one that wrapped it, or the row was altered. */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
  constructor(
    readonly subjectId: string,
    reason: string,
  ) {
    super(`The data key of subject ${subjectId} cannot be unwrapped: ${reason}`);
  }
}

/**
 * Per-person data keys (DESIGN §2, envelope encryption). A subject is a person whose personal data is
 * encrypted under their own key; erasing the key makes every copy of that data unreadable.
 * Returned keys are copies the caller owns and may wipe.
 */
export interface KeyStore {
  /** The subject's 32-byte data key, created on first use. Throws `SubjectErasedError` after erasure. */
  getOrCreateKey(subjectId: string): Promise<Buffer>;
  /** The subject's data key, or null when it was erased or never created. */
  getKey(subjectId: string): Promise<Buffer | null>;
  /** Deletes the key for good and records that the subject was erased. Idempotent. */
  erase(subjectId: string): Promise<void>;
  isErased(subjectId: string): Promise<boolean>;
}
