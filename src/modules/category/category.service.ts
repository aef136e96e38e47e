/** Reads and writes categorys. (Being written.) */
export class CategoryService {}
