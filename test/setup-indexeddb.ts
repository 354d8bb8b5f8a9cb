// IndexedDB for unit tests of the storage modules, in memory; e2e tests use the real one.
import 'fake-indexeddb/auto';
