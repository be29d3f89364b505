/** Exhaustiveness check for switches over discriminated unions: a new member fails to compile. */
export function assertNever(value: never, context = 'value'): never {
  throw new Error(`unexpected ${context}: ${JSON.stringify(value)}`);
}
