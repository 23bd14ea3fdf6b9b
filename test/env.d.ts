// Types `env` from cloudflare:test as the Worker's own Env, plus what the test config injects.
declare namespace Cloudflare {
  interface Env extends import("../src/config").Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
