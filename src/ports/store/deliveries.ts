// Deliveries: each inbound delivery recorded once, its status, and (for the launch limit) the runs still alive.

import type { Delivery, NewDelivery } from "../../domain/deliveries";

export type { NewDelivery };

export interface DeliveryStore {
  /** `emit` is the event envelope (JSON) the delivery starts, kept so a lost emit can be retried. */
  /** A delivery that needs no workflow is recorded with its final `status` (and `error`, the reason) in the same write. */
  recordDelivery(d: NewDelivery): Promise<"new" | "duplicate">;
  /**
   * A batch (the ingress queue's) in one write: each delivery not seen before, by id or by body hash, is recorded;
   * a second one in the same batch is a duplicate like any other. Returns the batch's deliveries still waiting
   * for their emit (new ones, and ones recorded earlier whose emit never happened), once each.
   */
  recordDeliveries(ds: readonly NewDelivery[]): Promise<{ id: string; emit: string }[]>;
  /** Deliveries still "received" (never emitted) since before `receivedBefore`, oldest first. */
  stuckDeliveries(receivedBefore: string, limit: number): Promise<{ id: string; emit: string }[]>;
  getDelivery(id: string): Promise<Delivery | null>;
  /** One delivery or many in one write; "emitted" never undoes "processed" (a quick run can end before its emitter marks it). */
  setDeliveryStatus(id: string | readonly string[], status: Delivery["status"], error?: string | null): Promise<void>;
  listDeliveries(limit: number): Promise<Delivery[]>;
}
