/** `lowbit-hdl/pe` baseline: public generators, params and cosim specs. */
export {};
