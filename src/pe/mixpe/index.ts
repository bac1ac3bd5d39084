/** `lowbit-hdl/pe` mixpe: public generators, params and cosim specs. */
export {};
