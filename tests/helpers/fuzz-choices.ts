import fc from 'fast-check';

/** Random choices drawn through fast-check's `gen`, so a run is reproducible from its seed (and shrinks a little). */
export class Choices {
  constructor(private readonly draw: fc.GeneratorValue) {}

  integer(min: number, max: number): number {
    return this.draw(fc.integer, { min, max });
  }

  /** True `percent` times in a hundred. */
  percent(percent: number): boolean {
    return this.integer(0, 99) < percent;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.integer(0, items.length - 1)];
  }

  /** Any code points, lone surrogates included. */
  text(maxLength: number): string {
    return this.draw(fc.string, { unit: 'binary', maxLength });
  }
}

/** A GraphQL request body's members, as the generator made them. */
export interface GeneratedRequest {
  query?: unknown;
  variables?: Record<string, unknown>;
  operationName?: unknown;
  extensions?: unknown;
}
