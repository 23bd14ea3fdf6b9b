// Whether a delivery's run may start now: the rule lives with ingress (src/app/ingress.ts); the re-emit sweep asks it here.

export { deliveryRunRoom } from "../app/ingress";
