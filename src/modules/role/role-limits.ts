/** How many skills each of a role's two lists may hold. */
export const MAX_ROLE_SKILLS = 100;
/** How many requirement groups a role may declare. */
export const MAX_REQUIREMENT_GROUPS = 50;
