// Deliveries: each inbound delivery recorded once, its status, and (for the launch limit) the runs still alive.

import type { Delivery } from "../../domain/deliveries";

export interface NewDelivery {
  id: string;
  source: string;
  event: string;
  payload: string | null;
  at: string;
  emit?: string | null;
  status?: Delivery["status"];
  error?: string | null;
  /** SHA-256 of the signed body: a second delivery of the same body under a new id is a duplicate too. */
  bodyHash?: string | null;
}

export interface DeliveryStore {
  /** `emit` is the event envelope (JSON) the delivery starts, kept so a lost emit can be retried. */
  /** A delivery that needs no workflow is recorded with its final `status` (and `error`, the reason) in the same write. */
  recordDelivery(d: NewDelivery): Promise<"new" | "duplicate">;
  /** Deliveries still "received" (never emitted) since before `receivedBefore`, oldest first. */
  stuckDeliveries(receivedBefore: string, limit: number): Promise<{ id: string; emit: string }[]>;
  getDelivery(id: string): Promise<Delivery | null>;
  setDeliveryStatus(id: string, status: Delivery["status"], error?: string | null): Promise<void>;
  listDeliveries(limit: number): Promise<Delivery[]>;
}
