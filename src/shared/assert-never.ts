/**
 * The default of a `switch` over a union: the compiler refuses the call while a case is missing,
 * so that a new kind of action cannot be added without saying what it does. At run time it throws,
 * for a value the types did not foresee (an event built from untyped data).
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
