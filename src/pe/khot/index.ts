/** `lowbit-hdl/pe` khot: public generators, params and cosim specs. */
export {};
