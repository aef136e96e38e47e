/** Reads and writes skills. (Being written.) */
export class SkillService {}
