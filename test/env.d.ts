// Types `env` from cloudflare:test as the Worker's bindings plus what the test config injects.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    WORKFLOWS: Workflow;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}

// Fixtures imported as text (`?raw`), the way worker tests read test/fixtures.
declare module "*?raw" {
  const text: string;
  export default text;
}

