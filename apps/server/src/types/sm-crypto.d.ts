/** sm-crypto ships no types; the parts we use are typed where they are called (src/lib/crypto.ts). */
declare module 'sm-crypto';
