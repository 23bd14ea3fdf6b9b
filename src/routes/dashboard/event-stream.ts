// A server-sent-event body the hub writes without ever waiting on its reader, so a reader that stops reading leaves nothing pending.

const encoder = new TextEncoder();

export interface EventStream {
  /** The response body. */
  readonly body: ReadableStream<Uint8Array>;
  /** Queues text for the reader; does nothing once the reader has cancelled or the stream is closed. */
  send(text: string): void;
  /** Whether the reader has taken everything sent so far. */
  drained(): boolean;
  /** Whether the reader cancelled (the runtime reports a page that went away this way, where it can). */
  cancelled(): boolean;
  /** Ends the stream after what is queued; the reader may never take it, and nothing waits for it to. */
  close(): void;
}

/**
 * Lines are queued synchronously into a stream that keeps no buffer of its own (high-water mark 0), so a queue that
 * is not empty means the reader left a line unread. There is no write promise and no TransformStream: in workerd,
 * a write parked on an unread TransformStream rejects when the reader cancels, from inside the runtime where no
 * catch reaches it ("The readable side of this TransformStream is no longer readable."): an unhandled rejection.
 */
export function eventStream(onCancel: () => void): EventStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  let wasCancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel() {
        open = false;
        wasCancelled = true;
        onCancel();
      },
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    send(text) {
      if (open) controller.enqueue(encoder.encode(text));
    },
    drained: () => (controller.desiredSize ?? 0) >= 0,
    cancelled: () => wasCancelled,
    close() {
      if (!open) return;
      open = false;
      controller.close();
    },
  };
}
