/** `lowbit-hdl/pe` qfx: public generators, params and cosim specs. */
export {};
