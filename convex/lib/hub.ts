// The one door from the Worker: public functions that first check HUB_CONVEX_SECRET, compared in constant time.

import { ConvexError, v, type ObjectType, type PropertyValidators, type Validator } from "convex/values";
import type { RegisteredMutation, RegisteredQuery } from "convex/server";
import { mutation, query, type MutationCtx, type QueryCtx } from "../_generated/server";

/** Compares every byte whatever the first difference, so the time taken says nothing of the secret. */
export function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function checkSecret(secret: string) {
  const expected = process.env.HUB_CONVEX_SECRET;
  // No secret configured means nobody may call: an unset variable must not open the deployment.
  if (!expected || !sameSecret(secret, expected)) throw new ConvexError({ code: "unauthorized", message: "Bad or missing HUB_CONVEX_SECRET" });
}

type Def<Ctx, A extends PropertyValidators, R> = {
  args: A;
  returns: Validator<R, "required", string>;
  handler: (ctx: Ctx, args: ObjectType<A>) => Promise<R>;
};

type WithSecret<A extends PropertyValidators> = ObjectType<A> & { secret: string };

export function hubQuery<A extends PropertyValidators, R>(def: Def<QueryCtx, A, R>): RegisteredQuery<"public", WithSecret<A>, Promise<R>> {
  return query({
    args: { ...def.args, secret: v.string() },
    returns: def.returns,
    // The spread args lose their inferred type in TypeScript; the validators above still check them at runtime.
    handler: (ctx: any, { secret, ...args }: any) => {
      checkSecret(secret);
      return def.handler(ctx, args as ObjectType<A>) as Promise<any>;
    },
  });
}

export function hubMutation<A extends PropertyValidators, R>(def: Def<MutationCtx, A, R>): RegisteredMutation<"public", WithSecret<A>, Promise<R>> {
  return mutation({
    args: { ...def.args, secret: v.string() },
    returns: def.returns,
    // The spread args lose their inferred type in TypeScript; the validators above still check them at runtime.
    handler: (ctx: any, { secret, ...args }: any) => {
      checkSecret(secret);
      return def.handler(ctx, args as ObjectType<A>) as Promise<any>;
    },
  });
}
