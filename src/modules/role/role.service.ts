/** Reads and writes roles. (Being written.) */
export class RoleService {}
