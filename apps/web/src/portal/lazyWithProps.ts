import type { ComponentType, LazyExoticComponent } from 'react';
import { lazyPage } from '../ui/lazyPage';

/** lazyPage (reload once after a deployment) for components that take props. */
export function lazyWithProps<P extends object>(loader: () => Promise<{ default: ComponentType<P> }>): LazyExoticComponent<ComponentType<P>> {
  return lazyPage(loader as unknown as () => Promise<{ default: ComponentType }>) as unknown as LazyExoticComponent<ComponentType<P>>;
}
