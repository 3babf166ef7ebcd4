/** Contracts of issue 3 (consultation). */
export {};
