export { ProviderResolver } from './provider.resolver';
export { ProviderService } from './provider.service';
export { Provider, ProviderKind } from './provider.type';
