// Types `env` from cloudflare:test: the Worker's generated bindings (src/worker-configuration.d.ts) plus what the test config injects.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}

// Fixtures imported as text (`?raw`), the way worker tests read test/fixtures.
declare module "*?raw" {
  const text: string;
  export default text;
}

