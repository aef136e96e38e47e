/** Reads and writes resources. (Being written.) */
export class ResourceService {}
