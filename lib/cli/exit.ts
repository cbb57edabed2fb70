let code = 0;

/** Commands report a non-zero outcome here (e.g. pending migrations); main exits with it. */
export function setExitCode(next: number): void {
  code = next;
}

export function exitCode(): number {
  return code;
}
