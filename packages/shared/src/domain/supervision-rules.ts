// Placeholder: filled in by the enforcement work (issue 4).
export {};
