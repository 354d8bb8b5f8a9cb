// Written by scripts/make-sample.ts. The private half of this key was discarded after signing
// the built-in sample, so nothing else can ever be signed with it.
export const DEMO_PUBLISHER = {
  name: 'Pamphlet demo publisher',
  key: 'Lxwv0sPYhSl19gRxdPOiib9QS48fZUf393ei_2Ug7O0',
  fingerprint: 'dafd 6e73 e036 fad3 e5bc',
} as const;
