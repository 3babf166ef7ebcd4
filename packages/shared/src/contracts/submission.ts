/** Contracts of issue 3 (submission). */
export {};
