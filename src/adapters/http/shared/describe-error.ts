/** Name and stack only: driver errors may quote parameters, which can hold secrets. */
export function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, code: typeof code === 'string' ? code : undefined, stack: error.stack?.split('\n').slice(1, 6).join('\n') };
}
