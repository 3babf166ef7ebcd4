import type { Executor } from '../../db/database';

// Placeholder: written by the patent core engineer (issue 5).
export async function seedPatentReference(_ex: Executor, _opts: { demo: boolean }): Promise<void> {}
