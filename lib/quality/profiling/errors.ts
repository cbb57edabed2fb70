/** A malformed input, with the 1-based line where it was found. */
export class ProfileInputError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "ProfileInputError";
  }
}
