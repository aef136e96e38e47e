import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names (not aliases) of the fields selected under `path` below the field being resolved, e.g.
 * `['edges', 'node']` below a connection: every fragment and inline fragment is followed whatever its
 * type condition or `@include`/`@skip`, so the set is never smaller than what execution will read.
 * `__typename` is included when selected.
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): Set<string> {
  let level: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    level = fieldsOf(level, info.fragments).flatMap((field) => (field.name === name && field.selectionSet ? [field.selectionSet] : []));
  }
  return new Set(fieldsOf(level, info.fragments).map((field) => field.name));
}

/** The fields of some selection sets, fragments spread in, each with its own selection set. */
function fieldsOf(
  sets: SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): Array<{ name: string; selectionSet?: SelectionSetNode }> {
  const fields: Array<{ name: string; selectionSet?: SelectionSetNode }> = [];
  const pending = [...sets];
  const spread = new Set<string>();
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push({ name: selection.name.value, selectionSet: selection.selectionSet });
      else if (selection.kind === Kind.INLINE_FRAGMENT) pending.push(selection.selectionSet);
      else if (!spread.has(selection.name.value)) {
        // Validation refuses fragment cycles; the set only keeps a fragment spread twice from being walked twice.
        spread.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return fields;
}
