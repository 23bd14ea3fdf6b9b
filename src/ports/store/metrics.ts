// What /metrics reads: per-minute request counts (tallied per isolate, written every few seconds) and counts derived from what the store already records.

import type { DeliveryStatus } from "../../domain/deliveries";

/** Requests of one minute and latency bucket (domain/metrics.ts bucketIndex): one, or an isolate's tally of several. */
export interface RequestSample {
  minute: string;
  route: string;
  method: string;
  status: number;
  bucket: number;
  /** Their latencies summed. */
  seconds: number;
  /** How many requests the sample stands for; 1 when absent. */
  count?: number;
}

/** Requests summed over every minute recorded, per route, method, status and latency bucket. */
export interface RequestCount {
  route: string;
  method: string;
  status: number;
  bucket: number;
  count: number;
  seconds: number;
}

/** Ended deliveries (processed or failed) per event, bucketed by how long from received to their last status. */
export interface RunCount {
  source: string;
  event: string;
  status: DeliveryStatus;
  bucket: number;
  count: number;
  seconds: number;
}

export interface StoreCounts {
  deliveries: { source: string; status: DeliveryStatus; count: number }[];
  runs: RunCount[];
  emails: { kind: string; status: string; count: number }[];
  tasks: { projectKey: string; status: string; count: number }[];
  /** The intents Claude Code deliveries carried, by intent type (upsert, list, depend…). */
  intents: { kind: string; count: number }[];
  /** Tables whose counts cover only their newest rows (a store that reads a bounded amount per call says which). */
  truncated: string[];
}

export interface MetricsStore {
  /** Adds the sample's requests to its minute's row (an upsert: one write, whichever isolate served them). */
  countRequest(r: RequestSample): Promise<void>;
  /** Every series summed: the running totals (minute TOTAL_MINUTE) plus the minutes not yet folded into them. */
  requestCounts(): Promise<RequestCount[]>;
  /**
   * Folds the oldest minute rows older than `before` into the running totals, a bounded batch per call, each batch one
   * transaction, so a scrape reads a bounded number of rows; true while older minutes remain.
   */
  rollUpRequests(before: string): Promise<boolean>;
  /** runBounds: the run-duration histogram's upper bounds in seconds; a run's bucket is the first bound it fits under. */
  storeCounts(runBounds: readonly number[]): Promise<StoreCounts>;
}
