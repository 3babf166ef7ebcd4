import type { Deps } from '../../deps';

// Placeholder: written by the synthetic-data engineer (issue 5).
export async function seedDemoPatentsIfEmpty(_deps: Deps): Promise<number> {
  return 0;
}
