import { EDITION_VERSION, SOURCE_FORMAT, type SourceDescriptor } from '../../shared/edition/edition-format.ts';
import { EditionError, parseSourceDescriptor } from '../../shared/edition/parse-edition.ts';
import { CliError, USAGE } from '../cli-error.ts';
import { signJson, type SigningKey } from '../../shared/signing.ts';

export interface DescriptorFields {
  name: string;
  mirrors: readonly string[];
  /** Every address where the reader app is hosted, the first the one readers show first. */
  apps?: readonly string[];
  sequence: number;
}

/**
 * The publisher's signed source descriptor, as `pamphlet-source.json` holds it and every bundle
 * made with the key carries it. Checked as a reader would check it, so that the CLI never writes
 * one that readers ignore (a name too long, an address that is not http(s)).
 *
 * The reader's addresses go into `app` (the first, for readers that know only `app`) and, when
 * there are several, `apps` (all of them): the two agree, and one address costs a shared link or
 * QR code no more than it did before `apps` existed.
 */
export async function signDescriptor(key: SigningKey, fields: DescriptorFields): Promise<SourceDescriptor> {
  const apps = fields.apps ?? [];
  const descriptor = await signJson(
    {
      format: SOURCE_FORMAT,
      version: EDITION_VERSION,
      name: fields.name,
      key: key.publicKey,
      mirrors: [...fields.mirrors],
      sequence: fields.sequence,
      ...(apps[0] !== undefined ? { app: apps[0] } : {}),
      ...(apps.length > 1 ? { apps: [...apps] } : {}),
    },
    key,
  );
  try {
    return await parseSourceDescriptor(descriptor);
  } catch (error) {
    if (error instanceof EditionError) throw new CliError(`Readers would ignore this publisher's details: ${error.message}`, USAGE);
    throw error;
  }
}

/** A sequence that never falls behind the clock: the Unix time in seconds, as editions use. */
export function clockSequence(now = new Date()): number {
  return Math.floor(now.getTime() / 1000);
}
