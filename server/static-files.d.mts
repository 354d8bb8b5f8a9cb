// The types of static-files.mjs, for the publisher's command (TypeScript), which serves files with it.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StaticFilesOptions {
  precompressed?: boolean;
  setHeaders?: (res: ServerResponse, pathname: string) => void;
}

export function staticFiles(
  root: string,
  options?: StaticFilesOptions,
): (req: IncomingMessage, res: ServerResponse, notFound: () => void) => void;
