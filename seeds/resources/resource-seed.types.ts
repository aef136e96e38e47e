/** Records of one source that were not turned into resources of their own, grouped by why. */
export interface SkippedRecords {
  reason: string;
  count: number;
}
