import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { bytesToBase64Url } from '../shared/base64.ts';
import { importSigningKey, type SigningKey } from '../shared/signing.ts';
import { CliError } from './cli-error.ts';

/**
 * Keys on disk are PKCS#8 in PEM ("-----BEGIN PRIVATE KEY-----"), as OpenSSL writes them, so that
 * a newsroom can make, inspect and back them up with tools it already trusts.
 */
export function pemOf(pkcs8: Uint8Array): string {
  const base64 = Buffer.from(pkcs8).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN PRIVATE KEY-----\n${base64.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

/** The raw Ed25519 public key, base64url, of a private key. */
function publicKeyOf(privateKeyPem: string): string {
  const spki = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'der', type: 'spki' });
  return bytesToBase64Url(new Uint8Array(spki.subarray(spki.length - 32)));
}

export async function readSigningKey(path: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read the key file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}.`,
    );
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it holds an ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    const pkcs8 = new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
    return await importSigningKey(pkcs8, publicKeyOf(pem));
  } catch (error) {
    throw new CliError(`The key file ${path} is not a PKCS#8 Ed25519 private key: ${(error as Error).message}.`);
  }
}

/** A public key given on the command line: base64url itself, or a private key file to take it from. */
export async function readPublicKey(text: string): Promise<string> {
  if (/^[A-Za-z0-9_-]{43}$/.test(text)) return text;
  return (await readSigningKey(text)).publicKey;
}
