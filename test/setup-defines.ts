// What build.mjs defines for the app, for unit tests that import modules using it.
(globalThis as { __INCLUDE_DEMO_PUBLISHER__?: boolean }).__INCLUDE_DEMO_PUBLISHER__ = true;
