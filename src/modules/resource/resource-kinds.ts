/**
 * The kinds of resource. A leaf file (no imports), so that pure code such as the skill matcher can
 * name them without loading the model.
 */
export const RESOURCE_KINDS = ['COURSE', 'OPEN_SOURCE_PROJECT', 'EVENT', 'BOOK'] as const;
export type ResourceKindValue = (typeof RESOURCE_KINDS)[number];
