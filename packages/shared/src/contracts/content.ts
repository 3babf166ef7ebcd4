/** Contracts of issue 3 (content). */
export {};
