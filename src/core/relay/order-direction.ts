import { registerEnumType } from 'type-graphql';
import type { SortDirection } from './keyset-pagination';

/** Direction of an `orderBy` input; shared by every ordered connection. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Direction in which a list is ordered.',
  valuesConfig: {
    ASC: { description: 'Ascending: A→Z, oldest first, smallest first.' },
    DESC: { description: 'Descending: Z→A, newest first, largest first.' },
  },
});

/** The MongoDB sort direction (1 or -1) of an `OrderDirection`. */
export function toSortDirection(direction: OrderDirection | null | undefined): SortDirection {
  return direction === OrderDirection.DESC ? -1 : 1;
}
