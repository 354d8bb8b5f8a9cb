/** Performance marks of the library lock, for the bench (bench/lock.ts). */
export const UNLOCK_STARTED = 'pamphlet:unlock-started';
/** The passphrase's key derived (Argon2id, in its worker). */
export const UNLOCK_DERIVED = 'pamphlet:unlock-derived';
export const UNLOCK_FINISHED = 'pamphlet:unlock-finished';
