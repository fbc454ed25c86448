import type { Context } from 'koa';
import { Actors, ChangeContext } from '../../../domain/audit/change-context';

/** A JFramework write's context: the Auth-Key that authenticated it and the request's correlation id. */
export function brandKeyChange(ctx: Context): ChangeContext {
  return { actor: Actors.brandKey(ctx.state.keyId), correlationId: ctx.state.correlationId ?? null };
}

/** A portal write's context: the admin whose token authenticated it and the request's correlation id. */
export function portalAdminChange(ctx: Context): ChangeContext {
  return { actor: Actors.portalAdmin(ctx.state.portalAdmin.id), correlationId: ctx.state.correlationId ?? null };
}
