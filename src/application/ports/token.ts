declare const bound: unique symbol;

/**
 * A container key that carries the type bound to it. It is a plain symbol
 * at run time (the application layer knows no container); the phantom
 * member lets the bootstrap helpers refuse, at compile time, a value or a
 * constructor parameter of another type.
 */
export type Token<T> = symbol & { readonly [bound]?: T };

/** The type a token is bound to. */
export type TokenType<K> = K extends Token<infer T> ? T : never;

export function token<T>(description: string): Token<T> {
  return Symbol(description) as Token<T>;
}
