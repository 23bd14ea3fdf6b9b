// The event vocabulary lives in the domain (src/domain/events.ts); workflows read it from here too.

export * from "../domain/events";
