export { NodeResolver } from './node.resolver';
export { Node } from './node.type';
