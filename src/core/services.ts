/**
 * The feature services a request can reach through `context.services`, one entry per service.
 *
 * Core names no feature: each module adds its own entry to this interface next to its service class
 * (TypeScript declaration merging: `declare module '../../core/services' { interface Services { … } }`),
 * and the composition root (src/app/services.ts) builds an object of exactly this type, so a service a
 * module declares but the app forgets to build is a type error, not a runtime `undefined`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the feature modules (declaration merging)
export interface Services {}
